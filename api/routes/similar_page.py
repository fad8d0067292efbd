"""The 其他地区的同类措施 view (T3): for an obligation (or a text), the best comparable measure in each
other region, with its region, level, date and the words both share, not a bare score."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse
from policykg.api.routes import examples as ex
from policykg.api.routes.common import document_json, lock_of, service_of
from policykg.api.routes.messages import busy_message, search_error
from policykg.api.routes.search_view import meaningful_terms, passage_href
from policykg.api.routes.web import HTML_RESPONSE, doc_href, obligation_anchor, templates
from policykg.search.query import SearchInputError

router = APIRouter(tags=["web page"])
REGIONS_SHOWN = 15


def shared_terms(tokenizer: Any, source: str, other: str) -> list[str]:
    """Meaningful words of ``source`` that ``other`` uses too, longest first."""
    theirs = set(tokenizer.tokens(other))
    mine = dict.fromkeys(t for t in meaningful_terms(tokenizer.tokens(source)) if len(t) >= 2)
    shared = sorted((t for t in mine if t in theirs), key=len, reverse=True)
    # the tokenizer also yields the parts of a long word (电动自行车: 电动, 自行车): keep the whole word once
    kept: list[str] = []
    for term in shared:
        if not any(term in longer for longer in kept):
            kept.append(term)
    return kept[:8]


def _source_view(request: Request, ob_iri: str) -> dict[str, Any] | None:
    doc_iri = ob_iri.split("/obligation/", 1)[0]
    doc = document_json(request, doc_iri) or {}
    ob = next((o for o in doc.get("obligations") or [] if o.get("iri") == ob_iri), None)
    if ob is None:
        return None
    region = doc.get("region") or {}
    return {"text": ob.get("text") or "", "section": ob.get("section"), "title": doc.get("title"),
            "href": doc_href(doc_iri, obligation_anchor(ob_iri)), "region": region.get("name") if region else "",
            "level": doc.get("level"), "date": doc.get("date")}


@router.get("/similar-ui", response_class=HTMLResponse, summary="Web page: similar measures elsewhere",
            description="For an obligation (`ob`, its IRI) or a text (`text`), the most comparable measure in "
                        "each other region: region, level, date, the passage and the words both share.",
            responses={**HTML_RESPONSE, 400: {"description": "An unknown region or an empty text: a page that says so",
                                              "content": {"text/html": {"example": ex.HTML},
                                                          "application/json": {"example": ex.error(
                                                              "bad_request", "region: unknown region '火星'")}}}})
def similar_page(request: Request, ob: str | None = None, text: str | None = None,
                 exclude_region: str | None = None) -> HTMLResponse:
    from policykg.search.results import similar_units

    context: dict[str, Any] = {"ob": ob, "text": text, "exclude_region": exclude_region, "results": [],
                               "source": None, "error": None}
    query = (ob or text or "").strip()
    if not query:
        return templates.TemplateResponse(request, "similar.html", context)
    index = service_of(request).serving_index
    try:
        with lock_of(request).read():
            if ob:
                context["source"] = _source_view(request, ob)
            answer = similar_units(index, query, exclude_region=(exclude_region or "").strip() or None,
                                   limit=REGIONS_SHOWN)
    except SearchInputError as exc:
        context["error"] = search_error(exc.field, {"text": query, "exclude_region": exclude_region})
        return templates.TemplateResponse(request, "similar.html", context, status_code=404 if ob else 400)
    except TimeoutError:
        context["error"] = busy_message()
        return templates.TemplateResponse(request, "similar.html", context, status_code=503)
    source_text = context["source"]["text"] if context["source"] else answer["query"]
    for hit in answer["results"]:
        hit["href"] = passage_href(hit)
        hit["shared"] = shared_terms(index.tokenizer, source_text, hit.get("text") or "")
    context["results"] = answer["results"]
    return templates.TemplateResponse(request, "similar.html", context)
