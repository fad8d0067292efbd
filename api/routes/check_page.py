"""The 一致性检查 view (T4): consistency findings with filters, both obligations side by side with the
compared deadline or target highlighted, both dates at their precision and the reason in Chinese.

The reason is written from the finding's structure (its kind and the roles of its dates), not by
translating the English explanation the API gives programs.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse
from policykg.api.routes.common import cached, list_documents, lock_of, service_of
from policykg.api.routes.highlight import Mark, render
from policykg.api.routes.messages import CHECK_KIND_LABELS, LEVEL_LABELS, PRECISION_LABELS, SEVERITY_LABELS
from policykg.api.routes.web import HTML_RESPONSE, doc_href, obligation_anchor, page_url, pages, templates

router = APIRouter(tags=["web page"])
FINDINGS_PER_PAGE = 20
DATE_ROLES = {"downstream": "下级文件的期限", "upstream": "上级文件的期限", "first": "期限一", "second": "期限二",
              "deadline": "任务期限", "issued": "发文日期"}


def _all_findings(request: Request, doc_iri: str | None = None) -> list[dict[str, Any]]:
    from policykg.search.consistency import findings_json

    service = service_of(request)
    return cached(request, ("findings", doc_iri),
                  lambda: findings_json(service, doc_iri, None)["findings"])


def _date_view(d: dict[str, Any]) -> dict[str, Any]:
    precision = d.get("precision") or ""
    return {"role": DATE_ROLES.get(d.get("role"), d.get("role") or ""), "text": d.get("text") or "",
            "date": d.get("date"), "precision": PRECISION_LABELS.get(precision, precision)}


def reason(finding: dict[str, Any]) -> str:
    """Why this finding was raised, in Chinese, from its kind and its dates."""
    dates = {d.get("role"): d for d in finding.get("dates") or []}

    def said(role: str) -> str:
        d = dates.get(role) or {}
        return f"“{d.get('text') or d.get('date') or '？'}”"

    kind = finding.get("kind")
    if kind == "chain_deadline":
        return (f"下级文件规定的期限{said('downstream')}晚于它所依据的上级文件的期限{said('upstream')}："
                "落实上级部署的期限不应晚于上级的要求。")
    if kind == "internal_deadline":
        return f"同一文件对同一项措施给出了两个不同的期限：{said('first')}和{said('second')}。"
    if kind == "deadline_before_issue":
        issued = (dates.get("issued") or {}).get("date") or "？"
        return f"任务期限{said('deadline')}早于本文件的发文日期 {issued}：文件印发时这个期限已经过去。"
    if kind == "weaker_target":
        return "下级文件为同一项措施定下的目标低于上级文件的目标。"
    return CHECK_KIND_LABELS.get(kind, kind or "")


def _obligation_view(ob: dict[str, Any], docs: dict[str, dict[str, Any]]) -> dict[str, Any]:
    text = ob.get("text") or ""
    start = (ob.get("span") or [0])[0]
    marks = []
    for key, kind in (("deadline", "deadline"), ("target", "target")):
        fact = ob.get(key)
        if isinstance(fact, dict) and fact.get("span"):
            marks.append(Mark(fact["span"][0] - start, fact["span"][1] - start, kind, fact.get("text") or ""))
    doc = docs.get(ob.get("document") or "", {})
    return {"html": render(text, marks), "section": ob.get("section") or "", "title": doc.get("title") or "",
            "href": doc_href(ob.get("document"), obligation_anchor(ob.get("iri"))),
            "level": LEVEL_LABELS.get(doc.get("level") or "", ""), "region": _region(doc)}


def _region(doc: dict[str, Any]) -> str:
    region = doc.get("region")
    return (region.get("name") if isinstance(region, dict) else region) or ""


def _regions(doc: dict[str, Any]) -> list[str]:
    region = doc.get("region")
    if isinstance(region, dict):
        return [r for r in [region.get("name"), *(region.get("parents") or [])] if r]
    return [region] if region else []


def finding_view(finding: dict[str, Any], docs: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """One finding as the page shows it."""
    match = (finding.get("explanation") or {}).get("match") or {}
    documents = [{**d, "href": doc_href(d.get("iri")), "level": LEVEL_LABELS.get(docs.get(d["iri"], {}).get("level")
                                                                               or "", ""),
                  "region": _region(docs.get(d["iri"], {}))} for d in finding.get("documents") or []]
    return {"id": finding.get("id"), "kind": finding.get("kind"),
            "kind_label": CHECK_KIND_LABELS.get(finding.get("kind"), finding.get("kind")),
            "severity": finding.get("severity"), "severity_label": SEVERITY_LABELS.get(finding.get("severity"), ""),
            "reason": reason(finding), "documents": documents,
            "obligations": [_obligation_view(ob, docs) for ob in finding.get("obligations") or []],
            "dates": [_date_view(d) for d in finding.get("dates") or []],
            "shared_terms": match.get("shared_terms") or [], "score": match.get("score")}


def _documents_by_iri(request: Request) -> dict[str, dict[str, Any]]:
    return cached(request, ("documents_by_iri",), lambda: {d["iri"]: d for d in list_documents(request)})


def document_findings(request: Request, doc_iri: str) -> list[dict[str, Any]]:
    """The findings that involve one document, for the panel on its page."""
    with lock_of(request).read():
        docs = _documents_by_iri(request)
        return [finding_view(f, docs) for f in _all_findings(request, doc_iri)]


def _keep(finding: dict[str, Any], docs: dict[str, dict[str, Any]], wanted: dict[str, str]) -> bool:
    involved = [docs.get(d["iri"], {}) for d in finding.get("documents") or []]
    if wanted.get("kind") and finding.get("kind") != wanted["kind"]:
        return False
    if wanted.get("severity") and finding.get("severity") != wanted["severity"]:
        return False
    if wanted.get("level") and not any(d.get("level") == wanted["level"] for d in involved):
        return False
    return not wanted.get("region") or any(wanted["region"] in r for d in involved for r in _regions(d))


@router.get("/checks-ui", response_class=HTMLResponse, summary="Web page: consistency checks",
            description="All consistency findings (conflicting deadlines, deadlines before the issue date, "
                        "weaker targets) with filters by kind, severity, level and region; each shows both "
                        "obligations side by side with the compared dates and the reason in Chinese.",
            responses=HTML_RESPONSE)
def checks_page(request: Request, kind: str | None = None, severity: str | None = None,
                level: str | None = None, region: str | None = None, page: str | None = None) -> HTMLResponse:
    wanted = {"kind": kind or "", "severity": severity or "", "level": level or "", "region": (region or "").strip()}
    with lock_of(request).read():
        docs = _documents_by_iri(request)
        findings = _all_findings(request)
    kept = [f for f in findings if _keep(f, docs, wanted)]
    paging = pages(len(kept), int(page) if page and page.isdigit() else 1, FINDINGS_PER_PAGE)
    counts: dict[str, int] = {}
    for f in findings:
        counts[f.get("kind")] = counts.get(f.get("kind"), 0) + 1
    return templates.TemplateResponse(request, "checks.html", {
        "findings": [finding_view(f, docs) for f in kept[paging["start"]:paging["end"]]], "total": len(findings),
        "kept": len(kept), "wanted": wanted, "kinds": list(CHECK_KIND_LABELS.items()), "counts": counts,
        "severities": list(SEVERITY_LABELS.items()), "levels": list(LEVEL_LABELS.items()), "paging": paging,
        "page_links": [(n, page_url(request, page=n)) for n in range(1, paging["count"] + 1)]})
