"""What a user's SPARQL query may do, decided before it runs.

Two steps. ``check_size`` bounds the length and the nesting depth of the text before any parser sees it:
Oxigraph's recursive parser overflows its stack on a few thousand nested brackets (one GET request that
kills the process) and backtracks exponentially on nested ``[`` or ``<<``. ``inspect_query`` then parses
the query with rdflib's SPARQL grammar and decides from the parse tree, never from the text: updates and
SERVICE (at any depth: EXISTS, subqueries, OPTIONAL, MINUS) are refused, and the query form and whether it
names its own dataset (FROM / FROM NAMED) are read off the tree.

Both parsers must read the same query, or a query could look harmless to one and not to the other
(rdflib ends a ``#`` comment at ``\\n`` only, Oxigraph also at ``\\r``). ``canonical`` therefore
expands codepoint escapes (``\\u0053``) and turns every CR into LF first, and that canonical text is the
one Oxigraph runs. The worker that runs it cannot open a network socket either (``sparql_worker``).
"""

from __future__ import annotations

import hashlib
import re
import sys
import threading
from collections import OrderedDict
from dataclasses import dataclass
from typing import Any

from pyparsing import ParseException, ParseResults

# a query is text a person or a program wrote by hand; 100,000 characters leaves room for large VALUES
MAX_QUERY_CHARS = 100_000
# brackets and prefix operators nested this deep; real queries rarely pass 15
MAX_NESTING = 64
# rdflib's grammar needs ~25 Python frames per nesting level
PARSE_RECURSION_LIMIT = 20_000
CACHE_SIZE = 1024

_ESCAPE = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")
# what can hold brackets that do not nest: strings (long ones first), IRIs and comments; then the
# tokens that nest (an unterminated string runs to the end of its line or of the text)
_TOKEN = re.compile(r'''
    (?P<skip> """(?:[^"\\]|\\.|"(?!""))*(?:"""|\Z) | \'\'\'(?:[^'\\]|\\.|'(?!''))*(?:\'\'\'|\Z)
            | "(?:[^"\\\n]|\\.)*"? | '(?:[^'\\\n]|\\.)*'?
            | <[^<>"{}|^`\\\x00-\x20]*> | \#[^\n]* )
  | (?P<open> << | [{(\[] )
  | (?P<close> >> | [})\]] )
  | (?P<bang> ! (?!=) )
  | (?P<other> [^\s"'<#{}()\[\]!>]+ | [^\s] )
''', re.VERBOSE | re.DOTALL)


_verdicts: OrderedDict[bytes, QueryShape | tuple[type, str]] = OrderedDict()
_cache_lock = threading.Lock()


class SparqlError(Exception):
    """A query refused, malformed or too slow; the message is meant for the user."""


class SparqlMalformed(SparqlError):
    """Not a query, or a syntax error (its position counted in the user's own lines)."""


class SparqlTooComplex(SparqlMalformed):
    """Longer or more deeply nested than this endpoint parses."""


class SparqlRefused(SparqlError):
    """A well-formed request this read-only, offline endpoint will not run: an update or SERVICE."""


class SparqlTimeout(SparqlError):
    """The query ran past its time limit."""


class SparqlResources(SparqlError):
    """The query ran past its memory limit, or stopped the process that ran it."""


class SparqlNotAcceptable(SparqlError):
    """None of the result formats the client accepts fits this query's form."""


@dataclass(frozen=True)
class QueryShape:
    """What the parse tree says about a query."""

    form: str  # SELECT, ASK, CONSTRUCT or DESCRIBE
    names_dataset: bool  # FROM or FROM NAMED in the query itself

    @property
    def is_graph(self) -> bool:
        """CONSTRUCT and DESCRIBE answer with triples, SELECT and ASK with solutions."""
        return self.form in ("CONSTRUCT", "DESCRIBE")


def nesting_depth(query: str) -> int:
    """The deepest nesting of brackets ``{ ( [ <<`` plus runs of ``!``, outside strings, IRIs and comments."""
    depth = deepest = bangs = 0
    for match in _TOKEN.finditer(query):
        kind = match.lastgroup
        if kind == "open":
            depth += 1
        elif kind == "close":
            depth = max(depth - 1, 0)
        if kind == "bang":
            bangs += 1
        elif kind != "skip":
            bangs = 0
        deepest = max(deepest, depth + bangs)
    return deepest


def check_size(query: str, max_chars: int = MAX_QUERY_CHARS, max_nesting: int = MAX_NESTING) -> None:
    """Refuse (SparqlTooComplex) a query too long or too deeply nested to parse safely."""
    if len(query) > max_chars:
        raise SparqlTooComplex(f"query too long: {len(query):,} characters, at most {max_chars:,}")
    depth = nesting_depth(query)
    if depth > max_nesting:
        raise SparqlTooComplex(f"query nested too deeply: {depth} levels of brackets, at most {max_nesting}")


def _expand(match: re.Match) -> str:
    code = int(match.group(1) or match.group(2), 16)
    if code > 0x10FFFF or 0xD800 <= code <= 0xDFFF:
        raise SparqlMalformed(f"invalid codepoint escape {match.group(0)}")
    return chr(code)


def canonical(query: str) -> str:
    """The query as both parsers must see it: codepoint escapes expanded (until none is left, so neither
    parser expands one the other did not) and line ends as LF."""
    for _ in range(3):
        query, found = _ESCAPE.subn(_expand, query)
        if not found:
            break
    else:
        raise SparqlMalformed("codepoint escapes nested in codepoint escapes are not accepted")
    if any(0xD800 <= ord(ch) <= 0xDFFF for ch in query):
        raise SparqlMalformed("the query holds a lone surrogate code point")
    return query.replace("\r\n", "\n").replace("\r", "\n")


def prepare(query: str) -> str:
    """The canonical text of a query within the size bounds (checked before and after expansion, since
    ``\\u007B`` is a ``{``), or SparqlTooComplex / SparqlMalformed."""
    check_size(query)
    text = canonical(query)
    check_size(text)
    return text


def _nodes(tree: Any) -> Any:
    """Every node of an rdflib parse tree (CompValue, ParseResults, lists), depth first, iteratively."""
    stack = [tree]
    while stack:
        node = stack.pop()
        yield node
        if isinstance(node, dict):  # CompValue
            stack.extend(node.values())
        elif isinstance(node, (list, tuple, ParseResults)):
            stack.extend(list(node))


def _parse_error(exc: Exception) -> str:
    if not isinstance(exc, ParseException):
        return f"syntax error: {exc}"
    if not exc.pstr[:exc.loc].strip():  # nothing at all was read as SPARQL
        return "not a SPARQL query: expected SELECT, ASK, CONSTRUCT or DESCRIBE"
    near = exc.line[exc.col - 1:exc.col + 29].strip()
    return f"syntax error at line {exc.lineno}, column {exc.col}" + (f", near {near!r}" if near else ", at the end")


def inspect_query(query: str) -> QueryShape:
    """Parse a canonical query; its shape, or SparqlRefused (update, SERVICE) or SparqlMalformed. Verdicts
    are kept for the last CACHE_SIZE texts: rdflib's parser takes 5-50 ms, Oxigraph often under 1 ms, and
    clients repeat their queries."""
    key = hashlib.blake2b(query.encode("utf-8", "surrogatepass"), digest_size=16).digest()
    with _cache_lock:
        verdict = _verdicts.get(key)
        if verdict is not None:
            _verdicts.move_to_end(key)
    if verdict is None:
        try:
            verdict = _inspect(query)
        except SparqlError as exc:
            verdict = (type(exc), str(exc))
        with _cache_lock:
            _verdicts[key] = verdict
            while len(_verdicts) > CACHE_SIZE:
                _verdicts.popitem(last=False)
    if isinstance(verdict, tuple):
        raise verdict[0](verdict[1])
    return verdict


def _inspect(query: str) -> QueryShape:
    from rdflib.plugins.sparql.parser import parseQuery, parseUpdate

    if sys.getrecursionlimit() < PARSE_RECURSION_LIMIT:
        sys.setrecursionlimit(PARSE_RECURSION_LIMIT)
    try:
        tree = parseQuery(query)
    except (ParseException, RecursionError, ValueError) as exc:
        try:
            parseUpdate(query)
        except Exception:  # noqa: BLE001 - neither a query nor an update: report the query's error
            if isinstance(exc, RecursionError):
                raise SparqlTooComplex("query nested too deeply to parse") from None
            raise SparqlMalformed(_parse_error(exc)) from None
        raise SparqlRefused("read-only endpoint: SPARQL Update is not allowed") from None
    body = tree[1]
    names = {getattr(node, "name", None) for node in _nodes(body)}
    if "ServiceGraphPattern" in names:
        raise SparqlRefused("SERVICE is not allowed: queries run on the local graph only")
    form = {"SelectQuery": "SELECT", "AskQuery": "ASK", "ConstructQuery": "CONSTRUCT",
            "DescribeQuery": "DESCRIBE"}.get(body.name)
    if form is None:
        raise SparqlMalformed("not a SPARQL query: expected SELECT, ASK, CONSTRUCT or DESCRIBE")
    return QueryShape(form=form, names_dataset="datasetClause" in body)
