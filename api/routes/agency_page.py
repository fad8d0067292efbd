"""The 部门任务 page: an agency's tasks across documents, with the names as written and canonical, the
agencies of that name grouped by region, filters by region, level, role and deadline year, region and
date columns, pages and a CSV export of the task list."""

from __future__ import annotations

import csv
import io
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response
from policykg.api.routes.agencies import agency_tasks, find_agencies
from policykg.api.routes.common import cached, list_documents, lock_of, service_of
from policykg.api.routes.messages import LEVEL_LABELS, ROLE_LABELS
from policykg.api.routes.web import (
    HTML_RESPONSE,
    doc_href,
    obligation_anchor,
    page_url,
    pages,
    similar_href,
    templates,
)

router = APIRouter(tags=["web page"])
TASKS_PER_PAGE = 50
MATCHES = 50
CSV_COLUMNS = ["文件", "文号", "地区", "层级", "日期", "部门", "角色", "任务", "期限", "链接"]


def _region(doc: dict[str, Any]) -> tuple[str, list[str]]:
    region = doc.get("region")
    if isinstance(region, dict):
        return region.get("name") or "", [r for r in [region.get("name"), *(region.get("parents") or [])] if r]
    return region or "", [region] if region else []


def _task_rows(request: Request, name: str, region: str | None, role: str | None) -> list[dict[str, Any]]:
    service = service_of(request)
    result = cached(request, ("agency_tasks", name, region, role), lambda: agency_tasks(service, name, region, role))
    docs = cached(request, ("documents_by_iri",), lambda: {d["iri"]: d for d in list_documents(request)})
    rows = []
    for task in result.get("tasks", []):
        doc = docs.get((task.get("document") or {}).get("iri") or "", {})
        region_name, regions = _region(doc)
        ob = task.get("obligation")
        rows.append({**task, "href": doc_href((task.get("document") or {}).get("iri"), obligation_anchor(ob)),
                     "region": region_name, "regions": regions, "level": doc.get("level"), "date": doc.get("date"),
                     "doc_number": doc.get("doc_number"), "similar_href": similar_href(ob),
                     "years": {str(d.get("date") or "")[:4] for d in task.get("deadlines") or [] if d.get("date")}})
    return rows


def _filtered(rows: list[dict[str, Any]], level: str | None, year: str | None) -> list[dict[str, Any]]:
    return [r for r in rows if (not level or r["level"] == level) and (not year or year in r["years"])]


def _by_name(matches: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Agencies grouped by their canonical name, each region apart: 消防救援机构 (松江区 3, 新乡市 2 …)."""
    groups: dict[str, dict[str, Any]] = {}
    for m in matches:
        g = groups.setdefault(m["name"], {"name": m["name"], "aliases": set(), "regions": {}, "obligations": 0})
        g["aliases"].update(m.get("aliases") or [])
        region = m.get("region") or "地区未识别"
        g["regions"][region] = g["regions"].get(region, 0) + m.get("obligations", 0)
        g["obligations"] += m.get("obligations", 0)
    return [{**g, "aliases": sorted(g["aliases"]), "regions": sorted(g["regions"].items(), key=lambda kv: -kv[1])}
            for g in sorted(groups.values(), key=lambda g: -g["obligations"])]


def _csv(rows: list[dict[str, Any]], name: str, base: str) -> Response:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    for r in rows:
        deadlines = "；".join(f"{d.get('text')}（{d.get('date')}）" if d.get("date") else d.get("text") or ""
                             for d in r.get("deadlines") or [])
        writer.writerow([(r.get("document") or {}).get("title") or (r.get("document") or {}).get("source"),
                         r.get("doc_number") or "", r["region"], LEVEL_LABELS.get(r.get("level") or "", ""),
                         r.get("date") or "", r.get("agency") or "", ROLE_LABELS.get(r.get("role") or "", ""),
                         r.get("text") or "", deadlines, base + (r.get("href") or "")])
    # a BOM so that spreadsheet programs read the file as UTF-8
    return Response("\ufeff" + out.getvalue(), media_type="text/csv; charset=utf-8",
                    headers={"Content-Disposition": f"attachment; filename*=UTF-8''{_quote(name)}-tasks.csv"})


def _quote(text: str) -> str:
    from urllib.parse import quote

    return quote(text, safe="")


@router.get("/agency", response_class=HTMLResponse, summary="Web page: an agency's tasks",
            description="The tasks of an agency across documents, found under any of its names; agencies of "
                        "that name by region with counts; filters by region, level, role and deadline year; "
                        "`format=csv` downloads the task list.", responses=HTML_RESPONSE)
def agency_page(request: Request, name: str | None = None, region: str | None = None, role: str | None = None,
                level: str | None = None, year: str | None = None, page: str | None = None,
                format: str | None = None) -> Response:
    name, region = (name or "").strip(), (region or "").strip() or None
    role = role if role in ROLE_LABELS else None
    context: dict[str, Any] = {"name": name, "region": region, "role": role, "level": level, "year": year,
                               "levels": list(LEVEL_LABELS.items()), "tasks": [], "groups": [], "total": 0}
    if not name:
        return templates.TemplateResponse(request, "agency.html", context)
    service = service_of(request)
    with lock_of(request).read():
        matches = cached(request, ("find_agencies", name, MATCHES),
                         lambda: find_agencies(service, name, MATCHES))
        rows = _task_rows(request, name, region, role)
    kept = _filtered(rows, level, year)
    if format == "csv":
        return _csv(kept, name, str(request.base_url).rstrip("/"))
    paging = pages(len(kept), int(page) if page and page.isdigit() else 1, TASKS_PER_PAGE)
    years = sorted({y for r in rows for y in r["years"]})
    context.update(tasks=kept[paging["start"]:paging["end"]], total=len(kept), all_tasks=len(rows),
                   groups=_by_name(matches), years=years, paging=paging,
                   written=sorted({r.get("agency") for r in rows if r.get("agency")}),
                   csv_href=page_url(request, format="csv", page=None),
                   page_links=[(n, page_url(request, page=n)) for n in range(1, paging["count"] + 1)])
    return templates.TemplateResponse(request, "agency.html", context)
