"""Read-only, time-limited SPARQL for users (CLI and HTTP): the front door, and text formats.

``run_job`` bounds the query's size before anything parses it, then runs it where it can be stopped: in a
worker process of a ``QueryPool`` for the HTTP service (killed at the time limit, memory capped, no
network), in a thread for the command line (a process that ends anyway), or on the remote store. What a
query may do is decided from its parse tree (``sparql_guard``). Output formats here: W3C SPARQL 1.1
results JSON, the W3C CSV format, and an aligned text table that counts wide (CJK) characters as two
columns.
"""

from __future__ import annotations

import csv
import io
import json
import re
import threading
import unicodedata
from typing import Any

import pyoxigraph as ox
from policykg.graph.sparql_answer import Answer, QueryJob, answer, graph_answer
from policykg.graph.sparql_guard import (
    SparqlError,
    SparqlMalformed,
    SparqlNotAcceptable,
    SparqlRefused,
    SparqlResources,
    SparqlTimeout,
    SparqlTooComplex,
    check_size,
    inspect_query,
    prepare,
)
from policykg.graph.store import GraphStore, OxigraphStore, QueryTimeout
from policykg.ontology.namespace import PREFIXES

__all__ = ["SparqlError", "SparqlMalformed", "SparqlNotAcceptable", "SparqlRefused", "SparqlResources",
           "SparqlTimeout", "SparqlTooComplex", "check_read_only", "is_iri", "run_job", "run_query",
           "sparql_string"]

_IRI = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:[^\s<>\"{}|\\^`]*$")
_POSITION = re.compile(r"error at (\d+):(\d+)")
# queries run in-process get a thread with a large stack: deep algebra trees recurse in Oxigraph
_STACK_BYTES = 512 * 1024 * 1024
_stack_lock = threading.Lock()


def is_iri(text: str) -> bool:
    """Whether ``text`` is an absolute IRI that can sit between < > in a query."""
    return bool(_IRI.match(text))


def sparql_string(text: str) -> str:
    """``text`` as a SPARQL string literal (JSON escapes are valid SPARQL escapes)."""
    return json.dumps(text, ensure_ascii=False)


def check_read_only(query: str) -> str:
    """The query form (SELECT, ASK, CONSTRUCT, DESCRIBE), read from the parsed query; SparqlError for an
    update, SERVICE anywhere in it, a syntax error, or a query too long or too deep to parse."""
    return inspect_query(prepare(query)).form


def _in_thread(work: Any, timeout: float) -> Any:
    """``work()`` on a large-stack daemon thread; SparqlTimeout past ``timeout`` (the thread runs on: only
    for callers whose process ends soon, such as the command line)."""
    state: dict[str, Any] = {}

    def target() -> None:
        try:
            state["result"] = work()
        except BaseException as exc:  # noqa: BLE001 - re-raised in the caller's thread
            # without the frames: pyoxigraph objects must be dropped on the thread that made them
            for linked in (exc, exc.__cause__, exc.__context__):
                if linked is not None:
                    linked.__traceback__ = None
            state["error"] = exc

    with _stack_lock:
        previous = threading.stack_size(_STACK_BYTES)
        try:
            thread = threading.Thread(target=target, daemon=True, name="sparql-query")
            thread.start()
        finally:
            threading.stack_size(previous)
    thread.join(timeout)
    if thread.is_alive():
        raise SparqlTimeout(f"query exceeded the time limit of {timeout:g} s; narrow the query or add a LIMIT")
    if "error" in state:
        raise state["error"]
    return state["result"]


def _remote(store: GraphStore, job: QueryJob, timeout: float) -> Answer:
    """A checked query sent to a remote store, its answer written in the client's format."""
    text = prepare(job.query)
    shape = inspect_query(text)
    if job.default_graphs is not None or job.named_graphs is not None:
        raise SparqlMalformed("default-graph-uri and named-graph-uri are not supported with a remote store: "
                              "use FROM / FROM NAMED in the query")
    fmt = job.graph_format if shape.is_graph else job.solutions_format
    if fmt is None:
        raise SparqlNotAcceptable(f"no format the request accepts fits a {shape.form} query")
    prologue = "".join(f"PREFIX {p}: <{u}>\n" for p, u in job.prefixes.items())
    if job.base_iri:
        prologue = f"BASE <{job.base_iri}>\n" + prologue
    shift = prologue.count("\n")
    try:
        result = store.query(prologue + text, timeout=timeout, max_rows=job.max_rows)
    except QueryTimeout as exc:
        raise SparqlTimeout(f"{exc}; narrow the query or add a LIMIT") from exc
    except SyntaxError as exc:
        message = _POSITION.sub(lambda m: f"line {int(m.group(1)) - shift}, column {m.group(2)}", str(exc))
        raise SparqlMalformed(f"syntax error: {message}") from exc
    truncated = bool(result.get("truncated"))
    if "ntriples" in result:
        triples = [q.triple for q in ox.parse((result["ntriples"] + "\n").encode("utf-8"),
                                               format=ox.RdfFormat.N_TRIPLES)]
        return graph_answer(triples, fmt, truncated, job.max_rows, job.prefixes)
    body = json.dumps(result, ensure_ascii=False).encode("utf-8")
    if fmt != "json":
        from policykg.graph.sparql_answer import SOLUTION_FORMATS

        clean = {k: v for k, v in result.items() if k in ("head", "results", "boolean")}
        body = ox.parse_query_results(json.dumps(clean).encode("utf-8"), format=ox.QueryResultsFormat.JSON
                                      ).serialize(format=SOLUTION_FORMATS[fmt])
    kind = "boolean" if "boolean" in result else "solutions"
    rows = len(result.get("results", {}).get("bindings", [])) if kind == "solutions" else 1
    return Answer(kind, fmt, body, rows, truncated)


def run_job(store: GraphStore, job: QueryJob, timeout: float, pool: Any = None) -> Answer:
    """Run a user's query: in ``pool`` (a QueryPool) when given, else in-process or on the remote store."""
    check_size(job.query)  # before anything parses it: deep nesting crashes Oxigraph's parser
    if pool is not None:
        return pool.run(job, timeout)
    if isinstance(store, OxigraphStore):
        return _in_thread(lambda: answer(store.oxigraph, job), timeout)
    return _remote(store, job, timeout)


def run_query(store: GraphStore, query: str, timeout: float = 10.0, max_rows: int = 10_000) -> dict[str, Any]:
    """Run a user's query with the project prefixes predeclared; W3C results JSON (graphs as N-Triples)."""
    job = QueryJob(query, solutions_format="json", graph_format="ntriples", max_rows=max_rows,
                   prefixes=dict(PREFIXES))
    result = run_job(store, job, timeout)
    if result.kind == "graph":
        out: dict[str, Any] = {"head": {}, "ntriples": result.body.decode("utf-8")}
        if result.truncated:
            out["truncated"] = True
        return out
    return json.loads(result.body)


def _plain(cell: dict[str, str] | None) -> str:
    return "" if cell is None else cell["value"]


def to_json(result: dict[str, Any]) -> str:
    """W3C SPARQL 1.1 Query Results JSON (a graph result is returned as N-Triples text)."""
    if "ntriples" in result:
        return result["ntriples"]
    return json.dumps(result, ensure_ascii=False, indent=1)


def to_csv(result: dict[str, Any]) -> str:
    """W3C SPARQL 1.1 Query Results CSV: a header of variables, then plain values."""
    if "ntriples" in result:
        return result["ntriples"]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    if "boolean" in result:
        writer.writerow(["boolean"])
        writer.writerow(["true" if result["boolean"] else "false"])
        return out.getvalue()
    names = result["head"]["vars"]
    writer.writerow(names)
    for row in result["results"]["bindings"]:
        writer.writerow([_plain(row.get(n)) for n in names])
    return out.getvalue()


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _clip(text: str, limit: int) -> str:
    text = text.replace("\n", " ")
    if _width(text) <= limit:
        return text
    out, used = [], 0
    for ch in text:
        used += _width(ch)
        if used > limit - 1:
            break
        out.append(ch)
    return "".join(out) + "…"


def to_table(result: dict[str, Any], max_cell: int = 60) -> str:
    """An aligned text table for a terminal, with the row count (and a note when rows were capped)."""
    if "ntriples" in result:
        return result["ntriples"]
    if "boolean" in result:
        return "true" if result["boolean"] else "false"
    names = result["head"]["vars"]
    rows = [[_clip(_plain(r.get(n)), max_cell) for n in names] for r in result["results"]["bindings"]]
    widths = [max([_width(n)] + [_width(r[i]) for r in rows]) for i, n in enumerate(names)]

    def line(cells: list[str]) -> str:
        return " | ".join(c + " " * (w - _width(c)) for c, w in zip(cells, widths)).rstrip()

    lines = [line(names), "-+-".join("-" * w for w in widths)] + [line(r) for r in rows]
    note = " (capped)" if result.get("truncated") else ""
    lines.append(f"{len(rows)} row{'s' if len(rows) != 1 else ''}{note}")
    return "\n".join(lines)


FORMATTERS = {"json": to_json, "csv": to_csv, "table": to_table}
