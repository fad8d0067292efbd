"""Findings in the graph: one named graph per checked document, recomputed when documents change.

Reading is per document (its obligations; the documents it is based on; those based on it), each a
small query keyed by one IRI, never one join over the whole graph: a recompute touches the changed
documents, their bases and the documents based on them, and nothing else.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from datetime import UTC, date, datetime
from typing import Any

from policykg.graph import ids
from policykg.ingest.model import AgencyMention, Deadline, Obligation, Span, Target
from policykg.ontology.namespace import PKG, RDF, XSD
from policykg.search.consistency import KINDS, DocRecord, Finding, check_document
from policykg.search.consistency_match import ObligationMatcher, ObligationRef
from rdflib import Literal, URIRef


def checks_graph_iri(doc_iri: str) -> URIRef:
    """The named graph holding the findings of one checked document."""
    return ids.checks_graph_iri(doc_iri)


def finding_iri(doc_iri: str, finding_id: str) -> URIRef:
    """A finding node, under its checked document."""
    return URIRef(f"{doc_iri}/finding/{finding_id}")


def finding_triples(doc_iri: str, findings: Iterable[Finding]) -> list[tuple[Any, Any, Any]]:
    """Triples of a checked document's findings, plus the time they were computed."""
    doc = URIRef(doc_iri)
    out: list[tuple[Any, Any, Any]] = [
        (doc, PKG.checkedAt, Literal(datetime.now(UTC).replace(microsecond=0), datatype=XSD.dateTime))]
    for f in findings:
        node = finding_iri(doc_iri, f.id or f.key())
        data = f.to_json()
        out += [(node, RDF.type, PKG.Finding), (node, PKG.findingKind, Literal(f.kind)),
                (node, PKG.kindConcept, PKG[f.kind]), (node, PKG.severity, Literal(f.severity)),
                (node, PKG.checkedDocument, doc), (node, PKG.message, Literal(f.reason)),
                (node, PKG.comparison, Literal(f.comparison)),
                (node, PKG.findingDetail, Literal(json.dumps(data, ensure_ascii=False), datatype=RDF.JSON))]
        if f.other_document is not None:
            out.append((node, PKG.comparedDocument, URIRef(f.other_document.iri)))
        for n, (ref, item) in enumerate(f.obligations):
            prop = PKG.checkedObligation if n == 0 else PKG.comparedObligation
            out += [(node, prop, URIRef(ref.iri)), (node, PKG.concerns, URIRef(ref.iri))]
            if item is not None:
                out.append((node, PKG.checkedDeadline if n == 0 else PKG.comparedDeadline, Literal(item.text)))
        if f.kind == "deadline_before_issue" and f.document.date:
            out.append((node, PKG.comparedDeadline, Literal(f.document.date.isoformat())))
        if f.match is not None:
            out.append((node, PKG.matchScore, Literal(round(f.match.score, 4), datatype=XSD.decimal)))
            out += [(node, PKG.sharedTerm, Literal(t)) for t in f.match.shared_terms]
    return out


def store_findings(kg: Any, doc_iri: str, findings: Iterable[Finding]) -> None:
    """Replace the checks graph of ``doc_iri`` with these findings."""
    kg.store.replace_graph(checks_graph_iri(doc_iri), finding_triples(doc_iri, findings))


def list_findings(kg: Any, doc_iri: str | None = None, kind: str | None = None) -> list[dict[str, Any]]:
    """Stored findings as JSON, newest documents first; filtered by checked document and kind."""
    where = [f"BIND(<{doc_iri}> AS ?doc)"] if doc_iri else []
    where.append("?f a pkg:Finding ; pkg:checkedDocument ?doc ; pkg:findingKind ?kind ; pkg:findingDetail ?detail .")
    if kind:
        where.append(f"FILTER(?kind = {json.dumps(kind, ensure_ascii=False)})")
    rows = kg.select("SELECT ?f ?detail WHERE { GRAPH ?g { " + " ".join(where) + " } } ORDER BY ?doc ?kind ?f")
    return [json.loads(r["detail"]) for r in rows if r.get("detail")]


def checked_documents(kg: Any) -> set[str]:
    """Documents whose checks have been computed."""
    return {r["doc"] for r in kg.select("SELECT ?doc WHERE { GRAPH ?g { ?doc pkg:checkedAt ?t } }")}


# -- reading records back from the graph ------------------------------------------------------

def _int(v: str | None) -> int:
    return int(v) if v not in (None, "") else 0


def _date(v: str | None) -> date | None:
    try:
        return date.fromisoformat(v[:10]) if v else None
    except ValueError:
        return None


def basis_of(kg: Any, doc_iri: str) -> list[str]:
    """Documents ``doc_iri`` is based on (eli:based_on), ingested ones only."""
    rows = kg.select(f"SELECT DISTINCT ?b WHERE {{ <{doc_iri}> eli:based_on ?b . ?b a pkg:PolicyDocument ; "
                     "pkg:sha256 ?sha }")
    return [r["b"] for r in rows if r["b"] != doc_iri]


def based_on(kg: Any, doc_iris: Iterable[str]) -> set[str]:
    """Documents based on any of ``doc_iris``: their findings depend on these documents."""
    iris = " ".join(f"<{i}>" for i in doc_iris)
    if not iris:
        return set()
    return {r["d"] for r in kg.select(f"SELECT DISTINCT ?d WHERE {{ VALUES ?b {{ {iris} }} ?d eli:based_on ?b }}")}


def _span(value: str | None) -> Span:
    start, _, end = (value or "").partition("-")
    return Span(_int(start), _int(end))


def _parts(kg: Any, doc_iri: str, link: str, required: tuple[str, ...], patterns: dict[str, str]
           ) -> list[tuple[str, dict[str, str]]]:
    """The parts ``link`` leads to from a document's obligations, as (obligation, {name: value}): each value
    read by one branch of a UNION of plain joins (``?n`` the part, ``?v`` the value), never by an OPTIONAL.
    Why: on about one fresh Virtuoso 7.2 server in fifteen, the one query of six OPTIONALs (two of them
    property paths) that read deadlines bound no date for 3 of seed003's 22 deadlines, on every later run of it
    there, while the store held the dates (show read them), losing a deadline_before_issue finding. Parts
    lacking a ``required`` value are left out, as a join would; a value stated twice reads as the least."""
    branches = " UNION ".join(f'{{ {pattern} BIND("{name}" AS ?k) }}' for name, pattern in patterns.items())
    found: dict[tuple[str, str], dict[str, str]] = {}
    for r in kg.select(f"SELECT ?o ?n ?k ?v WHERE {{ <{doc_iri}> pkg:hasObligation ?o . ?o {link} ?n . "
                       f"{branches} }}"):
        values = found.setdefault((r["o"], r["n"]), {})
        if r["v"] is not None and (r["k"] not in values or r["v"] < values[r["k"]]):
            values[r["k"]] = r["v"]
    return [(o, v) for (o, _), v in sorted(found.items()) if all(k in v for k in required)]


def load_record(kg: Any, doc_iri: str) -> DocRecord | None:
    """A document's title, date and obligations (with deadlines, targets, agencies, site types)."""
    head = kg.select(f"SELECT ?title ?date WHERE {{ <{doc_iri}> a pkg:PolicyDocument . "
                     f"OPTIONAL {{ <{doc_iri}> dcterms:title ?title }} "
                     f"OPTIONAL {{ <{doc_iri}> eli:date_document ?date }} }} LIMIT 1")
    if not head:
        return None
    obs = kg.select(f"""SELECT ?o ?text ?s ?e ?section ?source ?rule ?goal WHERE {{ <{doc_iri}> pkg:hasObligation ?o .
        ?o pkg:text ?text ; pkg:span ?span . BIND(STRBEFORE(?span, "-") AS ?s) BIND(STRAFTER(?span, "-") AS ?e)
        OPTIONAL {{ ?o pkg:section ?section }} OPTIONAL {{ ?o pkg:extractedFrom ?source }}
        OPTIONAL {{ ?o pkg:rule ?rule }} OPTIONAL {{ ?o a pkg:Goal . BIND(true AS ?goal) }} }}""")
    deadlines: dict[str, list[Deadline]] = {}
    for o, v in _parts(kg, doc_iri, "pkg:deadline", ("precision",), {
            "precision": "?n pkg:precision ?v", "text": "?n pkg:text ?v", "span": "?n pkg:span ?v",
            "date": "?n time:hasEnd ?i . ?i time:inXSDDate ?v", "start": "?n time:hasBeginning ?i . ?i time:inXSDDate ?v",
            "rec": "?n pkg:recurrence ?v", "event": "?n pkg:event ?v"}):
        deadlines.setdefault(o, []).append(Deadline(
            v.get("text", ""), _span(v.get("span")), v["precision"], _date(v.get("date")),  # type: ignore[arg-type]
            _date(v.get("start")), v.get("rec"), v.get("event")))
    targets: dict[str, list[Target]] = {}
    for o, v in _parts(kg, doc_iri, "pkg:target", ("value", "unit"), {
            "value": "?n pkg:value ?v", "unit": "?n pkg:unit ?v", "cmp": "?n pkg:comparator ?v",
            "text": "?n pkg:text ?v", "measure": "?n pkg:measure ?v", "span": "?n pkg:span ?v"}):
        targets.setdefault(o, []).append(Target(
            v.get("text", ""), _span(v.get("span")), float(v["value"]), v["unit"] or "",
            v.get("cmp") or ">=", v.get("measure", "")))  # type: ignore[arg-type]
    agencies: dict[str, list[AgencyMention]] = {}
    # DISTINCT: an agency named without a region is stated in every graph naming it (one row per graph)
    for r in kg.select(f"""SELECT DISTINCT ?o ?a ?name ?key WHERE {{ <{doc_iri}> pkg:hasObligation ?o .
            ?o pkg:assignment ?a . ?a pkg:agency ?ag . OPTIONAL {{ ?ag skos:prefLabel ?name }}
            OPTIONAL {{ ?a pkg:agencyKey ?key }} OPTIONAL {{ ?ag pkg:agencyKey ?key }} }}"""):
        agencies.setdefault(r["o"], []).append(AgencyMention(r["name"] or "", r["name"] or "", "lead", Span(0, 0),
                                                             key=r["key"] or ""))
    labels: dict[str, set[str]] = {}  # as written (pkg:SiteMention), and the concepts (skos:notation)
    for r in kg.select(f"""SELECT ?o ?label WHERE {{ <{doc_iri}> pkg:hasObligation ?o .
            ?o pkg:siteMention/pkg:text ?label }}"""):
        labels.setdefault(r["o"], set()).add(r["label"])
    concepts: dict[str, set[str]] = {}
    for r in kg.select(f"""SELECT ?o ?key WHERE {{ <{doc_iri}> pkg:hasObligation ?o .
            ?o pkg:siteType/skos:notation ?key }}"""):
        concepts.setdefault(r["o"], set()).add(r["key"])
    refs = []
    for r in sorted(obs, key=lambda r: _int(r["s"])):
        o = r["o"]
        ob = Obligation(r["text"] or "", Span(_int(r["s"]), _int(r["e"])), r["section"] or "",
                        tuple(agencies.get(o, ())), tuple(sorted(deadlines.get(o, ()), key=lambda d: d.span.start)),
                        tuple(sorted(targets.get(o, ()), key=lambda t: t.span.start)), tuple(sorted(labels.get(o, ()))),
                        "table" if (r["source"] or "") == "table" else "text", rule=r["rule"] or "",
                        site_type_concepts=tuple(sorted(concepts.get(o, ()))), kind="goal" if r["goal"] else "task")
        refs.append(ObligationRef(o, doc_iri, ob))
    return DocRecord(doc_iri, head[0]["title"], _date(head[0]["date"]), tuple(refs))


class GraphChecker:
    """Recomputes findings for changed documents, caching the records it read during one pass."""

    def __init__(self, kg: Any, matcher: ObligationMatcher):
        self.kg = kg
        self.matcher = matcher
        self._records: dict[str, DocRecord | None] = {}

    def record(self, doc_iri: str) -> DocRecord | None:
        """The record of one document, read once per checker."""
        if doc_iri not in self._records:
            self._records[doc_iri] = load_record(self.kg, doc_iri)
        return self._records[doc_iri]

    def check(self, doc_iri: str) -> list[Finding]:
        """Compute and store the findings of one document; returns them."""
        rec = self.record(doc_iri)
        if rec is None:
            self.kg.store.drop_graph(checks_graph_iri(doc_iri))
            return []
        bases = [b for b in (self.record(i) for i in basis_of(self.kg, doc_iri)) if b is not None]
        findings = check_document(rec, bases, self.matcher)
        store_findings(self.kg, doc_iri, findings)
        return findings

    def recompute(self, changed: Iterable[str]) -> dict[str, int]:
        """Recheck the changed documents and every document based on them: {doc IRI: finding count}."""
        changed = list(dict.fromkeys(changed))
        for iri in changed:
            self._records.pop(iri, None)
        affected = list(dict.fromkeys([*changed, *sorted(based_on(self.kg, changed))]))
        return {iri: len(self.check(iri)) for iri in affected}


def findings_for(kg: Any, doc_iri: str | None, kind: str | None,
                 matcher_factory: Callable[[], ObligationMatcher]) -> dict[str, Any]:
    """Stored findings (one document's, or all), checking first any document not yet checked."""
    if kind is not None and kind not in KINDS:
        raise ValueError(f"unknown finding kind {kind!r}; expected one of {', '.join(KINDS)}")
    done = checked_documents(kg)
    todo = [doc_iri] if doc_iri else ingested_documents(kg)
    todo = [d for d in todo if d not in done]
    if todo:
        checker = GraphChecker(kg, matcher_factory())
        for iri in todo:
            checker.check(iri)
    return {"findings": list_findings(kg, doc_iri, kind)}


def ingested_documents(kg: Any) -> list[str]:
    """Every ingested document (stubs known only from citations have no file and no checks)."""
    return [r["doc"] for r in kg.select("SELECT ?doc WHERE { ?doc a pkg:PolicyDocument ; pkg:sha256 ?sha } "
                                        "ORDER BY ?doc")]
