"""Citations in the graph: triples, resolution to documents, stubs that merge later (issue 4)."""

from __future__ import annotations

from typing import Any, Iterable

from policykg.ingest.model import Document


def citation_triples(doc: Document, doc_iri: str) -> Iterable[tuple[Any, Any, Any]]:
    """Triples for the citations of ``doc``; placeholder until the citations work lands."""
    return ()


def resolve_citations(kg: Any, doc_iris: list[str]) -> None:
    """Link citations of (and to) the changed documents; placeholder until the citations work lands."""
    return None


def citations_json(kg: Any, doc_iri: str) -> list[dict[str, Any]]:
    """The `citations` field of `show DOC --json`; placeholder until the citations work lands."""
    return []
