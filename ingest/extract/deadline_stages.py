"""Deadline stages: the limits a heading or a time column gives the items under it.

Decides the date range a stage heading writes (in brackets, after a label of when) as an ``interval``
(``period_of``), the limit a heading or a goal lead passes down to its items (``carried_limit``), and the
deadlines of a table's time column, bare years, months and year ranges included (``column_deadlines``).
Gold README deadline conventions: 5 and 7 (a span that opens a goal lead, 到2025年 / 通过三年, is the deadline
of each goal it lists; a programme's span is an interval), and 6 (a month without a year in a stage takes the
year of the part before it or the document's).
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date

from policykg.ingest.extract.deadline_calendar import YEARS, infer_year
from policykg.ingest.extract.deadline_calendar import issued as _issued
from policykg.ingest.extract.deadline_calendar import month_end as _month_end
from policykg.ingest.extract.deadline_calendar import num as _num
from policykg.ingest.extract.deadline_grammar import _N, _Y
from policykg.ingest.extract.deadline_points import _parse_point
from policykg.ingest.extract.deadline_scan import extract_deadlines
from policykg.ingest.model import Deadline, Span

_RANGE_SPLIT = re.compile(r"\s*(?:至|到|[-—–―~～－]+)\s*")
# a range whose first month is written without 月 (2024年5—6月, 4―6月): the month of the second part
_BARE_FIRST_MONTH = re.compile(r"^((?:\d{4}\s*年)?\s*\d{1,2})(?=\s*(?:至|到|[-—–―~～－]+)\s*\d{1,2}\s*月)")
_POINT = re.compile(_Y + r"?\s*(?:" + _N + r"\s*月(?:份)?\s*(?:(\d{1,2}|[一二三四五六七八九十]{1,3})\s*[日号])?)?")


def period_of(text: str, doc_date: date | None, offset: int = 0) -> Deadline | None:
    """The date range a stage heading writes in brackets, as an interval: （2020年7月至12月）,
    （2021年）, （3月1日-3月31日）, （2020年11月20日前）, （即日起至5月31日）; None when the brackets hold
    no date. A part without a year takes the year of the part before it (or the document's)."""
    inner = text.strip().strip("（）()").strip()
    inner = re.sub(r"(?:前|之前|以前|止|为止|底前|末前)$", "", inner)
    inner = _BARE_FIRST_MONTH.sub(r"\1月", inner)
    parts = _RANGE_SPLIT.split(inner) if not inner.startswith("即日起") else [inner]
    if not parts or len(parts) > 2 or not all(parts):
        found = [d for d in extract_deadlines(text, doc_date, offset, labelled=True) if d.date]
        return replace(found[-1], precision="interval") if found else None
    points: list[tuple[date, date]] = []
    year: int | None = None
    for part in parts:
        if part.startswith("即日起"):
            rest = part[3:].lstrip("至到")
            end = _parse_point(rest, doc_date)[0] if rest else None
            if _issued(doc_date) is None or end is None:
                return None
            points = [(_issued(doc_date), _issued(doc_date)), (end, end)]  # type: ignore[list-item]
            break
        m = _POINT.fullmatch(part.rstrip("底末"))
        if not m or not (m.group(1) or m.group(2)):  # 3月中旬, 第二季度, 上半年: what the point rules read
            found = [d for d in extract_deadlines(part, doc_date, labelled=True, period=(points[-1][0], date(
                points[-1][0].year + 1, 12, 31)) if points else None) if d.date]
            if not found:  # 4-9月: a range the rules read whole (its first part is a bare number)
                whole = [d for d in extract_deadlines(text, doc_date, offset, labelled=True) if d.date]
                return replace(whole[-1], precision="interval") if len(whole) == 1 else None
            year = found[-1].date.year  # type: ignore[union-attr]
            points.append((found[-1].start or found[-1].date, found[-1].date))  # type: ignore[arg-type]
            continue
        if m.group(1):
            year = _num(m.group(1))
        if not m.group(2):  # a year alone: the whole year
            if year is None:
                return None
            points.append((date(year, 1, 1), date(year, 12, 31)))
            continue
        mo = _num(m.group(2))
        if not 1 <= mo <= 12:
            return None
        if year is None:
            year = infer_year(mo, doc_date)
        elif points and not m.group(1) and (mo, 31) < (points[-1][0].month, points[-1][0].day):
            year += 1  # 11月20日至1月31日
        if year is None:
            return None
        if m.group(3):
            try:
                day = date(year, mo, _num(m.group(3)))
            except ValueError:
                return None
            points.append((day, day))
        else:
            points.append((date(year, mo, 1), _month_end(year, mo)))
    if not points:
        return None
    start = points[0][0] if len(points) > 1 or not re.search(r"前|止|底|末", text) else None
    span = Span(offset, offset + len(text))
    return Deadline(text.strip("（）()"), Span(span.start + 1, span.end - 1) if text[:1] in "（(" else span,
                    "interval", points[-1][1], start, rule="stage_period")


# a heading's or a lead's dates that its items inherit: in brackets (部署阶段（3月1日至3月31日）, （4月-6月）), after a
# label of when (集中整治阶段：2021年4月至9月, 第二阶段 4月1日-5月31日, 时间安排：即日起至6月底), or a span that opens a
# goal lead (到2025年，实现以下目标：, 力争通过三年努力，…)
# (a bracket of dates alone: not a law's header （…令 2001年10月19日…通过，自…起施行）, nor a statistic's date （截止2024年底）)
_HEAD_BRACKET = re.compile(r"[（(](?![^（）()]*(?:截止|截至|统计|通过|发布|修订|修正|公布))"
                           r"[^（）()，,。；;]{0,8}(?:\d|[一二三四五六七八九十]\s*月|即日)[^（）()，,。；;]{0,24}[）)]")
_HEAD_LABEL = re.compile(r"(?:阶段|时间|时限|期限|时段|日期)(?:安排|要求)?\s*(?:为|是)?\s*[：:，,\s]\s*"
                         r"(?P<dates>(?:即日起|\d|[一二三四五六七八九十]{1,3}\s*月)[^，。；：:（）()]{0,28}?)\s*[。；;]?$")
_HEAD_SPAN = re.compile(r"^\s*(?:力争|争取|计划|预计)?\s*(?:(?:到|至)\s*\d{4}\s*年(?:底|末)?(?:前|以前|之前)?"
                        r"|(?:利用|通过|用)\s*(?:\d{1,2}|[一二两三四五六七八九十]{1,3})\s*(?:年|个月)[^，,。；：:]{0,8}?)(?=[，,：:])")


def carried_limit(head: str, doc_date: date | None, offset: int = 0) -> Deadline | None:
    """The time limit a heading or a lead paragraph passes down to the items under it (README conventions: a stage
    heading's range is the limit of each of its items; a span that opens a goal lead, of each goal it lists), or
    None when it gives none. ``offset`` is where ``head`` starts in the document: the span points into it.

    - a stage's range in brackets, the last bracket that holds dates: 部署阶段（3月1日至3月31日）, （一）排查（4月-6月）
      -> ``interval`` with ``start`` and ``date`` (``period_of``);
    - dates after a label of when: 集中整治阶段：2021年4月至9月, 第二阶段 4月1日-5月31日, 时间安排：即日起至6月底;
    - the span a goal lead opens with: 到2025年，实现以下目标：-> 2025-12-31 (``year``), 力争通过三年努力，… ->
      ``relative`` (convention 5), dated as ``extract_deadlines`` dates it.
    Call it on each heading above an item, nearest first, and pass the first limit found as the item's stage."""
    for m in reversed(list(_HEAD_BRACKET.finditer(head))):
        found = period_of(m.group(0), doc_date, offset + m.start())
        if found is not None:
            return replace(found, rule="carried:" + found.rule)
    m = _HEAD_LABEL.search(head)
    if m is not None:
        found = period_of(m.group("dates"), doc_date, offset + m.start("dates"))
        if found is not None:
            return replace(found, rule="carried:" + found.rule)
    m = _HEAD_SPAN.match(head)
    if m is not None:
        dated = [d for d in extract_deadlines(m.group(0), doc_date, offset) if d.precision in ("year", "relative")]
        if dated:
            return replace(dated[0], rule="carried:" + dated[0].rule)
    return None


_BARE_TIME = re.compile(r"(?:(?P<y>\d{4})\s*年)?\s*(?:(?P<m>\d{1,2}|[一二三四五六七八九十]{1,3})\s*月份?)?(?<=[年月份])")
_YEAR_RANGE = re.compile(r"(\d{4})\s*年?\s*[-—–~～至到]\s*(\d{4})\s*年?")


def column_deadlines(cell: str, doc_date: date | None, offset: int = 0) -> tuple[Deadline, ...]:
    """The deadlines of a table's time column: what ``extract_deadlines`` reads, or a span of years
    (2023-2025年, 2023—2025) as an interval to the end of its last year."""
    found = extract_deadlines(cell, doc_date, offset, labelled=True)
    if found:
        return found
    bare = _BARE_TIME.fullmatch(cell.strip())
    if bare:  # a time column's 2023年 or 12月 is due at the end of that year or month
        at = offset + cell.find(bare.group(0))
        span = Span(at, at + len(bare.group(0)))
        if bare.group("y") and not bare.group("m"):
            y = _num(bare.group("y"))
            if YEARS[0] <= y <= YEARS[1]:
                return (Deadline(bare.group(0), span, "year", date(y, 12, 31), rule="column_year"),)
            return ()
        mo = _num(bare.group("m") or "0")
        y = _num(bare.group("y")) if bare.group("y") else infer_year(mo, doc_date)
        if 1 <= mo <= 12 and y is not None:
            return (Deadline(bare.group(0), span, "month", _month_end(y, mo), rule="column_month"),)
        return ()
    m = _YEAR_RANGE.search(cell)
    if m is None or not (YEARS[0] <= int(m.group(1)) <= int(m.group(2)) <= YEARS[1]):
        return ()
    return (Deadline(m.group(0), Span(offset + m.start(), offset + m.end()), "interval", date(int(m.group(2)), 12, 31),
                     date(int(m.group(1)), 1, 1), rule="column_year_range"),)
