"""Read-only, time-limited SPARQL for users (CLI and HTTP): guard, run, format.

Updates and SERVICE (which would reach the network) are refused before the query reaches the store;
rows are capped; a timeout gives a clear message. Output formats: W3C SPARQL 1.1 results JSON, the
W3C CSV format, and an aligned text table that counts wide (CJK) characters as two columns.
"""

from __future__ import annotations

import csv
import io
import json
import re
import unicodedata
from typing import Any

from policykg.graph.store import GraphStore, QueryTimeout
from policykg.ontology.namespace import sparql_prefixes

_IRI = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:[^\s<>\"{}|\\^`]*$")
# strings, IRIs, comments and variables are blanked before looking for keywords
_NOISE = re.compile(r'"""[\s\S]*?"""|\'\'\'[\s\S]*?\'\'\'|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\''
                    r"|<[^<>\"{}|^`\\\s]*>|#[^\n]*|[?$][A-Za-z0-9_\u00b7-\U0010ffff]+"
                    r"|[A-Za-z_][\w.-]*:[\w.%-]*|:[\w.%-]+")
_WORD = re.compile(r"[A-Za-z_]+")
_FORMS = {"SELECT", "ASK", "CONSTRUCT", "DESCRIBE"}
_UPDATES = {"INSERT", "DELETE", "LOAD", "CLEAR", "CREATE", "DROP", "COPY", "MOVE", "ADD", "WITH"}
_POSITION = re.compile(r"error at (\d+):(\d+)")


class SparqlError(Exception):
    """A query refused, malformed or too slow; the message is meant for the user."""


class SparqlMalformed(SparqlError):
    """Not a query, or a syntax error (its position counted in the user's own lines)."""


class SparqlRefused(SparqlError):
    """A well-formed request this read-only, offline endpoint will not run: an update or SERVICE."""


class SparqlTimeout(SparqlError):
    """The query ran past its time limit."""


def is_iri(text: str) -> bool:
    """Whether ``text`` is an absolute IRI that can sit between < > in a query."""
    return bool(_IRI.match(text))


def sparql_string(text: str) -> str:
    """``text`` as a SPARQL string literal (JSON escapes are valid SPARQL escapes)."""
    return json.dumps(text, ensure_ascii=False)


def check_read_only(query: str) -> str:
    """The query form (SELECT, ASK, CONSTRUCT, DESCRIBE); raises SparqlError for anything else."""
    words = [w.upper() for w in _WORD.findall(_NOISE.sub(" ", query))]
    if "SERVICE" in words:
        raise SparqlRefused("SERVICE is not allowed: queries run on the local graph only")
    for word in words:
        if word in ("PREFIX", "BASE"):
            continue
        if word in _FORMS:
            return word
        if word in _UPDATES:
            raise SparqlRefused(f"read-only endpoint: {word} (a SPARQL Update) is not allowed")
    raise SparqlMalformed("not a SPARQL query: expected SELECT, ASK, CONSTRUCT or DESCRIBE")


def run_query(store: GraphStore, query: str, timeout: float = 10.0, max_rows: int = 10_000) -> dict[str, Any]:
    """Run a user's query with the project prefixes predeclared; W3C results JSON (graphs as N-Triples)."""
    check_read_only(query)
    prefixes = sparql_prefixes()
    shift = prefixes.count("\n")
    try:
        return store.query(prefixes + query, timeout=timeout, max_rows=max_rows)
    except QueryTimeout as exc:
        raise SparqlTimeout(f"{exc}; narrow the query or add a LIMIT") from exc
    except SyntaxError as exc:
        message = _POSITION.sub(lambda m: f"line {int(m.group(1)) - shift}, column {m.group(2)}", str(exc))
        raise SparqlMalformed(f"syntax error: {message}") from exc


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
