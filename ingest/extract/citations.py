"""Citations: the 《…》 and 文号 a document cites, with the relation its cue gives (issue 4)."""

from __future__ import annotations

from policykg.ingest.model import Citation, Document


def extract_citations(doc: Document) -> tuple[Citation, ...]:
    """Every document ``doc`` cites; placeholder until the citations work lands."""
    return ()
