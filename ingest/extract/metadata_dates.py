"""Metadata dates: the 年月日 date of a line (Arabic or Chinese numerals), a field's ISO or dotted date, and
the latest adoption or amendment date of a law's promulgation block."""

from __future__ import annotations

import re
from datetime import date

from policykg.ingest.layout import CN_NUM

DATE = re.compile(rf"(?P<y>[\d{CN_NUM}]{{4}})\s*年\s*(?P<m>[\d{CN_NUM}]{{1,3}})\s*月\s*(?P<d>[\d{CN_NUM}]{{1,3}})\s*日")


_CN_DIGIT = {c: i for i, c in enumerate("〇一二三四五六七八九")} | {"零": 0, "两": 2, "○": 0}  # ○ typed for 〇


def cn_int(s: str) -> int | None:
    """An Arabic or Chinese numeral (二十六, 一〇, 2021) as int."""
    s = s.strip()
    if s.isdigit():
        return int(s)
    if all(c in _CN_DIGIT for c in s):  # digit by digit: 二〇二一
        return int("".join(str(_CN_DIGIT[c]) for c in s))
    total, cur = 0, 0
    for c in s:
        if c in _CN_DIGIT:
            cur = _CN_DIGIT[c]
        elif c == "十":
            total += (cur or 1) * 10
            cur = 0
        elif c == "百":
            total += (cur or 1) * 100
            cur = 0
        else:
            return None
    return total + cur


def parse_date(text: str) -> date | None:
    """The first 年月日 date in ``text`` (Arabic or Chinese numerals), None when invalid."""
    m = DATE.search(text)
    if not m:
        return None
    y, mo, d = (cn_int(m.group(k)) for k in "ymd")
    try:
        return date(y, mo, d) if y and mo and d else None
    except ValueError:
        return None


def _iso(value: str) -> date | None:
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        return None  # partial ("2024-11") or "-": the field states no full date


def _dotted(value: str) -> date | None:
    m = re.fullmatch(r"\s*(\d{4})[.\-/](\d{1,2})[.\-/](\d{1,2})\s*", value)
    try:
        return date(int(m.group(1)), int(m.group(2)), int(m.group(3))) if m else None
    except ValueError:
        return None


def _latest_date(info: str) -> date | None:
    # adoption and amendment dates; an effective date ("…起施行") is not the document's date
    dates = [parse_date(m.group(0)) for m in DATE.finditer(info) if "施行" not in info[m.end():m.end() + 4]]
    return max((d for d in dates if d), default=None)
