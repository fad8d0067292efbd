"""Tier and kind lists inside one unit phrase: the closed grammar of administrative levels and of kinds.

``tier_groups`` cuts a list of levels that opens a phrase (各市、县（市、区）、乡镇人民政府) into its tiers, from the
higher tier down, and leaves a list of one tier (区、县; 省、自治区、直辖市) whole (gold README roles 22 amendment).
``read_kinds`` reads a list of kinds under one set marker (各级财政和审计部门; 各级党委、政府) into members with the
shared words written out (gold README roles 13(a), 22). ``unit_lists.read_list`` uses the tier atoms to keep a set of
levels together as one item.
"""

from __future__ import annotations

import re
from functools import lru_cache

from policykg.ingest.extract.agencies import load_dictionary
from policykg.ingest.extract.unit_kinds import classify

# the tiers of administration (gold README roles 22 amendment): a closed class of level words, each with the tier it
# names; 区县, 乡镇 and 省直管县 are one word each, a word with no separator inside (市县, 区县市) is no list of tiers
_TIER_OF = {"省": 1, "自治区": 1, "直辖市": 1,
            "市": 2, "设区的市": 2, "设区市": 2, "省辖市": 2, "地级市": 2, "自治州": 2, "州": 2, "盟": 2,
            "县": 3, "区": 3, "旗": 3, "县级市": 3, "区县": 3, "自治县": 3, "自治旗": 3, "省直管县": 3,
            "乡": 4, "镇": 4, "街道": 4, "乡镇": 4}
_TIER_WORD = "|".join(sorted(_TIER_OF, key=len, reverse=True))
# one level word with the gloss in brackets that belongs to it (县（市、区）, 省直管县〔市〕)
_TIER_ATOM = re.compile(r"(?P<word>" + _TIER_WORD + r")(?:[（(〔][^（）()〔〕]{1,12}[）)〕])?")
_EACH_TIER = re.compile(r"各(?:" + _TIER_WORD + r")(?:[（(〔][^（）()〔〕]{1,12}[）)〕])?")
_TIER_SEP = re.compile(r"、|和|及|或者")  # lists are cut only at their separators (site convention 17's line)


def tier_groups(np: str) -> tuple[str, list[str], str] | None:
    """A list of levels that opens ``np`` cut by tier: (the set marker 各 before it or "", the written words of each
    tier in order, the words after the list that every tier shares), or None when ``np`` opens with no list of levels
    or all of its levels are one tier (区、县; 乡、镇; 省、自治区、直辖市: one set of units, gold README roles 22 amendment).
    Lists run from the higher tier down, so a 市 after a county-tier word is a county-level city (a city's 区、市)."""
    each = "各" if np.startswith("各") else ""
    pos = len(each)
    groups: list[list[int]] = []  # [start, end, tier]
    last = 0
    while True:
        m = _TIER_ATOM.match(np, pos)
        if m is None:
            return None
        tier = _TIER_OF[m.group("word")]
        if m.group("word") == "市" and last >= 3:
            tier = last  # 区、市: the district's tier
        if groups and tier == groups[-1][2]:
            groups[-1][1] = m.end()
        else:
            groups.append([m.start(), m.end(), tier])
        last, pos = tier, m.end()
        sep = _TIER_SEP.match(np, pos)
        if sep is None:
            break
        pos = sep.end()
    rest = np[pos:]
    if len(groups) < 2 or not rest:
        return None
    return each, [np[a:b] for a, b, _ in groups], rest


# the words a list of kinds shares before its first member: a set or level marker (各级, 省级), perhaps with an attribute
# of the whole list (政府性: a word in 性 modifies every member, not the first alone)
_KINDS_PREFIX = re.compile(r"(?:地方)?各级(?:[\u4e00-\u9fff]{1,3}性)?")
_KINDS_SEP = re.compile(r"、|和|及(?!其)|或者")
# members that are bare generic heads (有关部门和单位, 相关部门、单位): one set under one marker (gold README roles 22)
_GENERIC_MEMBER = frozenset(["部门", "单位", "机构", "机关", "组织", "方面", "团体"])
# a regulated party listed beside the units (各级国家机关、企事业单位): no unit, left out (gold README roles 4)
_PARTY_MEMBER = re.compile(r"(?:企事业单位|企业|事业单位|社会组织|其他组织|社会团体|个人|公民)$")


@lru_cache(maxsize=1)
def _joined_aliases() -> tuple[str, ...]:
    """The dictionary names written with a joiner inside (人力资源和社会保障局): no list of kinds is cut there."""
    return tuple(a for a in load_dictionary().by_alias if _KINDS_SEP.search(a))


def _a_sector(stem: str) -> bool:
    """Whether ``stem`` names a sector the dictionary knows as a department (财政, 审计; not 发展, 改革)."""
    d = load_dictionary()
    return any(d.lookup(stem + suf) is not None for suf in ("部门", "局", "委", "厅", "")) if stem else False


def read_kinds(np: str) -> list[tuple[str, int, str]] | None:
    """A list of kinds inside one unit phrase (各级政府性融资担保、再担保机构; 各级财政和审计部门; 各级党委、政府): for each
    member its own written stretch (the first with the words before it, the last with the head after it), where it
    starts, and its name with the shared words written out (各级政府性再担保机构), or None (gold README roles 13(a), 22).
    A list of levels is no list of kinds (tier_groups), nor is a set of generic heads (有关部门和单位)."""
    m = _KINDS_PREFIX.match(np)
    if m is None or not _KINDS_SEP.search(np, m.end()) or re.search(r"[，,。；;：:\s（(〔]", np[:m.end() + 1]):
        return None
    if _TIER_ATOM.match(np, 1) and (tier_groups(np) is not None or _TIER_SEP.match(np, _TIER_ATOM.match(np, 1).end())):
        return None  # 各市、县政府, 各乡、镇: levels
    prefix = m.group(0)
    cuts, depth, pos = [], 0, m.end()
    joined = [(j.start(), j.end()) for a in _joined_aliases() if a in np for j in re.finditer(re.escape(a), np)]
    for i, ch in enumerate(np):
        if ch in "（(〔":
            depth += 1
        elif ch in "）)〕":
            depth = max(0, depth - 1)
        elif depth == 0 and i >= pos and (sep := _KINDS_SEP.match(np, i)) and not any(a < i < b for a, b in joined):
            cuts.append((pos, i))
            pos = sep.end()
    cuts.append((pos, len(np)))
    members = [np[a:b] for a, b in cuts]
    if len(members) < 2 or any(not w for w in members) or all(w in _GENERIC_MEMBER for w in members[:-1]):
        return None
    last = members[-1]
    for h in range(len(last)):  # the head the members share: none (党委、政府), then the shortest tail (部门, 机构)
        head = last[len(last) - h:] if h else ""
        if h and head[0] in "（(〔":
            continue
        names = [prefix + w + head for w in members[:-1]] + [prefix + last]
        # a cut at 和/及 (不 、) needs a known kind on both sides: 财政和审计部门, never 发展和改革部门
        joins_known = all(_KINDS_SEP.match(np, b).group(0) == "、" or
                          _a_sector(np[a:b].removeprefix(prefix)) and _a_sector(last.removesuffix(head or "部门"))
                          for a, b in cuts[:-1])
        if joins_known and all(classify(n) in ("unit", "collective") for n in names):
            out = [(np[:cuts[0][1]], 0, names[0])]
            out += [(np[a:b], a, n) for (a, b), n in zip(cuts[1:], names[1:])]
            return [o for o in out if not _PARTY_MEMBER.search(o[2])] or None
    return None
