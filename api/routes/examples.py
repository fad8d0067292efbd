"""OpenAPI examples, shaped like real answers for the 青峰镇 seed (001_68136cc265473cb2.txt)."""

from __future__ import annotations

from typing import Any

from policykg.ontology.namespace import DATA, PKG

# the seed's real IRI (minted from its 文号, see graph/ids.py), so an example can be pasted back into a request
DOC_IRI = str(DATA["doc/808f8cdae7612dc7"])
STUB_IRI = str(DATA["doc/…"])
AGENCY_IRI = str(DATA["agency/…"])


def error(name: str, detail: str) -> dict[str, str]:
    """An error body as every 4xx/5xx answers it."""
    return {"error": name, "detail": detail}


DOCUMENT_SUMMARY: dict[str, Any] = {
    "iri": DOC_IRI, "id": "808f8cdae7612dc7", "source": "001_68136cc265473cb2.txt",
    "title": "关于印发2022年青峰镇消防工作要点的通知", "doc_number": "青峰府发〔2022〕47号",
    "issuer": {"name": "重庆市永川区青峰镇人民政府", "iri": AGENCY_IRI},
    "date": "2022-03-01", "level": "township",
    "region": {"name": "青峰镇", "code": "500118110000", "parents": ["永川区", "重庆市"]},
}

DOCUMENTS: dict[str, Any] = {
    "total": 1, "offset": 0,
    "facets": {"level": {"township": 1}, "region": {"青峰镇": 1, "永川区": 1, "重庆市": 1},
               "issuer": {"重庆市永川区青峰镇人民政府": 1}, "year": {"2022": 1}},
    "documents": [DOCUMENT_SUMMARY],
}

OBLIGATION: dict[str, Any] = {
    "iri": DOC_IRI + "/obligation/3", "text": "镇安办牵头，各村（居）配合，开展电动自行车集中充电设施建设。",
    "section": "二/（一）", "kind": "task", "span": [812, 846],
    "agencies": [{"name": "重庆市永川区青峰镇安全生产委员会办公室", "iri": AGENCY_IRI,
                  "role": "lead", "mention": "镇安办", "span": [812, 815]}],
    "deadlines": [{"text": "2022年6月底前", "date": "2022-06-30", "precision": "month"}],
    "targets": [{"text": "覆盖率达到100%", "value": 100.0, "unit": "%", "comparator": ">="}],
    "site_types": ["电动自行车集中充电设施"],
    "site_type_concepts": [{"key": "ebike", "label": "电动自行车场所",
                            "iri": str(PKG.site_ebike)}],
}

DOCUMENT: dict[str, Any] = {
    **DOCUMENT_SUMMARY,
    "obligations": [OBLIGATION],
    "citations": [{"title": "永川区2022年消防工作要点", "doc_number": "永防发〔2022〕4号",
                   "issuer": "永川区消防安全委员会办公室", "relation": "basis",
                   "cue": "根据《永川区2022年消防工作要点》（永防发〔2022〕4号）要求", "target": "…",
                   "resolved": False}],
}

DOCUMENT_JSONLD: dict[str, Any] = {
    "@context": "http://127.0.0.1:8000/context.jsonld",
    "@id": DOC_IRI, "@type": "LegalResource", "title": "关于印发2022年青峰镇消防工作要点的通知",
    "id_local": "青峰府发〔2022〕47号", "date_document": "2022-03-01",
}

DOCUMENT_TURTLE = (
    "@prefix eli: <http://data.europa.eu/eli/ontology#> .\n"
    f"<{DOC_IRI}> a eli:LegalResource ;\n    eli:id_local \"青峰府发〔2022〕47号\" .\n"
)

TRACE: dict[str, Any] = {
    "nodes": [
        {"iri": DOC_IRI, "title": "2022年青峰镇消防工作要点", "doc_number": "青峰府发〔2022〕47号",
         "level": "township", "region": "青峰镇", "in_corpus": True},
        {"iri": STUB_IRI, "title": "永川区2022年消防工作要点",
         "doc_number": "永防发〔2022〕4号", "level": "county", "region": "永川区", "in_corpus": False},
    ],
    "edges": [{"source": DOC_IRI, "target": STUB_IRI,
               "relation": "basis", "cue": "根据《永川区2022年消防工作要点》（永防发〔2022〕4号）要求",
               "penalty": False}],
}

AGENCIES: dict[str, Any] = {
    "query": "市住建局",
    "agencies": [{"iri": AGENCY_IRI, "id": "…", "name": "常德市住房和城乡建设局",
                  "aliases": ["市住建局", "住房和城乡建设局"], "obligations": 12}],
}

TASKS: dict[str, Any] = {
    "agency": "常德市住房和城乡建设局",
    "tasks": [{"document": {"iri": str(DATA["doc/…"]),
                            "source": "002_703e075b325a6c8c.txt", "title": "常德市消防安全专项整治三年行动实施方案"},
               "mention": "市住建局", "text": "市住建局牵头，开展老旧小区消防设施改造。", "role": "lead",
               "deadlines": [{"text": "2020年底前", "date": "2020-12-31", "precision": "year"}],
               "targets": []}],
}

SEARCH: dict[str, Any] = {
    "results": [{"iri": DOC_IRI + "/obligation/3", "text": OBLIGATION["text"],
                 "snippet": "开展<mark>电动自行车</mark>集中<mark>充电</mark>设施建设", "score": 0.0327,
                 "document": {"iri": DOC_IRI, "source": "001_68136cc265473cb2.txt",
                              "title": "关于印发2022年青峰镇消防工作要点的通知", "region": "青峰镇",
                              "level": "township"}}],
}

CHECKS: dict[str, Any] = {
    "findings": [{"kind": "chain_deadline", "severity": "error",
                  "documents": [DOC_IRI, STUB_IRI],
                  "obligations": [DOC_IRI + "/obligation/3", "…"], "dates": ["2022-06-30", "2022-05-31"],
                  "explanation": "downstream deadline later than its source; shared: 电动自行车, 充电"}],
}

SPARQL_JSON: dict[str, Any] = {
    "head": {"vars": ["doc", "title"]},
    "results": {"bindings": [{"doc": {"type": "uri", "value": DOC_IRI},
                              "title": {"type": "literal", "value": "关于印发2022年青峰镇消防工作要点的通知"}}]},
}

HTML = "<!doctype html><html lang=\"zh-CN\">…</html>"
