"""Numbers, units and comparators of targets: what a quantity is written as (issue 13).

The pattern a target's core must match (a comparator word, a number in digits or Chinese numerals, an
optional second number of a range, a magnitude and a counting unit), the converter of Chinese numerals
(十五 -> 15, 一百二十 -> 120), the comparator a word or tail gives (不少于/以上 -> >=, 不超过/以内 -> <=, else =;
under 禁止/不得 the sense turns), the dates and clock times that are blanked so that 12月 or 20时 never read as
counts (a number of years after a comparator is a length and stays), and the frequency words (每年, 每半年,
每季度 …) that stay in a target's text. Which matches are no targets is non_targets.py's; the loop that reads
a text is targets.py's.

Gold README (tests/gold/obligations/README.md): the schema's ``targets`` field (``value``, ``unit`` as
written, ``comparator``, a frequency kept in ``text``) and target convention 6 (以上, 不少于, 至少, 突破, 超,
超过 -> >=; 以内, 不超过, 以下, 最高 -> <=; 左右, 达到 and a bare number -> =; number words are read; a unit
written with 万/亿 stays the unit).
"""

from __future__ import annotations

import re

_DIGIT = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_UNIT = {"十": 10, "百": 100, "千": 1000, "万": 10000}
# 份 (copies: 一式6份), 批 (batches, under a bound: not 一批 "a set of", 批准/批复 …) and, after digits only, 字 (3000字左右) and 类 (19类模块):
# counting words as the others (十字路口, 一类企业 are words)
_UNITS = ("课时|学时|小时|分钟|人次|人|名|位|次|个月|个|家|处|支|座|所|辆|台|套|场|轮|户|栋|幢|批次|(?<!一)批(?![准复示评发量])|份|(?<=\\d)字|"
          "(?<=\\d)类|项|条|期|天|日|周|年|"
          "千瓦时|千瓦|吨|公顷|亩|万元|亿元|元|平方米|毫米|厘米|米|公里|MPa|兆帕|Gbps|Mbps|[EPT]FLOPS|[EPT]B(?![A-Za-z])|本|件|种|款|%|％|‰")
_GE = ("不应少于", "不应低于", "不宜少于", "不宜低于", "不少于", "不低于", "至少", "不小于", "以上", "及以上", "超过", "≥", "不得少于", "不得低于",
       "最低", "最少", "突破", "超")
_LE = ("不应超过", "不应高于", "不宜超过", "不宜高于", "不超过", "不高于", "不多于", "以内", "以下", "及以下", "控制在", "低于", "≤", "不得超过", "不得高于", "最高", "最多",
       "不超")
# 突破1000亿元, 超500亿元: passing a mark is at least it (gold target convention 6)
_CMP = ("不得超过|不得高于|不得少于|不得低于|不[应宜](?:超过|高于|少于|低于)|不少于|不低于|不小于|至少|不超过|不高于|不多于|控制在|超过|突破|"
        "不超(?=\\s*\\d)|超(?=\\s*\\d)|达到|实现|达|低于|保持|最高|最低|最多|最少|≥|≤")
_ALLOWED_ACTS = "(?:享受|申报|申请|申领|领取|领|承担|参加|担任|推荐|报送|报|获得|认定)"
_NUM = r"(?:\d+(?:\.\d+)?|[零〇一二两三四五六七八九十百千万]{1,6})"
# a number right after 每 is the period or base a count is per (至少每两小时1次, 每100平方米), never a count
_PATTERN = re.compile(
    r"(?P<measure>[\u4e00-\u9fa5A-Za-z“”\"]{0,12}?)(?P<cmp>" + _CMP + r")?\s*(?<!每)(?P<num>" + _NUM + r")\s*"
    r"(?:(?P<upto>[—\-~～－至到])\s*(?P<num2>\d+(?:\.\d+)?)\s*)?"
    r"(?P<mag>[万亿](?=\s*[^\s元]|\s+元))?\s*(?P<unit>" + _UNITS + r")(?P<tail>及以上|以上|以下|以内|及以下|左右)?")


def _opening_chars(alternatives: str) -> str:
    """The characters the top-level alternatives of a pattern of words open with (不得超过|至少|… -> 不至…);
    each must open with a plain character."""
    out, depth, opening = [], 0, True
    for i, ch in enumerate(alternatives):
        if opening:
            if ch in "\\[(.^$|?*+{":
                raise ValueError(f"an alternative opens with a pattern at {i}: {alternatives}")
            out.append(ch)
            opening = False
        if ch in "([":
            depth += 1
        elif ch in ")]":
            depth -= 1
        elif ch == "|" and depth == 0:
            opening = True
    return "".join(sorted(set(out)))


# The part of _PATTERN after its measure: a target exists only where this matches, and a match of
# _PATTERN starts at most 12 characters (the longest measure) before the first place it does. (Speed: a
# match opens with a comparator, a space or a number; the look-ahead on those characters first lets ``re``
# pass every other position at once, 3.5x faster with the same matches.)
_CORE_OPENS = "[" + re.escape(_opening_chars(_CMP)) + r"\s\d零〇一二两三四五六七八九十百千万]"
_CORE = re.compile(r"(?=" + _CORE_OPENS + r")(?:" + _CMP + r")?\s*(?:" + _NUM + r")\s*"
                   r"(?:[—\-~～－至到]\s*\d+(?:\.\d+)?\s*)?[万亿]?\s*(?:" + _UNITS + r")")
# 1年 is a date unless it is a length (参保1年以上); 12月, 20时 are dates and times (\d\d{0,3}: opening with one
# digit, re passes the positions without one at once)
_DATE_OR_TIME = re.compile(r"\d\d{0,3}\s*(?:年(?!以上|以下|以内|及以上)|[月日号时])(?:底|末|前|内)?")
# 资助期限为3年, 实施周期为2年, 公示期为5天: the number of time units that the period of the work a measure funds or
# runs (its grant, research, construction, pilot; gold deadline convention 15: the grant's length written as a count), or a
# publicity period (deadline convention 10: the length of a state), is equated with is a length, a target; a period that
# names no such work (还本期限为5年, 周期为1年) is left as it was, and so is a rule's validity (有效期为3年, deadline 15)
_NAMED_LENGTH = r"(?:(?:资助|执行|实施|研究|建设|试点)(?:期限|周期|期)|公示期)(?:为|是)"
_LENGTH_NAMED = re.compile(_NAMED_LENGTH + r"\s*$")
# 缓缴期限不超过1年, 最长不超过2年: a number of years after a comparator, or named a length, is a length, not a date
_LENGTH_AFTER_CMP = re.compile(r"(?:不超过|不得超过|不少于|不低于|至少|最长|最短|超过|满|" + _NAMED_LENGTH + r")\s*$")
_LENGTH = re.compile(r"\d{1,2}\s*年")
_STOP_MEASURE = re.compile(r".*[在于对将把的和与及、]")
# 限申报1个, 每人每年只享受一次, 仅限推荐1项: what a rule allows is at most its number (a cap on a benefit or an
# application, gold target convention 6 <=); 只/仅 need their verb (目前仅3家 only reports), 限 is no part of 期限, 上限 …
_AT_MOST = ("(?:(?:只|仅)(?:限|能|可)?" + _ALLOWED_ACTS + "|(?<![期时权界额年上下有无])限" + _ALLOWED_ACTS + "?)$")
_INNER_CMP = re.compile("不[应宜](?:超过|高于|少于|低于)|不得超过|不得低于|不得少于|不少于|不低于|至少|不超过|不高于|最低|最高|最多|最少|"
                        + _AT_MOST)
_NEGATED = re.compile(r"(?:禁止|严禁|不得|不准)[^，。；]{0,12}$")
_FREQUENCY = re.compile(r"每(?:年|半年|季度|季|月|周|旬|学期|学年|天|日|班|[两三四五六七八九十\d]{1,2}(?:年|个月|周|天|小时))")


_AT_MOST_RE = re.compile(_AT_MOST)


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


def _comparator(cmp: str | None, tail: str | None, negated: bool = False) -> str:
    if cmp and _AT_MOST_RE.search(cmp):
        return "<="  # 限申报1个: at most
    if negated and cmp in ("低于", "少于", "小于"):
        return ">="  # 禁止…低于0.01毫米: at least
    if negated and cmp in ("超过", "高于", "多于"):
        return "<="
    if tail and tail in _GE or cmp in _GE:
        return ">="
    if tail and tail in _LE or cmp in _LE:
        return "<=" if cmp != "低于" else "<"
    return "="


def _clause_start(masked: str, pos: int) -> int:
    return max((masked.rfind(c, 0, pos) for c in "，。；;：:"), default=-1) + 1

