"""The HTTP application: JSON API, SPARQL 1.1 Protocol endpoint and the Chinese web page."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from policykg.api.local_server import DATA_HEADER, data_fingerprint
from policykg.api.methods import CORSMiddleware, ReadMethods, cors_options
from policykg.api.routes import (
    agencies,
    agency_page,
    check_page,
    checks,
    dereference,
    documents,
    pages,
    search,
    similar_page,
    sparql,
    status,
)
from policykg.api.routes.api_docs import add_docs_routes
from policykg.api.routes.common import ApiError, ReadCache, ReadWriteLock
from policykg.api.routes.web import PageError, error_page, wants_html
from policykg.api.service import Service
from policykg.api.settings import Settings
from policykg.graph.remote import StoreUnavailable
from policykg.search.follow import StoreFollower
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

log = logging.getLogger(__name__)
HERE = Path(__file__).resolve().parent
# room for the multipart boundary and part headers around the file itself
MULTIPART_SLACK = 64 * 1024

STATUS_NAMES = {400: "bad_request", 401: "unauthorized", 403: "forbidden", 404: "not_found",
                405: "method_not_allowed", 406: "not_acceptable", 413: "payload_too_large",
                415: "unsupported_media_type", 422: "invalid_request", 500: "internal_error"}


# documented on every route in place of FastAPI's default 422, so the schema shows the real error shape
VALIDATION_RESPONSE: dict[int | str, dict[str, Any]] = {422: {
    "description": "A parameter has the wrong type or is missing",
    "content": {"application/json": {"example": {"error": "invalid_request",
                                                 "detail": [{"loc": ["query", "limit"],
                                                             "msg": "Input should be a valid integer"}]}}}}}


def error_response(status: int, error: str, detail: Any, headers: dict[str, str] | None = None) -> JSONResponse:
    """The one error shape of the API: ``{error, detail}``."""
    return JSONResponse({"error": error, "detail": detail}, status_code=status, headers=headers)


class UploadLimit:
    """Refuse request bodies over the upload limit with 413, before they are read into memory or disk."""

    def __init__(self, app: ASGIApp, max_bytes: int):
        self.app = app
        self.max_bytes = max_bytes + MULTIPART_SLACK

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] not in ("POST", "PUT"):
            await self.app(scope, receive, send)
            return
        declared = dict(scope["headers"]).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.max_bytes:
            await self._refuse(scope, receive, send)
            return
        seen = 0

        async def counted() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.max_bytes:
                    # an HTTPException passes through FastAPI's body parsing unchanged
                    raise StarletteHTTPException(413, self._detail())
            return message

        await self.app(scope, counted, send)

    def _detail(self) -> str:
        return f"request body exceeds the upload limit of {self.max_bytes - MULTIPART_SLACK} bytes"

    async def _refuse(self, scope: Scope, receive: Receive, send: Send) -> None:
        await error_response(413, "payload_too_large", self._detail(),
                             headers={"Connection": "close"})(scope, receive, send)


class DataHeader:
    """Mark every answer with the fingerprint of the data directory served, so that the command line
    beside this server knows it is asking the server of its own data (see api/local_server.py)."""

    def __init__(self, app: ASGIApp, fingerprint: str):
        self.app = app
        self.header = (DATA_HEADER.lower().encode(), fingerprint.encode())

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def marked(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [*message.get("headers", []), self.header]
            await send(message)

        await self.app(scope, receive, marked)


class FollowStore:
    """Let the store follower (search/follow.py) check, in the background, whether other machines wrote."""

    def __init__(self, app: ASGIApp, follower: StoreFollower):
        self.app = app
        self.follower = follower

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            self.follower.poke()
        await self.app(scope, receive, send)


def create_app(settings: Settings, service: Service | None = None) -> FastAPI:
    """Build the app over one data directory; pass ``service`` to share an open one (tests, serve)."""
    app = FastAPI(
        title="policykg",
        version="0.1.0",
        docs_url=None,  # served by add_docs_routes from local assets, not FastAPI's CDN pages
        redoc_url=None,
        description="Knowledge graph and semantic search over Chinese government policy documents: "
                    "documents, agencies, obligations and citation chains, a SPARQL 1.1 Protocol "
                    "endpoint and a Chinese web page. Every error is JSON `{error, detail}`.",
    )
    app.state.settings = settings
    app.state.service = service or Service(settings)
    app.state.lock = ReadWriteLock()
    app.state.cache = ReadCache()
    # on a store other machines write to, the index and this cache catch up when the store's mark moves
    app.state.follower = StoreFollower(app.state.service, settings.store_follow_s, app.state.cache.clear,
                                       app.state.lock.write)
    app.add_middleware(FollowStore, follower=app.state.follower)
    app.add_middleware(ReadMethods)  # HEAD and OPTIONS wherever GET answers

    @app.exception_handler(ApiError)
    async def api_error(request: Request, exc: ApiError) -> Response:
        if isinstance(exc, PageError) and wants_html(request):  # a page of the web site, in a browser
            return error_page(request, exc.status, exc.message, exc.title)
        return error_response(exc.status, exc.error, exc.detail)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        if exc.status_code in (404, 405) and wants_html(request):  # a browser at an address that is not there
            return error_page(request, exc.status_code, f"页面不存在：{request.url.path}" if exc.status_code == 404
                              else "这个地址不支持此操作。")
        name = STATUS_NAMES.get(exc.status_code, "http_error")
        return error_response(exc.status_code, name, exc.detail, headers=getattr(exc, "headers", None))

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, exc: RequestValidationError) -> JSONResponse:
        detail = [{"loc": list(e.get("loc", ())), "msg": e.get("msg", "")} for e in exc.errors()]
        return error_response(422, "invalid_request", detail)

    @app.exception_handler(StoreUnavailable)
    async def store_unavailable(request: Request, exc: StoreUnavailable) -> JSONResponse:
        # the store's server is down or hangs: worth retrying, unlike a query past its time limit (timeout)
        return error_response(503, "store_unavailable", str(exc), headers={"Retry-After": str(exc.retry_after)})

    @app.exception_handler(Exception)
    async def internal_error(request: Request, exc: Exception) -> Response:
        log.exception("unhandled error on %s", request.url.path)
        if wants_html(request):
            return error_page(request, 500, "服务器处理这个页面时出错，已记录在服务日志中。请稍后重试。")
        return error_response(500, "internal_error", f"{type(exc).__name__}: {exc}")

    for module in (documents, agencies, search, checks, sparql, pages, agency_page, check_page, similar_page,
                   dereference, status):
        app.include_router(module.router, responses=VALIDATION_RESPONSE)
    status.document_writes_wait(app)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    add_docs_routes(app)
    app.add_middleware(UploadLimit, max_bytes=settings.max_upload_bytes)
    app.add_middleware(status.WritesWaitForStart)  # outside the upload limit: no body is read while starting
    app.add_middleware(DataHeader, fingerprint=data_fingerprint(settings.data_dir))
    if settings.cors_origins:  # outermost: preflights are answered, and errors carry the headers too
        app.add_middleware(CORSMiddleware, **cors_options(settings.cors_origins))
    return app
