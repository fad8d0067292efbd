"""``policykg similar (TEXT | OBLIGATION_IRI)``: comparable measures in other regions."""

from __future__ import annotations

import argparse
import sys

from policykg.api.settings import Settings


def run(args: argparse.Namespace, settings: Settings) -> int:
    """Find the best match per region outside --exclude-region; bad input exits with status 2."""
    from policykg.api.commands.search import print_results
    from policykg.api.service import Service
    from policykg.search.query import SearchInputError
    from policykg.search.results import similar_units

    try:
        answer = similar_units(Service(settings).index, args.text, exclude_region=args.exclude_region,
                               limit=args.limit)
    except SearchInputError as exc:
        print(f"policykg similar: {exc}", file=sys.stderr)
        return 2
    print_results(answer, args.json)
    return 0
