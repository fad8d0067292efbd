"""Targets written as a scale word N级 (千亿级产业集群, 百亿级的特色产业集群): gold target convention 11.

A scale word names the class a quantity reaches, a lower bound: ``value`` and ``unit`` by convention 6's number words with
级 dropped (千亿级 -> 1 千亿, 7000亿级 -> 7000 亿, 五千亿级 -> 5 千亿, 千万千瓦级 -> 1 千万千瓦), comparator ``>=``
whatever verb stands before it. A grade (三级, 一级响应, 三级以下) and a level of government (国家级, 省级) have no magnitude and are no scale.
"""

from __future__ import annotations

import re

from policykg.ingest.extract.target_numbers import cn_to_number
from policykg.ingest.model import Span, Target

# a magnitude (万, 亿, 百亿, 千万 …), optionally after digits or one Chinese digit (五千亿级: 5 千亿) and before a
# measure, then 级
_SCALE = re.compile(r"(?P<num>\d+(?:\.\d+)?|[一二两三四五六七八九])?(?P<mag>[十百千]?[万亿]{1,2}|[百千](?=[万亿千]|级))(?P<what>千瓦|吨|元)?级")
_DIGIT_BEFORE = re.compile(r"[\d.]")


def scale_targets(text: str, masked: str, offset: int) -> list[Target]:
    """The scale words of ``text`` (``masked``: dates and titles blanked) as targets, ``>=``."""
    out: list[Target] = []
    if "级" not in masked:
        return out
    for m in _SCALE.finditer(masked):
        if m.group("num") is None and m.start() > 0 and _DIGIT_BEFORE.match(masked, m.start() - 1):
            continue  # (the tail of a longer number)
        value = (cn_to_number(m.group("num")) or 1.0) if m.group("num") else 1.0
        unit = m.group("mag") + (m.group("what") or "")
        out.append(Target(text[m.start():m.end()], Span(offset + m.start(), offset + m.end()), value, unit, ">=",
                          text[m.start():m.end()], rule="target:scale"))
    return out
