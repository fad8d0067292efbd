"""Deadline points: the year of a date written without one, and a single time point of a range.

Decides which year a month or day without a year belongs to: a year written earlier in the same text carries
on (into the next when months go back), else the stage's period, else the document's date (``_When``, through
``deadline_calendar.infer_year``); and reads one end of a range (7月底, 2021年3月31日, 11月20日至1月31日 ending
the next year) into a date and its precision (``_parse_point``, ``_day_after``).
Gold README deadline conventions: 6 (a month without a year takes the year that makes sense from the
document's date) and 7 (a year given by the title, through the reference date).
"""

from __future__ import annotations

import re
from datetime import date

from policykg.ingest.extract.deadline_calendar import infer_year
from policykg.ingest.extract.deadline_calendar import num as _num
from policykg.ingest.extract.deadline_calendar import part_interval as _part_interval
from policykg.ingest.extract.deadline_grammar import _N, _PART, _Y

# a day written alone as the end of a range that starts on a day of a month (3月17日至21日)
_DAY_ONLY = re.compile(r"\s*(\d{1,2}|[一二三四五六七八九十]{1,3})\s*[日号](?:止|为止)?")


def _day_after(start: date, day: int) -> date | None:
    """Day ``day`` of ``start``'s month, or of the next month when it falls before ``start`` (28日至3日)."""
    y, mo = (start.year, start.month) if day >= start.day else (start.year + start.month // 12, start.month % 12 + 1)
    try:
        return date(y, mo, day)
    except ValueError:
        return None


def _parse_point(s: str, doc_date: date | None, after: date | None = None) -> tuple[date | None, str]:
    """Parse a time point such as 7月底 or 2021年3月31日 (the end of 即日起至…); without a year it is the
    first such day not before ``after`` (11月20日至1月31日 ends in the next year)."""
    if re.search(r"结束|召开|期间|举办|春节|两会|元旦|完成", s) and not re.search(r"\d\s*月", s):
        return None, "event"
    m = re.search(_Y + r"?\s*" + _N + r"\s*月\s*(?:(\d{1,2}|[一二三四五六七八九十]{1,3})\s*[日号]|" + _PART + r")?", s)
    if m:
        mo = _num(m.group(2))
        if not 1 <= mo <= 12:
            return None, "unknown"
        if m.group(1):
            y: int | None = _num(m.group(1))
        elif after is not None:
            y = after.year if mo >= after.month else after.year + 1
        else:
            y = infer_year(mo, doc_date)
        if y is None:
            return None, "unknown"
        if m.group(3):
            try:
                point = date(y, mo, _num(m.group(3)))
            except ValueError:
                return None, "unknown"
            if after is not None and not m.group(1) and point < after:
                point = point.replace(year=y + 1)
            return point, "day"
        return _part_interval(y, mo, m.group(4))[1], "month"
    m = re.search(_Y + r"\s*(?:年底|年末|底|末)?", s)
    if m and not re.search(r"[结召开]", s):
        return date(_num(m.group(1)), 12, 31), "year"
    return None, "event"


_YEAR_MONTH = re.compile(_Y + r"\s*" + _N + r"\s*月")


class _When:
    """What a date without a year is read against: the document's date, the stage, a year written before."""

    def __init__(self, masked: str, doc_date: date | None, period: tuple[date | None, date] | None):
        self.doc_date, self.period = doc_date, period
        self.written = [(m.start(), _num(m.group(1)), _num(m.group(2))) for m in _YEAR_MONTH.finditer(masked)] \
            if "年" in masked else []

    def year(self, month: int, pos: int) -> int | None:
        """The year of ``month`` written at ``pos`` without one."""
        before = [(y, mo) for p, y, mo in self.written if p < pos]
        if before:  # 2020年12月底前…，1月底前: the written year carries on, into the next when months go back
            y, mo = before[-1]
            return y if month >= mo else y + 1
        return infer_year(month, self.doc_date, self.period)
