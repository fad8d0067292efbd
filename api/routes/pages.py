"""The Chinese web page: search with filters, the document list, a document with its facts highlighted,
chains, agencies and the SPARQL form. Shared helpers live in web.py; the checks and similar-measures
views in check_page.py and similar_page.py."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from policykg.api.routes.chain_view import chain_context
from policykg.api.routes.check_page import document_findings
from policykg.api.routes.common import (
    ApiError,
    cached,
    document_json,
    list_documents,
    local_id,
    lock_of,
    service_of,
)
from policykg.api.routes.common import resolve_document as resolve
from policykg.api.routes.dereference import OFFERS, SUFFIX, representation
from policykg.api.routes.documents import trace_chain
from policykg.api.routes.facets import facet_counts, filter_documents
from policykg.api.routes.highlight import collect_marks, fact_spans, render
from policykg.api.routes.messages import (
    LEVEL_LABELS,
    busy_message,
    document_not_found,
    search_error,
    search_notice,
)
from policykg.api.routes.rdf import document_graph
from policykg.api.routes.search import search_answer
from policykg.api.routes.search_view import (
    CANDIDATES,
    GROUPS_PER_PAGE,
    group_by_document,
    meaningful_terms,
    passage_href,
    select_matches,
)
from policykg.api.routes.sparql_protocol import negotiate
from policykg.api.routes.web import (
    HTML_RESPONSE,
    PageError,
    agency_href,
    doc_href,
    page_url,
    pages,
    similar_href,
    templates,
)
from policykg.ontology.namespace import DATA_URI
from policykg.search.query import SearchInputError

router = APIRouter(tags=["web page"])
DOCS_PER_PAGE = 50
SORT_KEYS = {"title": "标题", "doc_number": "文号", "level": "层级", "region": "地区", "date": "日期"}
LEVEL_ORDER = {k: i for i, k in enumerate(LEVEL_LABELS)}
FACETS_SHOWN = 12


def _page_number(value: str | None) -> int:
    return int(value) if value and value.isdigit() else 1


def _sort_key(key: str):
    def value(doc: dict[str, Any]) -> Any:
        if key == "level":
            return LEVEL_ORDER.get(doc.get("level") or "", 99)
        if key == "region":
            region = doc.get("region")
            return (region.get("name") if isinstance(region, dict) else region) or "\uffff"
        return doc.get(key) or "\uffff"  # unknown values last
    return value


def _obligation_deadlines(request: Request, doc_iri: str) -> dict[str, list[dict[str, Any]]]:
    doc = document_json(request, doc_iri) or {}
    return {ob["iri"]: ob.get("deadlines") or [] for ob in doc.get("obligations") or [] if ob.get("iri")}


def search_context(request: Request, q: str, filters: dict[str, str | None], page: int) -> dict[str, Any]:
    """What the search half of the home page shows: grouped hits, their count and pages, or why none."""
    context: dict[str, Any] = {"groups": [], "matched": 0, "documents_matched": 0, "nearest_only": False}
    try:
        tokenizer = service_of(request).serving_index.tokenizer
        if not meaningful_terms(tokenizer.tokens(q)):
            context["no_terms"] = True
            return context
        answer = search_answer(request, q, limit=CANDIDATES, **filters)
    except SearchInputError as exc:
        context["error"] = search_error(exc.field, {"query": q, **filters})
        if exc.field in ("region", "exclude_region"):
            with lock_of(request).read():
                regions = facet_counts(list_documents(request))["region"]
            context["suggest_regions"] = list(regions)[:20]
        return context
    except TimeoutError:
        context["error"] = busy_message()
        return context
    hits, nearest_only = select_matches(answer["results"])
    groups = group_by_document(hits)
    paging = pages(len(groups), page, GROUPS_PER_PAGE)
    shown = groups[paging["start"]:paging["end"]]
    with lock_of(request).read():
        for group in shown:
            deadlines = _obligation_deadlines(request, group.document["iri"])
            for hit in [group.best, *group.more]:
                hit["href"] = passage_href(hit)
                hit["deadlines"] = deadlines.get(hit["iri"], [])
                hit["similar_href"] = similar_href(hit["iri"]) if hit.get("kind") == "obligation" else None
            group.document["href"] = doc_href(group.document["iri"])
    context.update(groups=shown, matched=len(hits), documents_matched=len(groups), nearest_only=nearest_only,
                   capped=len(answer["results"]) >= CANDIDATES and not nearest_only, candidates=CANDIDATES,
                   paging=paging,
                   notices=[search_notice(n) for n in answer.get("notices") or []], mode=answer.get("mode"),
                   page_links=[(n, page_url(request, page=n)) for n in range(1, paging["count"] + 1)])
    return context


@router.get("/", response_class=HTMLResponse, summary="Web page: search",
            description="The search page: a search box with filters (level, region, agency, site type, dates); "
                        "results grouped by document with a count and pages. Without a query it lists "
                        "documents (sortable, paged) with facet links.", responses=HTML_RESPONSE)
def home(request: Request, q: str | None = None, level: str | None = None, region: str | None = None,
         agency: str | None = None, site_type: str | None = None, issuer: str | None = None,
         year: str | None = None, date_from: str | None = None, date_to: str | None = None,
         page: str | None = None, sort: str | None = None) -> HTMLResponse:
    filters = {"level": level, "region": region, "agency": agency, "site_type": site_type,
               "date_from": date_from, "date_to": date_to}
    context: dict[str, Any] = {"q": q, "filters": filters, "levels": list(LEVEL_LABELS.items()),
                               "facet_labels": [("level", "层级"), ("region", "地区"), ("issuer", "发文机关"),
                                                ("year", "年份")], "facets_shown": FACETS_SHOWN}
    if q and q.strip():
        context.update(search_context(request, q.strip(), {k: v or None for k, v in filters.items()},
                                      _page_number(page)))
        return templates.TemplateResponse(request, "index.html", context)
    with lock_of(request).read():
        docs = list_documents(request)
    hits = filter_documents(docs, {"level": level, "region": region, "issuer": issuer, "year": year})
    key = (sort or "").lstrip("-")
    if key in SORT_KEYS:
        hits = sorted(hits, key=_sort_key(key), reverse=(sort or "").startswith("-"))
    paging = pages(len(hits), _page_number(page), DOCS_PER_PAGE)
    context.update(
        documents=[{**d, "id": local_id(d["iri"])} for d in hits[paging["start"]:paging["end"]]],
        facets=facet_counts(hits), paging=paging, sort=sort or "",
        active={k: v for k, v in {"level": level, "region": region, "issuer": issuer, "year": year}.items() if v},
        sort_links={k: page_url(request, sort=("-" + k) if sort == k else k, page=None) for k in SORT_KEYS},
        sort_labels=SORT_KEYS,
        page_links=[(n, page_url(request, page=n)) for n in range(1, paging["count"] + 1)])
    return templates.TemplateResponse(request, "index.html", context)


@router.get("/doc/{doc_id:path}/chain", response_class=HTMLResponse, summary="Web page: citation chain",
            description="The citation chain drawn as a graph by level, township → county → city → province "
                        "→ national (or, with `down=1`, the documents implementing this one): each arrow "
                        "goes from a citing document to a document it cites.", responses=HTML_RESPONSE)
def chain_page(request: Request, doc_id: str, down: bool = Query(False)) -> HTMLResponse:
    service = service_of(request)
    with lock_of(request).read():
        iri = _resolve_page(request, doc_id)
        doc = document_json(request, iri) or {"iri": iri}
        chain = cached(request, ("trace", iri, down), lambda: trace_chain(service.kg, iri, down))
    return templates.TemplateResponse(request, "chain.html", {
        "doc": doc, "doc_id": local_id(iri), "down": down,
        **chain_context(chain, iri, lambda n: doc_href(n["iri"]))})


def _resolve_page(request: Request, doc_id: str) -> str:
    try:
        return resolve(request, doc_id)
    except ApiError as exc:
        raise PageError(404, document_not_found(doc_id), "未找到文件") from exc


@router.get("/doc/{doc_id:path}", response_class=HTMLResponse, summary="Web page: one document",
            description="A document's text with agencies, deadlines, targets, site types and citations "
                        "highlighted and linked, its metadata, tasks (each linking to comparable measures "
                        "elsewhere), citations and consistency findings. An unknown document is a 404 page. "
                        "A client that prefers RDF (`Accept`: Turtle, N-Triples, JSON-LD, RDF/XML) gets the "
                        "document's graph, as at `/data/doc/{id}`.",
            responses=HTML_RESPONSE)
def document_page(request: Request, doc_id: str) -> Response:
    service = service_of(request)
    fmt = negotiate(request.headers.get("accept", ""), OFFERS) or "html"
    with lock_of(request).read():
        iri = _resolve_page(request, doc_id)
        path = iri[len(DATA_URI):] if iri.startswith(DATA_URI) else ""
        if fmt != "html" and path:  # a linked-data client at the page's address gets the document's graph
            graph = document_graph(service, iri).ntriples()
            return representation(request, graph, fmt, {"Vary": "Accept",
                                                         "Content-Location": f"/data/{path}.{SUFFIX[fmt]}"})
        doc = document_json(request, iri)
        text = cached(request, ("document_text", iri), lambda: service.kg.document_text(iri)) or ""
        facts = cached(request, ("fact_spans", iri), lambda: fact_spans(service.kg, iri))
    if doc is None:
        raise PageError(404, document_not_found(doc_id), "未找到文件")
    findings = document_findings(request, iri)
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
        "obligations": doc.get("obligations") or [], "citations": citations, "findings": findings},
        headers={"Vary": "Accept"})


@router.get("/sparql-ui", response_class=HTMLResponse, summary="Web page: SPARQL form",
            description="A form that sends a query to `/sparql` and shows the answer as a table on the page.",
            responses=HTML_RESPONSE)
def sparql_page(request: Request) -> HTMLResponse:
    return templates.TemplateResponse(request, "sparql.html", {})


@router.get("/favicon.ico", include_in_schema=False)
def favicon() -> RedirectResponse:
    return RedirectResponse("/static/favicon.svg")
