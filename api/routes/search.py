"""Hybrid search and "comparable measures in other regions"."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Query, Request
from policykg.api.routes import examples as ex
from policykg.api.routes.common import ERROR_RESPONSES, ApiError, lock_of, service_of
from policykg.ingest.model import LEVELS
from policykg.search.query import MAX_LIMIT, SearchInputError
from policykg.search.results import search_units, similar_units

# what the handlers check, declared in the OpenAPI schema; the handlers answer 400 with a message (not FastAPI's
# 422), so these are documentation, not validators
NOT_BLANK = {"pattern": r"\S"}
DATE = {"format": "date"}
LIMIT = {"minimum": 1, "maximum": MAX_LIMIT}
router = APIRouter(tags=["search"])
BUSY_RESPONSE: dict[int | str, dict[str, Any]] = {503: {
    "description": "Too busy: the query waited longer than the limit for the encoder",
    "content": {"application/json": {"example": {
        "error": "service_unavailable",
        "detail": "too busy to encode the query now, try again: query encoding: no free encoder slot within 30 s"}}}}}


def search_answer(request: Request, q: str, level: str | None = None, region: str | None = None,
                  agency: str | None = None, site_type: str | None = None, date_from: str | None = None,
                  date_to: str | None = None, limit: int = 10) -> dict[str, Any]:
    """The search layer's answer; raises its SearchInputError or TimeoutError (the web page words them)."""
    service = service_of(request)
    with lock_of(request).read():
        return search_units(service.serving_index, q, level=level or None, region=region or None,
                            agency=agency or None, site_type=site_type or None, date_from=date_from or None,
                            date_to=date_to or None, limit=limit)


def run_search(request: Request, q: str, level: str | None = None, region: str | None = None,
               agency: str | None = None, site_type: str | None = None, date_from: str | None = None,
               date_to: str | None = None, limit: int = 10) -> dict[str, Any]:
    """The search layer's answer for these parameters; bad input becomes a 400."""
    try:
        return search_answer(request, q, level, region, agency, site_type, date_from, date_to, limit)
    except SearchInputError as exc:
        raise ApiError(400, "bad_request", f"{exc.field}: {exc}") from exc
    except TimeoutError as exc:
        raise busy(exc) from exc


def busy(exc: TimeoutError) -> ApiError:
    """503 for a query that waited too long for the encoder: the server is overloaded, the query is fine."""
    return ApiError(503, "service_unavailable", f"too busy to encode the query now, try again: {exc}")


@router.get("/search", summary="Hybrid search over obligations and passages",
            description="BM25 and dense (multilingual-e5-small) retrieval fused by reciprocal rank, with "
                        "filters on level, region (sub-regions included), agency, site type and date range "
                        "(the same as `policykg search --json`). Each result has a highlighted snippet "
                        "(HTML, terms in <mark>), its document, region, level and score components.",
            responses={200: {"content": {"application/json": {"example": ex.SEARCH}}}, **ERROR_RESPONSES, **BUSY_RESPONSE})
def search(request: Request,
           q: str = Query(..., description="what to look for, as staff would say it", examples=["电瓶车在楼道里充电"],
                          json_schema_extra=NOT_BLANK),
           level: str | None = Query(None, examples=["township"], json_schema_extra={"enum": list(LEVELS)}),
           region: str | None = Query(None, description="region name or code; sub-regions included",
                                      examples=["上海市"]),
           agency: str | None = Query(None, examples=["消防救援机构"]),
           site_type: str | None = Query(None, examples=["九小场所"]),
           date_from: str | None = Query(None, description="YYYY-MM-DD", examples=["2020-01-01"],
                                         json_schema_extra=DATE),
           date_to: str | None = Query(None, description="YYYY-MM-DD", examples=["2025-12-31"], json_schema_extra=DATE),
           limit: int = Query(10, description="1..100", examples=[10], json_schema_extra=LIMIT)) -> dict[str, Any]:
    return run_search(request, q, level, region, agency, site_type, date_from, date_to, limit)


@router.get("/similar", summary="Comparable measures in other regions",
            description="The best match per region, leaving out `exclude_region` and its sub-regions (for an "
                        "IRI: its own region), the same as `policykg similar --json`. For free text: the "
                        "best obligation or passage (the text asked as a query). For an obligation IRI: the "
                        "most similar obligation (the same measure elsewhere: its text compared as a "
                        "passage, words and meaning fused).",
            responses={200: {"content": {"application/json": {"example": ex.SEARCH}}}, **ERROR_RESPONSES, **BUSY_RESPONSE})
def similar(request: Request,
            text: str = Query(..., description="free text or an obligation IRI", examples=["电动自行车集中充电"],
                              json_schema_extra=NOT_BLANK),
            exclude_region: str | None = Query(None, examples=["青峰镇"]),
            limit: int = Query(10, description="1..100", examples=[10], json_schema_extra=LIMIT)) -> dict[str, Any]:
    service = service_of(request)
    try:
        with lock_of(request).read():
            return similar_units(service.serving_index, text, exclude_region=exclude_region or None, limit=limit)
    except SearchInputError as exc:
        raise ApiError(400, "bad_request", f"{exc.field}: {exc}") from exc
    except TimeoutError as exc:
        raise busy(exc) from exc
