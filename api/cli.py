"""The ``policykg`` command line: argument parsing only; each command lives in api/commands/."""

from __future__ import annotations

import argparse
import importlib
import sys

from policykg.api.settings import Settings

LEVEL_CHOICES = ["national", "provincial", "city", "county", "township"]


def build_parser() -> argparse.ArgumentParser:
    """The argument parser; option names are the product's contract with users' scripts."""
    p = argparse.ArgumentParser(prog="policykg", description="Knowledge graph over Chinese policy documents")
    sub = p.add_subparsers(dest="command", required=True)

    s = sub.add_parser("ingest", help="ingest files or folders into the knowledge graph")
    s.add_argument("paths", nargs="+")
    s.add_argument("--json", action="store_true", help="print the report as JSON")

    s = sub.add_parser("sparql", help="run a read-only SPARQL query (text or @FILE)")
    s.add_argument("query")
    s.add_argument("--format", choices=["table", "json", "csv"], default="table")

    s = sub.add_parser("docs", help="list ingested documents")
    s.add_argument("--json", action="store_true")

    s = sub.add_parser("show", help="show one document (file name, 文号 or IRI)")
    s.add_argument("doc")
    s.add_argument("--json", action="store_true")

    s = sub.add_parser("tasks", help="obligations assigned to an agency, under any of its names")
    s.add_argument("--agency", required=True)
    s.add_argument("--region")
    s.add_argument("--role", choices=["lead", "cooperate"])
    s.add_argument("--json", action="store_true")

    s = sub.add_parser("trace", help="citation chain of a document up to its sources (or --down)")
    s.add_argument("doc")
    s.add_argument("--down", action="store_true")
    s.add_argument("--json", action="store_true")

    s = sub.add_parser("search", help="hybrid semantic search over obligations and passages")
    s.add_argument("query")
    s.add_argument("--level", choices=LEVEL_CHOICES)
    s.add_argument("--region")
    s.add_argument("--agency")
    s.add_argument("--site-type", dest="site_type")
    s.add_argument("--date-from", dest="date_from")
    s.add_argument("--date-to", dest="date_to")
    s.add_argument("--limit", type=int, default=10)
    s.add_argument("--json", action="store_true")

    s = sub.add_parser("similar", help="comparable measures in other regions")
    s.add_argument("text", help="free text or an obligation IRI")
    s.add_argument("--exclude-region", dest="exclude_region")
    s.add_argument("--limit", type=int, default=10)
    s.add_argument("--json", action="store_true")

    s = sub.add_parser("check", help="consistency findings: conflicting deadlines and targets")
    s.add_argument("--doc")
    s.add_argument("--kind")
    s.add_argument("--json", action="store_true")

    s = sub.add_parser("serve", help="ingest corpus/ on first start, then serve the API and web page")
    s.add_argument("--host", default="127.0.0.1")
    s.add_argument("--port", type=int, default=8000)
    return p


def main(argv: list[str] | None = None) -> int:
    """Entry point of the console script."""
    args = build_parser().parse_args(argv)
    settings = Settings.from_env()
    module = importlib.import_module(f"policykg.api.commands.{args.command}")
    try:
        return int(module.run(args, settings) or 0)
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:  # output piped into `head` and closed early: not an error of ours
        sys.stderr.close()
        return 0


if __name__ == "__main__":
    sys.exit(main())
