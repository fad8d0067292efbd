"""Not targeted, zones: a zone the text names where the obligation's work is not done on the place.

A zone (开发区, 高新区, 园区, 自贸试验区, 先导区 …) is a site where it is built, developed, supplied, managed or made safe,
or where a facility is set up in it (gold site-type convention 25). It takes no entry where

- it only states where a rule applies: a scope column (适用范围：福建自贸试验区, convention 25 (c): like the title);
- it receives powers (下放至X, 授权X, 授予X, 赋予X …, convention 25 (b));
- a pilot is placed in it (在自贸试验区试点实施…, 在X开展…试点, 在X探索…, convention 25 (c)); a facility set up
  in it (在X设置受理窗口) keeps it.

- it is listed among the administrative units of a region (对照各旗县区、稀土高新区及各部门报送的…; 支持有条件的地方
  政府、产业园区和龙头企业建设…): beside the region's governments or departments the zone names its administration, a unit that acts or reports (convention 25 (a); role convention 12: a
  zone by its administration), not a place worked on.

Tried and left (session 8): units located in a zone (X内企业, 园区企业, convention 25 (d)) and a zone a pivot verb
enlists to act (支持X引进人才, 25 (a)) each cost dev-check site-type matches.
"""

from __future__ import annotations

import re

_ZONE_ENDS = ("区", "园", "园区")

# a scope column (（负责部门：…；适用范围：所有自贸试验区）): the zone bounds the rule, as a title does
_SCOPE = re.compile(r"适用范围\s*[：:][^）)。；\n]*\Z")

# powers handed to the zone: 下放至X, 授权X, 授予X, 赋予X (a rank, a set word or a 的-phrase between: 赋予国家级开发区,
# 授权有条件的X)
_POWERS = re.compile(r"(?:下放(?:至|到|给)|授权(?:给)?|授予|赋予|交由)(?:[^，。；：、\n]{0,10}的)?"
                     r"(?:各|有关|相关|所有)?(?:国家级|省级(?:以上)?|市级)?\Z")

# a pilot placed in the zone: 在X(内)试点…, 在X开展…试点, 在X探索…
_IN_BEFORE = re.compile(r"在(?:[^，。；：、\n]{0,10}的)?(?:各|有关|相关|所有)?\Z")
_PILOT_AFTER = re.compile(r"(?:内)?(?:率先|先行)?(?:试点|探索|开展[^，。；：\n]{0,20}?试点)")


# the administrative units a zone is listed with: governments or departments right before it, or departments, units or
# governments right after it (a region's districts before it, 各区县、产业园区消防站, may name places: they count only
# with departments after the zone, 各旗县区、稀土高新区及各部门)
_UNITS_BEFORE = re.compile(r"(?:(?:地方|人民)政府|各部门)[、和及与]\Z")
_UNITS_AFTER = re.compile(r"[、和及与](?:各|有关|相关)?(?:部门|单位|(?:地方|人民)?政府)")


def zone_not_worked_on(text: str, start: int, end: int) -> bool:
    """Whether a zone at [start, end) only bounds a rule, receives powers, hosts a pilot or is listed among the
    administrative units of a region (see the module)."""
    if not text.endswith(_ZONE_ENDS, start, end):
        return False
    lo = max(0, start - 40)
    if _SCOPE.search(text, lo, start) or _POWERS.search(text, lo, start):
        return True
    if _UNITS_BEFORE.search(text, max(0, start - 12), start) or _UNITS_AFTER.match(text, end):
        return True  # 各旗县区、|稀土高新区|及各部门: the zone's administration, listed among units
    return _IN_BEFORE.search(text, max(0, start - 16), start) is not None and _PILOT_AFTER.match(text, end) is not None
