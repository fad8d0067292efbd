"""Calendar arithmetic for deadlines: numerals, the document's reference date, month ends and parts of
months, spans counted from a date, and the holidays the calendar fixes (元旦, 春节, 国庆 …).

Nothing here reads text beyond a numeral or a title's years: the grammar of time limits is in
``deadlines``; cycles (每月26日前) in ``deadline_cycles``.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta
from functools import lru_cache

_CN_DIGITS = {"〇": 0, "○": 0, "零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8,
              "九": 9}
YEARS = (1900, 2100)  # the years a policy deadline can name


class PlanDate(date):
    """A document's reference date that knows the span of years its title gives the plan
    (三年行动实施方案（2024-2026年）: ``plan_years`` (2024, 2026)), so that 通过三年行动 ends with it."""

    plan_years: tuple[int, int] | None = None


    in_force: date | None = None  # the day the text says it takes effect (本办法自2010年3月1日起施行)


class AssumedDate(PlanDate):
    """A reference date taken from the year in a document's title (constructed: 智慧交通2021行动方案) when the document
    states no date of its own: a month or 年内 takes its year; a limit counted from the document's issue
    (本方案印发之日起30日内) gets no date from it."""


_TITLE_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})(?!\d)")
_TITLE_YEARS = re.compile(r"(?<!\d)((?:19|20)\d{2})\s*年?\s*[-—–~～至到]\s*((?:19|20)\d{2})(?!\d)")


# 本办法自2010年3月1日起施行: the day a document says it takes effect (its own, not a cited law's)
_IN_FORCE = re.compile(r"本(?:办法|规定|条例|细则|决定|意见|通知|方案|规则|制度|标准)\s*(?:自|从|于)\s*(\d{4})\s*年\s*"
                       r"(\d{1,2})\s*月\s*(\d{1,2})\s*日\s*起?\s*(?:施行|实施|生效|执行)")


@lru_cache(maxsize=8)  # called for each obligation of one document: the text's hash is cached on the str
def in_force(text: str | None) -> date | None:
    """The day ``text`` says the document itself takes effect (本办法自2010年3月1日起施行), or None."""
    m = _IN_FORCE.search(text or "")
    if m is None:
        return None
    try:
        day = date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None
    return day if YEARS[0] <= day.year <= YEARS[1] else None


def reference_date(doc_date: date | None, title: str | None, text: str | None = None) -> date | None:
    """The date a date without a year is read against: the document's own, else January 1st of the first
    year its title names (the first year of a plan period: 行动计划（2024-2025年） -> 2024). A span of years in
    the title (（2024-2026年）) is kept on it as ``plan_years``; the day the document's ``text`` says it takes
    effect (本办法自2010年3月1日起施行) as ``in_force``, what a limit counted from its 施行之日 starts on
    (convention 5)."""
    span = _TITLE_YEARS.search(title or "")
    years = (int(span.group(1)), int(span.group(2))) if span and int(span.group(1)) < int(span.group(2)) else None
    effective = in_force(text)
    if doc_date is not None:
        if years is None and effective is None:
            return doc_date
        ref = PlanDate(doc_date.year, doc_date.month, doc_date.day)
        ref.plan_years, ref.in_force = years, effective
        return ref
    m = _TITLE_YEAR.search(title or "")
    if not (m and YEARS[0] <= int(m.group(1)) <= YEARS[1]):
        return None
    assumed = AssumedDate(int(m.group(1)), 1, 1)
    assumed.plan_years, assumed.in_force = years, effective
    return assumed


def issued(doc_date: date | None) -> date | None:
    """The document's issue date as a plain date (a limit's ``start`` must not carry the reference's plan span),
    None when ``doc_date`` is only assumed from its title."""
    if isinstance(doc_date, AssumedDate) or doc_date is None:
        return None
    return date(doc_date.year, doc_date.month, doc_date.day) if isinstance(doc_date, PlanDate) else doc_date


def num(s: str) -> int:
    """An Arabic or Chinese numeral as int (十二 -> 12, 二十五 -> 25, 二〇二一 -> 2021); 0 when unreadable."""
    if s.isdigit():
        return int(s)
    if s and all(c in _CN_DIGITS for c in s):  # digit by digit: 二〇二一
        return int("".join(str(_CN_DIGITS[c]) for c in s)) if len(s) > 1 else _CN_DIGITS[s]
    tens, _, ones = s.partition("十")
    if not _ or len(tens) > 1 or len(ones) > 1 or any(c not in _CN_DIGITS for c in tens + ones):
        return 0
    return (_CN_DIGITS[tens] if tens else 1) * 10 + (_CN_DIGITS[ones] if ones else 0)


def infer_year(month: int, doc_date: date | None, period: tuple[date | None, date] | None = None,
               year: int | None = None) -> int | None:
    """The year of a date written without one (12月底前, 1月31日前).

    A year written earlier in the same text carries on (2021年6月底前…，9月底前…); inside a stage
    (11月20日至次年3月) the month's year is the one that puts it in the stage; otherwise the month
    follows the document's date: a plan of 2020-12-10 writing 1月底前 means 2021-01-31, while a
    month at most two before the document's own (11月底前) is a limit of the same year, already past.
    """
    if year is not None:
        return year
    if period is not None:
        start, end = period
        lo = (start or end).year
        for y in range(lo, end.year + 1):
            if (start is None or (y, month) >= (start.year, start.month)) and (y, month) <= (end.year, end.month):
                return y
    if doc_date is None:
        return None
    return doc_date.year if doc_date.month - month <= 2 else doc_date.year + 1


def month_end(y: int, m: int) -> date:
    return date(y, m, calendar.monthrange(y, m)[1])


def part_interval(y: int, m: int, part: str | None) -> tuple[date | None, date, str]:
    last = calendar.monthrange(y, m)[1]
    if part in (None, "底", "末"):
        return None, date(y, m, last), "month"
    if part == "初" or part == "上旬":
        return date(y, m, 1), date(y, m, 10), "interval"
    if part == "中旬":
        return date(y, m, 11), date(y, m, 20), "interval"
    if part == "下旬":
        return date(y, m, 21), date(y, m, last), "interval"
    if part == "中下旬":
        return date(y, m, 11), date(y, m, last), "interval"
    return date(y, m, 1), date(y, m, 20), "interval"  # 上中旬


def add_span(start: date, n: int, unit: str) -> date | None:
    """``start`` plus ``n`` days, weeks, months or years (a month end stays in its month)."""
    if unit == "D":
        return start + timedelta(days=n)
    if unit == "W":
        return start + timedelta(weeks=n)
    if unit in ("M", "Y"):
        months = start.month - 1 + (n if unit == "M" else 12 * n)
        y, mo = start.year + months // 12, months % 12 + 1
        return date(y, mo, min(start.day, calendar.monthrange(y, mo)[1]))
    return None


def span_end(doc_date: date | None, n: int, unit: str) -> date | None:
    """When a plan's span of ``n`` years (or months) ends: the last year of the span the title names when it
    is as long (三年行动（2024-2026年）: 2026-12-31), else the issue date plus the span; None when neither."""
    years = getattr(doc_date, "plan_years", None)
    if unit == "Y" and years is not None and years[1] - years[0] + 1 == n:
        return date(years[1], 12, 31)
    start = issued(doc_date)
    return add_span(start, n, unit) if start else None


# 春节 (the first day of the lunar year) of 1990-2050, month and day (the table of the holidays package, MIT)
_SPRING_FESTIVAL_MMDD = (
    "0127 0215 0204 0123 0210 0131 0219 0207 0128 0216 0205 0124 0212 0201 0122 0209 0129 0218 0207 0126 "
    "0214 0203 0123 0210 0131 0219 0208 0128 0216 0205 0125 0212 0201 0122 0210 0129 0217 0206 0126 0213 "
    "0203 0123 0211 0131 0219 0208 0128 0215 0204 0124 0212 0201 0122 0210 0130 0217 0206 0126 0214 0202 "
    "0123")
_SPRING_FESTIVAL = {1990 + i: md for i, md in enumerate(_SPRING_FESTIVAL_MMDD.split(" "))}
_HOLIDAY_YEAR = re.compile(r"(\d{4})\s*年\s*$")


def holiday(name: str, y: int) -> date | None:
    """The first day of a holiday the calendar fixes in year ``y``; None for one it does not (两会, 汛期)."""
    if name.startswith("元旦"):
        return date(y, 1, 1)
    if name.startswith("国庆"):
        return date(y, 10, 1)
    if name.startswith("五一"):
        return date(y, 5, 1)
    md = _SPRING_FESTIVAL.get(y)
    if md is None or not name.startswith(("春节", "元宵")):
        return None
    first = date(y, int(md[:2]), int(md[2:]))
    return first if name.startswith("春节") else first + timedelta(days=14)


def holiday_eve(name: str, after: date | None, before: str) -> date | None:
    """The last day before a calendar-fixed holiday (元旦节前 in a plan of 2020-12-10 -> 2020-12-31, 春节前 ->
    the eve of the next Spring Festival): the holiday of the year written before it (2021年春节前), else the
    first one after the document's date; None when neither is known or the calendar fixes no day."""
    written = _HOLIDAY_YEAR.search(before)
    if written:
        day = holiday(name, int(written.group(1)))
        return day - timedelta(days=1) if day else None
    if after is None:
        return None
    for y in (after.year, after.year + 1):
        day = holiday(name, y)
        if day is not None and day > after:
            return day - timedelta(days=1)
    return None
