"""`policykg sparql QUERY|@FILE --format table|json|csv`: read-only, time-limited SPARQL."""

from __future__ import annotations

import sys
from pathlib import Path

from policykg.api.service import Service
from policykg.api.settings import Settings
from policykg.graph.sparql import FORMATTERS, SparqlError, run_query


def run(args, settings: Settings) -> int:
    """Run one query and print it in the chosen format."""
    query = args.query
    if query.startswith("@"):
        try:
            query = Path(query[1:]).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            print(f"cannot read query file {query[1:]}: {exc}", file=sys.stderr)
            return 2
    try:
        result = run_query(Service(settings).kg.store, query, timeout=settings.sparql_timeout_s,
                           max_rows=settings.sparql_max_rows)
    except SparqlError as exc:
        print(str(exc), file=sys.stderr)
        return 2
    text = FORMATTERS[args.format](result)
    sys.stdout.write(text if text.endswith("\n") else text + "\n")
    if result.get("truncated"):
        print(f"note: output capped at {settings.sparql_max_rows} rows", file=sys.stderr)
    return 0
