"""Responsible units: find agency names in text, expand abbreviations, resolve them against the region.

The dictionary lives in ``data/agencies.tsv`` and ``data/collectives.tsv`` (grown from the corpus). A
surface form is ``prefix + alias``: the prefix (市/区/县/镇/乡/省 or a region name such as 常德) binds a
department type to one level of the document's region, so 市住建局 in a 常德 plan is
常德市住房和城乡建设局; with no prefix a department stays a generic unit type tied to the region.

This module finds the names (``find_agencies``, ``short_name_list``) and reads responsibility lists
(``parse_unit``, ``parse_unit_list``); the parts it builds on live beside it and are re-exported here:
the dictionary and the hit record (``agency_dictionary``), word boundaries as jieba cuts them
(``word_boundaries``), region prefixes, resolution and placing (``agency_places``).
"""

from __future__ import annotations

import re

from policykg.ingest.extract.agency_dictionary import (
    DATA_DIR,
    AgencyDictionary,
    AgencyEntry,
    AgencyHit,
    load_dictionary,
    user_dictionary_lines,
)
from policykg.ingest.extract.agency_places import (
    _BRACKETED,
    _PREFIXES_LONGEST_FIRST,
    LEVEL_PREFIXES,
    _level_region,
    _prefix_before,
    placed,
    region_chain,
    resolve,
    short_name,
)
from policykg.ingest.extract.word_boundaries import (
    _block_around,
    _jieba_blocks,
    _joins_next,
    _tokenizer,
    _word_starts,
    on_word_boundary,
)
from policykg.ingest.model import Region, Span

# (the private helpers are reached through this module by the unit grammar, the site readers and the tests)
__all__ = [
    "DATA_DIR", "INSTITUTION_KINDS", "LEVEL_PREFIXES", "PUBLIC_KIND", "AgencyDictionary", "AgencyEntry",
    "AgencyHit", "_block_around", "_jieba_blocks", "_level_region", "_tokenizer", "_word_starts", "all_names",
    "find_agencies", "load_dictionary", "on_word_boundary", "open_set", "parse_unit", "parse_unit_list",
    "placed", "region_chain", "resolve", "short_name", "short_name_list", "user_dictionary_lines",
]

_SELF_ACTS = re.compile(r"(?:要|应当|应|须|必须|将|负责|牵头|全面|积极|认真|切实|进一步|持续|大力|加快|加强)")
_UNIT_END = re.compile(r"(局|委|办|队|所|部|中心|公司|政府|社区|村|站|分局|学区|委员会|办公室|单位)$")
# Words that end a unit list or name and therefore cannot belong to a unit name.
_LIST_SPLIT = re.compile(r"[、，,；;/\s]+|(?<=[局委办队所部心司区])和(?=[^和]{2,})|等(?:以及|和|及)(?=[^和]{2,})")


# A collective is an open set (gold README, roles 3): a set marker (各, 有关/相关, 其他, 成员单位) or a generic head
# whose modifier names no kind (部门, 主管部门, 行业部门, 上级机关), after a level or a government at most. A level
# of government or a named kind (乡镇人民政府, 区县市, 居委会, 试点城市政府, 县级以上人民政府) is no set: it tells every
# unit of that kind that the task is its own (roles 1).
_SET_MARK = re.compile(r"各|有关|相关|其他|其它|成员单位")
_LEVEL_OR_GOVERNMENT = re.compile(r"(?:县级以上|设区的市级|省级|市级|县级|区级|乡级|镇级|本级|同级|[省市区县镇乡])?(?:地方)?"
                                  r"(?:人民政府|政府)?")
# a unit named by its part in one case, project or procedure (业务部门, 共享部门, 主办单位, 承办机构, 起草单位, 受理部门, 实施
# 部门, 审查部门, 牵头部门: whichever unit holds that part each time, gold README roles 25) is such a set too
_GENERIC_HEAD = re.compile(r"(?:上级|上一级|本级|同级)?(?:重点)?(?:行业|专项|业务)?(?:主管|监管|职能|责任|执法|项目实施|共享|主办|"
                           r"承办|起草|受理|实施|审查|牵头)?"
                           r"(?:部门|单位|机构|机关|科室|处室|地方|方面)|(?:上级|上一级)行政机关|"  # 行政 names no kind
                           # the unit in charge of one thing of the case, or the one that proposed it (平台主管单位, 项目提出部门:
                           # roles 25 and its amendment)
                           r"(?:项目|平台|系统|网站)(?:主管|提出)(?:部门|单位)|"
                           # an organ named by its act (许可机关, 应急预案制定机关): whichever performs it
                           r"[\u4e00-\u9fff]{0,6}?(?:重新)?(?:许可|审批|批准|发证|登记|制定|认定|决定|复议|处罚|备案|受理|审查|颁发)机关")

# public institutions and state enterprises a plan or a law writes by kind as doing a task (医疗机构, 中小学校, 高校,
# 科研单位, 国有企业, 预算单位): the kind names none of them, a set (gold README roles 4 and 17: collectives); a place,
# a rank or an ownership word may narrow the kind (试点地区公立医疗机构, 基层预算单位), a clause may not (…的医疗机构)
# Schools, universities and kindergartens (中小学校, 高等学校, 职业院校, 幼儿园), public hospitals, research institutes and
# state enterprises are such kinds (国有企业; 基础电信企业, the state operators of the public networks that plans give
# network work by kind), and so is a pilot area (试点地区: the generic head 地区 under a designation, roles 17);
# a bare 医院 is left out: a township plan names its one hospital so (青峰镇医院 in the seed, roles 17: lead)
INSTITUTION_KINDS = ("医疗机构", "医疗卫生机构", "科研单位", "预算单位", "学校", "中小学", "高校", "院校", "幼儿园",
                     "公立医院", "科研院所", "国有企业", "基础电信企业", "试点地区")
PUBLIC_KIND = re.compile(r"[^的、，。；]{0,8}?(?P<kind>" + "|".join(sorted(INSTITUTION_KINDS, key=len, reverse=True)) + ")")


def open_set(written: str) -> bool:
    """Whether a written unit name is an open set of units (各街镇, 有关部门, 行业主管部门, 医疗机构), not a kind."""
    if _SET_MARK.search(written) or PUBLIC_KIND.fullmatch(written):
        return True
    rest = written[_LEVEL_OR_GOVERNMENT.match(written).end():]
    return bool(rest) and _GENERIC_HEAD.fullmatch(rest) is not None


def find_agencies(text: str, region: Region | None, offset: int = 0) -> list[AgencyHit]:
    """Every dictionary agency in ``text`` (longest match), normalised against ``region``."""
    d = load_dictionary()
    chain = region_chain(region)
    hits: list[AgencyHit] = []
    for m in d.pattern.finditer(text):
        entry = d.by_alias[m.group(0)]
        prefix, pregion, prule = ("", None, "")
        if entry.scope != "collective":
            prefix, pregion, prule = _prefix_before(text, m.start(), chain)
        if entry.scope == "self" and not _SELF_ACTS.match(text, m.end()):
            continue  # 本市有关部门, 本区道路: a modifier of what follows; 我镇要…: the town itself acts
        if len(m.group(0)) <= 2 and not prefix and entry.scope not in ("collective", "self"):
            continue  # 政府, 学区 alone are too ambiguous without a region before them
        start = m.start() - len(prefix)
        if len(m.group(0)) <= 3 and (not on_word_boundary(text, start) or _joins_next(text, m.end())):
            continue  # 村居 inside 农村居民, 管理办 in 管理办法: a short alias that is only part of other words
        name, code, generic = resolve(entry, prefix, pregion, region, m.group(0))
        scope = entry.scope
        if scope == "collective" and not open_set(text[start:m.end()]):
            scope = "unit"  # 乡镇政府, 居委会: a kind of unit, its written form kept (as a set's is: resolve)
        hits.append(AgencyHit(text[start:m.end()], name, Span(offset + start, offset + m.end()), entry.key,
                              scope, code, generic, f"dictionary:{entry.key}" + (f"+{prule}" if prule else "")))
    return [placed(h, region) for h in hits]


_SHORT_LIST = re.compile(r"((?:[\u4e00-\u9fa5]{2,4}、)+[\u4e00-\u9fa5]{2,4})等(?:行业主管|有关|相关)?部门")


def _sector(d: AgencyDictionary, name: str) -> AgencyEntry | None:
    """The department a short sector name stands for in a list (公安 -> 公安部门), or None."""
    return next((d.by_alias[name + suf] for suf in ("部门", "局", "委", "机构", "办") if name + suf in d.by_alias), None)


def short_name_list(text: str, region: Region | None, offset: int = 0) -> list[AgencyHit]:
    """公安、交通运输、卫健、消防等部门: each short sector name as its generic department."""
    d = load_dictionary()
    out: list[AgencyHit] = []
    for m in _SHORT_LIST.finditer(text):
        pos = m.start(1)
        for k, item in enumerate(m.group(1).split("、")):
            # the match may open with words before the list (在区消防、公安等部门): the first item is its
            # longest tail naming a sector; a level word before it (区消防) belongs to the whole list
            tails = [item[i:] for i in range(len(item) - 1)] if k == 0 else [item]
            name, entry = item, None
            for tail in tails:
                lead = next((p for p in _PREFIXES_LONGEST_FIRST if tail.startswith(p) and len(tail) - len(p) >= 2), "")
                entry = _sector(d, tail[len(lead):])
                if entry is not None:
                    name = tail[len(lead):]
                    break
            pos += len(item) - len(name)
            if entry is not None:
                label, code, generic = resolve(entry, "", None, region)
                out.append(AgencyHit(name, label, Span(offset + pos, offset + pos + len(name)), entry.key, entry.scope,
                                     code, generic, f"short_list:{entry.key}"))
            pos += len(name) + 1
    return out


def parse_unit(item: str, region: Region | None, start: int) -> AgencyHit | None:
    """One item of a responsibility list (a table cell or a 牵头/负责 clause) as an agency."""
    hit = _parse_unit(item, region, start)
    return placed(hit, region) if hit is not None else None


def _parse_unit(item: str, region: Region | None, start: int) -> AgencyHit | None:
    item = item.strip().strip("。．.：:")
    if len(item) < 2:
        return None
    span = Span(start, start + len(item))
    found = find_agencies(item, region, start)
    hits = [h for h in found if h.span.end == span.end]
    if hits and hits[-1].span.start == span.start:
        return hits[-1]
    if len(found) > 1:
        return None
    if hits and hits[-1].scope == "self":
        return None
    if hits:  # 国网常德供电公司: a named body ending in a known type, kept as written
        h = hits[-1]
        scope = "unknown" if h.scope == "collective" else h.scope  # 新城社区 is one community, not all
        return AgencyHit(item, item, span, h.key if scope != "unknown" else "", scope, h.region_code, False,
                         "list_item:named")
    if _UNIT_END.search(item):
        # a unit the dictionary lacks: in a town's own list it is that town's unit (司法所 of 青峰镇)
        local = region is not None and region.level == "township" and not item.startswith(region.name)
        # …专项工作组成员单位: the members of a body the text sets up, an open set whatever the body (README roles 3's
        # set marker 成员单位), never one unit to lead
        scope = "collective" if item.endswith("成员单位") else "unknown"
        return AgencyHit(item, (region.name + item) if local else item, span, "", scope,
                         region.code if region else None, False, "list_item:unknown")
    return None


_ROLE_MARK = re.compile(r"\s*[（(](?:牵头|配合|协办|主办|参与|责任)[^（）()]{0,4}[）)]\s*$")


def _mask_brackets(text: str) -> str:
    """``text`` with the separators inside brackets replaced by a character that splits nothing (same length)."""
    if "、" not in text and "，" not in text and "," not in text:
        return text
    return _BRACKETED.sub(lambda m: re.sub(r"[、，,和\s]", "\u3007", m.group(0)), text)


_CLAUSE_SEP = re.compile(r"[，,；;]")


def _set_spans(text: str, masked: str, region: Region | None, offset: int) -> list[tuple[int, int, AgencyHit]]:
    """(start, end, hit) of each comma-separated part that opens with 各 and is one collective as a whole
    (各市、县〔市、区〕政府 in a 责任单位 list), one per tier where it lists several (各市政府, 各县〔市、区〕政府)."""
    if "各" not in text:
        return []
    from policykg.ingest.extract.agency_grammar import units_of

    out, start = [], 0
    for m in [*_CLAUSE_SEP.finditer(masked), None]:
        end = m.start() if m else len(text)
        part = text[start:end]
        core = part.strip().strip("。．.：:")
        # the set may be the last items of the part (省财政厅、各市、县（市、区）政府): from an item opening with 各
        for p in (i for i, ch in enumerate(core) if ch == "各" and (i == 0 or core[i - 1] == "、")):
            if "、" not in core[p:]:
                break
            at = start + part.find(core) + p
            read = units_of(core[p:], region, offset + at)
            if read and all(h.collective and h.span == read[0].span for h in read):
                out.extend((at, end, h) for h in read)
                break
        start = m.end() if m else end
    return out


def parse_unit_list(text: str, region: Region | None, offset: int = 0) -> list[AgencyHit]:
    """All agencies of a list such as 市住建局、市消防救援支队、区县市政府 (split on 、，)."""
    from policykg.ingest.extract.agency_grammar import units_of  # the grammar builds on this module

    out: list[AgencyHit] = []
    pos = 0
    masked = _mask_brackets(text)  # 各市、县〔市、区〕政府: no list splits inside a bracket
    sets = _set_spans(text, masked, region, offset)
    for mpiece in _LIST_SPLIT.split(masked):
        idx = masked.find(mpiece, pos) if mpiece else -1
        if idx < 0:
            continue
        pos = idx + len(mpiece)
        piece = text[idx:pos]
        held = [h for a, b, h in sets if a <= idx < b]
        if held:  # a set marker before a coordinated list covers it: one collective (one per tier)
            out.extend(h for h in held if h not in out)
            continue
        piece = _ROLE_MARK.sub("", piece)  # 区应急局（牵头）: the mark is read from the text after the name
        hit = parse_unit(piece, region, offset + idx)
        if hit is not None and hit.key:
            out.append(hit)
            continue
        read = units_of(piece.strip().strip("。．.：:"), region, offset + idx + len(piece) - len(piece.lstrip()))
        if read:  # a unit the dictionary lacks, read by its head (市本级 aside): 各级消防安全委员会办公室
            out.extend(read)
        elif hit is not None:
            out.append(hit)
        else:  # 公安分局（派出所）各社区: two units run together without a comma
            out.extend(find_agencies(piece, region, offset + idx))
    return out


def all_names(query: str, region: Region | None = None) -> set[str]:
    """Every normalised name ``query`` may denote (市住建局 -> {常德市住房和城乡建设局, …} given a region)."""
    hits = parse_unit_list(query, region)
    names = {h.name for h in hits} | {query}
    d = load_dictionary()
    for h in hits:
        entry = next((e for e in d.entries if e.key == h.key), None)
        if entry is not None:
            names.add(entry.canonical)
    return names
