"""The units of work of a task table: one obligation per row (issues 3 and 13).

A task table (序号 | 工作内容 | 责任单位 | 完成时限, also when it arrives one cell per line) gives one
obligation per row; which columns it has is task_tables.py's (``pg.task_columns``). Here: the row's task
text and span, its number checked against the row count, the agencies of its unit columns by column kind,
a merged unit cell carrying the row above's units, and the deadline column's dates beside those of the text.

Gold README (tests/gold/obligations/README.md): schema "one obligation per unit of work" (one per row of a
task table, ``source`` "table") and the schema's ``role`` rules for columns (a 牵头单位 column leads, a
责任单位 column that names no lead gives every unit the lead, 配合单位 cooperates; a collective stays
``collective``), role convention 5 (a 责任单位 column beside a 牵头单位 column cooperates) and the
``deadlines`` schema (a deadline column's date is the row's).
"""

from __future__ import annotations

from dataclasses import replace

from policykg.ingest import layout
from policykg.ingest.extract import paragraphs as pg
from policykg.ingest.extract.agencies import AgencyHit, parse_unit_list
from policykg.ingest.extract.deadlines import column_deadlines
from policykg.ingest.extract.record import doc_reference, make_obligation
from policykg.ingest.extract.roles import roles_from_list
from policykg.ingest.model import AgencyMention, Document, Obligation, Span, Table


def table_obligations(doc: Document, tables: tuple[Table, ...]) -> list[Obligation]:
    """One obligation per row of a task table; a bad row is kept as text and flagged."""
    out: list[Obligation] = []
    for t in tables:
        cols = pg.task_columns(t.header)
        if cols is None:
            continue
        num_i, task_i = cols.number, cols.task
        prev_units: dict[int, list[AgencyHit]] = {}
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
            mentions, rule = _row_units(doc, row, cols, span, prev_units)
            due = _cell(doc, row, cols.deadline, span)
            extra = column_deadlines(due[0], doc_reference(doc), due[1]) if due is not None else ()
            ob = make_obligation(doc, task, t_start, section, rule, mentions, "table", flag,
                             extra_deadlines=tuple(d for d in extra if d.span.start < t_start or d.span.start >=
                                                   t_start + len(task)))
            out.append(ob)
    return out


def _row_units(doc: Document, row: tuple[str, ...], cols: pg.TaskColumns, span: Span,
               prev_units: dict[int, list[AgencyHit]]) -> tuple[list[AgencyMention], str]:
    """The agencies of a task-table row by column kind: a 牵头单位 column leads; a 责任单位 column beside it
    cooperates (the units that share the work under the named lead), alone it reads its own marks (X牵头)
    or is a list of equals; a 配合单位 column cooperates. The first unit column's merged (empty) cell
    carries the units of the row above; the rule says which happened."""
    mentions: list[AgencyMention] = []
    rule = "table_row"
    has_lead = cols.lead is not None
    for n, (col, kind) in enumerate(cols.unit_columns()):
        cell = _cell(doc, row, col, span)
        written, at = cell if cell is not None else ("", 0)
        if cell is not None:
            units = parse_unit_list(written, doc.region, at)
            if n == 0:
                prev_units[col] = units
        elif n == 0:  # a merged cell: the units of the row above carry on
            units, rule = prev_units.get(col, []), "table_row:inherited_units"
        else:
            continue
        if kind == "lead":
            mentions += [_as_role(m, "lead") for m in roles_from_list(units, "table_row:lead")]
        elif kind == "cooperate" or has_lead:
            label = "table_row:cooperate" if kind == "cooperate" else "table_row:units_beside_lead"
            mentions += [_as_role(m, "cooperate") for m in roles_from_list(units, label)]
        else:
            mentions += roles_from_list(units, rule, text=written, offset=at)
    taken = {(m.link_name, m.role) for m in mentions if m.role == "lead"}
    return [m for m in mentions if m.role == "lead" or (m.link_name, "lead") not in taken], rule


def _as_role(m: AgencyMention, role: str) -> AgencyMention:
    """The mention in ``role``; a collective (各街镇) stays a collective whatever its column."""
    return m if m.role == "collective" or m.role == role else replace(m, role=role)  # type: ignore[arg-type]


def _cell(doc: Document, row: tuple[str, ...], col: int | None, span: Span) -> tuple[str, int] | None:
    """A non-empty cell of ``row`` and where it starts in the text."""
    if col is None or len(row) <= col or not row[col].strip():
        return None
    cell = row[col].strip()
    at = doc.text.find(cell, span.start, span.end + 1)
    return cell, at if at >= 0 else span.start


def _tables_of(doc: Document) -> tuple[Table, ...]:
    """The layout's tables of a Document that was built without layout (the pipeline's are final)."""
    if doc.body_span is not None:
        return ()
    return tuple(layout.find_tables(layout.lines_of(doc.text), list(doc.attachments)))
