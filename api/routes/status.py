"""How far the server's start has come: ``/status`` (JSON) and ``/status-ui`` (the page), and writes held
back with 503 while the first start still writes the corpus."""

from __future__ import annotations

import json
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse
from policykg.api.routes.common import service_of
from policykg.api.routes.web import templates
from policykg.api.startup import StartupProgress
from starlette.types import ASGIApp, Receive, Scope, Send

router = APIRouter(tags=["status"])
# the routes that write to the store; tests/test_first_start.py fails when a new writing route is not here
WRITES = {("POST", "/documents")}
STARTING_MESSAGE = ("服务正在首次启动（导入内置文件、建立检索索引），暂不接受写入。请在约 {wait} 秒后重试；"
                    "启动进度见 /status-ui。")

STATUS_EXAMPLE: dict[str, Any] = {
    "phase": "encoding", "phase_label": "编码检索单元（语义检索）", "running": True, "message": "", "message_zh": "",
    "resumed": False,
    "started": "2025-06-01T09:00:00", "finished": None, "elapsed_s": 95.2, "phase_elapsed_s": 40.1,
    "rate_per_s": 43.5, "eta_s": 210,
    "documents": {"done": 122, "total": 122, "rate_per_s": 3.1, "eta_s": 0},
    "units": {"done": 1744, "total": 11224, "rate_per_s": 43.5, "eta_s": 218},
    "errors": [{"path": "corpus/documents/扫描件.pdf", "reason": "PDF has no extractable text (scanned images?)",
                "code": "no_text", "message": "PDF 中没有可提取的文字（可能是扫描图片）"}],
    "search": {"open": True, "units": 11224, "unencoded": 9480, "mode": "lexical"}}


# the answer WritesWaitForStart gives, as the OpenAPI of every writing route documents it
STARTING_RESPONSE: dict[str, Any] = {
    "description": "The server is still in its first start (ingesting the bundled corpus, building the search "
                   "index): writes are held back until it is ready. Retry after the seconds in `Retry-After`; "
                   "the progress is at `/status`.",
    "headers": {"Retry-After": {"description": "Seconds to wait before trying again (5 to 120, from the ETA)",
                                "schema": {"type": "integer", "minimum": 5, "maximum": 120}}},
    "content": {"application/json": {"example": {"error": "starting",
                                                 "detail": STARTING_MESSAGE.format(wait=30)}}}}


def document_writes_wait(app: Any) -> None:
    """Add the 503 of a start still running to the OpenAPI responses of every route in WRITES, where the
    schema is built (routes are included lazily, so the schema is the one place that sees them all)."""
    build = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            schema = build()
            for method, path in WRITES:
                operation = schema.get("paths", {}).get(path, {}).get(method.lower())
                if operation is not None:
                    operation.setdefault("responses", {}).setdefault("503", STARTING_RESPONSE)
        return app.openapi_schema

    app.openapi = openapi


def progress_of(request_or_app: Any) -> StartupProgress:
    """The start progress of the app (a server that had no start work to do is ready)."""
    app = getattr(request_or_app, "app", request_or_app)
    progress = getattr(app.state, "startup", None)
    return progress if isinstance(progress, StartupProgress) else _READY


_READY = StartupProgress.ready()


def status_json(request: Request) -> dict[str, Any]:
    """The start's progress with the state of the search index (and, once started, of derived data)."""
    progress = progress_of(request)
    service = service_of(request)
    answer = progress.to_json()
    answer["search"] = service.index_state()
    if not progress.running:  # during the start the store is busy and the lag is what the start closes
        try:
            answer["derived"] = service.lag()
        except Exception as exc:  # noqa: BLE001 - a status page must answer even when the store does not
            answer["derived"] = {"error": f"{type(exc).__name__}: {exc}",
                                 "message": "暂时无法读取派生数据的同步状态（图谱存储未应答），稍后刷新重试。"}
    return answer


@router.get("/status", summary="Start progress and index state",
            description="How far the server's start has come: phase (waiting, rebuilding, opening, ingesting, "
                        "checking, encoding, ready, failed), documents parsed n/N and search units encoded n/N "
                        "with rate and ETA, errors (each with the English `reason`, a `code` and the Chinese "
                        "`message`), and which search mode answers now (`lexical` while units "
                        "wait for their vectors, then `hybrid`). Answers at once, also during the first start.",
            responses={200: {"content": {"application/json": {"example": STATUS_EXAMPLE}}}})
def status(request: Request) -> dict[str, Any]:
    return status_json(request)


def _duration(seconds: float | None) -> str:
    if seconds is None:
        return "估算中"
    seconds = int(seconds)
    if seconds < 60:
        return f"{seconds} 秒"
    return f"{seconds // 60} 分 {seconds % 60:02d} 秒"


@router.get("/status-ui", response_class=HTMLResponse, summary="Web page: start progress",
            description="The start progress as a page in Chinese: phase, documents parsed and search units "
                        "encoded with rate and remaining time, files that failed; it refreshes itself while "
                        "the start runs.",
            responses={200: {"content": {"text/html": {"example": "<!doctype html><html lang=\"zh-CN\">…"}}}})
def status_page(request: Request) -> HTMLResponse:
    answer = status_json(request)
    return templates.TemplateResponse(request, "status.html", {"status": answer, "duration": _duration})


def startup_banner(request: Any) -> dict[str, Any] | None:
    """For every page: the start's progress while it runs (None once ready)."""
    try:
        progress = progress_of(request)
    except AttributeError:
        return None
    return progress.to_json() if progress.running else None


templates.env.globals.update(startup_banner=startup_banner, duration=_duration)


class WritesWaitForStart:
    """Refuse writes with 503 and Retry-After while the first start writes the corpus: a write now would
    race it for the store and the index."""

    def __init__(self, app: ASGIApp):
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and (scope["method"], scope["path"]) in WRITES:
            progress = progress_of(scope["app"])
            if progress.running:
                eta = progress.to_json()["eta_s"]
                wait = max(5, min(120, int(eta) if eta is not None else 30))
                body = json.dumps({"error": "starting", "detail": STARTING_MESSAGE.format(wait=wait)},
                                  ensure_ascii=False).encode()
                await send({"type": "http.response.start", "status": 503,
                            "headers": [(b"content-type", b"application/json"), (b"retry-after", str(wait).encode()),
                                        (b"content-length", str(len(body)).encode())]})
                await send({"type": "http.response.body", "body": body})
                return
        await self.app(scope, receive, send)
