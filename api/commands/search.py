"""``policykg search QUERY``: hybrid search over obligations and passages."""

from __future__ import annotations

import argparse
import json
import re
import sys

from policykg.api.local_server import LocalServer
from policykg.api.settings import Settings


def _plain(snippet: str) -> str:
    return re.sub(r"</?mark>", "", snippet).replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


def print_results(answer: dict, as_json: bool) -> None:
    """Print a search or similar answer as JSON or as numbered lines for people."""
    if as_json:
        print(json.dumps(answer, ensure_ascii=False, indent=1))
        return
    for notice in answer.get("notices", []):
        print(f"note: {notice}", file=sys.stderr)
    if not answer["results"]:
        print("no results")
    for n, r in enumerate(answer["results"], 1):
        doc = r["document"]
        where = " · ".join(x for x in (doc.get("region"), doc.get("level"), doc.get("title") or doc.get("source")) if x)
        print(f"{n:>2}. [{r['score']:.4f}] {where}\n    {_plain(r['snippet'])}\n    {r['iri']}")


def announce_index_build(settings: Settings, command: str) -> None:
    """Say so before the index is built from the graph: encoding every passage takes minutes."""
    from policykg.search.index import SearchIndex

    if not SearchIndex.exists(settings.data_dir):
        print(f"policykg {command}: no search index in {settings.data_dir} yet: building it from the graph "
              "(encodes every passage, minutes on a large corpus) …", file=sys.stderr, flush=True)


def run(args: argparse.Namespace, settings: Settings) -> int:
    """Search and print; bad input exits with status 2 and a one-line message."""
    from policykg.api.service import Service
    from policykg.search.query import SearchInputError
    from policykg.search.results import search_units

    service = Service(settings)
    service.kg  # noqa: B018 (opened first: a store held by a server is answered by that server)
    announce_index_build(settings, "search")
    try:
        answer = search_units(service.index, args.query, level=args.level, region=args.region,
                              agency=args.agency, site_type=args.site_type,
                              date_from=getattr(args, "date_from", None), date_to=getattr(args, "date_to", None),
                              limit=args.limit)
    except SearchInputError as exc:
        print(f"policykg search: {exc}", file=sys.stderr)
        return 2
    print_results(answer, args.json)
    return 0


def run_remote(args: argparse.Namespace, server: LocalServer) -> int:
    """The same, asked of the running server (GET /search): its index is loaded, nothing is re-encoded."""
    answer = server.get("/search", {"q": args.query, "level": args.level, "region": args.region,
                                    "agency": args.agency, "site_type": args.site_type,
                                    "date_from": getattr(args, "date_from", None),
                                    "date_to": getattr(args, "date_to", None), "limit": args.limit})
    print_results(answer, args.json)
    return 0
