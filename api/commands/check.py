"""`policykg check [--doc DOC] [--kind K] [--json]`: consistency findings (deadlines, targets)."""

from __future__ import annotations

import json
import sys
from typing import Any

from policykg.api.commands.lookup import document_iri
from policykg.api.local_server import LocalServer
from policykg.api.service import Service
from policykg.api.settings import Settings


def check(service: Service, doc: str | None = None, kind: str | None = None) -> dict[str, Any]:
    """``{findings: [{kind, severity, documents, obligations, dates, explanation}]}``, as /checks serves.

    ``doc`` is a file name, 文号, title or IRI; raises LookupError when no document matches and
    ValueError for an unknown kind."""
    from policykg.search.consistency import findings_json

    iri = document_iri(service.kg, doc) if doc else None
    return findings_json(service, iri, kind)


def run(args, settings: Settings) -> int:
    """Print findings as JSON, or one block each."""
    try:
        result = check(Service(settings), args.doc, args.kind)
    except (LookupError, ValueError) as exc:
        print(exc.args[0], file=sys.stderr)
        return 1
    return print_findings(result, args)


def run_remote(args, server: LocalServer) -> int:
    """The same, asked of the running server (GET /checks)."""
    return print_findings(server.get("/checks", {"doc": args.doc, "kind": args.kind}), args)


def print_findings(result: dict[str, Any], args) -> int:
    """The findings as JSON, or one block each."""
    if args.json:
        print(json.dumps(result, ensure_ascii=False, indent=1))
        return 0
    for f in result["findings"]:
        docs = " <- ".join(d["title"] or d["iri"] for d in f["documents"])
        print(f"[{f['severity']}] {f['kind']}: {f['explanation']['reason']}")
        print(f"    {docs}")
        for ob in f["obligations"]:
            print(f"    {ob['span'][0]}-{ob['span'][1]}: {ob['text'][:80]}")
        print(f"    {f['explanation']['comparison']}")
    n = len(result["findings"])
    print(f"{n} finding{'s' if n != 1 else ''}")
    return 0
