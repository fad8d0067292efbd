"""`policykg show DOC [--json]`: one document by file name, 文号 or IRI."""

from __future__ import annotations

import json
import sys
from typing import Any

from policykg.api.commands.lookup import document_iri
from policykg.api.local_server import LocalServer, quote_path
from policykg.api.service import Service
from policykg.api.settings import Settings


def run(args, settings: Settings) -> int:
    """Print one document's metadata (and, with --json, its obligations and citations)."""
    kg = Service(settings).kg
    try:
        iri = document_iri(kg, args.doc)
    except LookupError as exc:
        print(exc.args[0], file=sys.stderr)
        return 1
    return print_document(kg.document_json(iri), args)


def run_remote(args, server: LocalServer) -> int:
    """The same, asked of the running server (GET /documents/{doc})."""
    return print_document(server.get(f"/documents/{quote_path(args.doc)}"), args)


def print_document(doc: dict[str, Any], args) -> int:
    """The document as JSON, or its metadata one field a line."""
    if args.json:
        print(json.dumps(doc, ensure_ascii=False, indent=1))
        return 0
    region = doc["region"]
    lines = [
        ("IRI", doc["iri"]), ("file", doc["source"]), ("title", doc["title"]), ("文号", doc["doc_number"]),
        ("issuer", ", ".join(i["name"] or i["iri"] for i in doc["issuers"]) or None), ("date", doc["date"]),
        ("level", doc["level"]),
        ("region", " < ".join([region["name"], *region["parents"]]) if region else None),
        ("obligations", str(len(doc["obligations"]))), ("citations", str(len(doc["citations"]))),
    ]
    for label, value in lines:
        print(f"{label:12} {value if value is not None else '-'}")
    return 0
