"""``policykg similar (TEXT | OBLIGATION_IRI)``: comparable measures in other regions."""

from __future__ import annotations

import argparse
import sys

from policykg.api.local_server import LocalServer
from policykg.api.settings import Settings


def run(args: argparse.Namespace, settings: Settings) -> int:
    """Find the best match per region outside --exclude-region; bad input exits with status 2."""
    from policykg.api.commands.search import announce_index_build, print_results
    from policykg.api.service import Service
    from policykg.search.query import SearchInputError
    from policykg.search.results import similar_units

    service = Service(settings)
    service.kg  # noqa: B018 (opened first: a store held by a server is answered by that server)
    announce_index_build(settings, "similar")
    try:
        answer = similar_units(service.index, args.text, exclude_region=args.exclude_region,
                               limit=args.limit)
    except SearchInputError as exc:
        print(f"policykg similar: {exc}", file=sys.stderr)
        return 2
    print_results(answer, args.json)
    return 0


def run_remote(args: argparse.Namespace, server: LocalServer) -> int:
    """The same, asked of the running server (GET /similar): its index is loaded, nothing is re-encoded."""
    from policykg.api.commands.search import print_results

    answer = server.get("/similar", {"text": args.text, "exclude_region": args.exclude_region,
                                     "limit": args.limit})
    print_results(answer, args.json)
    return 0
