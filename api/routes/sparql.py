"""The SPARQL 1.1 Protocol endpoint: read-only queries, content negotiation, time limit and row cap."""

from __future__ import annotations

import logging
import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any
from urllib.parse import parse_qs

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response
from policykg.api.routes import examples as ex
from policykg.api.routes.common import ApiError, lock_of, service_of
from policykg.graph.sparql import (
    SparqlError,
    SparqlNotAcceptable,
    SparqlRefused,
    SparqlResources,
    SparqlTimeout,
    SparqlTooComplex,
    run_job,
)
from policykg.graph.sparql_answer import Answer, QueryJob
from policykg.graph.sparql_guard import check_size
from policykg.graph.sparql_pool import QueryPool
from policykg.graph.store import OxigraphStore
from policykg.ontology.namespace import PREFIXES
from starlette.concurrency import run_in_threadpool

log = logging.getLogger(__name__)
# query worker processes and the address space each may add while it runs a query
DEFAULT_WORKERS = max(2, min(4, (os.cpu_count() or 2) // 2))
DEFAULT_MEMORY_MB = 1024


@asynccontextmanager
async def _start_workers(app: Any) -> AsyncIterator[None]:
    """Start the query workers with the server, so that the first query does not wait for them."""
    try:
        store = app.state.service.kg.store
        if isinstance(store, OxigraphStore) and store.path is not None:
            settings = app.state.settings
            QueryPool.shared(store, size=getattr(settings, "sparql_workers", DEFAULT_WORKERS),
                             memory_mb=getattr(settings, "sparql_memory_mb", DEFAULT_MEMORY_MB))
    except Exception:  # the first query starts them instead, and reports what fails
        log.exception("could not start the SPARQL query workers")
    yield


router = APIRouter(tags=["sparql"], lifespan=_start_workers)

# media type -> format name, per result kind; the first entry is the default
SOLUTION_TYPES = {"application/sparql-results+json": "json", "application/json": "json",
                  "application/sparql-results+xml": "xml", "application/xml": "xml", "text/xml": "xml",
                  "text/csv": "csv", "text/tab-separated-values": "tsv"}
GRAPH_TYPES = {"text/turtle": "turtle", "application/x-turtle": "turtle", "application/ld+json": "jsonld",
               "application/n-triples": "ntriples", "text/plain": "ntriples"}

RESPONSES: dict[int | str, dict[str, Any]] = {
    200: {"description": "Results in the negotiated format",
          "content": {"application/sparql-results+json": {"example": ex.SPARQL_JSON},
                      "application/sparql-results+xml": {"example": "<sparql xmlns=…><head>…</head></sparql>"},
                      "text/csv": {"example": "doc,title\r\nhttps://w3id.org/policykg/id/…,关于印发…的通知\r\n"},
                      "text/tab-separated-values": {"example": "?doc\t?title\n<https://…>\t\"关于印发…的通知\"\n"},
                      "text/turtle": {"example": ex.DOCUMENT_TURTLE}}},
    400: {"description": "Malformed query: the parser's message",
          "content": {"application/json": {"example": ex.error("malformed_query",
                                                               "error at 1:24: expected one of '.', '}'")}}},
    403: {"description": "Update or SERVICE refused",
          "content": {"application/json": {"example": ex.error("read_only",
                                                               "SPARQL Update is not accepted here")}}},
    406: {"description": "No acceptable result format",
          "content": {"application/json": {"example": ex.error("not_acceptable",
                                                               "CONSTRUCT results come as text/turtle, …")}}},
    503: {"description": "Time limit hit",
          "content": {"application/json": {"example": ex.error("timeout",
                                                               "query exceeded the time limit of 10 s")}}},
}
DESCRIPTION = ("SPARQL 1.1 Protocol query operation, read-only. SELECT and ASK answer as "
               "application/sparql-results+json (default), application/sparql-results+xml, text/csv or "
               "text/tab-separated-values; CONSTRUCT and DESCRIBE as text/turtle (default), "
               "application/ld+json or application/n-triples, chosen by the Accept header or `format=`. "
               "Updates and SERVICE are refused; queries run under a time limit and a row cap (the answer "
               "then carries `X-PolicyKG-Truncated: true` and a warning).")


def _accepted(accept: str) -> list[str]:
    """Media types of an Accept header, best first (q-values honoured, order kept on ties)."""
    ranked = []
    for i, part in enumerate(accept.split(",")):
        fields = [f.strip() for f in part.split(";")]
        q = 1.0
        for f in fields[1:]:
            if f.startswith("q="):
                try:
                    q = float(f[2:])
                except ValueError:
                    q = 0.0
        if fields[0] and q > 0:
            ranked.append((-q, i, fields[0].lower()))
    return [t for _, _, t in sorted(ranked)]


def _negotiate(accept: str, fmt: str | None, table: dict[str, str]) -> str | None:
    """The format for one result kind from ``format=`` or the Accept header; None when none fits."""
    allowed = set(table.values())
    if fmt:
        return fmt if fmt in allowed else None
    for media in _accepted(accept or "*/*"):
        if media in table:
            return table[media]
        if media in ("*/*", "application/*", "text/*") or media.startswith("text/html"):
            return next(iter(table.values()))
    return None


def _respond(result: Answer) -> Response:
    headers = {}
    if result.truncated:
        headers = {"X-PolicyKG-Truncated": "true", "Warning": f'199 policykg "{result.warning}"'}
    return Response(result.body, media_type=result.media_type, headers=headers)


def _as_api_error(exc: SparqlError) -> ApiError:
    """Map the graph layer's refusal to a status: too slow 503, malformed 400, update or SERVICE 403."""
    if isinstance(exc, SparqlTimeout):
        return ApiError(503, "timeout", str(exc))
    if isinstance(exc, SparqlResources):
        return ApiError(503, "resources", str(exc))
    if isinstance(exc, SparqlRefused):
        return ApiError(403, "read_only", str(exc))
    if isinstance(exc, SparqlNotAcceptable):
        return ApiError(406, "not_acceptable", str(exc))
    if isinstance(exc, SparqlTooComplex):
        return ApiError(400, "query_too_complex", str(exc))
    return ApiError(400, "malformed_query", str(exc))


def _execute(request: Request, query: str, accept: str, fmt: str | None) -> Response:
    if not query or not query.strip():
        raise ApiError(400, "missing_query", "give the query as ?query=, a form field or an "
                                             "application/sparql-query body")
    settings = request.app.state.settings
    job = QueryJob(query, solutions_format=_negotiate(accept, fmt, SOLUTION_TYPES),
                   graph_format=_negotiate(accept, fmt, GRAPH_TYPES), max_rows=settings.sparql_max_rows,
                   base_iri=str(request.url).split("?", 1)[0], prefixes=dict(PREFIXES))
    if fmt and job.solutions_format is None and job.graph_format is None:
        raise ApiError(406, "not_acceptable", f"unknown format {fmt!r}; use one of "
                                              f"{', '.join(sorted({*SOLUTION_TYPES.values(), *GRAPH_TYPES.values()}))}")
    store = service_of(request).kg.store
    pool = query_pool(request)
    try:
        if pool is None:
            with lock_of(request).read():
                result = run_job(store, job, settings.sparql_timeout_s)
        else:
            check_size(query)  # before the snapshot, so a refused query costs nothing
            with lock_of(request).read():  # a snapshot never shows half of a write
                pool.sync()
            result = run_job(store, job, settings.sparql_timeout_s, pool=pool)
    except SparqlError as exc:
        raise _as_api_error(exc) from exc
    return _respond(result)


def query_pool(request: Request) -> QueryPool | None:
    """The worker processes for the app's store (on-disk Oxigraph only: a remote store runs its own
    queries, an in-memory one cannot be shared with another process)."""
    store = service_of(request).kg.store
    if not isinstance(store, OxigraphStore) or store.path is None:
        return None
    settings = request.app.state.settings
    return QueryPool.shared(store, size=getattr(settings, "sparql_workers", DEFAULT_WORKERS),
                            memory_mb=getattr(settings, "sparql_memory_mb", DEFAULT_MEMORY_MB))


@router.get("/sparql", summary="SPARQL query (GET)", description=DESCRIPTION, responses=RESPONSES)
def sparql_get(request: Request,
               query: str | None = Query(None, description="the SPARQL query",
                                         examples=["SELECT ?doc ?title WHERE { ?doc eli:title ?title } LIMIT 5"]),
               format: str | None = Query(None, description="json, xml, csv, tsv, turtle, jsonld or ntriples")
               ) -> Response:
    if "update" in request.query_params:
        raise ApiError(403, "read_only", "SPARQL Update is not accepted here: this endpoint is read-only")
    return _execute(request, query or "", request.headers.get("accept", ""), format)


@router.post("/sparql", summary="SPARQL query (POST)",
             description=DESCRIPTION + " POST either `application/x-www-form-urlencoded` with `query=` or "
                                       "`application/sparql-query` with the query as the body.",
             responses=RESPONSES,
             openapi_extra={"requestBody": {"content": {
                 "application/sparql-query": {"schema": {"type": "string"},
                                              "example": "ASK { ?doc a pkg:PolicyDocument }"},
                 "application/x-www-form-urlencoded": {
                     "schema": {"type": "object", "properties": {"query": {"type": "string"}}},
                     "example": {"query": "SELECT (COUNT(*) AS ?n) WHERE { ?doc a pkg:PolicyDocument }"}}}}})
async def sparql_post(request: Request, format: str | None = Query(None)) -> Response:
    ctype = request.headers.get("content-type", "").split(";")[0].strip().lower()
    body = (await request.body()).decode("utf-8", errors="replace")
    if ctype == "application/sparql-update":
        raise ApiError(403, "read_only", "SPARQL Update is not accepted here: this endpoint is read-only")
    if ctype == "application/sparql-query":
        query = body
    elif ctype == "application/x-www-form-urlencoded":
        form = parse_qs(body, keep_blank_values=True)
        if "update" in form:
            raise ApiError(403, "read_only", "SPARQL Update is not accepted here: this endpoint is read-only")
        query = (form.get("query") or [""])[0]
    else:
        raise ApiError(415, "unsupported_media_type", "POST application/sparql-query or "
                                                      "application/x-www-form-urlencoded")
    accept = request.headers.get("accept", "")
    return await run_in_threadpool(_execute, request, query, accept, format)
