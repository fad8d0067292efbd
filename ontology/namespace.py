"""Closed namespaces: our ``PKG`` terms generated from every ``ontology/*.ttl``, plus the standards.

Code never writes an IRI as a string: ``PKG.Obligation`` works, ``PKG.Obligaton`` raises. The project
namespace and the data IRI base are read from the ontology header (vann / void), so they live in one
place, the Turtle file.
"""

from __future__ import annotations

from pathlib import Path

from rdflib import Graph, Namespace, URIRef
from rdflib.namespace import (
    DCTERMS,
    ORG,
    OWL,
    PROV,
    RDF,
    RDFS,
    SH,
    SKOS,
    TIME,
    VANN,
    VOID,
    XSD,
    ClosedNamespace,
)

ONTOLOGY_DIR = Path(__file__).resolve().parent
MAIN_ONTOLOGY = ONTOLOGY_DIR / "policy.ttl"
SHAPES_FILE = ONTOLOGY_DIR / "shapes.ttl"

# ELI ships with no rdflib module; the terms we use (and their neighbours) are listed here.
ELI = ClosedNamespace(
    URIRef("http://data.europa.eu/eli/ontology#"),
    [
        "LegalResource", "LegalExpression", "Agent", "id_local", "passed_by", "date_document",
        "date_publication", "first_date_entry_in_force", "cites", "cited_by", "based_on", "basis_for",
        "title", "type_document", "is_about", "related_to", "changes", "amends", "repeals",
        "is_part_of", "has_part", "jurisdiction", "number", "version",
    ],
)

# SPARQL 1.1 Service Description and the W3C format identifiers it names (no rdflib module either)
SD = ClosedNamespace(
    URIRef("http://www.w3.org/ns/sparql-service-description#"),
    ["Service", "Dataset", "Graph", "NamedGraph", "endpoint", "supportedLanguage", "SPARQL11Query",
     "resultFormat", "feature", "UnionDefaultGraph", "BasicFederatedQuery", "defaultDataset", "defaultGraph",
     "namedGraph", "name", "graph"],
)
FORMATS = ClosedNamespace(
    URIRef("http://www.w3.org/ns/formats/"),
    ["SPARQL_Results_JSON", "SPARQL_Results_XML", "SPARQL_Results_CSV", "SPARQL_Results_TSV", "Turtle",
     "N-Triples", "JSON-LD", "RDF_XML"],
)


def ontology_files() -> list[Path]:
    """Every Turtle file of the ontology except the SHACL shapes."""
    return sorted(p for p in ONTOLOGY_DIR.glob("*.ttl") if p.name != SHAPES_FILE.name)


def load_ontology() -> Graph:
    """All ontology files merged into one rdflib graph."""
    g = Graph()
    for path in ontology_files():
        g.parse(path, format="turtle")
    return g


def _header(g: Graph) -> tuple[str, str]:
    onto = next(g.subjects(RDF.type, OWL.Ontology))
    ns = g.value(onto, VANN.preferredNamespaceUri)
    space = g.value(onto, VOID.uriSpace)
    if ns is None or space is None:
        raise RuntimeError(f"{MAIN_ONTOLOGY} lacks vann:preferredNamespaceUri or void:uriSpace")
    return str(ns), str(space)


def _pkg_terms(g: Graph, ns: str) -> list[str]:
    terms = set()
    for node in g.all_nodes():
        if isinstance(node, URIRef) and str(node).startswith(ns) and len(str(node)) > len(ns):
            terms.add(str(node)[len(ns):])
    return sorted(terms)


_main = Graph().parse(MAIN_ONTOLOGY, format="turtle")
PKG_URI, DATA_URI = _header(_main)
ONTOLOGY_IRI = URIRef(PKG_URI.rstrip("#"))
PKG = ClosedNamespace(URIRef(PKG_URI), _pkg_terms(load_ontology(), PKG_URI))
# Data IRIs (documents, agencies, regions) are minted by policykg.graph.ids under this open base.
DATA = Namespace(DATA_URI)

PREFIXES: dict[str, str] = {
    "pkg": PKG_URI, "eli": str(ELI), "org": str(ORG), "skos": str(SKOS), "prov": str(PROV),
    "time": str(TIME), "dcterms": str(DCTERMS), "rdf": str(RDF), "rdfs": str(RDFS), "xsd": str(XSD),
    "owl": str(OWL), "data": DATA_URI,
}


def sparql_prefixes() -> str:
    """PREFIX lines for every namespace above, to prepend to queries."""
    return "".join(f"PREFIX {p}: <{u}>\n" for p, u in PREFIXES.items())


__all__ = [
    "DATA",
    "DCTERMS",
    "ELI",
    "FORMATS",
    "ONTOLOGY_IRI",
    "ORG",
    "OWL",
    "PKG",
    "PREFIXES",
    "PROV",
    "RDF",
    "RDFS",
    "SD",
    "SH",
    "SKOS",
    "TIME",
    "XSD",
    "load_ontology",
    "ontology_files",
    "sparql_prefixes",
]
