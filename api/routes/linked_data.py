"""JSON-LD for documents: the shipped context and a document loader that never leaves the machine."""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Any

from pyld import jsonld

CONTEXT_FILE = Path(__file__).resolve().parent.parent / "context.jsonld"
CONTEXT_PATH = "/context.jsonld"


@lru_cache(maxsize=1)
def context_document() -> dict[str, Any]:
    """The JSON-LD context shipped in the package."""
    return json.loads(CONTEXT_FILE.read_text(encoding="utf-8"))


def local_loader(url: str, options: dict[str, Any] | None = None) -> dict[str, Any]:
    """Serve our own context from package data and refuse every other URL: nothing is fetched remotely."""
    if url.split("?", 1)[0].endswith(CONTEXT_PATH):
        return {"contextUrl": None, "documentUrl": url, "document": context_document()}
    raise jsonld.JsonLdError(f"refusing to load remote JSON-LD document {url}", "jsonld.LoadDocumentError",
                             code="loading document failed")


def compact(expanded: list[dict[str, Any]], context_url: str) -> dict[str, Any]:
    """Compact expanded JSON-LD with pyld under our context, referenced by ``context_url``."""
    return jsonld.compact(expanded, context_url, {"documentLoader": local_loader})
