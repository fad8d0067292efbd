"""What a minted IRI says about itself: the bounded description served when the IRI is dereferenced.

A document is its whole named graph (with the citations it resolves and the labels of the agencies and
regions it names). Anything else the graph mints (an obligation, an agency, a region, a section …) is
described by the triples about it in every graph, the triples about its own parts (an obligation's
assignments, sites, deadlines: IRIs under its own), the triples that point at it (capped: a country
region is named by every national document), and the labels and types of every node those name, so a
client reading one answer can label what it links to. A named graph that is not itself described
(``…/links``, ``…/checks``, ``graph/shared``) is answered as a graph with its size.
"""

from __future__ import annotations

from dataclasses import dataclass

import pyoxigraph as ox
from policykg.graph.ids import graph_iri, shared_graph_iri
from policykg.graph.resolve import links_graph_iri
from policykg.ontology.namespace import DATA, RDF, SD, VOID, XSD

INBOUND_CAP = 1000
# what a neighbour contributes to a description: enough to show and type it, nothing of its own facts
LABEL_PREDICATES = ("rdf:type", "skos:prefLabel", "skos:altLabel", "skos:notation", "skos:broader", "pkg:level",
                    "org:subOrganizationOf", "dcterms:title", "eli:id_local", "rdfs:label")
LABELLED_AT_ONCE = 500


@dataclass(frozen=True)
class Description:
    """The triples (N-Triples) describing one IRI; ``truncated`` when the inbound links were capped."""

    iri: str
    kind: str  # document, obligation, agency, region, part (other nodes inside a document), graph
    ntriples: str
    truncated: bool = False


def kind_of(iri: str) -> str:
    """What a minted IRI names, read from its shape (see graph/ids.py)."""
    rest = iri[len(str(DATA)):] if iri.startswith(str(DATA)) else ""
    parts = rest.split("/")
    if parts[0] == "doc" and len(parts) == 2:
        return "document"
    if parts[0] == "doc" and len(parts) == 4 and parts[2] == "obligation":
        return "obligation"
    if parts[0] in ("agency", "region") and len(parts) == 2:
        return parts[0]
    return "part" if parts[0] == "doc" else "other"


def document_of(iri: str) -> str | None:
    """The document a node inside a document belongs to (``…/doc/X/obligation/3`` -> ``…/doc/X``)."""
    if not iri.startswith(str(DATA) + "doc/"):
        return None
    return str(DATA) + "/".join(iri[len(str(DATA)):].split("/")[:2])


def _n(iri: str) -> str:
    return str(ox.NamedNode(iri))


def document_triples(kg, doc_iri: str) -> str:
    """A document's own named graph, what its citations resolve to, and the names, codes and levels of the
    agencies and regions it mentions (kept in the shared graph), as N-Triples."""
    graph, links, shared = _n(str(graph_iri(doc_iri))), _n(str(links_graph_iri(doc_iri))), _n(str(shared_graph_iri()))
    result = kg.query(f"""CONSTRUCT {{ ?s ?p ?o }} WHERE {{
        {{ GRAPH {graph} {{ ?s ?p ?o }} }}
        UNION {{ GRAPH {links} {{ ?s ?p ?o }} }}
        UNION {{ {{ SELECT DISTINCT ?s WHERE {{ GRAPH {graph} {{ ?x ?y ?s }} FILTER(isIRI(?s)) }} }}
                 GRAPH {shared} {{ ?s ?p ?o }}
                 VALUES ?p {{ rdf:type skos:prefLabel skos:altLabel skos:notation skos:broader pkg:level
                             org:subOrganizationOf }} }} }}""", max_rows=None)
    return result.get("ntriples", "")


def _lines(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.strip() and not line.startswith("#")]


def _iris(lines: list[str]) -> set[str]:
    found: set[str] = set()
    for triple in ox.parse("\n".join(lines).encode("utf-8"), format=ox.RdfFormat.N_TRIPLES):
        for term in (triple.subject, triple.object):
            if isinstance(term, ox.NamedNode):
                found.add(term.value)
    return found


def _labels(kg, iris: set[str]) -> list[str]:
    predicates = ", ".join(LABEL_PREDICATES)
    out: list[str] = []
    ordered = sorted(iris)
    for start in range(0, len(ordered), LABELLED_AT_ONCE):
        values = " ".join(_n(i) for i in ordered[start:start + LABELLED_AT_ONCE])
        # a FILTER, not a second VALUES: Oxigraph joins two VALUES blocks by scanning (20x slower)
        result = kg.query(f"""CONSTRUCT {{ ?s ?p ?o }} WHERE {{ VALUES ?s {{ {values} }} GRAPH ?g {{ ?s ?p ?o }}
            FILTER(?p IN ({predicates})) }}""", max_rows=None)
        out += _lines(result.get("ntriples", ""))
    return out


def _graph_size(kg, iri: str) -> str | None:
    rows = kg.select(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH {_n(iri)} {{ ?s ?p ?o }} }}")
    count = int(rows[0]["n"] or 0) if rows else 0
    if not count:
        return None
    integer = _n(str(XSD.integer))
    return "\n".join([f"{_n(iri)} {_n(str(RDF.type))} {_n(str(SD.Graph))} .",
                      f'{_n(iri)} {_n(str(VOID.triples))} "{count}"^^{integer} .'])


def describe(kg, iri: str) -> Description | None:
    """The description of ``iri``, or None when the store says nothing about it."""
    kind = kind_of(iri)
    if kind == "document":
        text = document_triples(kg, iri)
        if _lines(text):
            return Description(iri, kind, text)
    node = _n(iri)
    own = kg.query(f"CONSTRUCT {{ {node} ?p ?o }} WHERE {{ GRAPH ?g {{ {node} ?p ?o }} }}", max_rows=None)
    lines = _lines(own.get("ntriples", ""))
    if not lines:
        graph = _graph_size(kg, iri)
        return Description(iri, "graph", graph) if graph else None
    doc = document_of(iri)
    if doc and doc != iri:  # the node's parts live in its document's graph, under its own IRI
        parts = kg.query(f"""CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH {_n(doc)} {{ ?s ?p ?o }}
            FILTER(STRSTARTS(STR(?s), {ox.Literal(iri + "/")})) }}""", max_rows=None)
        lines += _lines(parts.get("ntriples", ""))
    inbound = kg.query(f"""CONSTRUCT {{ ?s ?p {node} }} WHERE {{
        {{ SELECT DISTINCT ?s ?p WHERE {{ GRAPH ?g {{ ?s ?p {node} }} }} LIMIT {INBOUND_CAP + 1} }} }}""",
                       max_rows=None)
    incoming = _lines(inbound.get("ntriples", ""))
    truncated = len(incoming) > INBOUND_CAP
    lines += incoming[:INBOUND_CAP]
    lines += _labels(kg, _iris(lines) - {iri})
    return Description(iri, kind, "\n".join(dict.fromkeys(lines)) + "\n", truncated)
