"""Documents: the faceted list, one document as JSON, JSON-LD or Turtle, its chain, and uploads."""

from __future__ import annotations

import hashlib
import hmac
import os
import re
import tempfile
from pathlib import Path, PurePosixPath
from typing import Annotated, Any

from fastapi import APIRouter, File, Header, Query, Request, UploadFile
from fastapi import Path as PathParam  # pathlib's Path is used here too
from fastapi.responses import JSONResponse, Response
from policykg.api.routes import examples as ex
from policykg.api.routes.common import (
    ERROR_RESPONSES,
    ApiError,
    cached,
    document_json,
    list_documents,
    local_id,
    lock_of,
    resolve_document,
    service_of,
)
from policykg.api.routes.facets import facet_counts, filter_documents
from policykg.api.routes.linked_data import CONTEXT_PATH, compact, context_document
from policykg.api.routes.rdf import document_graph, triples_expanded_jsonld
from policykg.ingest.model import IngestError
from policykg.ingest.sidecar import SIDECAR_SUFFIX, is_sidecar

router = APIRouter(tags=["documents"])
LEVELS = ("national", "provincial", "city", "county", "township")
SAFE_NAME = re.compile(r"[^\w.\-（）()〔〕\[\]]+")
MAX_NAME_BYTES = 200  # file systems allow 255 bytes per name; room is left for the staging suffix
DOC_ID = PathParam(description="short id, file name, 文号 or IRI", examples=["001_68136cc265473cb2.txt"])


def safe_name(filename: str | None) -> str:
    """An upload's file name as a safe stored name: no folders, odd characters folded to ``_``, and at most
    MAX_NAME_BYTES bytes (a long name keeps its start, its extension and a digest of the whole)."""
    name = PurePosixPath((filename or "upload").replace("\\", "/")).name
    name = SAFE_NAME.sub("_", name).strip("._") or "upload"
    if len(name.encode("utf-8")) <= MAX_NAME_BYTES:
        return name
    stem, dot, suffix = name.rpartition(".")
    suffix = "." + suffix if dot and stem and len(suffix) <= 10 else ""
    digest = hashlib.sha256(name.encode("utf-8")).hexdigest()[:12]
    room = MAX_NAME_BYTES - len(suffix.encode("utf-8")) - len(digest) - 1
    head = name.encode("utf-8")[:room].decode("utf-8", "ignore").rstrip("._")
    return f"{head}-{digest}{suffix}"


def trace_chain(kg: Any, iri: str, down: bool) -> dict[str, Any]:
    """The citation layer's upstream (or downstream) chain of one document."""
    from policykg.graph.chains import trace_downstream, trace_upstream

    return trace_downstream(kg, iri) if down else trace_upstream(kg, iri)


def _negotiate(accept: str) -> str:
    """Pick json, jsonld or turtle from an Accept header; plain JSON unless RDF is asked for."""
    accept = accept.lower()
    if "application/ld+json" in accept:
        return "jsonld"
    if "text/turtle" in accept or "application/x-turtle" in accept:
        return "turtle"
    if "application/n-triples" in accept:
        return "ntriples"
    return "json"


@router.get("/documents", summary="List documents with facets",
            description="All ingested documents, filtered by any of level, region (a document counts for "
                        "its region and every parent region), issuer and year, with facet counts over "
                        "the filtered set.",
            responses={200: {"content": {"application/json": {"example": ex.DOCUMENTS}}},
                       **ERROR_RESPONSES})
def documents_list(request: Request,
                   level: str | None = Query(None, description="administrative level", examples=["township"],
                                              json_schema_extra={"enum": list(LEVELS)}),
                   region: str | None = Query(None, description="region name, parents included",
                                              examples=["上海市"]),
                   issuer: str | None = Query(None, description="issuing body", examples=["国务院"]),
                   year: str | None = Query(None, description="year of the document date", examples=["2024"]),
                   limit: int = Query(100, ge=1, le=1000), offset: int = Query(0, ge=0)) -> dict[str, Any]:
    if level and level not in LEVELS:
        raise ApiError(400, "bad_request", f"level must be one of {', '.join(LEVELS)}, got {level!r}")
    with lock_of(request).read():
        docs = list_documents(request)
    hits = filter_documents(docs, {"level": level, "region": region, "issuer": issuer, "year": year})
    page = [{**d, "id": local_id(str(d["iri"]))} for d in hits[offset:offset + limit]]
    return {"total": len(hits), "offset": offset, "facets": facet_counts(hits), "documents": page}


@router.get("/context.jsonld", summary="JSON-LD context",
            description="The JSON-LD context used by `/documents/{id}` with `Accept: application/ld+json`.",
            responses={200: {"content": {"application/ld+json": {"example": {"@context": {"eli": "…"}}}}}})
def jsonld_context() -> JSONResponse:
    return JSONResponse(context_document(), media_type="application/ld+json")


@router.get("/documents/{doc_id:path}/trace", summary="Citation chain of a document",
            description="The upstream chain (what this document is based on, up to national sources), or "
                        "with `down=true` the documents that implement it, as `{nodes, edges}`. An edge with "
                        "`penalty: true` is a law cited only in penalty clauses (依照《…》的规定处罚), not a source.",
            responses={200: {"content": {"application/json": {"example": ex.TRACE}}}, **ERROR_RESPONSES})
def trace(request: Request, doc_id: str = DOC_ID, down: bool = Query(False, description="downstream instead")
          ) -> dict[str, Any]:
    with lock_of(request).read():
        iri = resolve_document(request, doc_id)
        return cached(request, ("trace", iri, down), lambda: trace_chain(service_of(request).kg, iri, down))


@router.get("/documents/{doc_id:path}", summary="One document",
            description="One document by short id, file name, 文号 or IRI. JSON by default (the same as "
                        "`policykg show DOC --json`); JSON-LD with `Accept: application/ld+json` (compacted "
                        "with the shipped context); Turtle with `Accept: text/turtle`; N-Triples with "
                        "`Accept: application/n-triples`.",
            responses={200: {"content": {"application/json": {"example": ex.DOCUMENT},
                                         "application/ld+json": {"example": ex.DOCUMENT_JSONLD},
                                         "text/turtle": {"example": ex.DOCUMENT_TURTLE}}},
                       **ERROR_RESPONSES})
def show_document(request: Request, doc_id: str = DOC_ID, accept: str = Header("application/json")) -> Any:
    kind = _negotiate(accept)
    service = service_of(request)
    with lock_of(request).read():
        iri = resolve_document(request, doc_id)
        if kind == "json":
            return document_json(request, iri)
        graph = document_graph(service, iri)
    if kind == "turtle":
        return Response(graph.turtle(), media_type="text/turtle; charset=utf-8")
    if kind == "ntriples":
        return Response(graph.ntriples(), media_type="application/n-triples; charset=utf-8")
    context_url = str(request.base_url).rstrip("/") + CONTEXT_PATH
    return JSONResponse(compact(triples_expanded_jsonld(graph.ntriples()), context_url),
                        media_type="application/ld+json")


def _check_token(settings_token: str | None, authorization: str | None, header_token: str | None) -> None:
    if not settings_token:
        raise ApiError(403, "forbidden", "uploads are disabled: set POLICYKG_TOKEN on the server")
    given = header_token or ""
    if authorization and authorization.lower().startswith("bearer "):
        given = authorization[7:].strip()
    if not given or not hmac.compare_digest(given.encode(), settings_token.encode()):
        raise ApiError(401, "unauthorized", "a valid token is required: Authorization: Bearer <token>")


@router.post("/documents", summary="Upload and ingest one document", status_code=201,
             description="Multipart upload of one file (.txt .md .html .docx .pdf) with a token "
                         "(`Authorization: Bearer <token>` or `X-PolicyKG-Token`). The file goes through "
                         "exactly the validation and parsing of `policykg ingest`; the answer is the parsed "
                         "document, or the reason it was refused (422). Over the size limit: 413.",
             responses={201: {"content": {"application/json": {"example": ex.DOCUMENT}}},
                        400: {"description": "The body is not a multipart upload of one file",
                              "content": {"application/json": {"example": ex.error("bad_request",
                              "Invalid multipart data.")}}},
                        403: {"description": "Uploads are disabled: the server has no token",
                              "content": {"application/json": {"example": ex.error("forbidden",
                              "uploads are disabled: set POLICYKG_TOKEN on the server")}}},
                        401: {"content": {"application/json": {"example": ex.error("unauthorized",
                              "a valid token is required: Authorization: Bearer <token>")}}},
                        413: {"content": {"application/json": {"example": ex.error("payload_too_large",
                              "request body exceeds the upload limit of 20971520 bytes")}}},
                        422: {"content": {"application/json": {"example": ex.error("ingest_failed",
                              "空文件.txt: empty file")}}}})
async def upload_document(request: Request, file: Annotated[UploadFile, File(description="the document file")],
                          authorization: str | None = Header(None),
                          x_policykg_token: str | None = Header(None)) -> JSONResponse:
    settings = request.app.state.settings
    _check_token(settings.token, authorization, x_policykg_token)
    name = safe_name(file.filename)
    if is_sidecar(name):  # a sidecar is a document's record fields, never a document; uploads take none
        raise ApiError(400, "bad_request", f"{name}: a metadata sidecar ({SIDECAR_SUFFIX}) is not a document; "
                                           "upload the document itself")
    data = await file.read(settings.max_upload_bytes + 1)
    if len(data) > settings.max_upload_bytes:
        raise ApiError(413, "payload_too_large",
                       f"{name} exceeds the upload limit of {settings.max_upload_bytes} bytes")
    from starlette.concurrency import run_in_threadpool

    document = await run_in_threadpool(_ingest_bytes, request, name, data)
    return JSONResponse(document, status_code=201)


def _ingest_bytes(request: Request, name: str, data: bytes) -> dict[str, Any]:
    """Parse the upload once, in a parse worker and outside the write lock (reads go on meanwhile), exactly
    as ``policykg ingest`` would parse ``<data>/uploads/<name>``; then keep the file there and write the
    document under the lock: nothing is lost, and uploading a file of the same name again replaces that
    document. Messages name the upload, never a server path."""
    service = service_of(request)
    uploads = Path(service.settings.data_dir) / "uploads"
    final = uploads / name
    try:
        document = service.parse_upload(data, final, name)
    except IngestError as exc:
        raise ApiError(422, "ingest_failed", f"{name}: {exc.reason}") from exc
    with lock_of(request).write():
        try:
            uploads.mkdir(parents=True, exist_ok=True)
            fd, staged = tempfile.mkstemp(prefix=".staging-", dir=uploads)
            try:
                with os.fdopen(fd, "wb") as fh:
                    fh.write(data)
                os.replace(staged, final)
            except BaseException:
                Path(staged).unlink(missing_ok=True)
                raise
        except OSError as exc:
            raise ApiError(507, "storage_failed", f"{name}: the upload could not be stored "
                                                  f"({exc.strerror or type(exc).__name__})") from exc
        try:
            report = service.write_documents([document])
        finally:
            request.app.state.cache.clear()
        if report.failed:
            raise ApiError(422, "ingest_failed", f"{name}: " + "; ".join(f["reason"] for f in report.failed))
        iri = report.ingested[0]["iri"] if report.ingested else service.kg.find_document(name)
        if not iri:
            raise ApiError(422, "ingest_failed", f"{name}: nothing was ingested")
        return service.kg.document_json(str(iri))
