"""Deadline scan: all deadlines of a text, and which matches are dropped as no time limit.

Decides the order rules win on overlap (earliest rule first), which built matches are not limits (the
condition of a ban or a state not yet reached, a span of a ban or a state, a defined season or hour, a
validity term, a named day, a bare date already past at issue, the period a record covers: ``_no_limit``),
repairs implausible years, and merges a limit written twice. ``extract_deadlines`` is the public entry point.
Gold README deadline conventions: 1 (a date after 每年 becomes a cycle), 2 (a period that a ban or a standing
duty holds through is not recorded), 3 (an event limit that only conditions a ban is none), 4 (spans of a ban
or a state, validity terms, are not time limits).
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date

from policykg.ingest.extract.deadline_build import _build
from policykg.ingest.extract.deadline_calendar import YEARS
from policykg.ingest.extract.deadline_calendar import issued as _issued
from policykg.ingest.extract.deadline_cycles import yearly as _yearly
from policykg.ingest.extract.deadline_grammar import _EVERY_YEAR, _GATED_RULES, mask
from policykg.ingest.extract.deadline_points import _When
from policykg.ingest.model import Deadline


def extract_deadlines(text: str, doc_date: date | None, offset: int = 0,
                      period: tuple[date | None, date] | None = None, *, labelled: bool = False) -> tuple[Deadline, ...]:
    """All deadlines in ``text`` (spans shifted by ``offset``), earliest rule wins on overlap.

    ``period`` is the (start, end) of the stage the text belongs to: a month written without a year
    takes the year that puts it inside the stage. ``labelled``: the text is a stage's or a time column's
    date, a limit even when it lies before the document's issue."""
    masked = mask(text)
    when = _When(masked, doc_date, period)
    taken: list[tuple[int, int]] = []
    found: list[Deadline] = []
    for rule, pat, literal, gate in _GATED_RULES:
        if literal and literal not in masked or gate is not None and gate.search(masked) is None:
            continue
        for m in pat.finditer(masked):
            if m.end() == m.start() or any(m.start() < e and s < m.end() for s, e in taken):
                continue
            d = _build(rule, m, text, offset, doc_date, when)
            if d is not None and rule in ("ymd", "ym_part", "quarter") and _EVERY_YEAR.search(text, 0, m.start()):
                d = _yearly(d, _issued(doc_date))
            if d is not None:
                taken.append((m.start(), m.end()))
                if not _no_limit(rule, m, d, masked, doc_date, labelled):
                    found.append(_plausible(d))
    # 按时/如期/限期 beside a limit the text writes (11月底…，按时完成) says no more than that limit (conventions 8, 11, 12)
    if any(d.rule not in _SET_ELSEWHERE for d in found):
        found = [d for d in found if d.rule not in _SET_ELSEWHERE]
    # the same limit written twice in one text is one fact (2020年…，2020年…)
    unique: dict[tuple, Deadline] = {}
    for d in sorted(found, key=lambda d: d.span.start):
        unique.setdefault((d.text, d.date, d.precision, d.recurrence, d.event), d)
    # 工程开工前…，同时在开工前…: the same event named again, shorter, is the same limit
    events = [d.event for d in unique.values() if d.precision == "event" and d.event]
    return tuple(d for d in unique.values() if not (
        d.precision == "event" and d.event and any(e != d.event and e.endswith(d.event) for e in events)))


def _no_limit(rule: str, m: re.Match[str], d: Deadline, masked: str, doc_date: date | None, labelled: bool) -> bool:
    """Whether the deadline ``d`` that ``rule``'s match ``m`` built is no time limit (the module docstring's list): it
    is dropped, and its span stays taken."""
    return bool(rule in ("event", "event_duty") and _is_condition(d, masked, m.end()) or _defined_time(masked, m.start())
                or rule in ("relative", "unspecified") and _SPAN_OF_STATE.match(masked, m.end())
                or rule == "relative" and (_span_in_object(masked, m.start("rn"), m.end())
                                           or _BAN_BEFORE.search(masked, max(0, m.start("rn") - 8), m.start("rn")))
                or not labelled and _past(d, _issued(doc_date))
                or _VALIDITY.search(masked, max(0, m.start() - 8), m.start())
                or _NAMED_DAY.match(masked, m.end()) or _record_period(d, masked, m.end()))


_SET_ELSEWHERE = ("on_time", "by_set_time", "as_scheduled", "set_limit")  # a limit the text says binds the act without giving it
# 开工前备案登记、施工中巡查: a procedure named by its stage, one of a list of stages
_STAGE_LIST = re.compile(r"[^，。；、\s]{2,6}、[^，。；、\s]{1,6}(?:中|后|时)")
# what an event limit governs: a ban (…未建成投用前，原场所不得拆除; 在许可前，不可擅自开工) lasts until the event, it is due
# at none (不可 of a word is no ban: 不可抗力, 不可或缺, 必不可少, 不可替代)
_BAN_AFTER = re.compile(r"[^。；;]{0,24}?(?:不得|严禁|禁止|不准|不能|不可(?!抗力|或缺|少|替代|分割|逆))")
# what a span right before it measures when it is no time limit: a ban that lasts it (5年内不得担任, 一年内不得再次参加,
# 5年内不予注册)
# or a state that has held through it (离校2年内未就业, 在规定时间内未发生), or a duty that comes back in it at a
# frequency (3年内按每户每年…扣减, 3年内每年组织): the span is the scope of the duty, nothing is due at its end
_SPAN_OF_STATE = re.compile(r"\s*(?:均|都|也|仍|再|亦)?(?:不得|严禁|禁止|不准|不能|不再|不予|未)"
                            r"|\s*(?:按[^，。；;]{0,10}?)?(?:每|逐)(?:年|月|季度|半年|周|日|天)"
                            # what happened in the span, counted (一年内四次受到处罚, 一年内因违法行为受过两次以上处罚,
                            # 一年内发生两人以上重伤事故): a condition on a record, nothing falls due
                            r"|\s*(?:[一二两三四五六七八九十\d]+次|因|受过|受到|发生(?:过)?[一二两三四五六七八九十\d])")


# a span inside the noun phrase a preposition governs (对近2个月内需要还贷的企业, 按照该产品销售后1年内销售合同累计到账额的
# 30%): it picks the cases or the base a measure applies to, nothing falls due at its end (convention 4); the preposition
# opens the span's clause with no new act between (按照规定在15日内报送: the span belongs to 报送), and a 的 closes the phrase
_OBJECT_BEFORE = re.compile(r"(?:对|按照|依照)(?P<between>[^，。；;,：:]{0,16})$")
_PHRASE_CLOSED = re.compile(r"[^，。；;,：:]{0,16}?的")
_NEW_ACT = re.compile(r"在|于|应|须|要|将|由|自|从")


def _span_in_object(masked: str, count_start: int, end: int) -> bool:
    """Whether a relative span (its count at ``count_start``) lies inside the noun phrase after 对/按照/依照."""
    m = _OBJECT_BEFORE.search(masked, max(0, count_start - 18), count_start)
    return m is not None and _NEW_ACT.search(m.group("between")) is None and _PHRASE_CLOSED.match(masked, end) is not None


# a span right after a restriction a penalty imposes (限制其一年内参加政府投资项目, 禁止其三年内进入市场): a ban's span
_BAN_BEFORE = re.compile(r"(?:限制|禁止|不准|暂停)(?:其|该单位|该企业)?\s*$")


# a time given as the value of a label of when something is (全省森林防火期为每年的11月1日至…, 时间：2020年7月15日
# 上午8:30): the extent of a season or the hour of an event, nothing falls due in it; a label of what is due
# (完成时间：, 报送时间为, 整改期限：) keeps its date a limit
_DEFINED_TIME = re.compile(r"(?P<label>[^，。；、\s：:（()）]{0,8}?)(?:期|时间|日期|时段)(?:为|是|：|:)\s*(?:每年的?)?\s*$")
_DUE_LABEL = re.compile(r"完成|截止|办结|报送|上报|提交|整改|时限|期限|报名|申报|申请|办理|验收|交付|竣工|完工")


def _defined_time(masked: str, start: int) -> bool:
    """Whether the time at ``start`` is the value of a label of when something is, not of what is due."""
    m = _DEFINED_TIME.search(masked, max(0, start - 16), start)
    return m is not None and _DUE_LABEL.search(m.group(0)) is None


# a day that a text names (每年11月9日为全省消防日): when it is, not what falls due on it
_NAMED_DAY = re.compile(r"\s*(?:为|是)[^，。；、]{0,12}?(?:日|月|周|节)(?=[，,。；;\s]|$)")
# the term a document or a licence is valid for (本办法有效期自2026年1月1日起至2027年12月31日止, 有效期至…, 有效期延长至…): a span of
# a state, nothing falls due at its end (convention 4)
_VALIDITY = re.compile(r"有效期限?(?:延长|延续|顺延)?(?:为|是|自|从|至|到|截至|：|:)?\s*$")
# a period written as what a record covers (2020年第一季度季报, 2018年1月1日至12月31日期间的各项指标数据, 上半年工作总结):
# the record's period, not a time by which something falls due; a limit word ends a limit (6月底前报送数据 stays), and
# 报送/报告 are acts, not 月报/年报 (2020年6月报送); 数据 right after the time is the record only where it ends the phrase:
# it opens nouns of its own (2022年底数据共享平台建成, 2024年上半年数据中心项目开工: the time stays a limit)
_RECORD = (r"\s*(?:期间|以内|内)?的?(?:各项|相关|有关|主要)?(?:指标|统计|业务|财务|经济)?"
           r"(?:(?<=[间内的项关要标计务济])数据|数据(?=[，。；;,、）)]|$)|季报|年报(?![送告])|月报(?![送告])|报表|工作总结|财务报告)")
_RECORD_AFTER = re.compile(_RECORD)
_RECORD_IN_RANGE = re.compile(r"(?:[日号月年]|季度|半年)" + _RECORD)  # a range's end point run on into the record
_DATED_RULES = ("ymd", "ym_part", "year_alone", "year_end", "from_until", "month_range", "quarter", "half_year")


def _record_period(d: Deadline, masked: str, end: int) -> bool:
    """Whether a dated time names the period a record covers (季报, 数据, 工作总结 right after it), not a limit."""
    if d.rule not in _DATED_RULES or _AS_LIMIT.search(d.text):
        return False
    if d.rule == "from_until":  # (its end point reads on to the next comma: …12月31日期间的各项指标数据)
        return _RECORD_IN_RANGE.search(d.text) is not None
    return _RECORD_AFTER.match(masked, end) is not None


# a time written as a limit (…前, …止): one already past when the document was issued is still its limit
_AS_LIMIT = re.compile(r"(?:前|之前|以前|止|为止|内)$")


def _past(d: Deadline, issued: date | None) -> bool:
    """Whether a bare date (2018年8月28日，…召开; 已于2017年底开展) lies wholly before the document's issue: it
    tells what happened, nothing falls due."""
    return issued is not None and d.date is not None and d.rule in ("ymd", "ym_part", "year_alone", "year_end", "from_until",
                                                                    "plan_period_end") \
        and YEARS[0] <= d.date.year and d.date < issued and _AS_LIMIT.search(d.text) is None  # (0402年: garbled)


def _is_condition(d: Deadline, masked: str, end: int) -> bool:
    """Whether an event limit is the condition of a ban or of a state not yet reached (未…前), not a due date,
    or names a stage in a list of stages (开工前备案登记、施工中巡查检查、完工后验收报备)."""
    return "未" in (d.event or "") or _BAN_AFTER.match(masked, end) is not None \
        or _STAGE_LIST.match(masked, end) is not None


def _plausible(d: Deadline) -> Deadline:
    """A limit whose year no policy can mean (0402年: a garbled or mistyped digit) keeps its text, no date."""
    if any(x is not None and not YEARS[0] <= x.year <= YEARS[1] for x in (d.date, d.start)):
        return replace(d, date=None, start=None, precision="unknown", rule=d.rule + ":implausible_year")
    return d
