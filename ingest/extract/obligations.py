"""Obligations: actionable items with agencies, deadlines, targets and site types (issue 3).

An actionable item is a numbered item of a task section, a sentence with a duty cue (要、必须、应当、负责、
牵头、督促、确保) or a row of a task table (序号 | 工作内容 | 责任单位). Goal, principle and guiding-idea
sections are skipped, so slogans never become obligations. Agencies come from the responsibility clause
(（市住建局牵头，…按职责分工负责）), the 责任单位 cell of a table row, or the subject of a duty sentence.
"""

from __future__ import annotations

import re

from policykg.ingest import layout
from policykg.ingest.extract import paragraphs as pg
from policykg.ingest.extract.agencies import AgencyHit, parse_unit_list
from policykg.ingest.extract.cues import ACTION, DUTY_CUE
from policykg.ingest.extract.deadlines import extract_deadlines
from policykg.ingest.extract.roles import (
    dedupe,
    heading_agencies,
    responsibility_clause,
    roles_from_list,
    subject_agencies,
)
from policykg.ingest.extract.sitetypes import find_site_types
from policykg.ingest.extract.targets import extract_targets
from policykg.ingest.model import AgencyMention, Document, Obligation, Span, Table

_NOT_A_TASK = re.compile(r"^为[^。]*(?:通知如下|如下|制定本|特制定|现制定)|负责(?:管理和)?解释|自\S{0,20}起(?:施行|实施)|现(?:予)?(?:印发|转发)给你们|请\S{0,12}执行")
GOAL_HEADING = re.compile(r"目标|指导思想|基本原则|工作原则|总体要求|适用范围|编制依据|工作时间|总体思路|基本情况|"
                          r"背景|名词解释|术语|定义")
_SENT = re.compile(r"[^。；;！!？?\n]+[。；;！!？?]?")


def _obligation(doc: Document, text: str, start: int, section: str, rule: str,
                agencies: list[AgencyMention] | None = None, source: str = "text",
                flag: str | None = None) -> Obligation:
    if agencies is None:
        resp = responsibility_clause(text, doc, start)
        agencies = resp[0] if resp else heading_agencies(text, doc, start) + subject_agencies(text, doc, start)
    deadlines = extract_deadlines(text, doc.date, start)
    targets = extract_targets(text, start)
    sites = find_site_types(text)
    return Obligation(text, Span(start, start + len(text)), section, tuple(dedupe(agencies)), deadlines, targets,
                      sites, source, flag, rule)  # type: ignore[arg-type]


def table_obligations(doc: Document, tables: tuple[Table, ...]) -> list[Obligation]:
    """One obligation per row of a task table; a bad row is kept as text and flagged."""
    out: list[Obligation] = []
    for t in tables:
        cols = pg.task_columns(t.header)
        if cols is None:
            continue
        num_i, task_i, unit_i = cols
        prev_units: list[AgencyHit] = []
        section = pg.section_at(doc, t.span.start) or (t.attachment or "")
        expected = 1
        for k, row in enumerate(t.rows):
            span = t.row_spans[k] if k < len(t.row_spans) else t.span
            raw = doc.text[span.start:span.end]
            if len(row) <= task_i or not row[task_i].strip():
                out.append(Obligation(raw.strip(), span, section, source="table",
                                      flag="malformed_row", rule="table_row"))
                continue
            task = row[task_i].strip()
            t_start = doc.text.find(task, span.start, span.end + 1)
            t_start = t_start if t_start >= 0 else span.start
            flag = None
            if num_i is not None and len(row) > num_i and row[num_i].strip().isdigit():
                n = int(row[num_i])
                flag = None if n == expected else f"row_number:{n}!={expected}"
                expected = expected + 1 if flag else n + 1
            cell = row[unit_i].strip() if unit_i is not None and len(row) > unit_i else ""
            if cell:
                c_start = doc.text.find(cell, span.start, span.end + 1)
                units = parse_unit_list(cell, doc.region, c_start if c_start >= 0 else span.start)
                prev_units, rule = units, "table_row"
            else:  # a merged 责任单位 cell: the units of the row above carry on
                units, rule = prev_units, "table_row:inherited_units"
            mentions = roles_from_list(units, rule)
            ob = _obligation(doc, task, t_start, section, rule, mentions, "table", flag)
            out.append(ob)
    return out


def _tables_of(doc: Document) -> tuple[Table, ...]:
    """The layout's tables of a Document that was built without them (none without a tab)."""
    if "\t" not in doc.text:
        return ()
    return tuple(layout.find_tables(layout.lines_of(doc.text), list(doc.attachments)))


def extract_obligations(doc: Document) -> tuple[Obligation, ...]:
    """Every actionable item of ``doc``, in text order."""
    tables = doc.tables or _tables_of(doc)
    table_spans = [t.span for t in tables if pg.task_columns(t.header) is not None]
    out = table_obligations(doc, tables)
    for para in pg.paragraphs(doc, skip=table_spans):
        if para.goal or para.heading_only:
            continue
        if para.numbered and (DUTY_CUE.search(para.text) or ACTION.search(para.body)) \
                and not _NOT_A_TASK.search(para.text):
            out.append(_obligation(doc, para.text, para.start, para.section, "numbered_item"))
            continue
        for m in _SENT.finditer(para.text):
            sent = m.group(0).strip()
            if len(sent) < 8 or not DUTY_CUE.search(sent) or _NOT_A_TASK.search(sent):
                continue
            s0 = para.start + m.start() + (len(m.group(0)) - len(m.group(0).lstrip()))
            out.append(_obligation(doc, sent, s0, para.section, "duty_sentence"))
    return tuple(sorted(out, key=lambda o: o.span.start))
