"""A SPARQL server's answer read by value, whatever its format or dialect: results XML or JSON (with
Virtuoso's ``typed-literal`` and booleans as 1/0), graphs in any RDF syntax. Terms come out as the
embedded store gives them (pyoxigraph terms, canonical booleans, xsd:string as a simple literal)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

import pyoxigraph as ox
from policykg.graph.store import ox_to_json

XSD = "http://www.w3.org/2001/XMLSchema#"
RESULTS_XML = "application/sparql-results+xml"
RESULTS_JSON = "application/sparql-results+json"
NTRIPLES = "application/n-triples"
# results XML first: the standard since SPARQL 1.0, and Virtuoso writes it twice as fast as its JSON
ACCEPT_RESULTS = f"{RESULTS_XML}, {RESULTS_JSON};q=0.9"
_BOOLEAN = ox.NamedNode(XSD + "boolean")
_CANONICAL_BOOLEAN = {"1": "true", "0": "false"}


@dataclass
class Solutions:
    """A SELECT answer: variable names and rows of terms (None where unbound)."""

    names: list[str]
    rows: list[tuple[Any, ...]]

    def json_rows(self) -> list[dict[str, dict[str, str]]]:
        """The rows in the W3C results JSON form."""
        return [{n: ox_to_json(t) for n, t in zip(self.names, row) if t is not None} for row in self.rows]

    def values(self) -> list[dict[str, str | None]]:
        """The rows as {variable: value or None}."""
        return [{n: (t.value if t is not None else None) for n, t in zip(self.names, row)} for row in self.rows]


def canonical(term: Any) -> Any:
    """A boolean written 1/0 as true/false; any other term as it is."""
    if type(term) is ox.Literal and term.value in _CANONICAL_BOOLEAN and term.datatype == _BOOLEAN:
        return ox.Literal(_CANONICAL_BOOLEAN[term.value], datatype=_BOOLEAN)
    return term


def _json_term(cell: dict[str, str]) -> Any:
    kind, value = cell.get("type"), cell["value"]
    if kind == "uri":
        return ox.NamedNode(value)
    if kind == "bnode":
        return ox.BlankNode(value)
    if kind in ("literal", "typed-literal"):  # typed-literal: the SPARQL 1.0 draft dialect (Virtuoso)
        if cell.get("xml:lang"):
            return ox.Literal(value, language=cell["xml:lang"])
        datatype = cell.get("datatype")
        return canonical(ox.Literal(value, datatype=ox.NamedNode(datatype))) if datatype else ox.Literal(value)
    raise ValueError(f"unknown term type {kind!r} in a results JSON answer")


def _from_json(content: bytes) -> Solutions | bool:
    answer = json.loads(content)
    if "boolean" in answer:
        return answer["boolean"] in (True, "true", 1, "1")
    names = answer.get("head", {}).get("vars", [])
    rows = [tuple(_json_term(b[n]) if n in b else None for n in names) for b in answer["results"]["bindings"]]
    return Solutions(names, rows)


def read_solutions(content: bytes, media_type: str) -> Solutions | bool:
    """A SELECT or ASK answer (results XML or JSON, any dialect)."""
    media_type = media_type.split(";")[0].strip().lower()
    if "json" in media_type:
        return _from_json(content)
    answer = ox.parse_query_results(content, format=ox.QueryResultsFormat.from_media_type(media_type)
                                    or ox.QueryResultsFormat.XML)
    if isinstance(answer, ox.QueryBoolean):
        return bool(answer)
    names = [v.value for v in answer.variables]
    return Solutions(names, [tuple(canonical(t) for t in solution) for solution in answer])


def read_graph(content: bytes, media_type: str) -> list[str]:
    """A CONSTRUCT or DESCRIBE answer as N-Triples lines, one a triple."""
    rdf_format = ox.RdfFormat.from_media_type(media_type.split(";")[0].strip()) or ox.RdfFormat.N_TRIPLES
    return [f"{t.subject} {t.predicate} {canonical(t.object)} ." for t in ox.parse(content, format=rdf_format)]
