"""Agencies: find one by any of its names, and list the tasks it is given across documents."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Path, Query, Request
from policykg.api.routes import examples as ex
from policykg.api.routes.common import ERROR_RESPONSES, ApiError, cached, local_id, lock_of, service_of
from policykg.api.routes.rdf import select_rows
from policykg.graph.sparql import sparql_string

router = APIRouter(tags=["agencies"])
ROLES = ("lead", "cooperate")

# prefixes (org:, skos:, pkg:) are predeclared by the graph layer
AGENCY_QUERY = """
SELECT ?agency ?name ?aliases ?obligations ?region WHERE {{
  {{ SELECT ?agency (SAMPLE(?n) AS ?name) WHERE {{ {candidates} ?agency skos:prefLabel ?n }} GROUP BY ?agency }}
  OPTIONAL {{ SELECT ?agency (COUNT(DISTINCT ?ob) AS ?obligations)
              WHERE {{ ?ob pkg:assignment/pkg:agency ?agency }} GROUP BY ?agency }}
  OPTIONAL {{ SELECT ?agency (GROUP_CONCAT(DISTINCT ?alt; separator="\\u001f") AS ?aliases)
              WHERE {{ ?agency skos:altLabel ?alt }} GROUP BY ?agency }}
  OPTIONAL {{ SELECT ?agency (SAMPLE(?rn) AS ?region) WHERE {{ ?agency pkg:region/skos:prefLabel ?rn }} GROUP BY ?agency }}
}}
ORDER BY DESC(?obligations) ?name
LIMIT {limit}
"""
# Each fact is aggregated on its own, then joined: an agency's labels repeat in the graph of every
# document naming it, so one join of labels x aliases x obligations x regions grew past 30 s.
CANDIDATES = """{{ SELECT DISTINCT ?agency WHERE {{
    ?agency a org:Organization ; skos:prefLabel|skos:altLabel ?label .
    FILTER(CONTAINS(STR(?label), {needle}){named}) }} }}"""


MAX_NAME = 100  # characters of an agency or region name asked for


def find_agencies(service: Any, text: str | None, limit: int) -> list[dict[str, Any]]:
    """Agencies whose preferred name or any alias contains ``text``, or that the obligations layer
    resolves ``text`` to (市住建局 -> 常德市住房和城乡建设局); all agencies when ``text`` is empty."""
    from policykg.graph.agency_names import agencies_named

    return [{**a, "id": local_id(a["iri"])} for a in agencies_named(service.kg, text or "", limit)]


@router.get("/agencies", summary="Find agencies by any of their names",
            description="Agencies whose preferred name or any alias contains `q`, plus those the obligations "
                        "layer resolves `q` to (市住建局 → 常德市住房和城乡建设局); most-tasked first, each with "
                        "the region it belongs to (same-named agencies of different regions are apart).",
            responses={200: {"content": {"application/json": {"example": ex.AGENCIES}}}, **ERROR_RESPONSES})
def agencies(request: Request, q: str | None = Query(None, description="a name or alias", examples=["市住建局"]),
             limit: int = Query(50, ge=1, le=500)) -> dict[str, Any]:
    text = (q or "").strip()
    with lock_of(request).read():  # the slowest read of the API: kept until the next write
        found = cached(request, ("find_agencies", text, limit), lambda: find_agencies(service_of(request), text, limit))
    return {"query": q, "agencies": found}


def agency_name(service: Any, agency_id: str) -> str:
    """The preferred name of the agency with this short id or IRI; any other text is taken as a name."""
    # DISTINCT: an agency named in several documents has its label once in each document's graph
    query = (f"SELECT DISTINCT ?agency ?name WHERE {{ ?agency a org:Organization ; "
             f"skos:prefLabel ?name . FILTER(STRENDS(STR(?agency), {sparql_string('/' + local_id(agency_id))}))"
             f" }} LIMIT 2")
    rows = select_rows(service, query) if agency_id.strip() else []
    return rows[0]["name"] if len(rows) == 1 else agency_id


def agency_tasks(service: Any, name: str, region: str | None, role: str | None) -> dict[str, Any]:
    """The obligations layer's tasks of an agency, as ``{tasks: [...]}``."""
    from policykg.graph.obligation_queries import tasks_for_agency

    result = tasks_for_agency(service.kg, name, region, role)
    return dict(result) if isinstance(result, dict) else {"tasks": list(result)}


@router.get("/agencies/{agency_id}/obligations", summary="Tasks of an agency",
            description="Obligations assigned to an agency across all documents, under any of its names "
                        "(the same as `policykg tasks --agency NAME --json`). `agency_id` is the short id "
                        "from `/agencies` or any name or alias.",
            responses={200: {"content": {"application/json": {"example": ex.TASKS}}}, **ERROR_RESPONSES})
def obligations(request: Request,
                agency_id: str = Path(description="short id from /agencies, or a name or alias", examples=["市住建局"]),
                region: str | None = Query(None, description="only tasks in this region", examples=["常德市"]),
                role: str | None = Query(None, description="lead or cooperate", examples=["lead"],
                                          json_schema_extra={"enum": list(ROLES)})
                ) -> dict[str, Any]:
    if role and role not in ROLES:
        raise ApiError(400, "bad_request", f"role must be one of {', '.join(ROLES)}, got {role!r}")
    for what, value in (("agency", agency_id), ("region", region or "")):
        if len(value) > MAX_NAME:  # the longest unit or place name is far shorter; a list or a paste is no name
            raise ApiError(400, "bad_request", f"{what} is {len(value)} characters long; a name is at most {MAX_NAME}")
    service = service_of(request)
    with lock_of(request).read():
        name = agency_name(service, agency_id)
        return {"agency": name, **agency_tasks(service, name, region, role)}
