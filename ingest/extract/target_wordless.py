"""Counts written without a counting word (issue 13): a magnitude that closes the count (标识注册总量突破5亿 -> 5 亿) and a
number word before the people it counts (三年六万青年见习计划 -> 60000 人, 百万青年 -> 1000000 人).

targets.py reads a number as a target where a counting word follows it (个, 家, 人, 万元 …). Two written forms count with
none: a magnitude word that closes the number under a comparator (突破5亿。, 达到3000万，), where the magnitude stands as
the unit, and a number word with a magnitude right before the counted people (六万青年, 十万农民工), where the count is
written out. Both are read here, with targets.py's tests of a number that only reports what is (已突破5亿, 截至…达到3000万)
and of a name in quotation marks (“千万学生做消防作业”行动).

Gold README (tests/gold/obligations/README.md): target convention 6 (a unit written with 万/亿 stays the unit; a count
written with a number word before the counted noun and no unit is expanded, unit the counted noun's measure: 人).
"""

from __future__ import annotations

import re

from policykg.ingest.extract.non_targets import _STATUS_LEAD
from policykg.ingest.extract.target_context import Marks, reports_what_is
from policykg.ingest.extract.target_numbers import _CMP, _comparator, cn_to_number
from policykg.ingest.model import Span, Target

__all__ = ["wordless_counts"]

# a magnitude closing a number under a comparator: nothing but a mark of punctuation (or the text's end) after it, so 10亿元,
# 5亿千瓦 and 1000 万 元 (the unit after a space) stay targets.py's
_CLOSING_MAGNITUDE = re.compile(r"(?P<cmp>" + _CMP + r")\s*(?P<num>\d+(?:\.\d+)?)\s*(?P<mag>[万亿])(?=\s*(?:[，,。；;、）)]|$))")
# a number word holding a magnitude (百, 千, 万, 亿) right before the people it counts; not after another numeral (三十万,
# 数十万 are read whole), nor after 每 (每万人: a rate's base)
_PEOPLE = r"青年|人才|学生|干部|职工|农民工|农民|群众|居民|老人|儿童|教师|医生|志愿者|工匠|员工"
_WORD_COUNT_OF_PEOPLE = re.compile(r"(?:(?P<cmp>" + _CMP + r")\s*)?(?<![\d零〇一二两三四五六七八九十百千万亿每第余多几数])"
                                   r"(?P<num>[一二两三四五六七八九十百千万亿]{0,5}[百千万亿])(?P<noun>" + _PEOPLE + r")")
# (the pattern above opens with an optional comparator, so ``re`` tries it at every position: a text that names none of
# the people is not scanned)
_PEOPLE_NOUN = re.compile(_PEOPLE)
# magnitudes stacked with no digit between them, other than a section's 万 or 亿 after a smaller one (十万, 百万, 千万, 万亿):
# tiers of a programme's name (百千万人才工程) or a multitude (千百万青年, 万千青年, 亿万农民), no count
_STACKED_MAGNITUDES = re.compile(r"[十百千万亿][十百千]|[万亿]万|亿亿")


def wordless_counts(text: str, masked: str, offset: int, found: list[Target], marks: Marks) -> list[Target]:
    """The counts of ``masked`` written without a counting word that no target in ``found`` already covers; spans are
    shifted by ``offset``."""
    out: list[Target] = []
    for m, unit in _matches(masked):
        num = m.start("num")
        if any(t.span.start - offset < m.end() and m.start() < t.span.end - offset for t in found):
            continue
        if marks.quote_opens.count_before(num) > marks.quote_closes.count_before(num):
            continue  # “千万学生做消防作业”行动: the name of a campaign
        if marks.has(_STATUS_LEAD, marks.clause_start(m.start()), num) or reports_what_is(masked, num, m.end(), marks):
            continue  # 用户已突破5亿: a report of what is
        if unit == "人" and _STACKED_MAGNITUDES.search(m.group("num")):
            continue
        value = cn_to_number(m.group("num")) if unit == "人" else float(m.group("num"))
        if not value:
            continue
        start = m.start("cmp") if m.group("cmp") else num
        out.append(Target(text[start:m.end()], Span(offset + start, offset + m.end()), value, unit,
                          _comparator(m.group("cmp"), None), text[marks.clause_start(start):start].strip(),  # type: ignore[arg-type]
                          rule="target:wordless"))
    return out


def _matches(masked: str):
    """(match, unit) for every count without a counting word: the magnitude as the unit, or 人 for the people counted."""
    if "万" in masked or "亿" in masked:
        for m in _CLOSING_MAGNITUDE.finditer(masked):
            yield m, m.group("mag")
    if any(c in masked for c in "百千万亿") and _PEOPLE_NOUN.search(masked):
        for m in _WORD_COUNT_OF_PEOPLE.finditer(masked):
            yield m, "人"
