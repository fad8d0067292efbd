"""What ``GET /sparql`` without a query answers: the SPARQL 1.1 Service Description of the endpoint and a
VoID description of its dataset, in the RDF format the client negotiates."""

from __future__ import annotations

from typing import Any

import pyoxigraph as ox
from policykg.graph.sparql_answer import Answer, graph_answer
from policykg.ontology.namespace import DATA_URI, DCTERMS, FORMATS, ONTOLOGY_IRI, PREFIXES, RDF, SD, VOID, XSD

RESULT_FORMATS = [FORMATS.SPARQL_Results_JSON, FORMATS.SPARQL_Results_XML, FORMATS.SPARQL_Results_CSV,
                  FORMATS.SPARQL_Results_TSV, FORMATS.Turtle, FORMATS["N-Triples"], FORMATS["JSON-LD"],
                  FORMATS.RDF_XML]
COUNTS = ("SELECT (COUNT(*) AS ?triples) (COUNT(DISTINCT ?g) AS ?graphs) "
          "WHERE { GRAPH ?g { ?s ?p ?o } }")


def _node(term: Any) -> ox.NamedNode:
    return ox.NamedNode(str(term))


def _count(value: int) -> ox.Literal:
    return ox.Literal(str(value), datatype=_node(XSD.integer))


def dataset_counts(kg: Any) -> dict[str, int]:
    """Triples and named graphs in the store (one query; the caller caches it until the next write)."""
    row = kg.select(COUNTS)[0]
    return {"triples": int(row["triples"] or 0), "graphs": int(row["graphs"] or 0)}


def describe(endpoint: str, counts: dict[str, int], fmt: str) -> Answer:
    """The service description of ``endpoint`` written as ``fmt`` (a graph format name)."""
    service, dataset, default_graph = _node(endpoint), ox.BlankNode("dataset"), ox.BlankNode("default")
    a = _node(RDF.type)
    triples = [
        (service, a, _node(SD.Service)),
        (service, _node(SD.endpoint), service),
        (service, _node(SD.supportedLanguage), _node(SD.SPARQL11Query)),
        (service, _node(SD.feature), _node(SD.UnionDefaultGraph)),
        *[(service, _node(SD.resultFormat), _node(f)) for f in RESULT_FORMATS],
        (service, _node(SD.defaultDataset), dataset),
        (dataset, a, _node(SD.Dataset)),
        (dataset, a, _node(VOID.Dataset)),
        (dataset, _node(DCTERMS.title), ox.Literal("policykg: Chinese government policy documents")),
        (dataset, _node(VOID.sparqlEndpoint), service),
        (dataset, _node(VOID.uriSpace), ox.Literal(DATA_URI)),
        (dataset, _node(VOID.vocabulary), _node(ONTOLOGY_IRI)),
        (dataset, _node(VOID.triples), _count(counts["triples"])),
        (dataset, _node(SD.defaultGraph), default_graph),
        (default_graph, a, _node(SD.Graph)),
        (default_graph, _node(VOID.triples), _count(counts["triples"])),
        (default_graph, _node(VOID.documents), _count(counts["graphs"])),
    ]
    prefixes = {**PREFIXES, "sd": str(SD), "void": str(VOID), "formats": str(FORMATS)}
    return graph_answer([ox.Triple(*t) for t in triples], fmt, False, None, prefixes)
