"""Where an agency name belongs: its written region prefix, the document's region chain, and placing.

A surface form is ``prefix + alias``: the prefix (市/区/县/镇/乡/省 or a region name such as 常德) binds a
department type to one level of the document's region, so 市住建局 in a 常德 plan is
常德市住房和城乡建设局; with no prefix a department stays a generic unit type tied to the region
(``resolve``). A unit named without a region is the document region's own or a kind tied to it (``placed``).
"""

from __future__ import annotations

import re
from dataclasses import replace

from policykg.ingest.extract.agency_dictionary import AgencyEntry, AgencyHit
from policykg.ingest.extract.word_boundaries import on_word_boundary
from policykg.ingest.model import Region, RegionRef

LEVEL_PREFIXES = {"省": "provincial", "市": "city", "区": "county", "县": "county", "镇": "township",
                  "乡": "township", "街道": "township"}
_REGION_SUFFIXES = ("自治县", "街道", "新区", "市", "区", "县", "镇", "乡")
# Committees every level of government has; written bare in a district's or town's plan, they are its own
# (a provincial regulation's bare 安全生产委员会 is any unit's, so higher levels keep the generic name).
_OWN_COMMITTEES = {"fire_committee", "fire_committee_office", "safety_committee", "safety_committee_office"}
_PREFIXES_LONGEST_FIRST = sorted(LEVEL_PREFIXES, key=len, reverse=True)
# aliases naming a kind of unit rather than one body (消防部门, 公安机关, 消防救援机构)
_TYPE_WORD = re.compile(r"(?:部门|机关|机构|队伍)$")
# a short note in brackets (〔市、区〕, （派出所）): not part of the name it follows
_BRACKETED = re.compile(r"[（(〔][^（）()〔〕]{0,12}[）)〕]")


def region_chain(region: Region | None) -> list[RegionRef]:
    """The region and its parents, nearest first."""
    if region is None:
        return []
    return [RegionRef(region.name, region.code, region.level), *region.parents]


def short_name(name: str) -> str:
    """常德市 -> 常德, 柳市镇 -> 柳市: the form used before a department name."""
    for suf in _REGION_SUFFIXES:
        if name.endswith(suf) and len(name) - len(suf) >= 2:
            return name[: -len(suf)]
    return name


def _level_region(chain: list[RegionRef], level: str, prefix: str = "") -> RegionRef | None:
    # 市 in a 兴化市 plan is 兴化市 (a county-level city): the nearest region named with the prefix wins
    for r in chain:
        if prefix and r.name.endswith(prefix) and r.name not in ("市辖区",):
            return r
    for r in chain:
        if r.level == level and r.name not in ("市辖区", "县", "省直辖县级行政区划"):
            return r
    if level == "city":  # 上海市, 重庆市: the municipality is the city
        for r in chain:
            if r.level == "provincial" and r.name.endswith("市"):
                return r
    return None


def _prefix_before(text: str, start: int, chain: list[RegionRef]) -> tuple[str, RegionRef | None, str]:
    """The region prefix that ends at ``start``: (prefix text, region, rule)."""
    window = text[max(0, start - 12):start]
    for r in chain:
        for form in (r.name, short_name(r.name)):
            if form and window.endswith(form) and len(form) >= 2:
                return form, r, "region_name"
    for p in _PREFIXES_LONGEST_FIRST:
        if window.endswith(p):
            return p, _level_region(chain, LEVEL_PREFIXES[p], p), "level_prefix"
    return "", None, ""


def resolve(entry: AgencyEntry, prefix: str, prefix_region: RegionRef | None,
            region: Region | None, alias: str = "") -> tuple[str, str | None, bool]:
    """Normalised (name, region_code, generic) for a dictionary entry, its prefix and the alias written."""
    own = region.code if region else None
    if entry.scope == "collective":  # a set names no unit: its written form (gold README roles 13), the key its set
        return alias or entry.canonical, own, False
    if entry.scope == "self":  # 我镇 / 本区: the document's own region
        chain = region_chain(region)
        r = _level_region(chain, "", entry.aliases[0][-1:]) if chain else None
        r = r or (chain[0] if chain else None)
        return ((r.name if r else "") + entry.canonical), (r.code if r else own), r is None
    if prefix_region is not None:
        return prefix_region.name + entry.canonical, prefix_region.code, False
    if prefix:  # a level or name the region chain does not hold: keep the prefix as written
        return prefix + entry.canonical, own, region is not None
    if entry.scope == "local" or (entry.key in _OWN_COMMITTEES and region is not None
                                  and region.level in ("county", "township")):
        # a bare 消委办 in a plan of one region is that region's committee office, as a town's 司法所 is the town's
        return ((region.name if region else "") + entry.canonical), own, False
    if alias and region is not None and region.level in ("county", "township") and entry.scope == "dept" \
            and not _TYPE_WORD.search(alias):
        # a bare 消防救援支队 or 政府 in a district's plan is that district's own; 消防部门 stays a type
        return region.name + entry.canonical, own, False
    return entry.generic_label or entry.canonical, own, True


# A name that needs no region to be one body: a central organ (国务院, 国家X局, 中央X, 全国X), a ministry
# (应急管理部; not a local 指挥部 or 武装部), a general administration (海关总署, 市场监管总局), a national company.
_NATIONAL_NAME = re.compile(r"^(?:国务院|国家|中共中央|中央|全国|中国|国网)|(?:总署|总局)$"
                            r"|(?<!指挥|武装|宣传|组织|统战|工作|项目|事业|党建|人武)部$")
# A name of a kind of unit rather than one body: a type head (安监部门, 公安机关), a level word the region
# chain does not resolve (区住建局 in a city's plan: every district's), a township-level kind (街道办事处).
_LEVEL_FIRST = re.compile(r"^(?:设区的市|县级以上|区县|乡镇|街镇|[省市区县镇乡]级|同级|上级|街道|[省市区县镇乡])")
_KIND_NAME = re.compile(r"(?:街道办事处|(?:乡镇|街镇)?(?:人民)?政府|街镇|街道|乡镇|社区|村|村居|居村|(?:村|居|村居|居村)(?:委|委会)|"
                        r"(?:居民|村民|村（居）民|居（村）民)委员会)")


def _anchored(name: str, region: Region) -> bool:
    """Whether ``name`` says where the unit is: a region of the document's chain anywhere in it, another
    region's full name at its start, or a national body."""
    if _NATIONAL_NAME.search(name):
        return True
    if any(len(f) >= 2 and f in name for r in region_chain(region) for f in (r.name, short_name(r.name))):
        return True
    from policykg.ingest.extract.regions import Gazetteer

    g = Gazetteer.load()
    return any(name[:k] in g.by_name for k in range(2, min(len(name) - 1, g.max_len) + 1))


def _kind_name(name: str) -> bool:
    if _TYPE_WORD.search(name) or _KIND_NAME.fullmatch(_BRACKETED.sub("", name)):
        return True
    m = _LEVEL_FIRST.match(name)
    return m is not None and len(name) > m.end() and on_word_boundary(name, m.end())


def placed(hit: AgencyHit, region: Region | None) -> AgencyHit:
    """A unit named without a region in a document of region R belongs to R, one graph node per region and
    never one nationwide. A district's or town's plan names its own units bare: 党群中心 in a town's plan is
    that town's, named with it. A kind of unit (安监部门, 区住建局 in a city's plan, 街道办事处) and any bare
    unit of a city's or province's text (森林消防指挥部 in a provincial regulation: each one in the province)
    is generic, a kind tied to R, as the dictionary's bare departments are. National bodies, names that
    place themselves, collectives and units already generic are left as they are."""
    if region is None or region.level == "national" or hit.generic or hit.scope in ("collective", "self") \
            or not hit.name or _anchored(hit.name, region):
        return hit
    code = hit.region_code or region.code
    if region.level not in ("county", "township") or _kind_name(hit.name):
        return replace(hit, generic=True, region_code=code)
    return replace(hit, name=region.name + hit.name, region_code=code)
