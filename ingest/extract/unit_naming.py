"""Naming the units of a list: each item's AgencyHit, its canonical name, region and scope.

``units_of`` turns a noun phrase into AgencyHits (remembered per phrase, spans moved to the offset):
the written form stays the mention, the dictionary gives the canonical name where it knows the unit,
else the level prefix is resolved to the region. A level that owns a sector list (本市民防、交通等部门)
names each member with the level (gold README roles 3 amendment); compound levels (市、县（市、区）X) give one
unit per level, the levels below the document a kind each (roles 1); a generic head or a set is a
collective (roles 3), named as written with only the words a list writes once written out (roles 13: no region,
no dictionary set; the set a dictionary collective belongs to stays in its key); a bare 街道办事处 in a district's
text is every street office, a kind (roles 1).
"""

from __future__ import annotations

import re

from policykg.ingest.extract.agencies import (
    AgencyHit,
    load_dictionary,
    open_set,
    placed,
    region_chain,
    resolve,
)
from policykg.ingest.extract.unit_heads import _PAREN, _PAREN_TAIL, _strip_tail
from policykg.ingest.extract.unit_kinds import (
    _chosen_by_a_unit,
    _described_department,
    _government_duty_department,
    classify,
)
from policykg.ingest.extract.unit_levels import (
    _ATOM,
    _ATOM_LEVEL,
    _COMPOUND_LEVEL,
    _LEVEL_ATOM,
    _ONE_LEVEL,
    _RANK,
    _below_the_document,
    _level_of,
    split_prefix,
)
from policykg.ingest.extract.unit_lists import Item, may_be_a_list, read_kinds, read_list, tier_groups
from policykg.ingest.extract.unit_tiers import _KINDS_SEP
from policykg.ingest.model import Region, Span

_TOWNSHIP_UNIT = re.compile(r"(?:街道办事处|乡镇人民政府|镇人民政府|乡人民政府|乡镇政府|镇政府|乡政府|居民委员会|村民委员会|"
                            r"居委会|村委会)")


def name_item(item: Item, shared: str, region: Region | None, offset: int, registry=None) -> AgencyHit:
    """The AgencyHit of one list item: written form as mention, canonical name from the dictionary when it
    knows the unit, else the written form with its level prefix resolved to the region."""
    text = _strip_tail(item.text)
    span = Span(offset + item.start, offset + item.start + len(text))
    d = load_dictionary()
    own = region.code if region else None
    if item.kind == "its":
        return AgencyHit(text, _PAREN_TAIL.sub("", _strip_tail(item.owner)) + text, span, "", "collective", own, False,
                         "grammar:its_departments")
    if item.kind == "self":
        entry = d.lookup(text)
        if entry is not None:
            name, code, generic = resolve(entry, "", None, region)
            return AgencyHit(text, name, span, entry.key, entry.scope, code, generic, "grammar:self")
    bare = _PAREN_TAIL.sub("", text)
    if item.kind == "unit" and _below_the_document(bare, region):
        # 省级人民政府 in a national text, 区级财政 in a municipal one: every unit at that level, each its own
        # task (a kind, README roles 1), unless the head is generic (县级以上人民政府行业主管部门)
        return AgencyHit(text, text, span, "", "collective" if open_set(bare) else "unit", own,
                         not open_set(bare) and region is not None, "grammar:level_below")
    prefix, rest, pregion = split_prefix(bare, region)
    if item.kind == "stem":
        rest = rest + (shared or "部门")
    entry = d.lookup(rest) or d.lookup(bare)
    if entry is None and registry is not None and item.kind == "unit":
        full = registry.full_name(bare) or registry.full_name(rest)
        if full:  # 联席会议 -> 地下空间管理联席会议: the document's own full name of the unit
            fprefix, frest, fregion = split_prefix(full, region)
            if fprefix:
                prefix, rest, pregion = fprefix, frest, fregion
            else:
                rest = frest
            entry = d.lookup(rest)
    if entry is not None and entry.scope == "collective":  # the written form stays the mention (各街镇)
        if not open_set(text):  # 乡镇人民政府, 居委会: a kind, not a set
            return AgencyHit(text, text, span, "", "unit", own, False, "grammar:kind")
        # a set names no unit: its name is its written form (gold README roles 13); the key keeps the set it belongs to
        return AgencyHit(text, text, span, entry.key, "collective", own, False, "grammar:collective")
    if entry is not None:
        known = d.lookup(rest) is not None
        name, code, generic = resolve(entry, prefix if known else "", pregion if known else None, region,
                                      rest if known else bare)
        return AgencyHit(text, name, span, entry.key, entry.scope, code, generic, "grammar:dictionary")
    if item.kind == "collective":
        kind = not open_set(text) and not _described_department(bare) and not _chosen_by_a_unit(bare) \
            and not _government_duty_department(bare)  # 事发地所在街镇
        # a kind takes its level's region (市X -> 上海市X); a set keeps its written form, no region added (roles 13)
        return AgencyHit(text, (pregion.name + rest) if pregion and kind else text, span, "",
                         "unit" if kind else "collective", own, kind and pregion is None and region is not None,
                         "grammar:kind" if kind else "grammar:collective")
    if _TOWNSHIP_UNIT.fullmatch(bare) and (region is None or region.level != "township"):
        # a bare 街道办事处 in a district's or city's text: every street office of it, each its own task
        return AgencyHit(text, text, span, "", "unit", own, region is not None, "grammar:township_units")
    # a bare 党群中心 in a town's plan is the town's own: ``placed`` names it so (units_of places every hit)
    name = pregion.name + rest if pregion is not None else prefix + rest
    code = pregion.code if pregion else own
    if open_set(bare):  # 主管部门, 上级机关, 区主管部门: a generic head names no kind (README roles 3), a set named as
        # written, no region added, a list's shared head written out (各级税务 -> 各级税务部门: roles 13(a))
        return AgencyHit(text, prefix + rest, span, "", "collective", code, False, "grammar:generic_head")
    return AgencyHit(text, name, span, "", "unit", code, False, "grammar:" + item.kind)


_UNITS_OF_SEEN: dict[tuple, tuple] = {}  # by the identity of region and registry, as _UNITS_SEEN


def units_of(np: str, region: Region | None, offset: int = 0, registry=None,
             tolerant: bool = False) -> list[AgencyHit] | None:
    """Every unit of the noun phrase ``np`` as AgencyHits, or None when ``np`` is not a list of units;
    ``registry`` (the document's own full names) names the short forms the dictionary lacks."""
    # the same phrase recurs at many offsets (区应急局 in every task): read once, its spans moved
    key = (np, id(region), id(registry), tolerant)
    seen = _UNITS_OF_SEEN.get(key)
    if seen is None or seen[0] is not region or seen[1] is not registry:
        if len(_UNITS_OF_SEEN) > 20000:
            _UNITS_OF_SEEN.clear()
        seen = _UNITS_OF_SEEN[key] = (region, registry, _read_units_of(np, region, registry, tolerant))
    hits = seen[2]
    if hits is None:
        return None
    return [AgencyHit(h.text, h.name, Span(h.span.start + offset, h.span.end + offset), h.key, h.scope,
                      h.region_code, h.generic, h.rule) for h in hits]


# a level that owns every department of a list after it (本市民防、交通等部门; 市、县（市、区）人民政府公安、教育等部门;
# the levels of a law: 县级以上（地方）人民政府交通、水利等有关部门, 国务院铁路、交通等有关部门): the prefix stands outside
# the list, each member is written without it and named with it
_LIST_OWNER = re.compile("^(?:本市|本区|本县|全市|全区|全县|国务院|县级以上(?:地方)?(?:各级)?人民政府|地方各级人民政府|"
                         "(?:" + _LEVEL_ATOM + "(?:(?:和|或者|或|、|及)" + _LEVEL_ATOM
                         + ")*)(?:人民政府|政府))(?=[\u4e00-\u9fff])")


def _owned_list(np: str, region: Region | None, registry) -> tuple[AgencyHit, ...] | None:
    """The members of a sector list sharing one head after a level that owns them, each written as in the list
    and named with the level (gold README roles 3 amendment), or None when ``np`` is no such list."""
    m = _LIST_OWNER.match(np)
    if m is None or "、" not in np[m.end():]:
        return None
    read = read_list(np[m.end():])
    if read is None or not read[1].startswith(("部门", "机构")) or any(i.kind != "stem" for i in read[0]):
        return None
    items, shared = read
    out: list[AgencyHit] = []
    for i in items:
        owned = Item(m.group(0) + i.text + shared[:2], 0, "unit")
        at = m.end() + i.start
        for h in _per_level(hit := name_item(owned, "", region, 0, registry), owned, region) or [hit]:
            out.append(AgencyHit(i.text, h.name, Span(at, at + len(i.text)), h.key, h.scope, h.region_code,
                                 h.generic, h.rule + "+owned_list"))
    return tuple(placed(h, region) for h in out)


def _read_units_of(np: str, region: Region | None, registry, tolerant: bool = False) -> tuple[AgencyHit, ...] | None:
    """``units_of`` at offset 0."""
    offset = 0
    if "等" in np and (owned := _owned_list(np, region, registry)) is not None:
        return owned
    read = read_list(np, tolerant) if may_be_a_list(np) else None
    if read is None and registry is not None and registry.declares(np):
        read = (Item(np, 0, "unit"),), ""  # （以下简称“地空联办”）: the document says it names a unit
    if (read is None or len(read[0]) == 1 and read[0][0].text == np) and (kinds := _kinds_list(np, region, registry)):
        return kinds
    if read is None:
        return None
    items, shared = read
    out: list[AgencyHit] = []
    for i in items:
        hit = name_item(i, shared, region, offset, registry)
        out.extend(t for h in _per_level(hit, i, region) or [hit] for t in _per_tier(h))
    return tuple(placed(h, region) for h in out)


def _kinds_list(np: str, region: Region | None, registry) -> tuple[AgencyHit, ...] | None:
    """The members of a list of kinds inside one unit phrase (各级财政和审计部门), each its own written stretch as
    mention and named with the shared words written out (各级审计部门: gold README roles 13(a), 22), or None."""
    if not _KINDS_SEP.search(np) or (members := read_kinds(np)) is None:  # (the cheap test: read_kinds cuts there)
        return None
    out = []
    for text, at, name in members:
        span = Span(at, at + len(text))
        if open_set(name):  # 各级审计部门: a set, named as the text writes it out (no region)
            out.append(AgencyHit(text, name, span, "", "collective", region.code if region else None, False,
                                 "grammar:kinds_list"))
            continue
        hit = name_item(Item(name, 0, classify(name) or "unit"), "", region, 0, registry)
        out.append(placed(AgencyHit(text, hit.name, span, hit.key, hit.scope, hit.region_code, hit.generic,
                                    hit.rule + "+kinds_list"), region))
    return tuple(out)


def _per_tier(hit: AgencyHit) -> list[AgencyHit]:
    """A collective written with a list of levels of different tiers (各市、县（区）政府; 省、市有关部门; 市和区人民政府有关
    部门) is one open set at each tier: one entry per tier, the whole phrase as mention, the tier's words with the
    shared words written out as name (各市政府, 各县（区）政府), no region (gold README roles 13(a), 22 amendment)."""
    if hit.scope != "collective" or (cut := tier_groups(hit.text)) is None:
        return [hit]
    each, tiers, rest = cut
    return [AgencyHit(hit.text, each + words + rest, hit.span, "", "collective", hit.region_code, False,
                      hit.rule + "+tiers") for words in tiers]


def _per_level(hit: AgencyHit, item: Item, region: Region | None) -> list[AgencyHit]:
    """市、县（市、区）人民政府应急管理部门 names one unit at each level it lists, same mention: the document's
    own level's unit, and for the levels below it the units of each rank there (a kind, README roles 1); 人民政府
    before a department is no part of the department's name. One level written as only a level can be
    (区县（市）X, 设区的市X) is read so too; a group written as one (市和区、县相关部门) stays one."""
    core = _strip_tail(item.text)
    m = _COMPOUND_LEVEL.match(core) or _ONE_LEVEL.match(core)
    if m is None or region is None or hit.scope == "collective":
        return []
    rest = core[m.end():]
    if classify(rest) == "collective" or open_set(rest):  # 市和区、县相关行政管理部门, 省、市主管部门: whichever departments
        return [AgencyHit(hit.text, hit.text, hit.span, "", "collective", region.code, False, hit.rule + "+levels")]
    dept = rest[4:] if rest.startswith("人民政府") and len(rest) > 4 else rest
    chain = region_chain(region)
    out: list[AgencyHit] = []
    below: dict[int, list[str]] = {}
    for atom in _ATOM.findall(m.group(0)):
        written = _PAREN.sub("", atom)
        base = _ATOM_LEVEL.get(written, written)
        r = _level_of(base, chain)
        if r is None:
            below.setdefault(_RANK[base], []).append(atom)  # 区、县X in a municipal rule: every district's X
        elif all(r.name + dept != h.name for h in out):
            out.append(AgencyHit(hit.text, r.name + dept, hit.span, hit.key, hit.scope, r.code, False,
                                 hit.rule + "+level:" + written))
    for rank in sorted(below):  # the levels below the document: each rank a kind of unit (区、县X is one)
        out.append(AgencyHit(hit.text, "、".join(below[rank]) + dept, hit.span, "", "unit", region.code, False,
                             hit.rule + "+levels_below"))
    return out
