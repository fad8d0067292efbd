"""The SPARQL 1.1 Protocol endpoint: read-only queries, content negotiation, time limit and row cap."""

from __future__ import annotations

import logging
import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse, RedirectResponse, Response
from policykg.api.routes import examples as ex
from policykg.api.routes.common import ApiError, cached, lock_of, service_of
from policykg.api.routes.sparql_description import dataset_counts, describe
from policykg.api.routes.sparql_protocol import (
    FORMAT_VALUES,
    GRAPH_OFFERS,
    VERSIONS,
    ProtocolRequest,
    body_text,
    formats,
    media_type,
    negotiate,
    parse_params,
    protocol_request,
)
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
from policykg.graph.sparql_guard import MAX_QUERY_CHARS, check_size
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

ALLOW = "GET, HEAD, POST, OPTIONS"
RESPONSES: dict[int | str, dict[str, Any]] = {
    200: {"description": "Results in the negotiated format",
          "content": {"application/sparql-results+json": {"example": ex.SPARQL_JSON},
                      "application/sparql-results+xml": {"example": "<sparql xmlns=…><head>…</head></sparql>"},
                      "text/csv": {"example": "doc,title\r\nhttps://w3id.org/policykg/id/…,关于印发…的通知\r\n"},
                      "text/tab-separated-values": {"example": "?doc\t?title\n<https://…>\t\"关于印发…的通知\"\n"},
                      "text/turtle": {"example": ex.DOCUMENT_TURTLE},
                      "application/rdf+xml": {"example": "<rdf:RDF xmlns:rdf=…>…</rdf:RDF>"}}},
    400: {"description": "Malformed query (the parser's message), a query too long or nested too deeply, "
                         "repeated query or version parameters, a GET with a body, bytes that are not UTF-8",
          "content": {"application/json": {"example": ex.error("malformed_query",
                                                               "syntax error at line 1, column 18, near '?s ?p }'")}}},
    403: {"description": "Update or SERVICE refused",
          "content": {"application/json": {"example": ex.error("read_only",
                                                               "SPARQL Update is not accepted here")}}},
    406: {"description": "No acceptable result format",
          "content": {"application/json": {"example": ex.error("not_acceptable",
                                                               "CONSTRUCT results come as turtle, …")}}},
    415: {"description": "A body that is neither a query nor a form, or not UTF-8",
          "content": {"application/json": {"example": ex.error("unsupported_charset",
                                                               "the body is labelled charset=gb18030; …")}}},
    503: {"description": "Time or memory limit hit: the query was stopped",
          "content": {"application/json": {"example": ex.error("timeout",
                                                               "query exceeded the time limit of 10 s")}}},
}
DESCRIPTION = ("SPARQL 1.1 Protocol query operation, read-only (GET without parameters: the SPARQL 1.1 "
               "Service Description and a VoID description of the dataset; a browser is sent to /sparql-ui). SELECT and ASK answer as "
               "application/sparql-results+json (default), application/sparql-results+xml, text/csv or "
               "text/tab-separated-values; CONSTRUCT and DESCRIBE as text/turtle (default), "
               "application/n-triples, application/ld+json or application/rdf+xml, chosen by the Accept "
               "header (q-values honoured) or `format=` (a name such as json, or a media type). The dataset "
               "is `default-graph-uri` / `named-graph-uri` when given, else the query's FROM / FROM NAMED, else "
               "the union of all named graphs. Relative IRIs resolve against this endpoint's URL. Updates and "
               "SERVICE are refused; queries run in worker processes under a time limit, a memory limit and a "
               "row cap (the answer then carries `X-PolicyKG-Truncated: true` and a warning).")
QUERY_PARAMETERS = [
    {"name": "query", "in": "query", "required": False, "schema": {"type": "string", "maxLength": MAX_QUERY_CHARS},
     "description": "the SPARQL query (exactly once)",
     "example": "SELECT ?doc ?title WHERE { ?doc a pkg:PolicyDocument ; dcterms:title ?title } LIMIT 5"},
    {"name": "default-graph-uri", "in": "query", "required": False,
     "schema": {"type": "array", "items": {"type": "string"}}, "style": "form", "explode": True},
    {"name": "named-graph-uri", "in": "query", "required": False,
     "schema": {"type": "array", "items": {"type": "string"}}, "style": "form", "explode": True},
    {"name": "format", "in": "query", "required": False, "schema": {"type": "string", "enum": FORMAT_VALUES},
     "description": "json, xml, csv, tsv, turtle, ntriples, jsonld, rdfxml or a media type"},
    {"name": "version", "in": "query", "required": False, "schema": {"type": "string", "enum": list(VERSIONS)}},
]


def _respond(request: Request, result: Answer) -> Response:
    headers = {"Vary": "Accept"}
    if result.truncated:
        headers.update({"X-PolicyKG-Truncated": "true", "Warning": f'199 policykg "{result.warning}"'})
    body = b"" if request.method == "HEAD" else result.body
    return Response(body, media_type=result.media_type, headers=headers)


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


def _execute(request: Request, asked: ProtocolRequest) -> Response:
    query = asked.query
    if not query or not query.strip():
        raise ApiError(400, "missing_query", "give the query as ?query=, a form field or an "
                                             "application/sparql-query body")
    settings = request.app.state.settings
    solutions_format, graph_format = formats(request.headers.get("accept", ""), asked.formats)
    dataset = bool(asked.default_graphs or asked.named_graphs)
    job = QueryJob(query, solutions_format=solutions_format, graph_format=graph_format,
                   max_rows=settings.sparql_max_rows, base_iri=str(request.url).split("?", 1)[0],
                   default_graphs=asked.default_graphs if dataset else None,
                   named_graphs=asked.named_graphs if dataset else None, prefixes=dict(PREFIXES))
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
    return _respond(request, result)


def query_pool(request: Request) -> QueryPool | None:
    """The worker processes for the app's store (on-disk Oxigraph only: a remote store runs its own
    queries, an in-memory one cannot be shared with another process)."""
    store = service_of(request).kg.store
    if not isinstance(store, OxigraphStore) or store.path is None:
        return None
    settings = request.app.state.settings
    return QueryPool.shared(store, size=getattr(settings, "sparql_workers", DEFAULT_WORKERS),
                            memory_mb=getattr(settings, "sparql_memory_mb", DEFAULT_MEMORY_MB))


# HEAD is this GET without the body (api/methods.py answers it for every GET route)
@router.get("/sparql", summary="SPARQL query (GET)", description=DESCRIPTION,
            responses={**RESPONSES, 303: {"description": "Without parameters, to a browser: the query form",
                                          "headers": {"Location": {"schema": {"type": "string"},
                                                                   "example": "/sparql-ui"}}}},
            openapi_extra={"parameters": QUERY_PARAMETERS})
async def sparql_get(request: Request) -> Response:
    params = parse_params(request.scope.get("query_string", b""), "the query string")
    if await request.body():
        raise ApiError(400, "bad_request", "a GET request carries its query in the URL; this one has a body: "
                                           "POST it instead")
    if not params:
        return await run_in_threadpool(_service_description, request)
    return await run_in_threadpool(_execute, request, protocol_request(params))


def _service_description(request: Request) -> Response:
    """The endpoint described (SPARQL 1.1 Service Description with VoID), or the query form for a browser."""
    accept = request.headers.get("accept", "")
    # the page only for a client that prefers HTML (a browser): */* (curl, a crawler) gets the description
    if negotiate(accept, [*GRAPH_OFFERS, ("text/html", "html")]) == "html":
        return RedirectResponse("/sparql-ui", status_code=303, headers={"Vary": "Accept"})
    fmt = negotiate(accept, GRAPH_OFFERS)
    if fmt is None:
        raise ApiError(406, "not_acceptable", "the service description comes as text/turtle, "
                                              "application/n-triples, application/ld+json or application/rdf+xml")
    counts = cached(request, ("sparql_dataset_counts",), lambda: dataset_counts(service_of(request).kg))
    return _respond(request, describe(str(request.url).split("?", 1)[0], counts, fmt))


@router.post("/sparql", summary="SPARQL query (POST)",
             description=DESCRIPTION + " POST either `application/x-www-form-urlencoded` with `query=` or "
                                       "`application/sparql-query` with the query as the body (UTF-8).",
             responses=RESPONSES,
             openapi_extra={"parameters": QUERY_PARAMETERS[1:], "requestBody": {"required": True, "content": {
                 "application/sparql-query": {"schema": {"type": "string", "maxLength": MAX_QUERY_CHARS},
                                              "example": "ASK { ?doc a pkg:PolicyDocument }"},
                 "application/x-www-form-urlencoded": {
                     "schema": {"type": "object", "required": ["query"],
                                "properties": {"query": {"type": "string", "maxLength": MAX_QUERY_CHARS},
                                               "default-graph-uri": {"type": "array", "items": {"type": "string"}},
                                               "named-graph-uri": {"type": "array", "items": {"type": "string"}}}},
                     "example": {"query": "SELECT (COUNT(*) AS ?n) WHERE { ?doc a pkg:PolicyDocument }"}}}}})
async def sparql_post(request: Request) -> Response:
    header = request.headers.get("content-type", "")
    ctype, _ = media_type(header)
    params = parse_params(request.scope.get("query_string", b""), "the query string")
    if ctype == "application/sparql-update":
        raise ApiError(403, "read_only", "SPARQL Update is not accepted here: this endpoint is read-only")
    if ctype not in ("application/sparql-query", "application/x-www-form-urlencoded"):
        raise ApiError(415, "unsupported_media_type", "POST application/sparql-query or "
                                                      "application/x-www-form-urlencoded")
    text = body_text(await request.body(), header)
    if ctype == "application/sparql-query":
        asked = protocol_request(params)
        if asked.query is not None:
            raise ApiError(400, "bad_request", "the query is in both the URL and the body: give it once")
        asked.query = text
    else:
        asked = protocol_request(params + parse_params(text.encode("utf-8"), "the form body"))
    return await run_in_threadpool(_execute, request, asked)


@router.options("/sparql", summary="SPARQL endpoint methods",
                description="The HTTP methods /sparql answers, in the `Allow` header and the body.",
                responses={200: {"description": "The methods",
                                 "content": {"application/json": {"example": {"allow": ALLOW.split(", ")}}}}})
def sparql_options() -> Response:
    return JSONResponse({"allow": ALLOW.split(", ")}, headers={"Allow": ALLOW})
