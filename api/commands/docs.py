"""`policykg docs [--json]`: the ingested documents."""

from __future__ import annotations

import json

from policykg.api.local_server import LocalServer
from policykg.api.service import Service
from policykg.api.settings import Settings


def run(args, settings: Settings) -> int:
    """List documents: JSON, or one line each."""
    return print_documents(Service(settings).kg.list_documents(), args)


def run_remote(args, server: LocalServer) -> int:
    """The same, asked of the running server (GET /documents, page by page)."""
    docs: list[dict] = []
    while True:
        page = server.get("/documents", {"limit": 1000, "offset": len(docs)})
        # the API adds a short "id" to each document; the command prints what the graph lists
        docs += [{k: v for k, v in d.items() if k != "id"} for d in page["documents"]]
        if not page["documents"] or len(docs) >= page["total"]:
            break
    return print_documents(docs, args)


def print_documents(docs: list[dict], args) -> int:
    """The documents as JSON, or one line each."""
    if args.json:
        print(json.dumps(docs, ensure_ascii=False, indent=1))
        return 0
    for d in docs:
        fields = [d["source"], d["doc_number"] or "-", d["date"] or "-", d["level"] or "-", d["title"] or "-"]
        print("  ".join(fields))
    print(f"{len(docs)} document{'s' if len(docs) != 1 else ''}")
    return 0
