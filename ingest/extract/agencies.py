"""Responsible units: find agency names in text, expand abbreviations, resolve them against the region.

The dictionary lives in ``data/agencies.tsv`` and ``data/collectives.tsv`` (grown from the corpus). A
surface form is ``prefix + alias``: the prefix (市/区/县/镇/乡/省 or a region name such as 常德) binds a
department type to one level of the document's region, so 市住建局 in a 常德 plan is
常德市住房和城乡建设局; with no prefix a department stays a generic unit type tied to the region.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

from policykg.ingest.extract.scan import literal_trie
from policykg.ingest.extract.words import spans_no_word, tokenizer, words
from policykg.ingest.model import Region, RegionRef, Span

DATA_DIR = Path(__file__).resolve().parent / "data"
LEVEL_PREFIXES = {"省": "provincial", "市": "city", "区": "county", "县": "county", "镇": "township",
                  "乡": "township", "街道": "township"}
_REGION_SUFFIXES = ("自治县", "街道", "新区", "市", "区", "县", "镇", "乡")
# Committees every level of government has; written bare in a district's or town's plan, they are its own
# (a provincial regulation's bare 安全生产委员会 is any unit's, so higher levels keep the generic name).
_OWN_COMMITTEES = {"fire_committee", "fire_committee_office", "safety_committee", "safety_committee_office"}
_SELF_ACTS = re.compile(r"(?:要|应当|应|须|必须|将|负责|牵头|全面|积极|认真|切实|进一步|持续|大力|加快|加强)")
_PREFIXES_LONGEST_FIRST = sorted(LEVEL_PREFIXES, key=len, reverse=True)
# aliases naming a kind of unit rather than one body (消防部门, 公安机关, 消防救援机构)
_TYPE_WORD = re.compile(r"(?:部门|机关|机构|队伍)$")
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
_GENERIC_HEAD = re.compile(r"(?:上级|上一级|本级|同级)?(?:重点)?(?:行业|专项)?(?:主管|监管|职能|责任|执法|项目实施)?"
                           r"(?:部门|单位|机构|机关|科室|处室|地方|方面)|(?:上级|上一级)行政机关|"  # 行政 names no kind
                           # an organ named by its act (许可机关, 应急预案制定机关): whichever performs it
                           r"[\u4e00-\u9fff]{0,6}?(?:重新)?(?:许可|审批|批准|发证|登记|制定|认定|决定|复议|处罚|备案|受理|审查|颁发)机关")

# public institutions and state enterprises a plan or a law writes by kind as doing a task (医疗机构, 中小学校, 高校,
# 科研单位, 国有企业, 预算单位): the kind names none of them, a set (gold README roles 4 and 17: collectives); a place,
# a rank or an ownership word may narrow the kind (试点地区公立医疗机构, 基层预算单位), a clause may not (…的医疗机构)
# Schools, universities and kindergartens (中小学校, 高等学校, 职业院校, 幼儿园), public hospitals, research institutes and
# state enterprises are such kinds, and so is a pilot area (试点地区: the generic head 地区 under a designation, roles 17);
# a bare 医院 is left out: a township plan names its one hospital so (青峰镇医院 in the seed, roles 17: lead)
INSTITUTION_KINDS = ("医疗机构", "医疗卫生机构", "科研单位", "预算单位", "学校", "中小学", "高校", "院校", "幼儿园",
                     "公立医院", "科研院所", "国有企业", "试点地区")
PUBLIC_KIND = re.compile(r"[^的、，。；]{0,8}?(?P<kind>" + "|".join(sorted(INSTITUTION_KINDS, key=len, reverse=True)) + ")")


def open_set(written: str) -> bool:
    """Whether a written unit name is an open set of units (各街镇, 有关部门, 行业主管部门, 医疗机构), not a kind."""
    if _SET_MARK.search(written) or PUBLIC_KIND.fullmatch(written):
        return True
    rest = written[_LEVEL_OR_GOVERNMENT.match(written).end():]
    return bool(rest) and _GENERIC_HEAD.fullmatch(rest) is not None


@dataclass(frozen=True)
class AgencyEntry:
    """One agency type of the dictionary."""

    key: str
    canonical: str
    aliases: tuple[str, ...]
    scope: str  # dept | local | generic | collective
    generic_label: str
    english: str


@dataclass(frozen=True)
class AgencyHit:
    """An agency name found in text, already normalised; the role is decided by the caller."""

    text: str
    name: str
    span: Span
    key: str
    scope: str
    region_code: str | None
    generic: bool
    rule: str

    @property
    def collective(self) -> bool:
        return self.scope == "collective"


class AgencyDictionary:
    """The curated dictionary with a longest-match pattern over every alias."""

    def __init__(self, entries: list[AgencyEntry]):
        self.entries = entries
        self.by_alias: dict[str, AgencyEntry] = {}
        for e in entries:
            for a in e.aliases:
                self.by_alias.setdefault(a, e)
        self.pattern = literal_trie(self.by_alias)  # the longest alias at each position

    def lookup(self, alias: str) -> AgencyEntry | None:
        """The entry an exact alias names, or None."""
        return self.by_alias.get(alias)


def _read_tsv(name: str) -> list[list[str]]:
    rows = []
    for line in (DATA_DIR / name).read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            rows.append(line.split("\t"))
    return rows


@lru_cache(maxsize=1)
def load_dictionary() -> AgencyDictionary:
    """The agency dictionary from the package data files (read once)."""
    entries = []
    for row in _read_tsv("agencies.tsv"):
        key, canonical, aliases, scope, generic_label, english = (row + [""] * 6)[:6]
        entries.append(AgencyEntry(key, canonical, tuple(a for a in aliases.split("|") if a), scope,
                                   generic_label, english))
    for row in _read_tsv("collectives.tsv"):
        canonical, surfaces, english = (row + [""] * 3)[:3]
        entries.append(AgencyEntry("collective:" + canonical, canonical,
                                   tuple(s for s in surfaces.split("|") if s), "collective", canonical, english))
    return AgencyDictionary(entries)


def user_dictionary_lines() -> list[str]:
    """jieba user-dictionary lines (word freq tag) for every alias: what data/jieba_user.txt holds."""
    words: dict[str, str] = {}
    for e in load_dictionary().entries:
        for a in (e.canonical, *e.aliases):
            words.setdefault(a, "nt")
    return [f"{w} 20000 {tag}" for w, tag in sorted(words.items())]


def _tokenizer():
    """The jieba tokenizer with the agency dictionary's words (``words.tokenizer``, loaded on first use)."""
    return tokenizer()


# jieba segments each maximal run of these characters on its own (its re_han_default) and yields every
# other character as a word of its own, so a boundary depends only on the run around it.
_JIEBA_BLOCK = re.compile(r"[\u4E00-\u9FD5a-zA-Z0-9+#&._%\-]+")
_LATIN = re.compile(r"[a-zA-Z0-9]")


@lru_cache(maxsize=4096)
def _word_starts(text: str) -> frozenset[int]:
    starts, pos = set(), 0
    for w in words(text):
        starts.add(pos)
        pos += len(w)
    return frozenset(starts)


def on_word_boundary(text: str, start: int) -> bool:
    """Whether ``start`` begins a word of ``text`` as jieba (with our user dictionary) segments it."""
    if not 0 <= start < len(text) or not _JIEBA_BLOCK.match(text, start, start + 1):
        return start in _word_starts(text)  # outside a run: rare here, ask jieba about the whole text
    if start == 0 or not _JIEBA_BLOCK.match(text, start - 1, start):
        return True  # a run's first character always starts a word: no segmentation needed
    block_start, block_end = _block_around(text, start)
    if not _LATIN.match(text, start - 1) and spans_no_word(text, block_start, start, block_end):
        return True  # no word runs across: a boundary however the run is cut
    return start - block_start in _word_starts(text[block_start:block_end])


def _block_around(text: str, start: int) -> tuple[int, int]:
    """The start and end of the run (``_JIEBA_BLOCK``) that holds ``start``, a position inside a run: read
    around ``start`` (its run ends there, the run before it is read backwards over a short window), all the
    runs of the text only when the run is longer than the window."""
    end = _JIEBA_BLOCK.match(text, start).end()
    lo = max(0, start - _BACK_WINDOW)
    back = _JIEBA_BLOCK.match(text[lo:start][::-1])
    k = back.end() if back is not None else 0
    if k < start - lo or lo == 0:
        return start - k, end
    starts, ends = _jieba_blocks(text)  # a run longer than the window
    i = bisect_right(starts, start) - 1
    return starts[i], ends[i]


_BACK_WINDOW = 48


@lru_cache(maxsize=256)
def _jieba_blocks(text: str) -> tuple[list[int], list[int]]:
    """The starts and ends of the runs jieba segments apart, found once per text (the callers ask about
    many positions of one text)."""
    runs = [m.span() for m in _JIEBA_BLOCK.finditer(text)]
    return [a for a, _ in runs], [b for _, b in runs]


def _joins_next(text: str, end: int) -> bool:
    """Whether the last character before ``end`` makes a common word with the next (办法, 所在, 站点, 局长)."""
    pair = text[end - 1:end + 1]
    return len(pair) == 2 and pair != "办公" and bool(_tokenizer().FREQ.get(pair))  # 应急办公室 is 应急办


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
    if entry.scope == "collective":
        return entry.canonical, own, False
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
            scope, name = "unit", text[start:m.end()]  # 乡镇政府, 居委会: a kind of unit, its written form kept
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
        return AgencyHit(item, (region.name + item) if local else item, span, "", "unknown",
                         region.code if region else None, False, "list_item:unknown")
    return None


_ROLE_MARK = re.compile(r"\s*[（(](?:牵头|配合|协办|主办|参与|责任)[^（）()]{0,4}[）)]\s*$")


_BRACKETED = re.compile(r"[（(〔][^（）()〔〕]{0,12}[）)〕]")


def _mask_brackets(text: str) -> str:
    """``text`` with the separators inside brackets replaced by a character that splits nothing (same length)."""
    if "、" not in text and "，" not in text and "," not in text:
        return text
    return _BRACKETED.sub(lambda m: re.sub(r"[、，,和\s]", "\u3007", m.group(0)), text)


_CLAUSE_SEP = re.compile(r"[，,；;]")


def _set_spans(text: str, masked: str, region: Region | None, offset: int) -> list[tuple[int, int, AgencyHit]]:
    """(start, end, hit) of each comma-separated part that opens with 各 and is one collective as a whole
    (各市、县〔市、区〕政府 in a 责任单位 list)."""
    if "各" not in text:
        return []
    from policykg.ingest.extract.agency_grammar import units_of

    out, start = [], 0
    for m in [*_CLAUSE_SEP.finditer(masked), None]:
        end = m.start() if m else len(text)
        part = text[start:end]
        core = part.strip().strip("。．.：:")
        if core.startswith("各") and "、" in core:
            at = start + part.find(core)
            read = units_of(core, region, offset + at)
            if read and len(read) == 1 and read[0].collective:
                out.append((start, end, read[0]))
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
        held = next((h for a, b, h in sets if a <= idx < b), None)
        if held is not None:  # a set marker before a coordinated list covers it: one collective
            if held not in out:
                out.append(held)
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
