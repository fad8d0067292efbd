"""Obligations in the graph: triples, the `show` JSON and "tasks of an agency" (issue 3)."""

from __future__ import annotations

from typing import Any, Iterable

from policykg.ingest.model import Document


def obligation_triples(doc: Document, doc_iri: str) -> Iterable[tuple[Any, Any, Any]]:
    """Triples for the obligations of ``doc``; placeholder until the obligations work lands."""
    return ()


def obligations_json(kg: Any, doc_iri: str) -> list[dict[str, Any]]:
    """The `obligations` field of `show DOC --json`; placeholder until the obligations work lands."""
    return []
