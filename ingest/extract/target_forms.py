"""Targets written otherwise than one number and its unit (issue 13).

A range written with its unit at both ends (60%—70%, 1000元以上3000元以下) joined into one target; a
comparator before the first of a list of amounts shared by the members without one (分别给予最高60万元、40万元);
shares written as Chinese fractions under a comparator (不超过五分之一 -> 0.2, 百分之一 -> 1 %); ratios a
measure sets (按1：1比例配资 -> 1 比例, 师生比不低于1∶4000 -> 4000 师生比); and counts written without a number
(每月组织研判会商 -> once a month, 每年完成万项技改 -> 1 万项, 超万亿元 -> 1 万亿元); a rate's goal with no counting unit
(再降0.5个百分点 -> 0.5 个百分点, 电能利用效率降到1.3以下 -> 1.3). targets.py calls these after its own matches.

Gold README (tests/gold/obligations/README.md): target convention 6 (a range is one target, its lower bound
and >=, an amount to be paid its cap and <=; a number word before a unit of magnitude is value 1 of that
unit; a list of amounts keeps each member), target convention 9 (a ratio is one target: the second term per
one of the first, unit the ratio's word or 比例; shares as fractions) and the schema's ``targets`` field (a
frequency kept in ``text``).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import replace
from itertools import accumulate

from policykg.ingest.extract.non_targets import _COMMITS, _FINE_AFTER, _MONEY, _SANCTION_CLAUSE, _STATUS_LEAD
from policykg.ingest.extract.target_numbers import _CMP, _FREQUENCY, _comparator, cn_to_number
from policykg.ingest.extract.text_marks import CharMarks, RangeSearch, reads_behind, search_at_end
from policykg.ingest.model import Span, Target

_FREQ_CLAUSE = re.compile(_FREQUENCY.pattern + r"(?!\s*(?:[\d一二三四五六七八九十]{1,2}月|底|末|初|度|年|月|\d|□))"
                          r"(?P<rest>(?:[（(][^（）()，。]{0,8}[）)]|(?!、每)[^，。；;：:（(]){2,24})")  # (每月分析、每季度召开: each its own)
# (not after 余/多/几/数, which end a number: 680余万个, 8400多万人次; nor a rate's base: 每万人, 万人发明专利拥有量)
_BARE_WAN = re.compile(r"(?<![\d零〇一二两三四五六七八九十百千万.余多几数每老])(?P<mag>[万千百])(?P<unit>项|企|户|家|人|台|个)"
                       r"(?![口均次]|[^，。；;、]{0,6}拥有)")
# 超万亿元, 过千亿: a number word before a unit of magnitude is one of that unit, passed (convention 6)
_BARE_MAGNITUDE = re.compile(r"(?:超过|超|过|逾|突破)(?P<mag>[万千百])(?P<unit>亿元|亿|万元)")


# what joins the members of a list of amounts (最高500万元（国家级）、100万元（省级）): 、 after an optional note in brackets
_BOUND_WORD = re.compile(r"(?:最高|最多|最低|不超过|不低于|不少于|至少|超过|突破)?\s*\d")
_LIST_JOIN = re.compile(r"\s*(?:[（(][^（）()]{0,10}[）)])?\s*[、和及]\s*$")


def _shared_comparators(found: list[Target], masked: str, offset: int) -> list[Target]:
    """A comparator before the first of a list of amounts bounds each member (分别给予最高60万元、40万元 -> both
    <=; 不少于3人、5人): a member without its own comparator takes the one before it, unit for unit."""
    out: list[Target] = []
    for t in sorted(found, key=lambda t: t.span.start):
        prev = out[-1] if out else None
        if prev is not None and t.comparator == "=" and t.rule == "target:count" and prev.unit == t.unit \
                and prev.rule in ("target:cmp", "target:shared_cmp") and _BOUND_WORD.match(prev.text) \
                and t.text[:1].isdigit() and _LIST_JOIN.match(masked[prev.span.end - offset:t.span.start - offset]):
            t = replace(t, comparator=prev.comparator, rule="target:shared_cmp")
        out.append(t)
    return out


_RANGE_JOIN = re.compile(r"\s*[—\-~～－至到]{1,2}\s*$")


def _joined_ranges(found: list[Target], text: str, masked: str, offset: int) -> list[Target]:
    """A range written with its unit at both ends is one target (gold target convention 6): 60%—70% -> >= 60,
    1000元以上3000元以下 -> the lower bound, or for money paid its cap (<= 3000), as 600—3000元 is."""
    out: list[Target] = []
    for t in sorted(found, key=lambda t: t.span.start):
        prev = out[-1] if out else None
        if prev is not None and prev.unit == t.unit and prev.value < t.value:
            between = masked[prev.span.end - offset:t.span.start - offset]
            dashed = prev.comparator == "=" and t.comparator == "=" and _RANGE_JOIN.fullmatch(between) is not None
            bounded = not between.strip() and prev.comparator == ">=" and t.comparator == "<=" \
                and re.search(r"以上$", prev.text) is not None and re.search(r"以下$", t.text) is not None
            if dashed or bounded:
                paid = t.unit in _MONEY
                start, end = prev.span.start, t.span.end
                out[-1] = Target(text[start - offset:end - offset], Span(start, end), t.value if paid else prev.value, t.unit, "<=" if paid else ">=",
                                 prev.measure, rule="target:range")
                continue
        out.append(t)
    return out


# a share written in words (不超过五分之一, 不低于从业人员百分之一的比例): 百分之N is N %, 千分之N N ‰, other
# fractions their value; a target where a comparator bounds it, as a percentage is (gold target convention 9)
_FRACTION = re.compile(r"(?P<den>[一二三四五六七八九十百千]{1,3})分之(?P<num>[一二两三四五六七八九十百零〇]{1,6})")
_BOUND = re.compile(r"(?P<cmp>" + _CMP + r")[^，。；;：:、]{0,8}?$")


def _fractions(text: str, masked: str, offset: int, clause_marks: CharMarks, search: RangeSearch) -> list[Target]:
    """Shares written as Chinese fractions under a comparator (不超过五分之一 -> 0.2, 不低于…百分之一 -> 1 %);
    ``clause_marks`` are the marks ``target_numbers._clause_start`` reads, ``search`` searches ``masked``."""
    out: list[Target] = []
    for m in _FRACTION.finditer(masked) if "分之" in masked else ():
        clause_start = clause_marks.last_before(m.start()) + 1  # (the lead: masked[clause_start:m.start()])
        if reads_behind(_BOUND):  # (an anchor or a look-behind would read the lead's start: the lead itself is searched)
            b = _BOUND.search(masked[clause_start:m.start()])
            bound = (clause_start + b.start(), b.group("cmp")) if b else None
        else:  # (where it stands: only the lead's last characters are read)
            b = search_at_end(_BOUND, masked, m.start(), clause_start)
            bound = (b.start(), b.group("cmp")) if b else None
        if bound is None or search.has(_SANCTION_CLAUSE, clause_start, m.start()) \
                or search.has(_STATUS_LEAD, clause_start, m.start()) or _FINE_AFTER.match(masked, m.end()):
            continue  # 处上一年年收入百分之四十的罚款: a fine; 超过四分之三的学校 (a status): no commitment
        whole, part = m.group("den"), m.group("num")
        den, num = cn_to_number(whole), cn_to_number(part)
        if not den or num is None:
            continue
        value, unit = (num, "%") if den == 100 else (num, "‰") if den == 1000 else (round(num / den, 4), "")
        start = bound[0]
        out.append(Target(text[start:m.end()], Span(offset + start, offset + m.end()), value, unit,
                          _comparator(bound[1], None), text[start:m.start()], rule="target:fraction"))
    return out


# a ratio the measure sets (按照1：1比例负担, 师生比不低于1∶4000, 配套经费与国拨经费比例不低于1:1): one target, value the
# second term per one of the first, unit the ratio's word (师生比) or 比例 (gold target convention 9); the ratio's word
# must stand right before it (with a comparator) or 比例 right after, so that clock times and standard numbers
# (8:30, ISO 17296-1:2014) are none
_RATIO = re.compile(r"(?:(?P<word>[\u4e00-\u9fff]{0,3}比例?)\s*(?P<cmp>" + _CMP + r")?\s*)?(?<![\d.:：∶\-])"
                    r"(?P<a>\d+(?:\.\d+)?)\s*[:：∶]\s*(?P<b>\d+(?:\.\d+)?)(?![\d:：∶])(?P<after>\s*(?:的)?比例)?")

_RATIO_CORE = re.compile(r"\d\s*[:：∶]\s*\d")


def _ratios(text: str, masked: str, offset: int) -> list[Target]:
    """Ratios a measure sets (按1：1比例配资 -> 1 比例, 师生比不低于1∶4000 -> 4000 师生比)."""
    out: list[Target] = []
    if not _RATIO_CORE.search(masked):
        return out  # (the optional word before the terms makes the full pattern slow to fail)
    for m in _RATIO.finditer(masked):
        if not (m.group("word") or m.group("after")) or _FINE_AFTER.match(masked, m.end()):
            continue
        a, b = float(m.group("a")), float(m.group("b"))
        if not a:
            continue
        word = m.group("word") or ""
        unit = word if word and not word.startswith("比") and word.endswith("比") else "比例"
        start = m.start("a") if not word else m.start("word") + (len(word) - len(unit) if unit != "比例" else 0)
        if unit == "比例" and word:
            start = m.start("cmp") if m.group("cmp") else m.start("a")
        out.append(Target(text[start:m.end()], Span(offset + start, offset + m.end()), round(b / a, 4), unit,
                          _comparator(m.group("cmp"), None), unit, rule="target:ratio"))
    return out


def _bare_counts(text: str, masked: str, offset: int, found: list[Target], clause_marks: CharMarks,
                 opens: CharMarks, closes: CharMarks, search: RangeSearch) -> list[Target]:
    """Targets written without a number: 每月组织研判会商 (once a month), 每年完成万项技改 (one 万项). ``clause_marks``
    are the marks ``target_numbers._clause_start`` reads, ``opens`` and ``closes`` the quotation marks “ and ”,
    ``search`` searches ``masked``."""
    taken_starts: list[int] | None = None  # (the found spans by start, with the furthest end so far: built at need)
    furthest_end: list[int] = []
    out: list[Target] = []
    magnitude = "万" in masked or "千" in masked or "百" in masked  # (what a bare count needs: 万项, 千家, 百项, 超万亿元)
    for m in _BARE_WAN.finditer(masked) if magnitude else ():
        if opens.count_before(m.start()) > closes.count_before(m.start()):
            continue  # “万企帮万村”: the name of a campaign
        clause_start = clause_marks.last_before(m.start()) + 1
        start = search.first(_FREQUENCY, clause_start, m.start())
        begin = start if start >= 0 else max(clause_start, m.start() - 4)
        end = min(len(masked), m.end() + 2)
        out.append(Target(text[begin:end], Span(offset + begin, offset + end), 1.0, m.group("mag") + m.group("unit"),
                          ">=" if masked[m.start() - 1:m.start()] in ("超", "逾") else "=",
                          text[begin:m.start()], rule="target:bare_wan"))
    for m in _BARE_MAGNITUDE.finditer(masked) if magnitude or "百" in masked else ():
        out.append(Target(text[m.start():m.end()], Span(offset + m.start(), offset + m.end()), 1.0,
                          m.group("mag") + m.group("unit"), ">=", text[m.start():m.end()], rule="target:bare_wan"))
    for m in _FREQ_CLAUSE.finditer(masked) if "每" in masked else ():
        clause_end = m.end()
        if taken_starts is None:
            taken = sorted((t.span.start - offset, t.span.end - offset) for t in found)
            taken_starts, furthest_end = [s for s, _ in taken], list(accumulate((e for _, e in taken), max))
        k = bisect_left(taken_starts, clause_end)  # the spans that start before the clause ends: one bisection
        if k and furthest_end[k - 1] > m.start() or any(
                _NUM_AFTER.search(masked, m.end("rest") - len(m.group("rest")), clause_end) for _ in (0,)):
            continue  # a count follows in the clause: the counted target already holds the frequency
        if not _ACTS.search(m.group("rest")):
            continue  # 每年12月 … or 每人 …: a date or a share, not something done each period
        out.append(Target(text[m.start():clause_end], Span(offset + m.start(), offset + clause_end), 1.0, "次", "=",
                          text[m.start():clause_end], rule="target:frequency"))
    return out


_NUM_AFTER = re.compile(r"(?:\d+(?:\.\d+)?|[一二两三四五六七八九十])\s*(?:次|轮|课时|学时|人|名|个|场)")
_ACTS = re.compile(r"组织|开展|召开|进行|研判|会商|检查|督查|评估|考评|考核|培训|演练|分析|研究|排查|巡查|通报|报告|报送|"
                   r"调度|部署|督导|调整|更新|修订|维护|检测|测试|宣传|走访|总结|挂牌")


# A rate's goal written without a counting unit: a change in percentage points after a verb of change (综合融资成本较上年度
# 再降0.5个百分点, 至少提高2个百分点: unit 个百分点 as written), or a coefficient's value after a verb of reaching or a bound
# (电能利用效率降到1.3以下: unit none, as a fraction's). A clause that reports (同比下降2个百分点, 比上年提高1.2个百分点) is
# no target unless its sentence commits (确保…较上年度再降…).
_POINTS = re.compile(r"(?:(?P<cmp>" + _CMP + r")\s*)?(?P<verb>降低|下降|提高|提升|增长|增加|减少|降|升|增)\s*(?P<num>\d+(?:\.\d+)?)\s*"
                     r"(?P<unit>个百分点|百分点)(?P<tail>以上|以内|左右)?")
_COEFFICIENT = re.compile(r"(?:率|系数|指数|PUE)\s*(?P<verb>降到|降至|降低到|降低至|控制在|不高于|不超过|低于|达到|提高到|提升到|不低于)\s*"
                          r"(?P<num>\d+(?:\.\d+)?)(?P<tail>以下|以上|以内)?(?![\d.%％‰:：]|\s*[\u4e00-\u9fff%％A-Za-z])")


def _rate_values(text: str, masked: str, offset: int, clause_marks: CharMarks, search: RangeSearch) -> list[Target]:
    """Changes in percentage points and coefficients' values a measure sets (再降0.5个百分点 -> 0.5 个百分点; 电能利用效率
    降到1.3以下 -> 1.3, <=); ``clause_marks`` are the marks clauses open after, ``search`` searches ``masked``."""
    out: list[Target] = []
    found = [(m, "points") for m in _POINTS.finditer(masked)] if "百分点" in masked else []
    found += [(m, "coefficient") for m in _COEFFICIENT.finditer(masked)] if "率" in masked or "数" in masked or "PUE" in masked else []
    for m, kind in found:
        clause_start = clause_marks.last_before(m.start()) + 1
        if search.has(_STATUS_LEAD, clause_start, m.start()) or search.has(_SANCTION_CLAUSE, clause_start, m.start()):
            lead = masked[max(0, m.start() - 200):m.start()]
            sentence = re.split(r"[。；;]", lead)[-1]
            if not _COMMITS.search(sentence):
                continue  # 同比下降2个百分点: a report of what changed
        cmp = m.group("cmp") if kind == "points" else m.group("verb")
        start = m.start("cmp") if kind == "points" and m.group("cmp") else m.start("verb")
        out.append(Target(text[start:m.end()], Span(offset + start, offset + m.end()), float(m.group("num")),
                          m.group("unit") if kind == "points" else "", _comparator(cmp, m.group("tail")),
                          text[clause_start:m.start("num")].strip(), rule="target:rate"))
    return out
