"""Deadline building: one rule's match read into a ``Deadline`` with its text, date and precision.

Decides, for a match of a rule of ``deadline_grammar``, the kept span, the normalised date, ``precision``,
``recurrence`` and ``event``, or that the match is no limit (a start date, a record, a cited year, a time no
duty governs). Calendar arithmetic comes from ``deadline_calendar``, first due dates of cycles from
``deadline_cycles``; unknown and event limits and a programme's span are read by ``deadline_events``, limits
written as a count of time (15日内, 提前1年, 利用三年时间) by ``deadline_counts``.
Gold README deadline conventions: 1 (recurring: first due date after the document's date), 3 (event limits,
festival eves from the calendar), 6 (年底前/年内 in the document's year, next year's limits, ``unknown`` for a
limit set elsewhere).
"""

from __future__ import annotations

import re
from datetime import date

from policykg.ingest.extract.deadline_calendar import issued as _issued
from policykg.ingest.extract.deadline_calendar import month_end as _month_end
from policykg.ingest.extract.deadline_calendar import num as _num
from policykg.ingest.extract.deadline_calendar import part_interval as _part_interval
from policykg.ingest.extract.deadline_counts import COUNT_RULES, read_count
from policykg.ingest.extract.deadline_cycles import first_due as _first_due
from policykg.ingest.extract.deadline_events import (
    read_event,
    read_in_advance,
    read_programme_span,
    read_unstated,
)
from policykg.ingest.extract.deadline_grammar import (
    _BY_YEAR,
    _CITED_YEAR,
    _CUE_AFTER,
    _CUE_THEN_AT,
    _EVERY_YEAR,
    _LEAD,
    _NEXT_YEAR_BEFORE,
    _NOT_AN_EVENT,
    _YEAR_THEN_ACT,
    FESTIVAL_NAME,
)
from policykg.ingest.extract.deadline_points import _DAY_ONLY, _day_after, _parse_point, _When
from policykg.ingest.model import Deadline, Span

# what follows a day that starts something or dates a record, not a limit: 2024年1月1日实施 / 起 / 至…, a day after
# which cases count (对2019年1月1日后认定的平台, 2018年1月1日以后完工的项目), the day a text was issued (2019年1月3日印发)
_START_OR_RECORD = re.compile(r"\s*(?:至|到|起|开始|实施|施行|执行|生效|后|以后|之后|印发|发布|公布|签发|颁布)")


# a negation before a filing (未按规定提交…时, 不报送…时): a filing not made is a condition, nothing falls due
_NOT_FILED = re.compile(r"[未不没][^，。；;,：:]{0,8}$")


_MONTH_THEN_ACT = re.compile(r"(?:份)?\s*(?:全面|基本|初步|力争|要|将|全部)?(?:完成|建成|实现|取得|形成|达到|上线|投用|投入使用|"
                             r"交付|竣工|完工|通车|出台|制定|启动|开展)")


def _dated_act(text: str, end: int) -> bool:
    """Whether a year-month (2023年12月) ending at ``end`` dates what follows it: a comma (2024年6月，…), the
    end of a clause or of a time column (（完成时限：2023年12月）), or the act itself (2023年12月完成)."""
    after = text[end:end + 8]
    return not after or after[0] in "，,；;。）)" or not after[0].isdigit() and _YEAR_THEN_ACT.match(after) is not None


def _build(rule: str, m: re.Match[str], text: str, offset: int, doc_date: date | None, when: _When) -> Deadline | None:
    lead = _LEAD.match(text, m.start(), m.end()) if rule in ("relative", "event") else None
    cut = lead.end() - m.start() if lead else 0
    span = Span(offset + m.start() + cut, offset + m.end())
    raw = text[m.start() + cut:m.end()]
    year = doc_date.year if doc_date else None
    g = m.groupdict()
    if rule == "from_until":
        start = _issued(doc_date)
        if g["fm"]:
            first = _parse_point(g["fm"], doc_date)[0]
            start = _part_interval(first.year, first.month, g["fp"])[0] or first.replace(day=1) if first else None
        elif not g["from"].startswith("即日"):
            start = _parse_point(g["from"], doc_date)[0] or start
        day = _DAY_ONLY.match(g["until"])
        if day and start is not None and not g["from"].startswith("即日") and not g["fm"]:
            # 3月17日至21日, 2019年1月2日至20日: a day alone ends the range in its start's month
            end = _day_after(start, _num(day.group(1)))
            if end is None:
                return Deadline(raw, span, "unknown", rule=rule)
            span, raw = Span(span.start, offset + m.start("until") + day.end()), text[m.start() + cut:m.start("until") + day.end()]
            return Deadline(raw, span, "interval", end, start, rule=rule)
        until = re.sub(r"(?:为止|止)$", "", g["until"].strip())
        end, prec = _parse_point(until, doc_date, after=start)
        if prec == "event":
            return Deadline(raw, span, "event", None, start, event=until, rule=rule)
        return Deadline(raw, span, "interval" if end else "unknown", end, start, rule=rule)
    if rule == "programme_span":
        return read_programme_span(rule, m, text, raw, span)
    if rule == "month_range":
        m1, m2 = int(g["m1"]), int(g["m2"])
        if not (1 <= m1 <= 12 and 1 <= m2 <= 12):
            return None
        y1 = int(g["y1"]) if g["y1"] else when.year(m1, m.start())
        if y1 is None:
            return Deadline(raw, span, "unknown", rule=rule)
        y2 = int(g["y2"]) if g["y2"] else (y1 if m2 >= m1 and not g["nx"] else y1 + 1)
        end = _part_interval(y2, m2, g["p2"])[1]
        return Deadline(raw, span, "interval", end, date(y1, m1, 1), rule=rule)
    if rule == "recurring_day":
        unit = {"月": "P1M", "季度": "P3M", "年": "P1Y", "周": "P1W"}[g["unit"]]
        rec = f"{unit};BYMONTHDAY={int(g['rd'])}" + (f";BYMONTH={int(g['rm'])}" if g.get("rm") else "")
        return Deadline(raw, span, "recurring", _first_due(rule, g, _issued(doc_date)), recurrence=rec, rule=rule)
    if rule == "recurring_weekday":
        unit = {"月": "P1M", "季度": "P3M", "年": "P1Y"}[g["unit"]]
        return Deadline(raw, span, "recurring", _first_due(rule, g, _issued(doc_date)),
                        recurrence=f"{unit};{g['w']}", rule=rule)
    if rule == "recurring_part":
        unit = {"月": "P1M", "季度": "P3M", "半年": "P6M", "年": "P1Y"}[g["unit"]]
        return Deadline(raw, span, "recurring", _first_due(rule, g, _issued(doc_date)),
                        recurrence=f"{unit};{'START' if g['rp'] == '初' else 'END'}", rule=rule)
    if rule == "recurring_undated":
        ev = g["ev"]
        if ev is not None and (_NOT_AN_EVENT.search(ev) or ev[0] in "月日" or ev.endswith("初")
                               or FESTIVAL_NAME.fullmatch(ev)):
            return None  # 每年春节前, 每年元旦前, 每年底前, 每年年初前: a time, read by the festival and cycle rules
        unit = {"月": "P1M", "季度": "P3M", "年": "P1Y"}.get(g["unit"] or "年")
        return Deadline(raw, span, "recurring", None, recurrence=unit, event=ev or raw.lstrip("在于"), rule=rule)
    if rule in COUNT_RULES:
        return read_count(rule, m, text, offset, doc_date, raw, span)
    if rule == "in_advance":
        return read_in_advance(rule, m, text, raw, span)
    if rule == "at_filing":  # (the event starts after 在: 在向…报送的同时 -> 向…报送)
        if _NOT_FILED.search(text, max(0, m.start() - 10), m.start()):
            return None  # 未按规定提交材料时: a filing not made is a condition
        return Deadline(raw, span, "event", None, event=g["at"] or g["ev"], rule=rule)
    if rule == "at_event":  # 在项目完成时…应, 应当在…验收时: a point at an event, where a duty cue governs it
        if _NOT_FILED.search(text, max(0, m.start() - 10), m.start()) or not (
                _CUE_THEN_AT.search(text, 0, m.start() + 1) or _CUE_AFTER.match(text, m.end())):
            return None  # 未完成时…的, 在…验收时，可以委托…: a condition or a permission, nothing falls due
        return Deadline(raw, span, "event", None, event=g["at"], rule=rule)
    if rule == "phase":
        return Deadline(raw, span, "event", None, event=m.group("ev"), rule=rule)
    if rule in ("unspecified", "on_time", "by_set_time", "as_scheduled", "set_limit"):
        return read_unstated(rule, m, text, raw, span)
    if rule == "ymd":
        mo, day = _num(m.group(2)), _num(m.group(3))
        y = _num(m.group(1)) if m.group(1) else when.year(mo, m.start())
        if y is None or m.group(4) == "起" or not m.group(4) and _START_OR_RECORD.match(text, m.end()):
            return None  # a start date (本办法自2024年1月1日实施, 对2019年1月1日后认定的平台) or a record's, not a limit
        try:
            return Deadline(raw, span, "day", date(y, mo, day), rule=rule)
        except ValueError:
            return Deadline(raw, span, "unknown", rule=rule)
    if rule == "ym_part":
        mo = _num(m.group(2))
        part, tail = m.group(3), m.group(4)
        if tail == "起" or not (part or tail or m.group(1) and _dated_act(text, m.end())
                                   and not _CITED_YEAR.search(text, 0, m.start())
                                   or not m.group(1) and (_MONTH_THEN_ACT.match(text, m.end())
                                                          or _EVERY_YEAR.search(text, 0, m.start()))):
            return None  # 7月 alone or 2020年7月起 is a start or a mention, not a limit; 2024年6月，… is one
        if not 1 <= mo <= 12:
            return Deadline(raw, span, "unknown", rule=rule)
        y = _num(m.group(1)) if m.group(1) else when.year(mo, m.start())
        if y is None:
            return Deadline(raw, span, "unknown", rule=rule)
        start, end, prec = _part_interval(y, mo, part)
        return Deadline(raw, span, prec, end, start, rule=rule)
    if rule == "year_end":
        return Deadline(raw, span, "year", date(_num(m.group(1)), 12, 31), rule=rule)
    if rule == "plan_period_end":
        return Deadline(raw, span, "year", date(2005 + 5 * _num(g["k"]), 12, 31), rule=rule)
    if rule == "year_alone":
        after = text[m.end():m.end() + 8]
        if re.match(r"[，,]?\s*(?:以来|开始|起|及以前|以前的|的)", after) or _CITED_YEAR.search(text, 0, m.start()):
            return None  # 2020年以来, 2023年及以前, 根据2017年…下发的: a time that has passed or starts
        if not (after[:1] in ("，", ",", "：", ":") or _YEAR_THEN_ACT.match(after)
                or _BY_YEAR.search(text, max(0, m.start() - 4), m.start())):
            return None
        return Deadline(raw, span, "year", date(_num(m.group(1)), 12, 31), rule=rule)
    if rule == "next_year_end":
        if year is None:
            return Deadline(raw, span, "unknown", rule=rule)
        return Deadline(raw, span, "year", date(year + 1, 12, 31), rule=rule)
    if rule == "this_year":
        if year is None:
            return Deadline(raw, span, "unknown", rule=rule)
        return Deadline(raw, span, "year", date(year, 12, 31), rule=rule)
    if rule in ("quarter", "half_year") and not m.group(1) and year is not None \
            and _NEXT_YEAR_BEFORE.search(text, max(0, m.start() - 3), m.start()):
        year += 1  # 明年上半年, 次年第一季度: the year after the document's
    if rule == "quarter":
        y = _num(m.group(1)) if m.group(1) else year
        if y is None:
            return Deadline(raw, span, "unknown", rule=rule)
        q = _num(g["q"])
        return Deadline(raw, span, "interval", _month_end(y, 3 * q), date(y, 3 * q - 2, 1), rule=rule)
    if rule == "next_year":
        mo = _num(m.group(1))
        if doc_date is None or not 1 <= mo <= 12:
            return Deadline(raw, span, "unknown", rule=rule)
        y = doc_date.year + 1
        if m.group(2):
            try:
                return Deadline(raw, span, "day", date(y, mo, int(m.group(2))), rule=rule)
            except ValueError:
                return Deadline(raw, span, "unknown", rule=rule)
        start, end, prec = _part_interval(y, mo, m.group(3))
        return Deadline(raw, span, prec, end, start, rule=rule)
    if rule == "half_year":
        y = _num(m.group(1)) if m.group(1) else year
        if y is None:
            return Deadline(raw, span, "unknown", rule=rule)
        first = g["half"] == "上半年"
        return Deadline(raw, span, "interval", date(y, 6, 30) if first else date(y, 12, 31),
                        date(y, 1, 1) if first else date(y, 7, 1), rule=rule)
    if rule in ("event_duty", "festival", "event"):
        return read_event(rule, m, text, offset, raw, span, doc_date)
    return None
