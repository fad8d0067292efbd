"""Interactive API documentation (Swagger UI at /docs, ReDoc at /redoc) served from installed packages.

FastAPI's own pages load their scripts from a CDN, so they are blank on a machine without internet. The
assets here come from the ``fastapi-offline`` package (Swagger UI, Apache-2.0; ReDoc, MIT), mounted under
``/static-docs``: the pages fetch nothing from outside the server.
"""

from __future__ import annotations

from pathlib import Path

import fastapi_offline
from fastapi import FastAPI, Request
from fastapi.openapi.docs import get_redoc_html, get_swagger_ui_html, get_swagger_ui_oauth2_redirect_html
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles

ASSETS = Path(fastapi_offline.__file__).resolve().parent / "static"
ASSETS_URL = "/static-docs"
FAVICON_URL = "/static/favicon.svg"
# validatorUrl: Swagger UI would otherwise post the schema to validator.swagger.io for its badge
SWAGGER_PARAMETERS = {"validatorUrl": None, "docExpansion": "list", "defaultModelsExpandDepth": 0}
# The bundles still name a few outside URLs (ReDoc's "by Redocly" logo): the browser is told to load
# nothing but the server's own files, so an offline page neither waits for nor leaks to them.
SAME_ORIGIN_ONLY = {"Content-Security-Policy": "default-src 'self'; script-src 'self' 'unsafe-inline'; "
                    "style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; "
                    "worker-src 'self' blob:; connect-src 'self'"}


def add_docs_routes(app: FastAPI) -> None:
    """Serve /docs, /docs/oauth2-redirect and /redoc with local assets (create the app with
    ``docs_url=None, redoc_url=None`` so FastAPI's CDN pages do not answer first)."""
    app.mount(ASSETS_URL, StaticFiles(directory=ASSETS), name="static-docs")
    openapi_url = app.openapi_url or "/openapi.json"
    redirect_url = app.swagger_ui_oauth2_redirect_url or "/docs/oauth2-redirect"

    # plain Starlette routes, as FastAPI registers its own docs pages: they are not API operations
    async def swagger_ui(request: Request) -> HTMLResponse:
        root = request.scope.get("root_path", "")
        page = get_swagger_ui_html(openapi_url=root + openapi_url, title=f"{app.title} · 接口文档",
                                   swagger_js_url=f"{root}{ASSETS_URL}/swagger-ui-bundle.js",
                                   swagger_css_url=f"{root}{ASSETS_URL}/swagger-ui.css",
                                   swagger_favicon_url=root + FAVICON_URL, oauth2_redirect_url=root + redirect_url,
                                   swagger_ui_parameters=SWAGGER_PARAMETERS)
        page.headers.update(SAME_ORIGIN_ONLY)
        return page

    async def swagger_ui_redirect(request: Request) -> HTMLResponse:
        return get_swagger_ui_oauth2_redirect_html()

    async def redoc(request: Request) -> HTMLResponse:
        root = request.scope.get("root_path", "")
        page = get_redoc_html(openapi_url=root + openapi_url, title=f"{app.title} · 接口文档（ReDoc）",
                              redoc_js_url=f"{root}{ASSETS_URL}/redoc.standalone.js",
                              redoc_favicon_url=root + FAVICON_URL, with_google_fonts=False)
        page.headers.update(SAME_ORIGIN_ONLY)
        return page

    app.add_route("/docs", swagger_ui, include_in_schema=False)
    app.add_route(redirect_url, swagger_ui_redirect, include_in_schema=False)
    app.add_route("/redoc", redoc, include_in_schema=False)
