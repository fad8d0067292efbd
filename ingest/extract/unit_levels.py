"""Region and level prefixes: what a unit name's prefix (本区, 区, 松江, 县（市、区）, 省级) names.

``split_prefix`` cuts the prefix off a name and resolves it to a region of the document's chain (区应急局 in
a Songjiang plan: 松江区); compound levels of a legal text (市、县（市、区）, 设区的市) name one unit at each
level, and a level word below the document's own (省级人民政府 in a national text) names every unit at that
level: a kind of unit (gold README roles 1: level words keep a mention a kind; 各市, 相关省份 before a plural
of regions are an open set, roles 3). Self names (本镇, 我区) are the document's own government.
"""

from __future__ import annotations

import re

from policykg.ingest.extract.agencies import region_chain, short_name
from policykg.ingest.model import Region, RegionRef

LEVEL_WORDS = ("本市", "本区", "本县", "本镇", "本乡", "全市", "全区", "全县", "全镇", "全乡", "市级", "区级", "县级",
               "镇级", "乡级", "省级", "同级", "上级", "省", "市", "区", "县", "镇", "乡", "街道")
# a level word of a legal text, perhaps with the kinds of unit at that level in brackets (县（市、区）,
# 区县（自治县）, 镇（乡）): several joined name one unit at each level (市、县（市、区）人民政府)
_KINDS = r"(?:[（(〔](?:市|区|县|乡|镇|自治县|县级市|旗)(?:[、和](?:市|区|县|乡|镇|自治县|县级市|旗))*[）)〕])"
_LEVEL_ATOM = r"(?:设区的市|区县|乡镇|市|省|区|县|乡|镇)" + _KINDS + "?"
_COMPOUND_LEVEL = re.compile("^" + _LEVEL_ATOM + "(?:(?:和|或者|或|、|及)" + _LEVEL_ATOM + ")+")
# one level written so that it can only be a level of government (设区的市, 区县（市）), never a place's name
_ONE_LEVEL = re.compile(r"^(?:设区的市|(?:设区的市|区县|乡镇|市|区|县|乡|镇)" + _KINDS + ")")
_ATOM = re.compile(_LEVEL_ATOM)
_ATOM_LEVEL = {"设区的市": "市", "区县": "县", "乡镇": "镇"}  # the level word each stands for
_RANK = {"省": 1, "市": 2, "区": 3, "县": 3, "乡": 4, "镇": 4}
# after a short place name (嘉定), words that make it another place (嘉定工业区, 嘉定新城), not a prefix
_PLACE_GOES_ON = re.compile(r"工业区|开发区|园区|新区|新城|高新区|经济|保税区|镇|街道|乡")
SELF_NAMES = ("本镇", "我镇", "本乡", "我乡", "本区", "我区", "本县", "我县", "本市", "我市", "本街道")


def split_prefix(core: str, region: Region | None) -> tuple[str, str, RegionRef | None]:
    """(prefix as written, rest, the region the prefix names) for a unit name."""
    chain = region_chain(region)
    for r in chain:
        for form in (r.name, short_name(r.name)):
            if len(form) >= 2 and core.startswith(form) and len(core) > len(form) \
                    and not (form != r.name and _PLACE_GOES_ON.match(core, len(form))):
                return form, core[len(form):], r
    m = _COMPOUND_LEVEL.match(core) or _ONE_LEVEL.match(core)
    if m and len(core) > m.end():
        return m.group(0), core[m.end():], None
    for p in LEVEL_WORDS:
        if core.startswith(p) and len(core) > len(p) and not (p == "区" and core.startswith("区域")):
            return p, core[len(p):], _level_of(p, chain)
    return "", core, None


def _level_of(prefix: str, chain: list[RegionRef]) -> RegionRef | None:
    from policykg.ingest.extract.agencies import LEVEL_PREFIXES, _level_region

    p = prefix[-1] if prefix[-1] in "省市区县镇乡" else prefix
    if prefix in ("本市", "本区", "本县", "本镇", "本乡", "全市", "全区", "全县", "全镇", "全乡"):
        p = prefix[1]
    if prefix.endswith("级") and prefix != "同级" and prefix != "上级":
        p = prefix[0]
    if prefix == "同级":
        return chain[0] if chain else None
    level = LEVEL_PREFIXES.get(p)
    return _level_region(chain, level, p) if level else None


# 各 (有关) before one level of government, perhaps with its kinds: 各市, 各县（市、区）, 各有关省（市）
_EACH_LEVEL = re.compile(r"各(?:有关|相关)?(?:省|市|县|区|乡|镇|区县|乡镇)(?:[（(〔](?:省|市|区|县|乡|镇|自治区|直辖市|自治县|县级市|旗)"
                         r"(?:[、和](?:省|市|区|县|乡|镇|自治区|直辖市|自治县|县级市|旗))*[）)〕])?")

# a set marker before a plural word for the regions of a level (各区市, 相关省份, 有关地方, 各城市): every
# government of that level the text concerns, an open set (gold README roles 3)
_REGION_PLURALS = ("省份", "省区市", "区市", "城市", "地市", "设区市", "县市", "市县", "县区", "地方", "地区")
_SET_OF_REGIONS = re.compile(r"(?:各有关|各相关|各|有关|相关)(?:" + "|".join(_REGION_PLURALS) + ")")


_LEVEL_RANK = {None: 0, "provincial": 1, "city": 2, "county": 3, "township": 4}
_WRITTEN_LEVEL = re.compile(r"(?:地方)?(?P<level>省级|市级|县级以上|县级|区级|乡级|镇级|乡镇级)(?:地方)?")
_WRITTEN_RANK = {"省级": 1, "市级": 2, "县级以上": 3, "县级": 3, "区级": 3, "乡级": 4, "镇级": 4, "乡镇级": 4}


def _below_the_document(bare: str, region: Region | None) -> bool:
    """Whether a unit written with a level word names that level below the document's own region."""
    m = _WRITTEN_LEVEL.match(bare)
    if m is None or len(bare) <= m.end():
        return False
    return _WRITTEN_RANK[m.group("level")] > _LEVEL_RANK.get(region.level if region else None, 0)
