"""Minimal constructed fixture documents for one parser or extractor edge case each (never policy documents)."""

from __future__ import annotations

from typing import Any

from policykg.ingest.model import Document


def fixture_document(text: str, **fields: Any) -> Document:
    """A document that holds only ``text`` (and any other Document field given): a minimal fixture, not a policy
    document."""
    return Document(source="fixture.txt", path="fixture.txt", sha256="0", encoding="utf-8", text=text, **fields)
