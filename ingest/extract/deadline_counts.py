"""Deadline counts: the limits written as a count of time, read into a ``Deadline``.

Decides, for a match of a count rule of ``deadline_grammar`` (relative 15日内, advance 提前1年 and 开班前5个工作日,
count_before 在开工的7日前, act_time 办结时间为20个工作日, span_of_work 利用三年时间), what the count is counted from
(an event of each case, the document's issue, the day it takes effect, or nothing named), its ISO duration and, where
the start is the document itself, the date it falls due. ``deadline_build`` hands these rules here; the calendar
points (dates, months, quarters, years) stay there.
Gold README deadline conventions: 3 (a count back from an event is ``relative``), 5 (relative limits without a
date, except a span counted from the document's issue or its stated 施行 day) and 7 (a span of work from the plan).
"""

from __future__ import annotations

import re
from datetime import date

from policykg.ingest.extract.deadline_calendar import add_span as _after
from policykg.ingest.extract.deadline_calendar import issued as _issued
from policykg.ingest.extract.deadline_calendar import num as _num
from policykg.ingest.extract.deadline_calendar import span_end as _span_end
from policykg.ingest.extract.deadline_grammar import (
    _COUNT_FROM,
    _CUE_IN_SPAN,
    _CUE_ONLY,
    _FROM_FORCE,
    _FROM_ISSUE,
    _LEAD,
    _NOT_AN_EVENT,
    _NOT_AN_EVENT_START,
    _PLAN_SPAN,
    _RANGE_START,
)
from policykg.ingest.model import Deadline, Span

COUNT_RULES = ("count_before", "advance", "span_of_work", "act_time", "relative")

# a count's unit as written -> its ISO 8601 designator (MIN: minutes, written PT…M)
_ISO = {"工作日": "D", "自然日": "D", "日": "D", "天": "D", "周": "W", "个月": "M", "月": "M", "小时": "H",
        "分钟": "MIN", "年": "Y"}


def _duration(n: int, unit: str) -> str:
    """The ISO 8601 duration of ``n`` ``unit`` (15, 工作日 -> P15D;WORKDAYS; 24, 小时 -> PT24H)."""
    iso = _ISO[unit]
    return ({"H": f"PT{n}H", "MIN": f"PT{n}M"}.get(iso) or f"P{n}{iso}") + (";WORKDAYS" if unit == "工作日" else "")


# where a clause before an opening bracket begins, going back (a mark, a space or another bracket ends it)
_CLAUSE_MARK = re.compile(r"[，。；、,;：:\s（()）]")
_BRACKETED = re.compile(r"[（(][^（()）]*[）)]")
# item numbers, four forms (list_leads._NUMBER, duty/role_elided._ITEM_NUMBER): brackets only, matched at a clause opening, not a line start
_ITEM_NUMBER = re.compile(r"[（(][一二三四五六七八九十\d]{1,3}[）)]")
_BRACKET_REACH = 40  # characters back to the opening bracket, and as many again to its clause start
# the distributive 每 and its measure word before a due act (每级|上报, 每件|投诉办理): which acts the limit applies
# to, no part of the act itself (act_time's event)
_DISTRIBUTIVE = re.compile(r"^每[级次项件个批宗起]?")


def _bracket_clause_start(text: str, begin: int, end: int) -> int:
    """Where an event that ``text[begin:end]`` cuts inside brackets (到…材料）后) should begin: at the clause
    holding the opening bracket (举报事项处理完毕（收到…材料）后), or after the last unmatched closing bracket
    when no opening one is near (the obligation's text starts inside the bracket)."""
    depth, unmatched, last_close = 0, 0, -1
    for i in range(begin, end):
        if text[i] in "（(":
            depth += 1
        elif text[i] in "）)":
            if depth:
                depth -= 1
            else:
                unmatched, last_close = unmatched + 1, i
    if not unmatched:
        return begin
    i = begin - 1
    while i >= max(0, begin - _BRACKET_REACH) and unmatched:
        if text[i] in "）)":
            unmatched += 1
        elif text[i] in "（(":
            unmatched -= 1
        elif text[i] in "。；;\n":
            break
        i -= 1
    opening = i + 1
    if unmatched or _ITEM_NUMBER.match(text, opening):  # （二）其他建设工程…之日起: after the item number
        return last_close + 1
    j = opening
    while j > max(0, opening - _BRACKET_REACH) and not _CLAUSE_MARK.match(text, j - 1):
        j -= 1
    return j


def read_count(rule: str, m: re.Match[str], text: str, offset: int, doc_date: date | None, raw: str,
               span: Span) -> Deadline | None:
    """A count-of-time limit (``COUNT_RULES``): relative, counted from an event, the document or nothing named."""
    g = m.groupdict()
    if rule == "count_before":
        n, u, event = g["rn"], g["ru"], g["event"]
        if not _num(n) or _NOT_AN_EVENT.search(event) or _NOT_AN_EVENT_START.match(event):
            return None  # 在每年12月10日前: a date, read by the date rules
        dur = _duration(_num(n), u)
        begin = m.start("event")
        return Deadline(text[begin:m.end()], Span(offset + begin, offset + m.end()), "relative", None,
                        recurrence="-" + dur, event=event, rule=rule)
    if rule == "advance":
        n, u = g["rn"], g["ru"]
        if not _num(n):
            return None
        dur = _duration(_num(n), u)
        event = _LEAD.sub("", (g.get("event") or "").strip()) or None
        if event is not None and (_NOT_AN_EVENT.search(event) or _NOT_AN_EVENT_START.match(event)):
            return None  # 3月底前5天, 节前3天: a time, not an act, is counted back from
        return Deadline(raw, span, "relative", None, recurrence="-" + dur, event=event, rule=rule)
    if rule == "span_of_work":
        n, unit = _num(g["rn"]), "Y" if g["ru"] == "年" else "M"
        if not n:
            return None
        return Deadline(raw, span, "relative", _span_end(doc_date, n, unit), recurrence=f"P{n}{unit}", rule=rule)
    if rule == "act_time":
        n, u = _num(g["rn"]), g["ru"]
        if not n or "延长" in g["event"] or "延期" in g["event"]:
            return None  # 延长的时间最长不超过30日: the cap of an extension, no limit of its own
        dur = _duration(n, u)
        event = _DISTRIBUTIVE.sub("", g["event"]).strip() or None
        return Deadline(raw, span, "relative", None, recurrence=dur, event=event, rule=rule)
    if rule == "relative":
        n, u = g["rn"], g["ru"]
        if n == "半":  # 半年内, 半个月内: half the unit
            if u not in ("年", "个月", "月"):
                return None
            n, u = ("6", "个月") if u == "年" else ("15", "日")
        if not _num(n):
            return None
        iso, dur = _ISO[u], _duration(_num(n), u)
        event_raw, event_start = g.get("event") or "", m.start("event")
        if ")" in event_raw or "）" in event_raw:  # …完毕（收到…材料）后10个工作日内: from before the bracket
            event_start = _bracket_clause_start(text, event_start, m.end("event"))
            lead = _LEAD.match(text, event_start, m.end())
            event_start = lead.end() if lead else event_start
            span, raw = Span(offset + event_start, offset + m.end()), text[event_start:m.end()]
            event_raw = text[event_start:m.end("event")]
        event_text = event_raw.strip()
        marker = _COUNT_FROM.match(_BRACKETED.sub(lambda b: "□" * len(b.group(0)), event_text))  # (not a 在 in brackets)
        if marker and marker.end() < len(event_text):  # 区政府要在本意见印发之日起…: from 本意见 on
            begin = event_start + len(event_raw) - len(event_raw.lstrip()) + marker.end()
            span, raw = Span(offset + begin, offset + m.end()), text[begin:m.end()]
            event_text = event_text[marker.end():]
        elif event_text and (marker or _CUE_ONLY.fullmatch(event_text)):
            # 有关单位应当在24小时内, 但应当在15日内: nothing named to count from; the limit is the count itself
            begin = m.start("rn")
            span, raw, event_text = Span(offset + begin, offset + m.end()), text[begin:m.end()], ""
        issued = _issued(doc_date)
        if u == "年" and _PLAN_SPAN.fullmatch(g.get("event") or "") and not _CUE_IN_SPAN.search(g.get("event") or ""):
            # 力争两年内, 确保1年内完成, 将在5年内建成, 在2—3年内调整到位: a plan's span counts from its issue
            # (convention 5); the larger end of a range of years
            when = _after(issued, _num(n), iso) if issued else None
            begin = m.start("event") + _RANGE_START.search(g["event"]).start()
            return Deadline(text[begin:m.end()], Span(offset + begin, offset + m.end()), "relative", when,
                            recurrence=dur, rule=rule + ":from_issue")
        event = _LEAD.sub("", event_text) or None
        effective = getattr(doc_date, "in_force", None)
        if effective is not None and event and _FROM_FORCE.search(event):
            when: date | None = _after(effective, _num(n), iso)
        else:
            when = _after(issued, _num(n), iso) if issued and event and _FROM_ISSUE.search(event) else None
        return Deadline(raw, span, "relative", when, recurrence=dur, event=event, rule=rule)
    return None
