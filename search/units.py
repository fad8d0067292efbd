"""Index units (obligations and passages) with the document facts that filters need, read from the graph.

Every query is SPARQL over the terms of ``policykg.ontology.namespace``; every part other than the unit
text is OPTIONAL, so units still load while parts of the graph (obligations, site types, agencies)
are missing or change shape.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from policykg.ingest.model import LEVELS
from policykg.ontology.namespace import DCTERMS, ELI, PKG, RDFS, SKOS


@dataclass
class Unit:
    """One searchable piece of text and everything a filter or a result needs about it."""

    iri: str
    kind: str  # "obligation" | "passage"
    text: str
    doc_iri: str
    source: str = ""
    title: str = ""
    level: str = ""
    date: str = ""  # ISO date of the document, "" when unknown
    region: str = ""
    region_code: str = ""
    regions: list[str] = field(default_factory=list)  # the region and its parents, nearest first
    region_codes: list[str] = field(default_factory=list)
    agencies: list[str] = field(default_factory=list)  # names and surface forms
    site_types: list[str] = field(default_factory=list)  # keys and labels
    section: str = ""

    def to_json(self) -> dict[str, Any]:
        """A plain dict for the units file (as ``dataclasses.asdict``, without its deep copies: the unit table
        writes every unit at each slice of a first start)."""
        return {name: list(value) if isinstance(value, list) else value
                for name, value in ((name, getattr(self, name)) for name in self.__dataclass_fields__)}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Unit:
        """Inverse of ``to_json``; unknown keys from other versions are ignored."""
        names = cls.__dataclass_fields__.keys()
        return cls(**{k: v for k, v in data.items() if k in names})


# Prefix names of our own: the graph layer may prepend its standard ones, and a name must not be declared twice.
PREFIXES = (f"PREFIX qpkg: <{PKG}>\nPREFIX qeli: <{ELI}>\nPREFIX qskos: <{SKOS}>\nPREFIX qrdfs: <{RDFS}>\n"
            f"PREFIX qdct: <{DCTERMS}>\n")
_LEVEL_OF = {str(PKG[level]): level for level in LEVELS}


def _value(term: Any) -> str:
    if term is None:
        return ""
    if isinstance(term, dict):  # SPARQL JSON results binding
        return str(term.get("value", ""))
    return str(getattr(term, "value", term))


def rows(kg: Any, sparql: str) -> list[dict[str, str]]:
    """Run a SELECT and return plain {var: string} rows, whatever result shape the graph layer gives."""
    # no time limit: these are the index's own reads, and a slow machine must not leave the index unbuilt
    result = kg.query(PREFIXES + sparql, timeout=None)
    if isinstance(result, dict) and "results" in result:
        result = result["results"].get("bindings", [])
    elif hasattr(result, "bindings") and not callable(result.bindings):
        result = result.bindings
    out = []
    variables = [str(getattr(v, "value", v)).lstrip("?") for v in getattr(result, "variables", []) or []]
    for row in result:
        if isinstance(row, dict):
            out.append({str(k).lstrip("?"): _value(v) for k, v in row.items() if v is not None})
        elif variables:
            values = {}
            for name in variables:
                try:
                    term = row[name]
                except (KeyError, IndexError, TypeError):
                    term = None
                if term is not None:
                    values[name] = _value(term)
            out.append(values)
        elif hasattr(row, "asdict"):
            out.append({k: _value(v) for k, v in row.asdict().items()})
    return out


def _values_clause(var: str, iris: Iterable[str] | None) -> str:
    if iris is None:
        return ""
    # IRIs come from the graph itself; angle brackets or spaces would break the query, so skip those
    safe = [i for i in iris if not re.search(r"[<>\s\"{}|\\^`]", i)]
    return f"VALUES ?{var} {{ {' '.join(f'<{i}>' for i in safe)} }}\n"


def _documents(kg: Any, doc_iris: list[str] | None) -> dict[str, dict[str, Any]]:
    docs: dict[str, dict[str, Any]] = {}
    for r in rows(kg, "SELECT ?doc ?source ?title ?title2 ?level ?date ?region WHERE {\n" + _values_clause("doc", doc_iris)
                  + "?doc a qpkg:PolicyDocument .\n"
                  "OPTIONAL { ?doc qpkg:sourceFile ?source } OPTIONAL { ?doc qdct:title ?title }\n"
                  "OPTIONAL { ?doc qeli:title ?title2 } OPTIONAL { ?doc qpkg:level ?level }\n"
                  "OPTIONAL { ?doc qeli:date_document ?date } OPTIONAL { ?doc qpkg:region ?region } }"):
        d = docs.setdefault(r["doc"], {"source": "", "title": "", "level": "", "date": "", "region": ""})
        r.setdefault("title", r.get("title2", ""))
        if r.get("level"):
            r["level"] = _LEVEL_OF.get(r["level"], r["level"].rsplit("#", 1)[-1])
        for key in ("source", "title", "level", "date", "region"):
            if r.get(key) and not d[key]:
                d[key] = r[key][:10] if key == "date" else r[key]
    return docs


def _regions(kg: Any) -> dict[str, tuple[str, str, str]]:
    """region IRI -> (name, code, parent IRI)."""
    out: dict[str, tuple[str, str, str]] = {}
    for r in rows(kg, "SELECT ?r ?name ?code ?parent WHERE { ?r a qpkg:Region .\n"
                  "OPTIONAL { ?r qskos:prefLabel ?name } OPTIONAL { ?r qskos:notation ?code }\n"
                  "OPTIONAL { ?r qskos:broader ?parent } }"):
        old = out.get(r["r"], ("", "", ""))
        out[r["r"]] = (old[0] or r.get("name", ""), old[1] or r.get("code", ""), old[2] or r.get("parent", ""))
    return out


def _chain(region: str, regions: dict[str, tuple[str, str, str]]) -> tuple[list[str], list[str]]:
    names, codes, seen = [], [], set()
    while region and region in regions and region not in seen:
        seen.add(region)
        name, code, parent = regions[region]
        names.append(name)
        codes.append(code)
        region = parent
    return names, codes


def _text_units(kg: Any, kind: str, link: str, doc_iris: list[str] | None) -> list[tuple[str, str, str, str]]:
    found = rows(kg, "SELECT ?unit ?doc ?text ?section ?span WHERE {\n" + _values_clause("doc", doc_iris)
                 + f"?doc {link} ?unit . ?unit qpkg:text ?text .\n"
                 "OPTIONAL { ?unit qpkg:section ?section } OPTIONAL { ?unit qpkg:span ?span } }")
    # pkg:span is "start-end" (graph/nt.py): the digits before the dash order the units
    found.sort(key=lambda r: (r["doc"], int(s) if (s := r.get("span", "").partition("-")[0]).isdigit() else 0,
                              r["unit"]))
    seen, out = set(), []
    for r in found:
        if r["unit"] not in seen and r["text"].strip():
            seen.add(r["unit"])
            out.append((r["unit"], r["doc"], r["text"], r.get("section", "")))
    return out


def _obligation_facets(kg: Any, doc_iris: list[str] | None) -> tuple[dict[str, set[str]], dict[str, set[str]]]:
    agencies: dict[str, set[str]] = {}
    for r in rows(kg, "SELECT ?unit ?name ?label ?surface WHERE {\n" + _values_clause("doc", doc_iris)
                  + "?doc qpkg:hasObligation ?unit . ?unit qpkg:assignment ?a .\n"
                  "OPTIONAL { ?a qpkg:surfaceForm ?surface }\n"
                  "OPTIONAL { ?a qpkg:agency ?ag . OPTIONAL { ?ag qskos:prefLabel ?name } "
                  "OPTIONAL { ?ag qrdfs:label ?label } } }"):
        agencies.setdefault(r["unit"], set()).update(v for k, v in r.items() if k != "unit" and v)
    sites: dict[str, set[str]] = {}
    for r in rows(kg, "SELECT ?unit ?key ?label WHERE {\n" + _values_clause("doc", doc_iris)
                  + "?doc qpkg:hasObligation ?unit . ?unit qpkg:siteType ?st .\n"
                  "OPTIONAL { ?st qskos:notation ?key } OPTIONAL { ?st qskos:prefLabel ?label } }"):
        sites.setdefault(r["unit"], set()).update(v for k, v in r.items() if k != "unit" and v)
    return agencies, sites


def load_units(kg: Any, doc_iris: list[str] | None = None) -> list[Unit]:
    """Units of the given documents (all documents when None), obligations first, in text order."""
    docs = _documents(kg, doc_iris)
    regions = _regions(kg)
    agencies, sites = _obligation_facets(kg, doc_iris)
    units = []
    for kind, link in (("obligation", "qpkg:hasObligation"), ("passage", "qpkg:hasPassage")):
        for iri, doc_iri, text, section in _text_units(kg, kind, link, doc_iris):
            d = docs.get(doc_iri, {})
            names, codes = _chain(d.get("region", ""), regions)
            units.append(Unit(iri=iri, kind=kind, text=text, doc_iri=doc_iri, source=d.get("source", ""),
                              title=d.get("title", ""), level=d.get("level", ""), date=d.get("date", ""),
                              region=names[0] if names else "", region_code=codes[0] if codes else "",
                              regions=names, region_codes=codes, section=section,
                              agencies=sorted(agencies.get(iri, ())), site_types=sorted(sites.get(iri, ()))))
    return units


def vocabulary_from_graph(kg: Any) -> list[str]:
    """Agency, site-type and region labels in the graph, for the tokenizer's user dictionary."""
    words = []
    for r in rows(kg, "SELECT DISTINCT ?label WHERE { { ?x a qpkg:Agency } UNION { ?x a qpkg:SiteType } "
                  "UNION { ?x a qpkg:Region } { ?x qskos:prefLabel ?label } UNION { ?x qskos:altLabel ?label } "
                  "UNION { ?x qrdfs:label ?label } }"):
        words.append(r.get("label", ""))
    return [w for w in words if w]


def live_documents(kg: Any) -> set[str]:
    """IRIs of the documents the graph holds now."""
    return {r["doc"] for r in rows(kg, "SELECT ?doc WHERE { ?doc a qpkg:PolicyDocument }") if r.get("doc")}
