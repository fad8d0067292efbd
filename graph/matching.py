"""Matching a cited title, 文号 and issuer to a document: title variants, region words, keywords.

Pure functions over plain values, so ``resolve`` can be tested without a store. A cited title is
reduced to a *core* (brackets, years, 试行 and 行动方案/实施方案 spellings folded) plus the years it
names; 全省/全市/全县/全区/本市 are replaced by the region at that level, taken from the issuer named
with the citation or, failing that, from the citing document's own region chain.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from policykg.ingest.extract.citations import carried_title, normalise_doc_number, normalise_title
from policykg.ingest.extract.regions import NATIONAL_CODE, Gazetteer, level_of
from policykg.ingest.model import Region

# region word -> the levels it may stand for, first that the chain has wins (本市 in 上海 is the province)
REGION_WORDS = {"全省": ("provincial",), "本省": ("provincial",), "全市": ("city", "provincial"),
                "本市": ("city", "provincial"), "全县": ("county",), "本县": ("county",),
                "全区": ("county", "city", "provincial"), "本区": ("county", "city", "provincial"),
                "全镇": ("township",), "本镇": ("township",), "全乡": ("township",)}
_YEAR = re.compile(r"(?:19|20)\d{2}")
_PLAN = re.compile(r"(?:行动)?(?:实施)?方案")
_TRIAL = re.compile(r"\((?:试行|暂行|修订|\d{4}年修订|草案)\)")
_NATIONAL_HEAD = ("中华人民共和国", "国务院", "国家", "全国", "中共中央", "中央", "应急管理部", "公安部", "住房城乡建设部",
                  "住房和城乡建设部", "财政部", "国务院安委会", "国务院安全生产委员会")


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    """The shipped gazetteer, loaded once."""
    return Gazetteer.load()


# The same titles (a national law, the city's plan) are cited by many documents, and every citation is
# matched again on each resolution: the pure string functions below are cached.
_CACHE = 1 << 16


@lru_cache(maxsize=_CACHE)
def fold(text: str) -> str:
    """Width-folded, space-free normalised title (the form every key starts from)."""
    return normalise_title(unicodedata.normalize("NFKC", normalise_title(text or "")))


def chain_names(region: Region | None) -> dict[str, str]:
    """Level -> region name along a region and its parents (the citing document's context)."""
    if region is None:
        return {}
    out = {region.level: region.name}
    for p in region.parents:
        out.setdefault(p.level, p.name)
    return out


def expand_region_words(title: str, issuer_region: Region | None, context: Region | None) -> str:
    """全市…/本市… with the region written out: from the issuer's region first, else the context's."""
    t = (title or "").strip()
    for word, levels in REGION_WORDS.items():
        if t.startswith(word):
            for names in (chain_names(issuer_region), chain_names(context)):
                name = next((names[lv] for lv in levels if lv in names), None)
                if name:
                    return name + t[len(word):]
    return t


@lru_cache(maxsize=_CACHE)
def core(title: str) -> str:
    """A title with years, 试行 and plan spellings folded away: the part variants share."""
    t = fold(title)
    t = _TRIAL.sub("", t)
    t = re.sub(r"\([^()]*\d{4}[^()]*\)", "", t)  # (2024-2026年), (2020—2035年)
    t = re.sub(r"(?:19|20)\d{2}(?:[-—~至](?:19|20)?\d{2})?年(?:度)?", "", t)
    t = _PLAN.sub("方案", t)
    return t.strip("《》")


@lru_cache(maxsize=_CACHE)
def years(title: str) -> frozenset[str]:
    """The years a title names (2024, 2026 for （2024-2026年）)."""
    return frozenset(_YEAR.findall(fold(title)))


def unwrap(title: str) -> list[str]:
    """The title and, for an 印发/转发 wrapper (X关于印发《Y》的通知, 关于印发Y的通知), the carried Y too."""
    out = [title]
    inner = carried_title(fold(title))
    if inner:
        out.append(inner)
    m = re.search(r"关于(?:印发|转发|发布)(?:修订后的)?([^《》]{4,})的通知$", fold(title))
    if m:
        out.append(m.group(1))
    return out


@lru_cache(maxsize=_CACHE)
def keys(title: str) -> frozenset[str]:
    """Every core a title may be matched under."""
    out = set()
    for t in unwrap(title):
        c = core(t)
        if c:
            out.add(c)
            if c.endswith("法") and not c.startswith("中华人民共和国") and not re.search(r"[省市县区]", c[:6]):
                out.add("中华人民共和国" + c)  # 《消防法》 is the national law
    return frozenset(out)


@lru_cache(maxsize=_CACHE)
def leading_region(title: str) -> tuple[str, str] | None:
    """(name, code) of a region named at the very start of a title (上海市应急避难场所设计标准)."""
    hits = gazetteer().scan(fold(title)[:12])
    if hits and hits[0][1] == 0:
        code = gazetteer().find(hits[0][0])
        if code:
            return hits[0][0], code.code
    return None


@lru_cache(maxsize=_CACHE)
def bigrams(text: str) -> frozenset[str]:
    """Character bigrams of a core, the keyword signal for the fuzzy step."""
    t = core(text)
    return frozenset(t[i:i + 2] for i in range(len(t) - 1))


def similarity(a: str, b: str) -> float:
    """Dice overlap of character bigrams of two titles."""
    x, y = bigrams(a), bigrams(b)
    return 2 * len(x & y) / (len(x) + len(y)) if x and y else 0.0


@dataclass(frozen=True)
class Placement:
    """Where a cited document sits: its region and level, as far as the citation tells."""

    region: Region | None
    level: str | None
    rule: str


def place(title: str | None, issuer: str | None, doc_number: str | None, context: Region | None) -> Placement:
    """Infer region and level of a cited document from its issuer, title and the citing context."""
    g = gazetteer()
    ctx = " ".join(chain_names(context).values())
    for text, rule in ((issuer, "issuer"), (title, "title")):
        if not text:
            continue
        t = fold(text)
        if t.startswith(_NATIONAL_HEAD):
            return Placement(g.region_by_code(NATIONAL_CODE), "national", rule + ":national")
        region = g.locate([(t, rule)], context=ctx)
        if region is not None:
            return Placement(region, region.level, rule)
    if title:
        t = fold(title)
        for word, levels in REGION_WORDS.items():
            if t.startswith(word) and context is not None:
                chain = [(context.level, context.code), *((p.level, p.code) for p in context.parents)]
                code = next((c for lv in levels for lvl, c in chain if lvl == lv), None)
                if code:
                    return Placement(g.region_by_code(code, "region_word"), level_of(code), "region_word")
        if re.search(r"(?<![办方做])法$", core(t)):
            return Placement(g.region_by_code(NATIONAL_CODE), "national", "title:law")
    return Placement(None, None, "unknown")


def number_key(doc_number: str | None) -> str | None:
    """The 文号 in its one comparable spelling."""
    return normalise_doc_number(doc_number) if doc_number else None
