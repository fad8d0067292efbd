"""The level a document speaks from, and the region it names as its own, when no issuer or title names a place.

A dataset's body column (the Policy Content of a spreadsheet row) has no title, issuer or signature. Such a
text still says who speaks: its addressee line (各市人民政府，…，省政府各部门： is written by a province) and
its self-references (全省, 我市, 本县 as words). Places named in running text (a pilot city, a district
that took part) are not the speaker; only a name of the speaker's own kind, outside 《》 citations, that
outnumbers every other such name together, is taken as its region. No such name: the level alone, or nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from policykg.ingest.extract.regions import Gazetteer, level_of
from policykg.ingest.extract.words import words
from policykg.ingest.model import Level, Region

# the unit a self-reference or an addressee line names -> the levels a region of that unit can have
# (市 speaks for a city or a municipality such as 上海市; 区 for a district or an autonomous region)
UNIT_LEVELS: dict[str, tuple[Level, ...]] = {
    "省": ("provincial",), "自治区": ("provincial",), "市": ("city", "provincial"), "区": ("county", "provincial"),
    "县": ("county",), "县级": ("county",), "镇": ("township",), "乡": ("township",),
}
# the suffix a region's full name ends with, per unit (自治区 for 区 at provincial level)
_UNIT_SUFFIX = {"省": ("省",), "自治区": ("自治区",), "市": ("市",), "区": ("区",), "县": ("县",), "县级": ("区", "县", "市", "旗"),
                "镇": ("镇",), "乡": ("乡",)}
_SELF_REFERENCE = re.compile(r"[全我本](?P<unit>省|市|区|县|镇|乡)")
# in an addressee line: the sender's own departments (省政府各部门, 市直各单位, 自治区人民政府各厅局)
_OWN_DEPARTMENTS = re.compile(r"(?P<unit>自治区|[省市区县镇乡])(?:人民)?政府(?:各|有关|直属)|(?P<unit2>[省市区县])直(?:各|有关)")
# ... or, failing that, its first addressee, one level down (各市人民政府 is written by a province)
_FIRST_ADDRESSEE = re.compile(r"^各(?P<down>设区的市|地级市|市(?!直)|州|盟|区(?!直)|县(?!直)|乡|镇|街道|村|社区|居委)")
_SENDER_OF = {"设区的市": "省", "地级市": "省", "市": "省", "州": "省", "盟": "省", "区": "市", "县": "市",
              "乡": "县级", "镇": "县级", "街道": "县级", "村": "镇", "社区": "镇", "居委": "镇"}
_CITATION = re.compile(r"《[^《》\n]{1,120}》")


@dataclass(frozen=True)
class Voice:
    """The unit a document speaks for (省, 自治区, 市, 区, 县, 县级, 镇, 乡) and the rule that read it."""

    unit: str
    rule: str  # "addressee_line" or "self_reference"

    @property
    def level(self) -> Level | None:
        """The level the unit alone settles (None for 市 and 区, which may also be provincial)."""
        levels = UNIT_LEVELS[self.unit]
        return levels[0] if len(levels) == 1 else None


def addressee_voice(head: list[str]) -> Voice | None:
    """The sender's unit read from an addressee line (各…：) among the ``head`` lines, if there is one."""
    for line in head:
        t = re.sub(r"\s+", "", line)
        if not t.endswith(("：", ":")) or "。" in t or len(t) > 200 or "各" not in t:
            continue
        m = _OWN_DEPARTMENTS.search(t)
        if m:
            unit = m.group("unit") or m.group("unit2")
            # 区政府各部门 is a district's (自治区 is read whole): a county-level sender
            return Voice("县级" if unit == "区" else unit, "addressee_line")
        m = _FIRST_ADDRESSEE.match(t)
        if m:
            return Voice(_SENDER_OF[m.group("down")], "addressee_line")
    return None


def _clause(text: str, start: int, end: int) -> tuple[int, str]:
    """The run of Chinese text around ``text[start:end]`` (up to punctuation or 30 characters away)."""
    lo, hi = max(0, start - 30), min(len(text), end + 30)
    left = max((text.rfind(c, lo, start) for c in "，。；：、（）《》“”\n "), default=-1)
    right = [i for i in (text.find(c, end, hi) for c in "，。；：、（）《》“”\n ") if i >= 0]
    a = left + 1 if left >= lo else lo
    return a, text[a:min(right) if right else hi]


def is_word(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` is one or more whole words of its clause (jieba), not part of a longer word
    (河南 in 黄河南岸 is not; 山东 in 数字山东 is)."""
    a, clause = _clause(text, start, end)
    bounds, pos = {0}, 0
    for w in words(clause):
        pos += len(w)
        bounds.add(pos)
    return start - a in bounds and end - a in bounds


def self_reference_voice(text: str, min_count: int = 2) -> Voice | None:
    """The unit a text calls its own (全省, 我市, 本县 as words) when it does so at least ``min_count`` times and
    more than twice as often as any other unit."""
    counts: dict[str, int] = {}
    for m in _SELF_REFERENCE.finditer(text):
        if is_word(text, m.start(), m.end()):
            counts[m.group("unit")] = counts.get(m.group("unit"), 0) + 1
    if not counts:
        return None
    ranked = sorted(counts.items(), key=lambda kv: -kv[1])
    unit, top = ranked[0]
    second = ranked[1][1] if len(ranked) > 1 else 0
    return Voice(unit, "self_reference") if top >= min_count and top > 2 * second else None


def document_voice(text: str, head: list[str]) -> Voice | None:
    """The unit a document speaks for: its addressee line first, else its self-references."""
    return addressee_voice(head) or self_reference_voice(text)


def _outside_citations(text: str) -> str:
    # a cited title (《山东省智能制造发展规划》) is another document's voice: blanked, offsets kept
    return _CITATION.sub(lambda m: " " * len(m.group(0)), text)


@lru_cache(maxsize=16)
def _unit_names(gaz: Gazetteer, unit: str) -> re.Pattern[str] | None:
    """Full and short names of the regions a unit can be (provinces and their short names for 省), longest first;
    None for units with too many names for one pattern (镇, 乡)."""
    if unit in ("镇", "乡", "县级"):
        return None
    names = {n for n, codes in gaz.by_name.items() if any(_of_unit(c, n, unit) for c in codes)}
    names |= {s for s, codes in gaz.by_short.items() if any(_of_unit(c, gaz.names[c], unit) for c in codes)}
    return re.compile("|".join(sorted(map(re.escape, names), key=len, reverse=True))) if names else None


def _of_unit(code: str, name: str, unit: str) -> bool:
    return level_of(code) in UNIT_LEVELS[unit] and name.endswith(_UNIT_SUFFIX[unit])


def own_region(text: str, voice: Voice, gaz: Gazetteer, rule: str | None = None) -> Region | None:
    """The region of the voice's unit the text names as its own: named outside citations (a short name only
    as a word), more often than all other such regions together; else None."""
    plain = _outside_citations(text)
    pattern = _unit_names(gaz, voice.unit)
    hits = ([(m.group(0), m.start(), m.end()) for m in pattern.finditer(plain)] if pattern
            else gaz.scan(plain, min_len=3))
    counts: dict[str, int] = {}
    written: dict[str, str] = {}
    for name, start, end in hits:
        full = name in gaz.by_name
        codes = [c for c in gaz.candidates(name) if _of_unit(c, gaz.names[c], voice.unit)]
        code = gaz.disambiguate(codes, plain) if codes else None
        if code is None or (not full and not is_word(plain, start, end)):
            continue
        counts[code] = counts.get(code, 0) + 1
        written.setdefault(code, name)
    if not counts:
        return None
    best = max(counts, key=lambda c: counts[c])
    if counts[best] <= sum(counts.values()) - counts[best]:
        return None  # no name outnumbers the others together: no guess
    region = gaz.region_by_code(best, rule or f"{voice.rule}+own_name")
    return region
