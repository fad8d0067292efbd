"""What every page of the Chinese web site shares: the templates, labels, links and the error page."""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode

from fastapi import Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates
from policykg.api.routes import examples as ex
from policykg.api.routes.common import ApiError, local_id
from policykg.api.routes.messages import (
    CHECK_KIND_LABELS,
    LEVEL_LABELS,
    PRECISION_LABELS,
    ROLE_LABELS,
    SEVERITY_LABELS,
    status_title,
)

templates = Jinja2Templates(directory=str(Path(__file__).resolve().parent.parent / "templates"))
RELATION_LABELS = {"basis": "根据", "implements": "贯彻落实", "legal_basis": "法律依据", "checklist": "对照",
                   "mention": "提及"}
HTML_RESPONSE: dict[int | str, dict[str, Any]] = {
    200: {"content": {"text/html": {"example": ex.HTML}}},
    404: {"content": {"text/html": {"example": ex.HTML},
                      "application/json": {"example": ex.error("not_found", "no document matches 'x.txt'")}}}}
PAGE_SIZE = 20


def region_name(region: Any) -> str:
    """The name of a region given as a string or a ``{name, ...}`` object."""
    if isinstance(region, dict):
        return region.get("name") or ""
    return region or ""


def doc_href(iri: str | None, anchor: str | None = None) -> str | None:
    """The web page of a document, optionally at an obligation's anchor."""
    if not iri:
        return None
    return f"/doc/{quote(local_id(iri), safe='')}" + (f"#{anchor}" if anchor else "")


def obligation_anchor(iri: str | None) -> str | None:
    """The anchor of an obligation on its document page: ``ob-<n>`` for ``…/obligation/<n>``."""
    if not iri or "/obligation/" not in iri:
        return None
    return "ob-" + iri.rsplit("/obligation/", 1)[1].strip("/")


def unit_href(iri: str, doc_iri: str) -> str | None:
    """The document page at the obligation a search unit stands for (the document itself for a passage)."""
    return doc_href(doc_iri, obligation_anchor(iri))


def agency_href(name: str | None) -> str:
    """The web page listing an agency's tasks."""
    return f"/agency?name={quote(name or '', safe='')}"


def similar_href(obligation_iri: str | None) -> str | None:
    """The "其他地区的同类措施" page for an obligation."""
    return f"/similar-ui?{urlencode({'ob': obligation_iri})}" if obligation_iri else None


def page_url(request: Request, **changes: Any) -> str:
    """The current page's URL with some query parameters changed (None drops one)."""
    params = dict(request.query_params)
    for key, value in changes.items():
        if value is None or value == "":
            params.pop(key, None)
        else:
            params[key] = str(value)
    return request.url.path + (f"?{urlencode(params)}" if params else "")


def pages(total: int, page: int, size: int = PAGE_SIZE) -> dict[str, int]:
    """Paging arithmetic: the page number clamped to what exists, the slice and the page count."""
    count = max(1, -(-total // size))
    page = min(max(1, page), count)
    return {"page": page, "count": count, "start": (page - 1) * size, "end": min(total, page * size),
            "size": size, "total": total}


class PageError(ApiError):
    """An error on a page of the web site: an HTML page in Chinese for a browser (see ``error_page``),
    ``{error, detail}`` for a program."""

    def __init__(self, status: int, message: str, title: str | None = None):
        super().__init__(status, "not_found" if status == 404 else "bad_request", message)
        self.message, self.title = message, title


def error_page(request: Request, status: int, message: str, title: str | None = None) -> HTMLResponse:
    """A page in Chinese that says what went wrong, with the HTTP status it stands for."""
    return templates.TemplateResponse(request, "error.html", {"status": status, "title": title or status_title(status),
                                                              "message": message}, status_code=status)


def wants_html(request: Request) -> bool:
    """Whether the client is a browser asking for a page (not a program asking the JSON API)."""
    accept = request.headers.get("accept", "")
    return "text/html" in accept and "application/json" not in accept.split(",")[0]


templates.env.globals.update(
    level_label=lambda v: LEVEL_LABELS.get(v, v or "未知"),
    role_label=lambda v: ROLE_LABELS.get(v, v or ""),
    relation_label=lambda v: RELATION_LABELS.get(v, v or ""),
    severity_label=lambda v: SEVERITY_LABELS.get(v, v or ""),
    kind_label=lambda v: CHECK_KIND_LABELS.get(v, v or ""),
    precision_label=lambda v: PRECISION_LABELS.get(v, v or ""),
    region_name=region_name,
    doc_href=doc_href,
    agency_href=agency_href,
    similar_href=similar_href,
    obligation_anchor=obligation_anchor,
)
