"""HEAD and OPTIONS on every address that answers GET, and cross-origin reads when the settings allow them.

HEAD is the GET without its body (same status and headers, Content-Length included); OPTIONS answers the
methods the address takes, in ``Allow`` and the body. A route that declares HEAD or OPTIONS itself (/sparql)
answers them its own way. CORS is off unless ``POLICYKG_CORS_ORIGINS`` names origins: then pages there (a
YASGUI, a notebook) may read answers and send queries, never with credentials or a write token.
"""

from __future__ import annotations

import json
from collections.abc import Iterable

from starlette.middleware.cors import CORSMiddleware
from starlette.routing import Match, Mount
from starlette.types import ASGIApp, Message, Receive, Scope, Send

# headers a page on another origin may read from an answer (the rest of the answer is the body)
CANDIDATES = ("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS")
EXPOSED = ["Content-Location", "Location", "Vary", "Warning", "X-PolicyKG-Truncated", "Retry-After"]


def allowed_methods(scope: Scope) -> set[str]:
    """The methods some route of the app takes at this address, asked of the router (no handler runs);
    a mounted folder of files takes GET and HEAD."""
    routes = scope["app"].router.routes
    methods = set()
    for method in CANDIDATES:
        for route in routes:
            if route.matches({**scope, "method": method})[0] == Match.FULL:
                methods |= {"GET", "HEAD"} if isinstance(route, Mount) else {method}
                break
    return methods


class ReadMethods:
    """Answer HEAD as GET without the body, and OPTIONS with the methods, where no route does it itself."""

    def __init__(self, app: ASGIApp):
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] not in ("HEAD", "OPTIONS"):
            await self.app(scope, receive, send)
            return
        if scope["method"] == "HEAD":  # a route's own HEAD is its GET without the body as well
            await self.app({**scope, "method": "GET"}, receive, _without_body(send))
            return
        methods = allowed_methods(scope)
        if not methods or "OPTIONS" in methods:  # unknown address (404), or the route's own answer
            await self.app(scope, receive, send)
            return
        await _options(sorted(methods | {"OPTIONS"} | ({"HEAD"} if "GET" in methods else set())), send)


def _without_body(send: Send) -> Send:
    async def without_body(message: Message) -> None:
        if message["type"] == "http.response.body":
            message = {**message, "body": b""}
        await send(message)

    return without_body


async def _options(methods: Iterable[str], send: Send) -> None:
    allow = ", ".join(methods)
    body = json.dumps({"allow": allow.split(", ")}).encode()
    await send({"type": "http.response.start", "status": 200,
                "headers": [(b"allow", allow.encode()), (b"content-type", b"application/json"),
                            (b"content-length", str(len(body)).encode())]})
    await send({"type": "http.response.body", "body": body})


def cors_options(origins: Iterable[str]) -> dict:
    """CORSMiddleware's options for these origins: reads and queries, no credentials, no write token."""
    listed = [o.strip().rstrip("/") for o in origins if o.strip()]
    return {"allow_origins": ["*"] if "*" in listed else listed, "allow_methods": ["GET", "HEAD", "POST", "OPTIONS"],
            "allow_headers": ["Accept", "Content-Type"], "expose_headers": EXPOSED, "allow_credentials": False,
            "max_age": 600}


__all__ = ["CORSMiddleware", "ReadMethods", "allowed_methods", "cors_options"]
