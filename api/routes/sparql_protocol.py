"""Reading a SPARQL 1.1 Protocol request: its parameters, its body's charset, and the result format.

Strict where the protocol is: one ``query``, at most one ``version``, UTF-8 only (a body labelled
GB18030 or UTF-16 is refused with 415, bytes that are not UTF-8 with 400), no body on GET. Lenient where
real clients need it: unknown parameters are ignored (the W3C runner adds ``clientRequestId``), and
``format`` may repeat (SPARQLWrapper sends ``format=tsv&format=text/tab-separated-values``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import parse_qsl

from policykg.api.routes.common import ApiError

# what each result kind can be written as: media type -> format, in the server's order of preference
SOLUTION_OFFERS = [("application/sparql-results+json", "json"), ("application/sparql-results+xml", "xml"),
                   ("text/csv", "csv"), ("text/tab-separated-values", "tsv"), ("application/json", "json"),
                   ("application/xml", "xml"), ("text/xml", "xml")]
GRAPH_OFFERS = [("text/turtle", "turtle"), ("application/n-triples", "ntriples"), ("application/ld+json", "jsonld"),
                ("application/rdf+xml", "rdfxml"), ("application/x-turtle", "turtle"), ("text/plain", "ntriples"),
                ("application/xml", "rdfxml"), ("text/xml", "rdfxml"), ("application/json", "jsonld")]
# format= values that are names, not media types: (for SELECT/ASK, for CONSTRUCT/DESCRIBE)
FORMAT_NAMES = {"json": ("json", "jsonld"), "xml": ("xml", "rdfxml"), "csv": ("csv", None), "tsv": ("tsv", None),
                "turtle": (None, "turtle"), "ttl": (None, "turtle"), "n3": (None, "turtle"),
                "ntriples": (None, "ntriples"), "nt": (None, "ntriples"), "jsonld": (None, "jsonld"),
                "json-ld": (None, "jsonld"), "rdfxml": (None, "rdfxml"), "rdf+xml": (None, "rdfxml"),
                "rdf": (None, "rdfxml")}
# every format= value the endpoint knows, as the OpenAPI schema lists them
FORMAT_VALUES = sorted({*FORMAT_NAMES, *(m for m, _ in SOLUTION_OFFERS), *(m for m, _ in GRAPH_OFFERS)})
VERSIONS = ("1.1", "1.2")
UTF8_LABELS = ("utf-8", "utf8", "us-ascii", "ascii")


@dataclass
class ProtocolRequest:
    """The parts of a query request the endpoint uses."""

    query: str | None = None
    default_graphs: list[str] = field(default_factory=list)
    named_graphs: list[str] = field(default_factory=list)
    formats: list[str] = field(default_factory=list)


def decode_utf8(data: bytes, what: str) -> str:
    """``data`` as UTF-8, or 400 naming ``what`` and the first bad byte."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ApiError(400, "bad_encoding", f"{what} is not valid UTF-8 (byte {exc.start}: "
                                            f"{data[exc.start:exc.start + 1]!r})") from None


def parse_params(raw: bytes, what: str) -> list[tuple[str, str]]:
    """Name/value pairs of a query string or a form body; percent-escapes must decode as UTF-8."""
    text = decode_utf8(raw, what)
    try:
        return parse_qsl(text, keep_blank_values=True, encoding="utf-8", errors="strict")
    except UnicodeDecodeError as exc:
        raise ApiError(400, "bad_encoding", f"{what} has percent-escapes that are not UTF-8: {exc.reason}") from None


def media_type(header: str) -> tuple[str, dict[str, str]]:
    """A Content-Type header as (type/subtype, lower-cased parameters)."""
    kind, *rest = header.split(";")
    params = {}
    for part in rest:
        name, _, value = part.partition("=")
        params[name.strip().lower()] = value.strip().strip('"').lower()
    return kind.strip().lower(), params


def body_text(body: bytes, content_type: str) -> str:
    """A request body as text: UTF-8 (declared or not), else 415."""
    _, params = media_type(content_type)
    charset = params.get("charset", "utf-8")
    if charset not in UTF8_LABELS:
        raise ApiError(415, "unsupported_charset", f"the body is labelled charset={charset}; SPARQL Protocol "
                                                   "requests are UTF-8: send the query encoded as UTF-8")
    return decode_utf8(body, "the request body")


def protocol_request(params: list[tuple[str, str]]) -> ProtocolRequest:
    """Check the parameters of a query request (400 for repeated query or version, 403 for an update)."""
    out = ProtocolRequest()
    queries, versions = [], []
    for name, value in params:
        if name == "update":
            raise ApiError(403, "read_only", "SPARQL Update is not accepted here: this endpoint is read-only")
        if name == "query":
            queries.append(value)
        elif name == "version":
            versions.append(value)
        elif name == "default-graph-uri":
            out.default_graphs.append(value)
        elif name == "named-graph-uri":
            out.named_graphs.append(value)
        elif name == "format":
            out.formats.append(value)
    if len(queries) > 1:
        raise ApiError(400, "bad_request", f"{len(queries)} query parameters: a request carries one query")
    if len(versions) > 1:
        raise ApiError(400, "bad_request", f"{len(versions)} version parameters: give at most one")
    if versions and versions[0] not in VERSIONS:
        raise ApiError(400, "bad_request", f"version {versions[0]!r} is not supported: use one of "
                                           f"{', '.join(VERSIONS)}")
    out.query = queries[0] if queries else None
    return out


def _ranges(accept: str) -> list[tuple[str, float, int]]:
    """(media range, q, position) of an Accept header; an empty header accepts anything."""
    out = []
    for i, part in enumerate((accept or "*/*").split(",")):
        kind, params = media_type(part)
        try:
            q = float(params.get("q", "1"))
        except ValueError:
            q = 0.0
        if kind:
            out.append((kind, q, i))
    return out


def negotiate(accept: str, offers: list[tuple[str, str]]) -> str | None:
    """The offered format the client rates highest (RFC 9110: the most specific range that matches an
    offer gives its q; q=0 refuses it); ties go to the range listed first, then to the server's order."""
    ranges = _ranges(accept)
    best: tuple[float, int, int] | None = None
    chosen = None
    for rank, (offer, fmt) in enumerate(offers):
        major = offer.split("/")[0]
        matches = [(3 if r == offer else 2 if r == f"{major}/*" else 1, q, i) for r, q, i in ranges
                   if r in (offer, f"{major}/*", "*/*")]
        if not matches:
            continue
        _, q, position = max(matches, key=lambda m: m[0])
        if q <= 0:
            continue
        key = (q, -position, -rank)
        if best is None or key > best:
            best, chosen = key, fmt
    return chosen


def formats(accept: str, values: list[str]) -> tuple[str | None, str | None]:
    """(format for SELECT/ASK, format for CONSTRUCT/DESCRIBE): from ``format=`` values when given (the
    first that fits each kind), else from the Accept header. 400 when no format value is known."""
    if not values:
        return negotiate(accept, SOLUTION_OFFERS), negotiate(accept, GRAPH_OFFERS)
    solutions = graph = None
    known = False
    for value in values:
        name = value.strip().lower()
        if name in FORMAT_NAMES:
            pair = FORMAT_NAMES[name]
        else:
            kind = media_type(name)[0]
            pair = (dict(SOLUTION_OFFERS).get(kind), dict(GRAPH_OFFERS).get(kind))
        known = known or pair != (None, None)
        solutions, graph = solutions or pair[0], graph or pair[1]
    if not known:
        names = ", ".join(sorted(FORMAT_NAMES))
        raise ApiError(400, "bad_format", f"unknown format {', '.join(values)!r}: use a media type or one of {names}")
    return solutions, graph
