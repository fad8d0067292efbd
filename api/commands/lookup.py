"""Finding the document a user named on the command line (file name, 文号 or IRI)."""

from __future__ import annotations

from typing import Any


def document_iri(kg: Any, ref: str) -> str:
    """The IRI of the document ``ref`` names; LookupError with a hint when none matches."""
    iri = kg.find_document(ref)
    if iri is None:
        raise LookupError(f"no document matches {ref!r} (try a file name, a 文号 or an IRI; see `policykg docs`)")
    return iri
