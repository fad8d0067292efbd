"""`policykg docs [--json]`: the ingested documents."""

from __future__ import annotations

import json

from policykg.api.service import Service
from policykg.api.settings import Settings


def run(args, settings: Settings) -> int:
    """List documents: JSON, or one line each."""
    docs = Service(settings).kg.list_documents()
    if args.json:
        print(json.dumps(docs, ensure_ascii=False, indent=1))
        return 0
    for d in docs:
        fields = [d["source"], d["doc_number"] or "-", d["date"] or "-", d["level"] or "-", d["title"] or "-"]
        print("  ".join(fields))
    print(f"{len(docs)} document{'s' if len(docs) != 1 else ''}")
    return 0
