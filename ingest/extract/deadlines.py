"""Deadlines: time limits normalised against the document's date, keeping text and precision.

Hand rules, no library: 2020年年底前, 年内, 12月底前 (year from the document), 即日起至7月底 and
7月中下旬 (intervals: ``date`` is the end), 2021年3月31日前, 每月26日前 (recurring), 5个工作日内
(relative), 全国"两会"结束 (event, no date). 文号 such as 〔2020〕 and titles in 《》 are masked first so
their years are not read as deadlines.
"""

from __future__ import annotations

import calendar
import re
from datetime import date
from functools import lru_cache

from policykg.ingest.model import Deadline, Span

_CN_DIGITS = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10,
              "十一": 11, "十二": 12, "十五": 15, "二十": 20, "三十": 30}
_MASKS = [re.compile(r"[〔\[［【(（]\s*\d{4}\s*[〕\]］】)）]"), re.compile(r"《[^《》]{0,80}》"),
          re.compile(r"\d{4}\s*[-—–~～至]\s*\d{4}年?"), re.compile(r"\d{4}年度"), re.compile(r"\d{1,2}[：:]\d{2}")]
_N = r"(\d{1,2}|[一二两三四五六七八九十]{1,3})"
_Y = r"(?:(\d{4})\s*年)"
_END = r"(?:前|之前|以前|底前|末前|为止|内)"
_PART = r"(上旬|中旬|下旬|中下旬|上中旬|底|末|初)"
_EVENT_END = r"[^，。；、\s]{2,16}?(?:结束|召开|开展|启动|到来|完成|举办|之际|期间|前夕)"

_LEAD = re.compile(r"(?:并|且|在|于|原则上|须|将|从|要|应)+")

_RULES: list[tuple[str, re.Pattern[str]]] = [
    ("from_until", re.compile(r"(?:从)?(?P<from>即日起|(?:\d{4}\s*年\s*)?\d{1,2}\s*月\s*\d{1,2}\s*日)\s*(?:起)?\s*"
                              r"(?:至|到)\s*(?P<until>[^，。；,）)]{2,24})")),
    ("recurring_day", re.compile(r"每(?P<unit>月|季度|年|周)\s*(?:(?P<rm>\d{1,2})\s*月)?\s*(?P<rd>\d{1,2})\s*日"
                                 r"\s*(?:前|之前|以前)")),
    ("recurring_weekday", re.compile(r"每(?P<unit>月|季度|年)(?P<w>(?:最后|第[一二三四1-4])一?个?(?:周|星期)[一二三四五六日天]|"
                                     r"最后一个工作日)(?:前|之前|以前)")),
    ("recurring_part", re.compile(r"每(?P<unit>月|季度|半年|年)(?P<rp>底|末)(?:前)?")),
    ("relative", re.compile(r"(?P<event>[^，。；、\s（(]{0,20}?)(?:后|起)?\s*(?P<rn>\d{1,3}|[一二两三四五六七八九十]{1,3})"
                            r"\s*个?\s*(?P<ru>工作日|自然日|日|天|个月|月|周|小时)\s*(?:内|之内|以内)")),
    ("ymd", re.compile(_Y + r"?\s*(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]\s*(前|之前|以前|止|为止|起)?")),
    ("ym_part", re.compile(_Y + r"?\s*" + _N + r"\s*月(?:份)?\s*" + _PART + r"?\s*(前|之前|以前|止|为止|内|起)?")),
    ("year_end", re.compile(_Y + r"\s*(?:年底|年末|底|末|内|全年)\s*(前|之前|以前)?")),
    ("year_alone", re.compile(r"(?<![\d年])" + _Y + r"(?=[，,：:]|(?:开始|起|以来|以前|前)?)")),
    ("this_year", re.compile(r"(?:今年|本年度|年内|年底前|年底|年末前|年末)")),
    ("quarter", re.compile(_Y + r"?\s*第(?P<q>[一二三四1234])季度(?:末|底)?(?:前|之前|以前|内)?")),
    ("festival", re.compile(r"(?P<ev>(?:元旦|春节|元宵|国庆|中秋|清明|五一|端午|“两会”|两会)(?:节|假期)?)(?:前|之前|以前)")),
    ("event", re.compile(r"(?P<ev>" + _EVENT_END + r")(?:前|之前|以前)")),
]


# What a rule's match must contain: a literal or a pattern, tested once on the whole text before the
# rule's scan (relative and event start with a lazy run that would otherwise be tried at every position).
_GATES: dict[str, str | re.Pattern[str]] = {
    "from_until": re.compile("[至到]"), "recurring_day": "每", "recurring_weekday": "每", "recurring_part": "每",
    "relative": re.compile(r"(?:工作日|自然日|日|天|个月|月|周|小时)\s*(?:内|之内|以内)"),
    "ymd": "月", "ym_part": "月", "year_end": "年", "year_alone": "年", "this_year": "年", "quarter": "季度",
    "festival": "前", "event": re.compile(r"(?:结束|召开|开展|启动|到来|完成|举办|之际|期间|前夕)(?:前|之前|以前)"),
}
_GATED_RULES = [(rule, pat, _GATES.get(rule)) for rule, pat in _RULES]


@lru_cache(maxsize=4)  # deadlines and targets mask the same obligation text one after the other
def mask(text: str) -> str:
    """``text`` with 文号 years, titles and year ranges blanked (same length, so spans stay valid)."""
    for pat in _MASKS:
        text = pat.sub(lambda m: "□" * len(m.group(0)), text)
    return text


def _num(s: str) -> int:
    return int(s) if s.isdigit() else _CN_DIGITS.get(s, 0)


def _month_end(y: int, m: int) -> date:
    return date(y, m, calendar.monthrange(y, m)[1])


def _part_interval(y: int, m: int, part: str | None) -> tuple[date | None, date, str]:
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


def _parse_point(s: str, doc_date: date | None) -> tuple[date | None, str]:
    """Parse a time point such as 7月底 or 2021年3月31日 (used after 即日起至)."""
    if re.search(r"结束|召开|期间|举办|春节|两会|元旦|完成", s) and not re.search(r"\d\s*月", s):
        return None, "event"
    m = re.search(_Y + r"?\s*" + _N + r"\s*月\s*(?:(\d{1,2})\s*[日号]|" + _PART + r")?", s)
    if m:
        y = int(m.group(1)) if m.group(1) else (doc_date.year if doc_date else None)
        mo = _num(m.group(2))
        if y is None or not 1 <= mo <= 12:
            return None, "unknown"
        if m.group(3):
            try:
                return date(y, mo, int(m.group(3))), "day"
            except ValueError:
                return None, "unknown"
        return _part_interval(y, mo, m.group(4))[1], "month"
    m = re.search(_Y + r"\s*(?:年底|年末|底|末)?", s)
    if m and not re.search(r"[结召开]", s):
        return date(int(m.group(1)), 12, 31), "year"
    return None, "event"


def _build(rule: str, m: re.Match[str], text: str, offset: int, doc_date: date | None) -> Deadline | None:
    lead = _LEAD.match(text, m.start(), m.end()) if rule in ("relative", "event") else None
    cut = lead.end() - m.start() if lead else 0
    span = Span(offset + m.start() + cut, offset + m.end())
    raw = text[m.start() + cut:m.end()]
    year = doc_date.year if doc_date else None
    g = m.groupdict()
    if rule == "from_until":
        if not g["from"].startswith("即日"):
            doc_date = _parse_point(g["from"], doc_date)[0] or doc_date
        until = re.sub(r"(?:为止|止)$", "", g["until"].strip())
        end, prec = _parse_point(until, doc_date)
        if prec == "event":
            return Deadline(raw, span, "event", None, doc_date, event=until, rule=rule)
        return Deadline(raw, span, "interval" if end else "unknown", end, doc_date, rule=rule)
    if rule == "recurring_day":
        unit = {"月": "P1M", "季度": "P3M", "年": "P1Y", "周": "P1W"}[g["unit"]]
        rec = f"{unit};BYMONTHDAY={int(g['rd'])}" + (f";BYMONTH={int(g['rm'])}" if g.get("rm") else "")
        return Deadline(raw, span, "recurring", None, recurrence=rec, rule=rule)
    if rule == "recurring_weekday":
        unit = {"月": "P1M", "季度": "P3M", "年": "P1Y"}[g["unit"]]
        return Deadline(raw, span, "recurring", None, recurrence=f"{unit};{g['w']}", rule=rule)
    if rule == "recurring_part":
        unit = {"月": "P1M", "季度": "P3M", "半年": "P6M", "年": "P1Y"}[g["unit"]]
        return Deadline(raw, span, "recurring", None, recurrence=f"{unit};END", rule=rule)
    if rule == "relative":
        n, u = g["rn"], g["ru"]
        if not _num(n):
            return None
        iso = {"工作日": "D", "自然日": "D", "日": "D", "天": "D", "周": "W", "个月": "M", "月": "M", "小时": "H"}[u]
        dur = (f"PT{_num(n)}H" if iso == "H" else f"P{_num(n)}{iso}") + (";WORKDAYS" if u == "工作日" else "")
        event = _LEAD.sub("", (g.get("event") or "").strip()) or None
        return Deadline(raw, span, "relative", None, recurrence=dur, event=event, rule=rule)
    if rule == "ymd":
        y = int(m.group(1)) if m.group(1) else year
        if y is None or m.group(4) == "起" or re.match(r"\s*(?:至|到|起|开始)", text[m.end():m.end() + 3]):
            return None  # a start date, not a limit
        try:
            return Deadline(raw, span, "day", date(y, int(m.group(2)), int(m.group(3))), rule=rule)
        except ValueError:
            return Deadline(raw, span, "unknown", rule=rule)
    if rule == "ym_part":
        y = int(m.group(1)) if m.group(1) else year
        mo = _num(m.group(2))
        part, tail = m.group(3), m.group(4)
        if tail == "起" or not (part or tail):
            return None  # 7月 alone or 2020年7月起 is a start or a mention, not a limit
        if y is None or not 1 <= mo <= 12:
            return Deadline(raw, span, "unknown", rule=rule)
        start, end, prec = _part_interval(y, mo, part)
        return Deadline(raw, span, prec, end, start, rule=rule)
    if rule == "year_end":
        return Deadline(raw, span, "year", date(int(m.group(1)), 12, 31), rule=rule)
    if rule == "year_alone":
        after = text[m.end():m.end() + 3]
        if not after[:1] in ("，", ",", "：", ":") or re.match(r"[，,]?\s*(?:以来|开始|起)", after):
            return None
        return Deadline(raw, span, "year", date(int(m.group(1)), 12, 31), rule=rule)
    if rule == "this_year":
        if year is None:
            return Deadline(raw, span, "unknown", rule=rule)
        return Deadline(raw, span, "year", date(year, 12, 31), rule=rule)
    if rule == "quarter":
        y = int(m.group(1)) if m.group(1) else year
        if y is None:
            return Deadline(raw, span, "unknown", rule=rule)
        q = _num(g["q"])
        return Deadline(raw, span, "interval", _month_end(y, 3 * q), date(y, 3 * q - 2, 1), rule=rule)
    if rule in ("event", "festival"):
        return Deadline(raw, span, "event", None, event=_LEAD.sub("", g["ev"]), rule=rule)
    return None


def extract_deadlines(text: str, doc_date: date | None, offset: int = 0) -> tuple[Deadline, ...]:
    """All deadlines in ``text`` (spans shifted by ``offset``), earliest rule wins on overlap."""
    masked = mask(text)
    taken: list[tuple[int, int]] = []
    found: list[Deadline] = []
    for rule, pat, gate in _GATED_RULES:
        if gate is not None and (gate not in masked if isinstance(gate, str) else gate.search(masked) is None):
            continue
        for m in pat.finditer(masked):
            if m.end() == m.start() or any(m.start() < e and s < m.end() for s, e in taken):
                continue
            d = _build(rule, m, text, offset, doc_date)
            if d is not None:
                taken.append((m.start(), m.end()))
                found.append(d)
    return tuple(sorted(found, key=lambda d: d.span.start))
