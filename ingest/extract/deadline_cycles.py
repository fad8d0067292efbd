"""Recurring deadlines: the first due date a cycle creates after the document's date (convention 1):
每年3月底前 moved to its first year, 每月26日前, 每季度最后一个周五前, 每季度末.
"""

from __future__ import annotations

import calendar
from datetime import date

from policykg.ingest.extract.deadline_calendar import num
from policykg.ingest.model import Deadline


def yearly(d: Deadline, doc_date: date | None) -> Deadline:
    """每年3月底前: a limit that comes back every year; ``date`` its first time after the document's date (a
    point on the document's own day is too late to be met); none when the document has no date. What falls due
    is the end of a stretch, not its start: 每年三季度末 in a notice of 2018-08 is due 2018-09-30 although the
    quarter began before it (convention 1)."""
    first = None
    if d.date is not None and doc_date is not None:
        first = in_year(d.date, doc_date.year)
        if first <= doc_date:
            first = in_year(d.date, doc_date.year + 1)  # 每年12月下旬 in a plan of 12-31: next year's
    return Deadline(d.text, d.span, "recurring", first, recurrence="P1Y", rule=d.rule + ":yearly")


def in_year(d: date, y: int) -> date:
    """The same month and day in year ``y``; a month's last day stays its last day (2月底 in a leap year)."""
    last = calendar.monthrange(y, d.month)[1]
    return date(y, d.month, last if d.day >= calendar.monthrange(d.year, d.month)[1] else min(d.day, last))


# the months a cycle's due points fall in: every month, the last of each quarter / half-year, December
_CYCLE_MONTHS = {"月": range(1, 13), "季度": (3, 6, 9, 12), "半年": (6, 12), "年": (12,)}
_WEEKDAYS = "一二三四五六"


def _due_in_month(rule: str, g: dict, y: int, mo: int) -> date | None:
    """The due point of cycle ``g`` in month ``mo`` of year ``y`` (a cycle's last or first month)."""
    last = calendar.monthrange(y, mo)[1]
    if rule == "recurring_day":
        return date(y, mo, min(int(g["rd"]), last))
    if rule == "recurring_part":
        return date(y, mo, last)
    w = g["w"]
    if w == "最后一个工作日":
        day = last
        while date(y, mo, day).weekday() >= 5:
            day -= 1
        return date(y, mo, day)
    wd = 6 if w[-1] in "日天" else _WEEKDAYS.index(w[-1])
    if w.startswith("最后"):
        day = last - (date(y, mo, last).weekday() - wd) % 7
    else:  # 第二个周三: counted from the first day of the cycle's first month
        day = 1 + (wd - date(y, mo, 1).weekday()) % 7 + 7 * (num(w[1]) - 1)
    return date(y, mo, day) if day <= last else None


def first_due(rule: str, g: dict, after: date | None) -> date | None:
    """The first due point of a cycle (每月26日前, 每季度最后一个周五前, 每季度末, 每年3月10日前) strictly after
    the document's date ``after`` (a point on its own day is too late to be met); None when the document has
    no date or the cycle names no day (每年初, 每季度10日前: which month of the quarter is not said)."""
    if after is None or rule == "recurring_part" and g["rp"] == "初":
        return None
    unit = g["unit"]
    if rule == "recurring_day" and (unit == "周" or unit != "月" and not g.get("rm") or g.get("rm") and unit != "年"):
        return None
    if rule == "recurring_day" and g.get("rm"):
        months: tuple[int, ...] | range = (int(g["rm"]),)
    elif rule == "recurring_weekday" and not g["w"].startswith("最后"):
        months = tuple(m - {"月": 0, "季度": 2, "年": 11}[unit] for m in _CYCLE_MONTHS[unit])  # the first months
    else:
        months = _CYCLE_MONTHS[unit]
    if not all(1 <= m <= 12 for m in months):
        return None
    for y in (after.year, after.year + 1):
        for mo in months:
            due = _due_in_month(rule, g, y, mo)
            if due is not None and due > after:
                return due
    return None
