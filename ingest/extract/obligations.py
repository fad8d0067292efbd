"""Obligations: actionable items with agencies, deadlines, targets and site types (issue 3)."""

from __future__ import annotations

from policykg.ingest.model import Document, Obligation


def extract_obligations(doc: Document) -> tuple[Obligation, ...]:
    """Every actionable item of ``doc``; placeholder until the obligations work lands."""
    return ()
