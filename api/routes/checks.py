"""Consistency findings: conflicting deadlines and weaker targets, along chains and within documents."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Query, Request
from policykg.api.routes import examples as ex
from policykg.api.routes.common import ERROR_RESPONSES, ApiError, lock_of, resolve_document, service_of
from policykg.search.consistency import KINDS as FINDING_KINDS

router = APIRouter(tags=["checks"])


@router.get("/checks", summary="Consistency findings",
            description="Findings of the consistency checks (the same as `policykg check --json`): "
                        "chain_deadline, internal_deadline, deadline_before_issue and weaker_target, each "
                        "with its severity, both documents and obligations, the dates and why they were "
                        "matched. Filter by document and by kind.",
            responses={200: {"content": {"application/json": {"example": ex.CHECKS}}}, **ERROR_RESPONSES})
def checks(request: Request,
           doc: str | None = Query(None, description="a document (short id, file name, 文号 or IRI)",
                                   examples=["柳政发〔2020〕36号"]),
           kind: str | None = Query(None, description="one finding kind", examples=["chain_deadline"],
                                     json_schema_extra={"enum": list(FINDING_KINDS)})
           ) -> dict[str, Any]:
    from policykg.search.consistency import findings_json

    service = service_of(request)
    with lock_of(request).read():
        iri = resolve_document(request, doc) if doc else None
        try:
            return findings_json(service, iri, kind)
        except ValueError as exc:  # an unknown kind
            raise ApiError(400, "bad_request", str(exc)) from exc
