"""Stable IRIs for documents and everything in them.

A document's IRI comes from what identifies the document, not the bytes of the file: its 文号 when
it has one (so a stub created by a citation and the document that later arrives share one IRI), else
its file name and title. The bytes' digest is kept as a property and decides whether a re-ingest is a
no-op. Facts inside a document are numbered under its IRI; a changed document replaces its whole
named graph, so renumbering never leaves stale facts behind.
"""

from __future__ import annotations

import functools
import hashlib
import re
import unicodedata

from policykg.ingest.model import Document
from policykg.ontology.namespace import DATA
from rdflib import URIRef

_OPEN = "[［【（(〔"
_CLOSE = "]］】）)〕"
_SPACE = re.compile(r"\s+")


def _digest(key: str) -> str:
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]


def normalise_doc_number(doc_number: str) -> str:
    """One spelling for a 文号: full-width digits folded, no spaces, every bracket pair as 〔〕."""
    text = "".join(ch if ch in _OPEN + _CLOSE else unicodedata.normalize("NFKC", ch) for ch in doc_number)
    text = _SPACE.sub("", text)
    for ch in _OPEN:
        text = text.replace(ch, "〔")
    for ch in _CLOSE:
        text = text.replace(ch, "〕")
    return text


def normalise_title(title: str) -> str:
    """A title with width folded and spaces and 《》 removed, for keys and matching."""
    return _SPACE.sub("", unicodedata.normalize("NFKC", title)).strip("《》")


def document_key(doc: Document) -> str:
    """The identity of a document: its 文号 when present, else its file name and title."""
    if doc.doc_number:
        return "number:" + normalise_doc_number(doc.doc_number)
    name = doc.source.replace("\\", "/").rsplit("/", 1)[-1]
    return "file:" + name + "|" + normalise_title(doc.title or "")


def document_iri(doc: Document) -> URIRef:
    """The IRI of an ingested document; the same document gets the same IRI on every run."""
    return DATA["doc/" + _digest(document_key(doc))]


def doc_number_iri(doc_number: str) -> URIRef:
    """The IRI any document (ingested or stub) with this 文号 has."""
    return DATA["doc/" + _digest("number:" + normalise_doc_number(doc_number))]


def stub_iri(title: str | None = None, doc_number: str | None = None) -> URIRef:
    """IRI of a document known only from a citation: by 文号 when cited with one, else by title."""
    if doc_number:
        return doc_number_iri(doc_number)
    if not title:
        raise ValueError("a stub document needs a title or a 文号")
    return DATA["doc/" + _digest("title:" + normalise_title(title))]


def graph_iri(doc_iri: URIRef) -> URIRef:
    """The named graph holding one document: the document IRI itself (Graph Store Protocol ?graph=)."""
    return URIRef(doc_iri)


def shared_graph_iri() -> URIRef:
    """The graph of nodes that documents share (regions, agencies): merged into, never replaced."""
    return DATA["graph/shared"]


def local_name(iri: str | None) -> str:
    """The local name of a term of our namespace (pkg:basis -> basis), which is also its skos:notation."""
    return (iri or "").rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def state_graph_iri() -> URIRef:
    """The graph of the store's own bookkeeping (citation links waiting to be resolved)."""
    return DATA["graph/state"]


def checks_graph_iri(doc_iri: str) -> URIRef:
    """The named graph holding the consistency findings of one checked document."""
    return URIRef(f"{doc_iri}/checks")


def ontology_graph_iri() -> URIRef:
    """The graph holding the ontology, so queries can read labels and schemes."""
    return DATA["graph/ontology"]


def _child(doc_iri: URIRef, kind: str, n: int | str) -> URIRef:
    # a valid IRI, a fixed path segment and a number or field name: valid by construction, so rdflib's
    # check (a character scan per IRI, ~150 parts per document on the ingest path) is skipped
    return str.__new__(URIRef, f"{doc_iri}/{kind}/{n}")


def passage_iri(doc_iri: URIRef, n: int) -> URIRef:
    """The n-th passage (from 1) of a document."""
    return _child(doc_iri, "passage", n)


def obligation_iri(doc_iri: URIRef, n: int) -> URIRef:
    """The n-th obligation (from 1) of a document."""
    return _child(doc_iri, "obligation", n)


def section_iri(doc_iri: URIRef, n: int) -> URIRef:
    """The n-th section (from 1) of a document."""
    return _child(doc_iri, "section", n)


def table_iri(doc_iri: URIRef, n: int) -> URIRef:
    """The n-th table (from 1) of a document."""
    return _child(doc_iri, "table", n)


def row_iri(table: URIRef, n: int) -> URIRef:
    """The n-th row (from 1) of a table."""
    return _child(table, "row", n)


def attachment_iri(doc_iri: URIRef, n: int) -> URIRef:
    """The n-th attachment (from 1) of a document."""
    return _child(doc_iri, "attachment", n)


def citation_iri(doc_iri: URIRef, n: int) -> URIRef:
    """The n-th citation (from 1) of a document."""
    return _child(doc_iri, "citation", n)


def extraction_iri(doc_iri: URIRef, field: str) -> URIRef:
    """Provenance node of one metadata field of a document."""
    return _child(doc_iri, "extraction", field)


def date_iri(doc_iri: URIRef) -> URIRef:
    """The OWL-Time instant of a document's date."""
    return URIRef(f"{doc_iri}/date")


@functools.lru_cache(maxsize=1 << 16)  # a document names one bureau in dozens of assignments
def agency_iri(name: str) -> URIRef:
    """An agency by its normalised full name (the same body in every document)."""
    return DATA["agency/" + _digest(_SPACE.sub("", unicodedata.normalize("NFKC", name)))]


@functools.lru_cache(maxsize=1 << 16)
def region_iri(code: str) -> URIRef:
    """An administrative region by its 12-digit National Bureau of Statistics code."""
    if not code.isdigit():
        raise ValueError(f"not a statistics code: {code!r}")
    return DATA["region/" + code.ljust(12, "0")]
