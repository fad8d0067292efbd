"""Reading the graph from routes: plain rows from SELECT, one document's triples, result formats."""

from __future__ import annotations

import json
from typing import Any

import pyoxigraph as ox
from policykg.graph.describe import document_triples
from policykg.ontology.namespace import DCTERMS, ELI, ORG, PKG, PROV, RDF, RDFS, SKOS, TIME, XSD

PREFIXES = {"pkg": PKG, "eli": ELI, "org": ORG, "skos": SKOS, "prov": PROV, "time": TIME, "dcterms": DCTERMS,
            "rdfs": RDFS, "xsd": XSD}


def select_rows(service: Any, query: str) -> list[dict[str, str | None]]:
    """The bindings of a SELECT as plain ``{var: value}`` dicts."""
    return service.kg.select(query)


class TripleText:
    """Triples held as N-Triples, with the serialisations an HTTP client may ask for."""

    def __init__(self, ntriples: str):
        self.text = ntriples

    def ntriples(self) -> str:
        """N-Triples, one triple a line."""
        return self.text + ("\n" if self.text and not self.text.endswith("\n") else "")

    def _parsed(self) -> list[Any]:
        return list(ox.parse(self.ntriples().encode("utf-8"), format=ox.RdfFormat.N_TRIPLES))

    def turtle(self) -> str:
        """Turtle with the ontology's prefixes."""
        prefixes = {k: str(v) for k, v in PREFIXES.items()}
        data = ox.serialize(self._parsed(), format=ox.RdfFormat.TURTLE, prefixes=prefixes)
        return data.decode("utf-8") if data else ""


def document_graph(service: Any, doc_iri: str) -> TripleText:
    """The document's own named graph with what its citations resolve to and the labels of the agencies and
    regions it names (see graph/describe.py), so a client reading this one answer can label every node."""
    return TripleText(document_triples(service.kg, doc_iri))


def triples_expanded_jsonld(ntriples: str) -> list[dict[str, Any]]:
    """Expanded JSON-LD of N-Triples (Oxigraph's serialiser: pyld's from_rdf is ~100x slower), with rdf:type
    as ``@type`` (as from_rdf writes it), so that compaction names classes by the context's terms."""
    nodes = json.loads(ox.serialize(TripleText(ntriples)._parsed(), format=ox.RdfFormat.JSON_LD) or b"[]")
    for node in nodes if isinstance(nodes, list) else []:
        types = node.pop(str(RDF.type), None)
        if types:
            node["@type"] = [t["@id"] for t in types if "@id" in t]
    return nodes


RESULT_FORMATS = {"xml": ox.QueryResultsFormat.XML, "csv": ox.QueryResultsFormat.CSV,
                  "tsv": ox.QueryResultsFormat.TSV}


def convert_results(result: dict[str, Any], fmt: str) -> bytes:
    """W3C results JSON re-serialised as SPARQL results XML, CSV or TSV."""
    clean = {k: v for k, v in result.items() if k in ("head", "results", "boolean")}
    parsed = ox.parse_query_results(json.dumps(clean).encode("utf-8"), format=ox.QueryResultsFormat.JSON)
    return parsed.serialize(format=RESULT_FORMATS[fmt])


def triples_jsonld(ntriples: str) -> bytes:
    """Expanded JSON-LD of a CONSTRUCT/DESCRIBE result."""
    return ox.serialize(TripleText(ntriples)._parsed(), format=ox.RdfFormat.JSON_LD) or b"[]"
