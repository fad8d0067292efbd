"""`policykg trace DOC [--down] [--json]`: the citation chain of a document, up to its sources or down."""

from __future__ import annotations

import json
import sys

from policykg.api.commands.lookup import document_iri
from policykg.api.local_server import LocalServer, quote_path
from policykg.api.service import Service
from policykg.api.settings import Settings


def run(args, settings: Settings) -> int:
    """Print the chain as JSON ({nodes, edges, cycles}) or as an indented tree."""
    from policykg.graph.chains import trace

    kg = Service(settings).kg
    try:
        iri = document_iri(kg, args.doc)
    except LookupError as exc:
        print(exc.args[0], file=sys.stderr)
        return 1
    return print_chain(trace(kg, iri, down=args.down), iri, args)


def run_remote(args, server: LocalServer) -> int:
    """The same, asked of the running server (GET /documents/{doc}/trace)."""
    doc = server.get(f"/documents/{quote_path(args.doc)}")
    result = server.get(f"/documents/{quote_path(args.doc)}/trace", {"down": args.down})
    return print_chain(result, doc["iri"], args)


def print_chain(result: dict, iri: str, args) -> int:
    """The chain as JSON, or as a tree from ``iri``."""
    if args.json:
        print(json.dumps(result, ensure_ascii=False, indent=1))
        return 0
    nodes = {n["iri"]: n for n in result["nodes"]}
    children: dict[str, list[dict]] = {}
    for e in result["edges"]:
        children.setdefault(e["target"] if args.down else e["source"], []).append(e)
    _print_tree(iri, nodes, children, args.down, set(), 0)
    for cycle in result["cycles"]:
        print("cycle: " + " -> ".join(nodes[i]["title"] or i for i in cycle), file=sys.stderr)
    return 0


def _label(n: dict) -> str:
    parts = [n["title"] or n["iri"], n["doc_number"], n["level"], n["region"]]
    text = " | ".join(p for p in parts if p)
    return text if n["in_corpus"] else text + " (known only by citation)"


def _print_tree(iri: str, nodes: dict, children: dict, down: bool, seen: set, depth: int, via: str = "") -> None:
    print("  " * depth + via + _label(nodes[iri]) + (" (see above)" if iri in seen and children.get(iri) else ""))
    if iri in seen:
        return  # printed and expanded once: a cycle or a shared source ends here
    seen.add(iri)
    for e in children.get(iri, []):
        nxt = e["source"] if down else e["target"]
        # a law cited only in penalty clauses is not a source: marked (the web page lists it apart)
        via = f"[{e['relation']}, penalty clause only] " if e.get("penalty") else f"[{e['relation']}] "
        _print_tree(nxt, nodes, children, down, seen, depth + 1, via)
