"""Quantified targets: value, unit, comparator and what they measure (达标率实现100%, 不少于1次).

Rules over the masked text (dates, 文号 and titles blanked first): a comparator word (不少于, 不低于,
至少, 达到, 实现, 不超过 …) or a measure noun before a number with a counting unit, or a percentage.
Chinese numerals (一次, 十五人) are read by a small converter; 一批 and 进一步 are not numbers.
"""

from __future__ import annotations

import re

from policykg.ingest.extract.deadlines import mask
from policykg.ingest.extract.scan import finditer_near
from policykg.ingest.model import Span, Target

_DIGIT = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_UNIT = {"十": 10, "百": 100, "千": 1000, "万": 10000}
_UNITS = ("课时|学时|小时|分钟|人次|人|名|次|个|家|处|支|座|所|辆|台|套|场|轮|户|栋|幢|批次|项|条|期|天|日|周|"
          "万元|元|平方米|米|公里|MPa|兆帕|%|％")
_GE = ("不少于", "不低于", "至少", "不小于", "以上", "及以上", "超过", "达到", "≥")
_LE = ("不超过", "不高于", "不多于", "以内", "以下", "及以下", "控制在", "低于", "≤")
_CMP = "不少于|不低于|不小于|至少|不超过|不高于|不多于|控制在|超过|达到|实现|达|低于|保持|≥|≤"
_NUM = r"(?:\d+(?:\.\d+)?万?|[零〇一二两三四五六七八九十百千万]{1,6})"
_PATTERN = re.compile(
    r"(?P<measure>[\u4e00-\u9fa5A-Za-z“”\"]{0,12}?)(?P<cmp>" + _CMP + r")?\s*(?P<num>" + _NUM + r")\s*"
    r"(?P<unit>" + _UNITS + r")(?P<tail>及以上|以上|以下|以内|及以下)?")
# The part of _PATTERN after its measure: a target exists only where this matches, and a match of
# _PATTERN starts at most 12 characters (the longest measure) before the first place it does.
_CORE = re.compile(r"(?:" + _CMP + r")?\s*(?:" + _NUM + r")\s*(?:" + _UNITS + r")")
_DATE_OR_TIME = re.compile(r"\d{1,4}\s*[年月日号时](?:底|末|前|内)?")
# a count word that is not a quantity: 一批 / 一律 / 一把手 are not listed as units; these guard 一次性.
_NOT_AFTER = re.compile(r"^(?:性|级|类|线|体|期间)")
_STOP_MEASURE = re.compile(r".*[在于对将把的和与及、]")
_INNER_CMP = re.compile("不少于|不低于|至少|不超过|不高于")
_NEED_CMP_UNITS = {"MPa", "兆帕", "平方米", "米", "公里", "天", "日", "周", "小时", "分钟", "元", "万元", "条", "期", "项"}


def cn_to_number(s: str) -> float | None:
    """A number written in digits or Chinese numerals (十五 -> 15, 一百二十 -> 120)."""
    if re.fullmatch(r"\d+(?:\.\d+)?", s):
        return float(s)
    if re.fullmatch(r"\d+(?:\.\d+)?万", s):
        return float(s[:-1]) * 10000
    total, section, digit = 0, 0, None
    for ch in s:
        if ch in _DIGIT:
            digit = _DIGIT[ch]
        elif ch in _UNIT:
            u = _UNIT[ch]
            if u == 10000:
                total = (total + section + (digit or 0)) * u
                section, digit = 0, None
            else:
                section += (digit if digit is not None else 1) * u
                digit = None
        else:
            return None
    return float(total + section + (digit or 0))


def _comparator(cmp: str | None, tail: str | None) -> str:
    if tail and tail in _GE or cmp in _GE:
        return ">="
    if tail and tail in _LE or cmp in _LE:
        return "<=" if cmp != "低于" else "<"
    return "="


def extract_targets(text: str, offset: int = 0) -> tuple[Target, ...]:
    """Every quantified target in ``text``; spans are shifted by ``offset``."""
    masked = mask(text)
    # dates and clock times are deadlines, not targets: blank them so 12月 or 20时 never read as counts
    masked = _DATE_OR_TIME.sub(lambda m: "□" * len(m.group(0)), masked)
    out: list[Target] = []
    for m in finditer_near(_PATTERN, _CORE, masked, 12):
        num, unit, cmp = m.group("num"), m.group("unit"), m.group("cmp")
        value = cn_to_number(num)
        if value is None or _NOT_AFTER.match(masked[m.end():m.end() + 2]) or masked[m.start("num") - 1:
                                                                                    m.start("num")] == "第":
            continue
        is_cn = not num[0].isdigit()
        if is_cn and masked[m.start("num") - 1:m.start("num")] in ("“", "\"", "「"):
            continue  # “百名消防指挥长”, “四个意识”: a name or slogan, not a quantity
        if is_cn and unit in ("日", "天", "期", "项", "条") and not cmp:
            continue
        inner = _INNER_CMP.search(m.group("measure"))
        if inner and not cmp:  # 至少组织召开1次: the comparator stands before the verb
            cmp = inner.group(0)
        if m.group("tail") in ("以上", "及以上", "以下", "及以下") and masked[m.end():m.end() + 1] == "的":
            continue  # 住宿人员达到10人及以上的自建房: a criterion that picks sites, not a target
        if unit in ("平方米", "米", "公里") and not m.group("cmp"):
            continue  # 5万平方米以上 defines a kind of site; a size is a target only after 不少于/达到
        if unit in _NEED_CMP_UNITS and not cmp and not m.group("tail"):
            continue  # 5万平方米, 5分钟: a size or a definition, not a target, unless a comparator says so
        if is_cn and num == "一" and not cmp and unit not in ("次", "轮", "人", "名"):
            continue
        measure = _STOP_MEASURE.sub("", m.group("measure")).strip("“”\" ")
        if inner:
            measure = measure.split(inner.group(0))[-1]
        start = m.start("cmp") if m.group("cmp") else m.start("num")
        if inner:
            start = m.start("measure") + inner.start()
        elif measure and not cmp:
            start = m.end("measure") - len(measure)
        unit = "%" if unit == "％" else unit
        out.append(Target(text[start:m.end()], Span(offset + start, offset + m.end()), value, unit,
                          _comparator(cmp, m.group("tail")), measure, rule="target:" + ("cmp" if cmp else "count")))
    return tuple(out)
