"""The ``policykg`` command line: argument parsing only; each command lives in api/commands/."""

from __future__ import annotations

import argparse
import importlib
import sys
from typing import Any

from policykg.api.settings import Settings

LEVEL_CHOICES = ["national", "provincial", "city", "county", "township"]
# what a command that cannot go through the server should do while a server holds the store
WRITE_ADVICE = {
    "ingest": "add documents through it (POST /documents, or the web page's API) or stop it first",
    "sparql": "query its endpoint instead: POLICYKG_STORE={url}/sparql policykg sparql …",
    "serve": "a server is already running over this data directory",
}


def build_parser() -> argparse.ArgumentParser:
    """The argument parser; option names are the product's contract with users' scripts."""
    from policykg.search.consistency import KINDS

    p = argparse.ArgumentParser(
        prog="policykg", description="Knowledge graph over Chinese policy documents",
        epilog="Environment: POLICYKG_DATA (data directory, default ./.policykg), POLICYKG_ENCODER "
               "(e5-small | e5-small-fp32 | hash | a model folder), POLICYKG_STORE (oxigraph | a SPARQL endpoint URL), "
               "POLICYKG_SERVER (a running `policykg serve` that read commands ask while it holds the store).")
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")

    s = sub.add_parser("ingest", help="ingest files or folders into the knowledge graph")
    s.add_argument("paths", nargs="+", metavar="PATH", help="files (.txt .docx .pdf .html) or folders")
    s.add_argument("--json", action="store_true", help="print the report as JSON")

    s = sub.add_parser("sparql", help="run a read-only SPARQL query (text or @FILE)")
    s.add_argument("query", help="a SELECT/ASK/CONSTRUCT/DESCRIBE query, or @FILE to read it from a file")
    s.add_argument("--format", choices=["table", "json", "csv"], default="table",
                   help="output: table, json or csv (default: table)")

    s = sub.add_parser("docs", help="list ingested documents")
    s.add_argument("--json", action="store_true", help="print a JSON list instead of one line each")

    s = sub.add_parser("show", help="show one document (file name, 文号 or IRI)")
    s.add_argument("doc", help="file name (001_68136cc265473cb2.txt), 文号 (柳政发〔2020〕36号), title or IRI")
    s.add_argument("--json", action="store_true", help="the whole document: obligations, citations, spans")

    s = sub.add_parser("tasks", help="obligations assigned to an agency, under any of its names")
    s.add_argument("--agency", required=True, help="a name or alias as written: 市住建局, 消防救援大队 …")
    s.add_argument("--region", help="only tasks in documents of this region or its sub-regions: 常德市 …")
    s.add_argument("--role", choices=["lead", "cooperate"], help="lead (牵头) or cooperate (配合)")
    s.add_argument("--json", action="store_true", help="print JSON")

    s = sub.add_parser("trace", help="citation chain of a document up to its sources (or --down)")
    s.add_argument("doc", help="file name, 文号, title or IRI")
    s.add_argument("--down", action="store_true", help="the documents implementing this one instead")
    s.add_argument("--json", action="store_true", help="print {nodes, edges, cycles} as JSON")

    s = sub.add_parser("search", help="hybrid semantic search over obligations and passages")
    s.add_argument("query", help="what to look for, as staff would say it: 电瓶车在楼道里充电")
    s.add_argument("--level", choices=LEVEL_CHOICES, help="one of: " + ", ".join(LEVEL_CHOICES))
    s.add_argument("--region", help="region name or code, sub-regions included: 上海市, 常德 …")
    s.add_argument("--agency", help="responsible agency, any of its names: 消防救援大队 …")
    s.add_argument("--site-type", dest="site_type", help="site type: 九小场所, 高层建筑, 地下空间 …")
    s.add_argument("--date-from", dest="date_from", metavar="YYYY-MM-DD", help="documents dated on or after")
    s.add_argument("--date-to", dest="date_to", metavar="YYYY-MM-DD", help="documents dated on or before")
    s.add_argument("--limit", type=int, default=10, help="results, 1..100 (default: 10)")
    s.add_argument("--json", action="store_true", help="print JSON (snippets as HTML with <mark>)")

    s = sub.add_parser("similar", help="comparable measures in other regions")
    s.add_argument("text", help="free text or an obligation IRI (from `tasks --json` or `search --json`)")
    s.add_argument("--exclude-region", dest="exclude_region",
                   help="leave out this region and its sub-regions (for an IRI: its own region by default)")
    s.add_argument("--limit", type=int, default=10, help="regions, 1..100 (default: 10)")
    s.add_argument("--json", action="store_true", help="print JSON")

    s = sub.add_parser("check", help="consistency findings: conflicting deadlines and targets")
    s.add_argument("--doc", help="only findings involving this document (file name, 文号, title or IRI)")
    s.add_argument("--kind", help="one of: " + ", ".join(KINDS))
    s.add_argument("--json", action="store_true", help="print JSON")

    s = sub.add_parser("serve", help="ingest corpus/ on first start, then serve the API and web page")
    s.add_argument("--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1)")
    s.add_argument("--port", type=int, default=8000, help="port (default: 8000)")
    return p


def store_unavailable(args: argparse.Namespace, settings: Settings, module: Any, exc: Exception) -> int:
    """The store could not be opened: ask the server that holds it (read commands), else say what to do."""
    from policykg.api.local_server import (
        LocalServer,
        ServerAnswerError,
        ServerUnavailable,
        store_held_elsewhere,
    )

    name = f"policykg {args.command}"
    if settings.store_backend != "oxigraph" or not store_held_elsewhere(settings.data_dir):
        print(f"{name}: {_first_line(exc)}", file=sys.stderr)
        return 1
    held = f"the store in {settings.data_dir} is in use by another process (a running `policykg serve`?)"
    if not hasattr(module, "run_remote"):
        advice = WRITE_ADVICE.get(args.command, "stop that process first, or use another POLICYKG_DATA")
        if "{url}" in advice:
            try:
                url = LocalServer.find(settings.data_dir).url
            except ServerUnavailable:
                url = "http://HOST:PORT"
            advice = advice.format(url=url)
        print(f"{name}: {held}: {advice}", file=sys.stderr)
        return 1
    try:
        server = LocalServer.find(settings.data_dir)
    except ServerUnavailable as err:
        print(f"{name}: {held}, and {err}; set POLICYKG_SERVER=http://HOST:PORT to where it listens",
              file=sys.stderr)
        return 1
    try:
        code = int(module.run_remote(args, server) or 0)
    except ServerAnswerError as err:
        print(f"{name}: {err}", file=sys.stderr)
        code = 2 if err.status in (400, 422) else 1
    except ServerUnavailable as err:
        print(f"{name}: the server at {server.url} stopped answering: {err}", file=sys.stderr)
        return 1
    note = _start_note(server) if code != 2 else None  # bad input stays one line
    if note:
        print(note, file=sys.stderr)
    return code


def _start_note(server: Any) -> str | None:
    """While the server's first start still writes the corpus, a line saying that answers cover only what is
    written so far (an unknown document may just not be there yet)."""
    from policykg.api.local_server import ServerAnswerError, ServerUnavailable

    try:
        status = server.get("/status", timeout=3.0)
    except (ServerUnavailable, ServerAnswerError, OSError, ValueError):
        return None
    if not isinstance(status, dict) or not status.get("running"):
        return None
    docs, units = status.get("documents") or {}, status.get("units") or {}
    return (f"note: the server is still in its first start ({status.get('phase')}: documents "
            f"{docs.get('done')}/{docs.get('total')} written, search units encoded {units.get('done')}/"
            f"{units.get('total')}); answers cover what is written so far. Progress: {server.url}/status-ui")


def _first_line(exc: Exception) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__


def main(argv: list[str] | None = None) -> int:
    """Entry point of the console script."""
    from policykg.graph.store import StoreError

    args = build_parser().parse_args(argv)
    settings = Settings.from_env()
    module = importlib.import_module(f"policykg.api.commands.{args.command}")
    try:
        return int(module.run(args, settings) or 0)
    except StoreError as exc:  # locked by a running server, or a remote store that does not answer
        return store_unavailable(args, settings, module, exc)
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:  # output piped into `head` and closed early: not an error of ours
        sys.stderr.close()
        return 0


if __name__ == "__main__":
    sys.exit(main())
