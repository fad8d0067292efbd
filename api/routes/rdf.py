"""Reading the graph from routes: plain rows from SELECT, one document's triples, result formats."""

from __future__ import annotations

import json
from typing import Any

import pyoxigraph as ox
from policykg.graph.ids import graph_iri, shared_graph_iri
from policykg.graph.resolve import links_graph_iri
from policykg.ontology.namespace import DCTERMS, ELI, ORG, PKG, PROV, RDFS, SKOS, TIME, XSD
from rdflib import URIRef

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
    """The document's own named graph (the document with its facts), what its citations resolve to, and
    the names, codes and levels of the agencies and regions it mentions (kept in the shared graph), so a
    client reading this one answer can label every node it links to."""
    graph = ox.NamedNode(str(graph_iri(URIRef(doc_iri))))
    links = ox.NamedNode(str(links_graph_iri(doc_iri)))
    shared = ox.NamedNode(str(shared_graph_iri()))
    result = service.kg.query(f"""CONSTRUCT {{ ?s ?p ?o }} WHERE {{
        {{ GRAPH {graph} {{ ?s ?p ?o }} }}
        UNION {{ GRAPH {links} {{ ?s ?p ?o }} }}
        UNION {{ {{ SELECT DISTINCT ?s WHERE {{ GRAPH {graph} {{ ?x ?y ?s }} FILTER(isIRI(?s)) }} }}
                 GRAPH {shared} {{ ?s ?p ?o }}
                 VALUES ?p {{ rdf:type skos:prefLabel skos:altLabel skos:notation skos:broader pkg:level
                             org:subOrganizationOf }} }} }}""", max_rows=None)
    return TripleText(result.get("ntriples", ""))


def triples_expanded_jsonld(ntriples: str) -> list[dict[str, Any]]:
    """Expanded JSON-LD of N-Triples (Oxigraph's serialiser: pyld's from_rdf is ~100x slower)."""
    return json.loads(ox.serialize(TripleText(ntriples)._parsed(), format=ox.RdfFormat.JSON_LD) or b"[]")


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
