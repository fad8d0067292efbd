"""Deadline limits the text sets without a date: unknown limits, event limits and a programme's span.

Reads, for a match of a rule of ``deadline_grammar``, the limits ``deadline_build._build`` hands on: 按时/如期/限期
and a limit set elsewhere (``unknown``, or none where the limit is the content of an order or stands in a condition,
gold README deadline convention 12), 事先 (an event limit, not an attribute or a condition), the act a duty must
precede (X前, 在X前; convention 3, festival eves from the calendar) and a programme run over a span from a stated day
(not the term of the document itself, convention 4).
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from policykg.ingest.extract.deadline_calendar import add_span as _after
from policykg.ingest.extract.deadline_calendar import holiday_eve as _holiday_eve
from policykg.ingest.extract.deadline_calendar import issued as _issued
from policykg.ingest.extract.deadline_calendar import num as _num
from policykg.ingest.extract.deadline_grammar import (
    _CUE_AFTER,
    _CUE_THEN_AT,
    _DONE_AFTER,
    _LEAD,
    _NOT_AN_EVENT,
    _NOT_AN_EVENT_START,
)
from policykg.ingest.model import Deadline, Span

# the term a document itself or a validity runs for (本办法自…起施行, 有效期, 试行期), no programme to be done in it
_TERM_OF_TEXT = re.compile(r"施行|生效|有效|试行")
_SELF_BEFORE = re.compile(r"本(?:办法|规定|细则|通知|意见|方案|决定|条例|制度|标准|规则|计划)\s*$")


# an order or a demand to another party before 限期/如期 in its sentence (责令限期改正, 责令停止…，限期改正, 督促其限期整改,
# 要求…限期完成; not 按照要求): the limit is the content of the order and binds the party ordered (convention 12)
_ORDER_BEFORE = re.compile(r"责令|责成|督促|督办|令其|限令|通知[^，。；;：:]{0,12}$|(?<!按照)(?<!按)(?<!根据)(?<!符合)要求(?!的)")
# a condition or a violation the limit stands in (限期整改不到位的，…; 如期完成的，给予奖励)
_CONDITION_AFTER = re.compile(r"[^，。；;：:]{0,14}?的[，,]")
# a case clause before the limit in its sentence, with no unit named to act after it (…不到位的，予以通报并限期整改; not
# 发现问题的，由各街镇限期整改: the unit after 由 does the work itself)
_CASE_BEFORE = re.compile(r"的[，,][^由]*$")
_SENTENCE_MARK = re.compile(r"[。；;：:\n]")


def _clause_start(text: str, end: int, reach: int = 40) -> int:
    """Where the sentence holding ``end`` begins, going back at most ``reach`` characters."""
    i = end
    while i > max(0, end - reach) and not _SENTENCE_MARK.match(text, i - 1):
        i -= 1
    return i


# 在 that opens a time phrase of its own, after a clause start, a subject or a conjunction (国务院在作出决策前，…; 并在进入
# 现场前进行查验), not the end of a word (存在, 现在, 正在, 所在, 实在, 内在, 潜在)
_AT_AS_PREPOSITION = re.compile(r"(?<![存现正所实内潜外自好])在$")
# 在X前 fronted as a clause of its own (在X前，…): the time phrase frames the sentence's act; run on into a noun or a verb
# (在教师职前培养, 在计算企业所得税前扣除, 在X前消防安全检查事项办理中) it is part of a word or a name
_FRONTED = re.compile(r"[，,]")
# the fronted clause's first modal (deadline convention 16's analogy: leave to act early binds no one to a time): a
# permission (在审批前，可以征求意见; 在申报前，企业可自愿选择…) gives no limit, a duty (应/须/要) does; 可 inside a word
# (可行性, 可持续, 许可, 认可) and a ban (不可) are no permission
_FIRST_MODAL = re.compile(r"[^。；;\n]*?(?:(?P<may>可以|可自愿|(?<!确保)(?<!保证)能够|(?<![许认不宁])可(?!持续|靠|控|能|行|信|视|见|观|疑|比|谓|燃|溯|再生))"
                          r"|应当|应(?![急用])|须|必须|(?<![主重需纲只必])要(?![求点素件]))")


def _grants_leave(text: str, end: int) -> bool:
    """Whether the clause after a fronted time phrase ending at ``end`` grants a permission (可以, 可自愿, 能够)."""
    modal = _FIRST_MODAL.match(text, end)
    return bool(modal and modal.group("may"))


# the rest of a clause that ends in a condition (…的，) or a question of fact
_IN_CONDITION = re.compile(r"[^，。；;：:]{0,20}?的[，,]")
# 事先 + a verb + 的 + a noun: an attribute of the noun (事先确定的施工方案, 事先约定的标准)
_ATTRIBUTE = re.compile(r"\s*[\u4e00-\u9fff]{1,4}的(?![，,。；;])")


def read_programme_span(rule: str, m: re.Match[str], text: str, raw: str, span: Span) -> Deadline | None:
    """A programme run over a span from a stated day (自2020年1月起，用3年时间): the interval it covers."""
    g = m.groupdict()
    if _TERM_OF_TEXT.search(raw) or _SELF_BEFORE.search(text, max(0, m.start() - 8), m.start()):
        return None  # 本办法自2020年1月1日起施行，…: the term of the document itself, no programme (convention 4)
    n = _num(g["rn"])
    try:
        start_day = date(int(g["sy"]), int(g["sm"] or 1), int(g["sd"] or 1))
    except ValueError:
        return None
    last = _after(start_day, n, "Y" if g["ru"] == "年" else "M") if n else None
    if last is None:
        return None
    return Deadline(raw, span, "interval", last - timedelta(days=1), start_day, rule=rule)


def read_in_advance(rule: str, m: re.Match[str], text: str, raw: str, span: Span) -> Deadline | None:
    """事先: an event limit, unless it dates an attribute (事先确定的方案) or stands in a condition."""
    if _IN_CONDITION.match(text, m.end()):
        return None  # 事先已经…的，: a condition, nothing falls due
    if _ATTRIBUTE.match(text, m.end()):
        return None  # 按照事先确定的方案: 事先 dates what was agreed before, no limit on the act
    return Deadline(raw, span, "event", None, rule=rule)


def read_unstated(rule: str, m: re.Match[str], text: str, raw: str, span: Span) -> Deadline | None:
    """按时/如期/限期 or a limit set elsewhere: ``unknown``, or None for an order's or a condition's limit."""
    if rule in ("as_scheduled", "set_limit", "by_set_time") and (_ORDER_BEFORE.search(text, _clause_start(text, m.start()), m.start())
                                                 or _CONDITION_AFTER.match(text, m.end())):
        return None  # 责令限期改正, 督促其限期整改: the limit of the party ordered; 如期完成的，给予奖励: a condition
    if rule == "set_limit" and _CASE_BEFORE.search(text, _clause_start(text, m.start()), m.start()):
        return None  # 工作不力的，予以通报并限期整改: the response to a case binds the party at fault (a violation's content)
    return Deadline(raw, span, "unknown", None, rule=rule)


def read_event(rule: str, m: re.Match[str], text: str, offset: int, raw: str, span: Span,
               doc_date: date | None) -> Deadline | None:
    """The act a limit runs to (X前 under a duty, 在X前, a festival): an event limit, or None for a time word."""
    g = m.groupdict()
    if rule == "event_duty":
        ev = g["ev"]
        at = text[m.start() - 1:m.start()] == "在"
        opens = m.start() == 0 or text[m.start() - 1] in "，。；：: \t）)"
        # 应当在X前; X前，…应当 or X前完成 (at a clause start, or after the 在 of 消防产品在安装前，施工单位应当…); 在X前， fronted
        # as a clause of its own, whatever follows (国务院在作出重大决策前，根据需要…听取…) but a permission
        if not (at and _CUE_THEN_AT.search(text, 0, m.start())
                or (opens or at) and (_CUE_AFTER.match(text, m.end()) or _DONE_AFTER.match(text, m.end()))
                or at and _AT_AS_PREPOSITION.search(text, 0, m.start()) and _FRONTED.match(text, m.end())
                and not _grants_leave(text, m.end())):
            return None  # a time that no duty governs
        if len(ev) > 24 and not at:
            # 用于生产、储存危险物品的建设项目竣工投入生产或者使用前，应当…: a long subject opens the clause, the limit
            # is its act, from the head after its last 的 (建设项目竣工投入生产或者使用前)
            k = ev.rfind("的") + 1
            if not 2 <= len(ev) - k <= 24:
                return None
            ev, raw, span = ev[k:], raw[k:], Span(span.start + k, span.end)
        if at and ev.startswith("其") and len(ev) > 3:  # 在其正式上岗前: the act is 正式上岗
            ev, raw, span = ev[1:], raw[1:], Span(span.start + 1, span.end)
        if at and ev == "事":  # 应当…在事前通报: beforehand, the act the duty names
            return Deadline(raw, span, "event", None, event="事", rule=rule)
        if len(ev) < 2 or _NOT_AN_EVENT.search(ev) or _NOT_AN_EVENT_START.match(ev) or "、" in ev and not at:
            return None  # 目前, 年前, 节前, 此前: a time word, not an act
        return Deadline(raw, span, "event", None, event=_LEAD.sub("", ev) or ev, rule=rule)
    if rule == "festival":
        eve = _holiday_eve(g["ev"], _issued(doc_date), text[max(0, m.start() - 6):m.start()])
        if eve is not None:
            return Deadline(raw, span, "event", eve, event=g["ev"], rule=rule + ":calendar")
    if rule in ("event", "festival"):
        ev = g["ev"]
        k = max(ev.rfind("在"), ev.rfind("于")) + 1
        if 0 < k <= len(ev) - 2:  # …的项目在招投标活动前: the event starts after its 在
            begin = m.start("ev") + k
            span, raw, ev = Span(offset + begin, offset + m.end()), text[begin:m.end()], ev[k:]
        return Deadline(raw, span, "event", None, event=_LEAD.sub("", ev), rule=rule)
    return None
