"""One user query evaluated on a pyoxigraph store, its answer written in the format the client chose.

The same function runs inside the sandboxed worker processes of the HTTP endpoint and in-process for the
command line; the query is checked first (``sparql_guard``), so nothing unchecked reaches Oxigraph.
The dataset follows the SPARQL 1.1 Protocol: ``default-graph-uri`` / ``named-graph-uri`` when the request
gives them, else the query's own FROM / FROM NAMED, else the union of all named graphs as default graph.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from typing import Any

import pyoxigraph as ox
from policykg.graph.sparql_guard import (
    QueryShape,
    SparqlMalformed,
    SparqlNotAcceptable,
    inspect_query,
    prepare,
)
from policykg.graph.store import ox_to_json

SOLUTION_FORMATS = {"json": ox.QueryResultsFormat.JSON, "xml": ox.QueryResultsFormat.XML,
                    "csv": ox.QueryResultsFormat.CSV, "tsv": ox.QueryResultsFormat.TSV}
GRAPH_FORMATS = {"turtle": ox.RdfFormat.TURTLE, "ntriples": ox.RdfFormat.N_TRIPLES,
                 "jsonld": ox.RdfFormat.JSON_LD, "rdfxml": ox.RdfFormat.RDF_XML}
MEDIA_TYPES = {"json": "application/sparql-results+json", "xml": "application/sparql-results+xml",
               "csv": "text/csv; charset=utf-8", "tsv": "text/tab-separated-values; charset=utf-8",
               "turtle": "text/turtle; charset=utf-8", "ntriples": "application/n-triples; charset=utf-8",
               "jsonld": "application/ld+json", "rdfxml": "application/rdf+xml"}


@dataclass
class QueryJob:
    """A query as the protocol request gave it, and what the answer should look like."""

    query: str
    solutions_format: str | None = "json"  # for SELECT/ASK; None: the client accepts none
    graph_format: str | None = "turtle"  # for CONSTRUCT/DESCRIBE
    max_rows: int | None = 10_000
    base_iri: str | None = None
    default_graphs: list[str] | None = None  # the request's default-graph-uri values
    named_graphs: list[str] | None = None  # the request's named-graph-uri values
    prefixes: dict[str, str] = field(default_factory=dict)  # predeclared (a PREFIX in the query wins)

    def to_json(self) -> dict[str, Any]:
        """Plain data, for the pipe to a worker."""
        return asdict(self)


@dataclass
class Answer:
    """A query's answer, serialised."""

    kind: str  # solutions, boolean or graph
    format: str
    body: bytes
    rows: int
    truncated: bool = False
    warning: str | None = None

    @property
    def media_type(self) -> str:
        """The Content-Type of ``body``."""
        return MEDIA_TYPES[self.format]


def _dataset(job: QueryJob, shape: QueryShape) -> dict[str, Any]:
    """pyoxigraph's dataset options: the request's graphs, the query's FROM, or the union default graph."""
    if job.default_graphs is None and job.named_graphs is None:
        return {} if shape.names_dataset else {"use_default_graph_as_union": True}
    try:
        return {"default_graph": [ox.NamedNode(g) for g in job.default_graphs or []],
                "named_graphs": [ox.NamedNode(g) for g in job.named_graphs or []]}
    except ValueError as exc:
        raise SparqlMalformed(f"default-graph-uri and named-graph-uri take absolute IRIs: {exc}") from None


def _warning(max_rows: int | None) -> str:
    return f"result cut at the row cap of {max_rows} rows; add LIMIT/OFFSET or narrow the query"


def answer(store: ox.Store, job: QueryJob) -> Answer:
    """Check, evaluate and serialise one query (SparqlError subclasses for what the user must fix)."""
    text = prepare(job.query)
    shape = inspect_query(text)
    fmt = job.graph_format if shape.is_graph else job.solutions_format
    if fmt is None:
        kinds = ", ".join(GRAPH_FORMATS if shape.is_graph else SOLUTION_FORMATS)
        raise SparqlNotAcceptable(f"{shape.form} results come as {kinds}; the request accepts none of them")
    # a separate frame: rdflib's parse leaves cycles through its callers' frames, and pyoxigraph objects
    # must not be kept alive by them (they may only be dropped on the thread that made them)
    return _evaluate(store, text, shape, fmt, job)


def _evaluate(store: ox.Store, text: str, shape: QueryShape, fmt: str, job: QueryJob) -> Answer:
    try:
        result = store.query(text, base_iri=job.base_iri, prefixes=job.prefixes, **_dataset(job, shape))
    except SyntaxError as exc:
        raise SparqlMalformed(f"syntax error: {exc}") from None
    cap = job.max_rows
    if isinstance(result, ox.QueryBoolean):
        body = result.serialize(format=SOLUTION_FORMATS[fmt])
        return Answer("boolean", fmt, body, rows=1)
    if isinstance(result, ox.QuerySolutions):
        names = [v.value for v in result.variables]
        rows: list[dict[str, Any]] = []
        truncated = False
        for solution in result:
            if cap is not None and len(rows) >= cap:
                truncated = True
                break
            rows.append({n: ox_to_json(t) for n, t in zip(names, solution) if t is not None})
        document: dict[str, Any] = {"head": {"vars": names}, "results": {"bindings": rows}}
        warning = _warning(cap) if truncated else None
        if truncated:
            document.update(truncated=True, warning=warning)
        body = json.dumps(document, ensure_ascii=False).encode("utf-8")
        if fmt != "json":
            body = ox.parse_query_results(body, format=ox.QueryResultsFormat.JSON).serialize(
                format=SOLUTION_FORMATS[fmt])
        return Answer("solutions", fmt, body, len(rows), truncated, warning)
    triples = []
    truncated = False
    for triple in result:
        if cap is not None and len(triples) >= cap:
            truncated = True
            break
        triples.append(triple)
    return graph_answer(triples, fmt, truncated, cap, job.prefixes)


def graph_answer(triples: list[ox.Triple], fmt: str, truncated: bool, cap: int | None,
                 prefixes: dict[str, str]) -> Answer:
    """Triples written as ``fmt``; a cut graph says so in a comment where the format has comments."""
    try:
        body = ox.serialize(triples, format=GRAPH_FORMATS[fmt],
                            prefixes=prefixes if fmt == "turtle" else None) or b""
    except (ValueError, OSError) as exc:
        raise SparqlNotAcceptable(f"this graph cannot be written as {fmt}: {exc}") from None
    warning = _warning(cap) if truncated else None
    if warning and fmt in ("turtle", "ntriples"):
        body = f"# warning: {warning}\n".encode() + body
    return Answer("graph", fmt, body, len(triples), truncated, warning)
