"""The Chinese web page: search with filters, a document with its facts highlighted, chains, agencies."""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import quote

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse
from fastapi.templating import Jinja2Templates
from policykg.api.routes import examples as ex
from policykg.api.routes.agencies import agency_tasks, find_agencies
from policykg.api.routes.chain_view import layout
from policykg.api.routes.common import (
    ApiError,
    cached,
    document_json,
    list_documents,
    local_id,
    lock_of,
    resolve_document,
    service_of,
)
from policykg.api.routes.documents import trace_chain
from policykg.api.routes.facets import facet_counts, filter_documents
from policykg.api.routes.highlight import collect_marks, fact_spans, render
from policykg.api.routes.search import run_search

router = APIRouter(tags=["web page"])
templates = Jinja2Templates(directory=str(Path(__file__).resolve().parent.parent / "templates"))
LEVEL_LABELS = {"national": "国家级", "provincial": "省级", "city": "市级", "county": "县级", "township": "乡镇级"}
ROLE_LABELS = {"lead": "牵头", "cooperate": "配合", "collective": "共同"}
RELATION_LABELS = {"basis": "根据", "implements": "贯彻落实", "legal_basis": "依据", "checklist": "对照",
                   "mention": "提及"}
HTML_RESPONSE: dict[int | str, dict[str, Any]] = {
    200: {"content": {"text/html": {"example": ex.HTML}}},
    404: {"content": {"application/json": {"example": ex.error("not_found", "no document matches 'x.txt'")}}}}


def _region_name(region: Any) -> str:
    if isinstance(region, dict):
        return region.get("name") or ""
    return region or ""


templates.env.globals.update(
    level_label=lambda v: LEVEL_LABELS.get(v, v or "未知"),
    role_label=lambda v: ROLE_LABELS.get(v, v or ""),
    relation_label=lambda v: RELATION_LABELS.get(v, v or ""),
    region_name=_region_name,
)


def doc_href(iri: str | None) -> str | None:
    """The web page of a document."""
    return f"/doc/{quote(local_id(iri), safe='')}" if iri else None


def agency_href(name: str | None) -> str:
    """The web page listing an agency's tasks."""
    return f"/agency?name={quote(name or '', safe='')}"


@router.get("/", response_class=HTMLResponse, summary="Web page: search",
            description="The search page: a search box with filters (level, region, agency, site type); "
                        "without a query it lists documents with facet links.", responses=HTML_RESPONSE)
def home(request: Request, q: str | None = None, level: str | None = None, region: str | None = None,
         agency: str | None = None, site_type: str | None = None, issuer: str | None = None,
         year: str | None = None) -> HTMLResponse:
    filters = {"level": level, "region": region, "agency": agency, "site_type": site_type}
    context: dict[str, Any] = {"q": q, "filters": filters, "levels": list(LEVEL_LABELS.items()),
                               "facet_labels": [("level", "层级"), ("region", "地区"), ("issuer", "发文机关"),
                                                ("year", "年份")], "results": [], "error": None}
    if q and q.strip():
        try:
            answer = run_search(request, q, level, region, agency, site_type, limit=20)
            for r in answer["results"]:
                r["href"] = doc_href(r["document"]["iri"])
                r["snippet_html"] = r.get("snippet") or ""
            context.update(results=answer["results"], notice="；".join(answer.get("notices") or []))
        except ApiError as exc:
            context["error"] = exc.detail
    else:
        with lock_of(request).read():
            docs = list_documents(request)
        hits = filter_documents(docs, {"level": level, "region": region, "issuer": issuer, "year": year})
        context.update(documents=[{**d, "id": local_id(d["iri"])} for d in hits], facets=facet_counts(hits))
    return templates.TemplateResponse(request, "index.html", context)


@router.get("/doc/{doc_id:path}/chain", response_class=HTMLResponse, summary="Web page: citation chain",
            description="The citation chain drawn as a graph, township → county → city → province → "
                        "national (or, with `down=1`, the documents implementing this one).",
            responses=HTML_RESPONSE)
def chain_page(request: Request, doc_id: str, down: bool = Query(False)) -> HTMLResponse:
    service = service_of(request)
    with lock_of(request).read():
        iri = resolve_document(request, doc_id)
        doc = document_json(request, iri) or {"iri": iri}
        chain = cached(request, ("trace", iri, down), lambda: trace_chain(service.kg, iri, down))
    titles = {n["iri"]: n.get("title") or n.get("doc_number") or n["iri"] for n in chain.get("nodes") or []}
    edges = [{"source_label": titles.get(e["source"], e["source"]), "target_label": titles.get(e["target"], e["target"]),
              "relation": RELATION_LABELS.get(e.get("relation"), e.get("relation")), "cue": e.get("cue")}
             for e in chain.get("edges") or []]
    cycles = chain.get("cycles")
    return templates.TemplateResponse(request, "chain.html", {
        "doc": doc, "doc_id": local_id(iri), "down": down, "edges": edges,
        "cycles": "；".join(" → ".join(titles.get(i, i) for i in c) for c in cycles) if cycles else None,
        "g": layout(chain, iri, lambda n: doc_href(n["iri"]))})


@router.get("/doc/{doc_id:path}", response_class=HTMLResponse, summary="Web page: one document",
            description="A document's text with agencies, deadlines, targets, site types and citations "
                        "highlighted and linked, its metadata, tasks and citations.", responses=HTML_RESPONSE)
def document_page(request: Request, doc_id: str) -> HTMLResponse:
    service = service_of(request)
    with lock_of(request).read():
        iri = resolve_document(request, doc_id)
        doc = document_json(request, iri)
        text = cached(request, ("document_text", iri), lambda: service.kg.document_text(iri)) or ""
        facts = cached(request, ("fact_spans", iri), lambda: fact_spans(service.kg, iri))
    if doc is None:
        raise ApiError(404, "not_found", f"no document matches {doc_id!r}")
    citations = [{**c, "href": doc_href(c.get("target")) if c.get("resolved") else None}
                 for c in doc.get("citations") or []]
    marks = collect_marks({**doc, "citations": citations}, text, lambda a: agency_href(a.get("name")),
                          lambda c: c.get("href"), facts)
    region = doc.get("region") or {}
    region_path = " → ".join([region.get("name") or ""] + list(region.get("parents") or [])) if region else "未识别"
    issuer = doc.get("issuer")
    return templates.TemplateResponse(request, "document.html", {
        "doc": doc, "doc_id": local_id(iri), "text_html": render(text, marks), "region_path": region_path,
        "issuer": issuer.get("name") if isinstance(issuer, dict) else issuer,
        "obligations": doc.get("obligations") or [], "citations": citations})


@router.get("/agency", response_class=HTMLResponse, summary="Web page: an agency's tasks",
            description="The tasks of an agency across documents, found under any of its names.",
            responses=HTML_RESPONSE)
def agency_page(request: Request, name: str | None = None, region: str | None = None,
                role: str | None = None) -> HTMLResponse:
    context: dict[str, Any] = {"name": name, "region": region, "role": role, "tasks": [], "matches": [],
                               "error": None}
    if name and name.strip():
        service = service_of(request)
        with lock_of(request).read():
            context["matches"] = find_agencies(service, name.strip(), 10)
            result = agency_tasks(service, name.strip(), region or None, role or None)
        tasks = result.get("tasks", []) if isinstance(result, dict) else result
        for t in tasks:
            t["href"] = doc_href((t.get("document") or {}).get("iri"))
        context["tasks"] = tasks
    return templates.TemplateResponse(request, "agency.html", context)


@router.get("/sparql-ui", response_class=HTMLResponse, summary="Web page: SPARQL form",
            description="A form that sends a query to `/sparql`.", responses=HTML_RESPONSE)
def sparql_page(request: Request) -> HTMLResponse:
    return templates.TemplateResponse(request, "sparql.html", {})


@router.get("/favicon.ico", include_in_schema=False)
def favicon() -> RedirectResponse:
    return RedirectResponse("/static/favicon.svg")
