"""Document metadata: 文号, issuer(s), date, title, kind, region and level, each with the rule that found it.

Only what the document itself states (its text, or its file's own structure: front matter, JSON
fields) is used. A 文号 cited inside a sentence is never the document's own; none found means None.
This module assembles the fields (``extract_metadata``) and re-exports the rules' public names, each
concept in a module of its own:

- ``metadata_export``: the lines a legal database's export or a web page adds, read as fields;
- ``metadata_numbers``: the document's own 文号 or order number;
- ``metadata_titles``: title, kind, and what a carrying notice carries;
- ``metadata_issuers``: the issuing organ(s) and the signature's date;
- ``metadata_dates``: 年月日 and field dates;
- ``metadata_region``: a national organ's voice, the province and government a 文号's code names.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date

from policykg.ingest.extract.metadata_dates import DATE, _iso, _latest_date, cn_int, parse_date
from policykg.ingest.extract.metadata_export import _head, export_fields, is_export_line, page_fields
from policykg.ingest.extract.metadata_issuers import (
    AGENCY_END,
    _header_issuer,
    _law_issuer,
    _print_line_office,
    _signature,
    _title_issuers,
    split_issuers,
)
from policykg.ingest.extract.metadata_numbers import (
    DOC_NUMBER,
    ORDER_NUMBER,
    find_doc_number,
    normalise_doc_number,
    order_header,
)
from policykg.ingest.extract.metadata_region import (
    _is_national,
    code_government,
    code_province,
    national_organ_voice,
)
from policykg.ingest.extract.metadata_titles import (
    KINDS,
    download_title,
    find_carried_title,
    find_kind,
    find_title,
    is_section_heading,
)
from policykg.ingest.extract.regions import NATIONAL, Gazetteer
from policykg.ingest.extract.voice import document_voice, own_region
from policykg.ingest.layout import Line, Wrapper
from policykg.ingest.model import Level, Region, Span

# the public API: the rules' names live in the metadata_* modules
__all__ = ["AGENCY_END", "DATE", "DOC_NUMBER", "KINDS", "ORDER_NUMBER", "Metadata", "cn_int", "code_government",
           "code_province", "download_title", "export_fields", "extract_metadata", "find_carried_title",
           "find_doc_number", "find_kind", "find_title", "is_export_line", "is_section_heading",
           "national_organ_voice", "normalise_doc_number", "order_header", "page_fields", "parse_date",
           "split_issuers"]


@dataclass(frozen=True)
class Metadata:
    """What a document states about itself."""

    title: str | None = None
    doc_number: str | None = None
    issuers: tuple[str, ...] = ()
    date: date | None = None
    kind: str | None = None
    region: Region | None = None
    level: Level | None = None
    carried_title: str | None = None  # what a carrying notice carries, where the layout found no notice title line
    provenance: dict[str, str] = field(default_factory=dict)


def _promulgation_line(lines: list[Line]) -> str:
    # laws without a marked info block open with "（1995年…会议通过　根据…修正）"
    for ln in [x for x in lines if x.text.strip()][:8]:
        if ln.text.startswith(("（", "(")) and re.search(r"会议通过|令第|号令|公布", ln.text):
            return ln.text
    return ""


def extract_metadata(text: str, lines: list[Line], wrapper: Wrapper, fields: dict[str, str],
                     marks: dict[str, Span], gazetteer: Gazetteer | None = None) -> Metadata:
    """All metadata the document states, with the rule behind each field in ``provenance``."""
    prov: dict[str, str] = {}
    fields = {**export_fields(lines), **fields}
    info_span = marks.get("info")
    info = text[info_span.start:info_span.end] if info_span else _promulgation_line(lines)

    doc_number, rule = find_doc_number(lines, wrapper, fields, info)
    if doc_number:
        prov["doc_number"] = rule
    title, rule, raw_title = find_title(lines, wrapper, fields)
    if title:
        prov["title"] = rule
    kind = find_kind(title)
    if kind:
        prov["kind"] = "title_suffix"

    head = _head(lines, wrapper)
    sig_from = head[0].start if head else 0
    sig_issuers, sig_date = _signature(lines, sig_from, wrapper.notice_span.end if wrapper.notice_span else None)
    issuers: tuple[str, ...] = ()
    joint = _title_issuers(raw_title)
    order = ORDER_NUMBER.search(doc_number or "")
    for cand, rule in ((joint if len(joint) > 1 else (), "title_prefix_joint"),
                       (split_issuers(fields.get("发布单位", "")), "field:发布单位"),
                       (split_issuers(fields.get("issuer", "")), "field:issuer"),
                       (split_issuers(fields.get("制定机关", "")), "field:制定机关"),
                       (sig_issuers, "signature"), (_title_issuers(title), "title_prefix"),
                       (split_issuers(fields.get("page_issuer", "")), "field:page_issuer"),
                       (split_issuers(_header_issuer(head) or ""), "red_header"),
                       (split_issuers(_law_issuer(info) or ""), "promulgation_block"),
                       ((order.group("organ").removeprefix("中华人民共和国"),) if order else (), "order_organ")):
        if cand:
            issuers, prov["issuer"] = cand, rule
            break

    doc_date: date | None = None
    for cand_date, rule in ((sig_date, "signature_date"), (_iso(fields.get("成文日期", "")), "field:成文日期"),
                            (_iso(fields.get("发布日期", "")), "field:发布日期"),
                            (_iso(fields.get("date", "")), "field:date"),
                            (_iso(fields.get("公布日期", "")), "field:公布日期"),
                            (_latest_date(info), "promulgation_block_latest")):
        if cand_date:
            doc_date, prov["date"] = cand_date, rule
            break

    gaz = gazetteer or Gazetteer.load()
    region: Region | None = None
    level: Level | None = None
    if _is_national(issuers, title, info):
        region, level = NATIONAL, "national"
        prov["region"] = prov["level"] = "national_issuer" if issuers else "national_title"
    else:
        strong = ([(i, "issuer") for i in issuers] + [(title or "", "title")]
                  + [(_print_line_office(lines) or "", "print_line")])
        region = gaz.locate(strong, context=text[:3000])
        if region is None:
            # no issuer or title names a place: who speaks (addressee line, 全省/我市) and the place of that
            # kind it names as its own; a place merely mentioned (a pilot city) is never the region
            voice = document_voice(text, [ln.text for ln in head])
            region = own_region(text, voice, gaz) if voice else None
            if voice is None and national_organ_voice(text):
                region = replace(NATIONAL, rule="national_organ_voice")
            if region is None and voice and doc_number:
                region = code_province(doc_number, voice.unit, gaz)
                if region and not issuers:
                    issuers = code_government(doc_number, region)
                    if issuers:
                        prov["issuer"] = "doc_number_code"
            level = region.level if region else (voice.level if voice else None)
            if level and not region:
                prov["level"] = voice.rule if voice else ""
        if region:
            level = region.level
            prov["region"] = prov["level"] = region.rule
    carried, rule = (None, "") if wrapper.carried_title else find_carried_title(title, lines)
    if carried:
        prov["carried_title"] = rule
    return Metadata(title=title, doc_number=doc_number, issuers=issuers, date=doc_date, kind=kind,
                    region=region, level=level, carried_title=carried, provenance=prov)
