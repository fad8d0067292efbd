"""RDF terms written straight as N-Triples text, for the ingest write path.

A document yields ~1,300 triples; building them as rdflib terms (``Literal.__new__`` casts and
validates) and converting them again for the store cost more than parsing the document. Here a term
is its N-Triples spelling, a plain ``str`` (``<iri>``, ``"text"@zh``, ``"3"^^<…#integer>``), made once
and handed to the store as is. rdflib terms remain fine everywhere else: ``term`` converts either.
Namespaces stay closed: ``NT.pkg.Obligation`` goes through ``PKG.Obligation``, so a typo raises.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from policykg.ontology.namespace import DCTERMS, ELI, ORG, PKG, PROV, RDF, SKOS, TIME, XSD
from rdflib import BNode, Graph, Literal, URIRef

NTriple = tuple[str, str, str]

_ESCAPES = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r"})
_INTEGER = f"^^<{XSD.integer}>"
_DECIMAL = f"^^<{XSD.decimal}>"
_DATE = f"^^<{XSD.date}>"
_BOOLEAN = f"^^<{XSD.boolean}>"


class Terms:
    """A closed rdflib namespace whose attributes are N-Triples IRIs, cached after first use."""

    def __init__(self, namespace: Any):
        self._ns = namespace

    def __getattr__(self, name: str) -> str:
        if name.startswith("_"):
            raise AttributeError(name)
        value = f"<{self._ns[name]}>"
        setattr(self, name, value)  # later look-ups are plain attribute reads
        return value

    def __getitem__(self, name: str) -> str:
        return getattr(self, name)


pkg, rdf, prov, skos, dcterms, eli, org, time = (Terms(ns) for ns in (PKG, RDF, PROV, SKOS, DCTERMS, ELI, ORG, TIME))


def iri(value: str) -> str:
    """An IRI, e.g. one from ``policykg.graph.ids``."""
    return f"<{value}>"


def _escape(value: str) -> str:
    # most text needs no escape but newlines; str.replace is ~5x faster than translate on CJK text
    if "\\" in value or '"' in value or "\r" in value:
        return value.translate(_ESCAPES)
    return value.replace("\n", "\\n") if "\n" in value else value


def string(value: str) -> str:
    """An xsd:string literal."""
    if "\\" in value or '"' in value or "\r" in value or "\n" in value:  # _escape inlined: ~400k calls per 600 docs
        return f'"{_escape(value)}"'
    return f'"{value}"'


def zh(value: str) -> str:
    """A Chinese-language literal."""
    if "\\" in value or '"' in value or "\r" in value or "\n" in value:
        return f'"{_escape(value)}"@zh'
    return f'"{value}"@zh'


def integer(value: int) -> str:
    """An xsd:integer literal."""
    return f'"{int(value)}"{_INTEGER}'


def decimal(value: float) -> str:
    """An xsd:decimal literal, in the plain decimal form (never exponent notation)."""
    text = format(Decimal(repr(value)) if isinstance(value, float) else Decimal(value), "f")
    return f'"{text}"{_DECIMAL}'


def span(start: int, end: int) -> str:
    """A character span [start, end) as one xsd:string literal "start-end" (pkg:span, GRAPH_VERSION 7): one
    quad where spanStart and spanEnd took two (~1 ms of the store's CPU per document)."""
    return f'"{int(start)}-{int(end)}"'


def parse_span(value: str) -> tuple[int, int]:
    """The (start, end) of a pkg:span literal's value ("120-158" -> (120, 158)); ValueError if malformed."""
    start, sep, end = value.partition("-")
    if not sep or not (start + end).isascii() or not start.isdigit() or not end.isdigit():
        raise ValueError(f"not a span (start-end): {value!r}")
    return int(start), int(end)


def date(value: str) -> str:
    """An xsd:date literal from an ISO date."""
    return f'"{value}"{_DATE}'


def boolean(value: bool) -> str:
    """An xsd:boolean literal."""
    return f'"{"true" if value else "false"}"{_BOOLEAN}'


def term(value: Any) -> str:
    """Any term as N-Triples: a ``str`` from this module as it is, an rdflib term converted."""
    if type(value) is str:
        return value
    if isinstance(value, URIRef):
        return f"<{value}>"
    if isinstance(value, Literal):
        if value.language:
            return f'"{_escape(str(value))}"@{value.language}'
        if value.datatype is not None and value.datatype != XSD.string:
            return f'"{_escape(str(value))}"^^<{value.datatype}>'
        return string(str(value))
    if isinstance(value, BNode):
        return f"_:{value}"
    raise TypeError(f"not an RDF term: {value!r}")


def lines(triples: Iterable[tuple[Any, Any, Any]], graph: str | None = None) -> list[str]:
    """N-Triples lines, or N-Quads lines in ``graph`` (an IRI, not yet in angle brackets)."""
    tail = f" <{graph}> ." if graph is not None else " ."
    # one comprehension, no generator frame per line: this runs for every quad an ingest writes
    return [f"{s} {p} {o}{tail}" if type(s) is str and type(p) is str and type(o) is str  # already N-Triples
            else f"{term(s)} {term(p)} {term(o)}{tail}" for s, p, o in triples]


def to_graph(triples: Iterable[tuple[Any, Any, Any]]) -> Graph:
    """An rdflib graph of any triples (N-Triples strings or rdflib terms), for tests and validation."""
    return Graph().parse(data="\n".join(lines(triples)), format="nt")
