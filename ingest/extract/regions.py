"""Administrative regions from the NBS gazetteer shipped in ingest/data/gazetteer/.

Codes are 12-digit strings (province 11 -> 110000000000, township 330382114 -> 330382114000).
Municipalities' pseudo-cities (市辖区, 县, 省直辖县级行政区划) are kept for codes but skipped in parent
chains, so 永川区's parent is 重庆市. Duplicate names (hundreds of 城关镇) are resolved only with
context: a candidate whose ancestors are named nearby wins; with no such evidence, no answer.
"""

from __future__ import annotations

import csv
import re
from dataclasses import replace
from functools import lru_cache
from importlib import resources

from policykg.ingest.model import Level, Region, RegionRef

NATIONAL_CODE = "000000000000"
NATIONAL = Region(name="中华人民共和国", code=NATIONAL_CODE, level="national", rule="national")
_PSEUDO = {"市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划"}
_PROVINCE_SUFFIX = re.compile(r"(?:省|市|壮族自治区|回族自治区|维吾尔自治区|自治区|特别行政区)$")
_CITY_SUFFIX = re.compile(r"(?:市|地区|盟|(?:[\u4e00-\u9fa5]{1,8}族)+自治州|自治州)$")
_AREA_SUFFIX = re.compile(r"(?:新区|区|县|市|旗|(?:[\u4e00-\u9fa5]{1,8}族)+自治县)$")
# Township names that are a type rather than a place; never matched on their own in running text.
_GENERIC = re.compile(r"^(?:经济|技术|高新|工业|开发|农场|林场|园区|街道|城区|新区|镇区)")


def pad(code: str) -> str:
    """A gazetteer code (2, 4, 6 or 9 digits) as a 12-digit zero-padded string."""
    return code.ljust(12, "0")


def level_of(code: str) -> Level:
    """The administrative level a 12-digit code denotes."""
    if code == NATIONAL_CODE:
        return "national"
    if code[2:] == "0" * 10:
        return "provincial"
    if code[4:] == "0" * 8:
        return "city"
    if code[6:] == "0" * 6:
        return "county"
    return "township"


class Gazetteer:
    """Names, codes and parent links of every division down to township level."""

    def __init__(self, rows: list[tuple[str, str, str | None]]):
        self.names: dict[str, str] = {}  # code -> name
        self.parent: dict[str, str | None] = {}
        self.children: dict[str, list[str]] = {}
        self.by_name: dict[str, list[str]] = {}
        self.by_short: dict[str, list[str]] = {}
        for code, name, parent in rows:
            if parent == code:  # a city without districts (东莞, 中山) is listed again as its own area: keep the city
                continue
            self.names[code] = name
            self.parent[code] = parent
            if parent:
                self.children.setdefault(parent, []).append(code)
            if name in _PSEUDO:
                continue
            self.by_name.setdefault(name, []).append(code)
            short = self._short(code, name)
            if short and short != name and len(short) >= 2:
                self.by_short.setdefault(short, []).append(code)
        self.by_alias = self._street_aliases()
        self.max_len = max(len(n) for n in (*self.by_name, *self.by_alias))

    def _street_aliases(self) -> dict[str, list[str]]:
        """Streets named after a road are written with and without 路 (古美路街道 is the gazetteer's 古美街道)."""
        out: dict[str, list[str]] = {}
        for name, codes in self.by_name.items():
            if not name.endswith("街道"):
                continue
            stem = name[:-2]
            other = stem[:-1] + "街道" if stem.endswith("路") else stem + "路街道"
            if len(other) >= 4 and other not in self.by_name:  # a real name always wins over an alias
                out.setdefault(other, []).extend(c for c in codes if level_of(c) == "township")
        return {k: v for k, v in out.items() if v}

    @staticmethod
    def _short(code: str, name: str) -> str | None:
        level = level_of(code)
        rx = {"provincial": _PROVINCE_SUFFIX, "city": _CITY_SUFFIX, "county": _AREA_SUFFIX}.get(level)
        return rx.sub("", name) if rx else None

    @classmethod
    @lru_cache(maxsize=1)
    def load(cls) -> Gazetteer:
        """The shipped gazetteer, read once per process."""
        base = resources.files("policykg.ingest") / "data" / "gazetteer"
        rows: list[tuple[str, str, str | None]] = []
        for fname, parent_key in (("provinces.csv", None), ("cities.csv", "provinceCode"),
                                  ("areas.csv", "cityCode"), ("streets.csv", "areaCode")):
            with (base / fname).open(encoding="utf-8") as fh:
                for r in csv.DictReader(fh):
                    rows.append((pad(r["code"]), r["name"], pad(r[parent_key]) if parent_key else None))
        return cls(rows)

    def region_by_code(self, code: str, rule: str = "code") -> Region | None:
        """The region with this code (any length of NBS code), with its parent chain."""
        if code == NATIONAL_CODE:
            return NATIONAL
        code = pad(code)
        if code not in self.names:
            return None
        return Region(self.names[code], code, level_of(code), self.parents(code), rule)

    def parents(self, code: str) -> tuple[RegionRef, ...]:
        """Parent chain nearest first, without the pseudo-cities of municipalities."""
        out = []
        p = self.parent.get(code)
        while p:
            if self.names[p] not in _PSEUDO:
                out.append(RegionRef(self.names[p], p, level_of(p)))
            p = self.parent.get(p)
        return tuple(out)

    def ancestors(self, code: str) -> list[str]:
        """Codes of every ancestor, nearest first (pseudo-cities included)."""
        out, p = [], self.parent.get(code)
        while p:
            out.append(p)
            p = self.parent.get(p)
        return out

    def is_within(self, code: str, ancestor: str) -> bool:
        """True when ``code`` is ``ancestor`` or lies inside it (everything lies in the nation)."""
        return ancestor == NATIONAL_CODE or code == ancestor or ancestor in self.ancestors(code)

    def descendants(self, code: str) -> list[str]:
        """Codes of every region inside ``code`` (not itself), breadth first."""
        if code == NATIONAL_CODE:
            return [c for c in self.names]
        out, queue = [], list(self.children.get(code, ()))
        while queue:
            c = queue.pop(0)
            out.append(c)
            queue.extend(self.children.get(c, ()))
        return out

    def candidates(self, name: str) -> list[str]:
        """Codes whose full name (or, failing that, short name such as 乐清 for 乐清市) is ``name``."""
        return list(self.by_name.get(name) or self.by_short.get(name) or self.by_alias.get(name) or [])

    def find(self, name: str, context: str = "", rule: str = "gazetteer") -> Region | None:
        """The region called ``name``; a duplicate name needs its ancestors named in ``context``."""
        codes = self.candidates(name.strip())
        best = self._disambiguate(codes, context)
        return self._as_written(best, rule, name.strip()) if best else None

    def _as_written(self, code: str, rule: str, written: str) -> Region | None:
        """The region of ``code``, named as the text writes it when that is one of its street aliases."""
        region = self.region_by_code(code, rule)
        if region is not None and written not in self.by_name and code in self.by_alias.get(written, ()):
            region = replace(region, name=written, rule=rule + "+street_alias")
        return region

    def _support(self, code: str, context: str) -> int:
        score = 0
        for a in self.ancestors(code):
            n = self.names[a]
            if n in _PSEUDO:
                continue
            short = self._short(a, n)
            if n in context or (short and len(short) >= 2 and short in context):
                score += 1
        return score

    def disambiguate(self, codes: list[str], context: str) -> str | None:
        """The one of ``codes`` whose ancestors ``context`` names most (the only one when there is one), else None."""
        return self._disambiguate(codes, context)

    def _disambiguate(self, codes: list[str], context: str) -> str | None:
        if len(codes) == 1:
            return codes[0]
        if not codes:
            return None
        scored = sorted(((self._support(c, context), c) for c in codes), reverse=True)
        if scored[0][0] > 0 and scored[0][0] > scored[1][0]:
            return scored[0][1]
        return None

    def scan(self, text: str, short: bool = False, min_len: int = 2) -> list[tuple[str, int, int]]:
        """Longest gazetteer names in ``text``, left to right: (name, start, end)."""
        out, i, n = [], 0, len(text)
        while i < n:
            hit = None
            for L in range(min(self.max_len, n - i), min_len - 1, -1):
                sub = text[i:i + L]
                if sub in self.by_name or sub in self.by_alias or (short and sub in self.by_short):
                    hit = sub
                    break
            if hit and not (len(hit) <= 4 and _GENERIC.match(hit)):
                out.append((hit, i, i + len(hit)))
                i += len(hit)
            else:
                i += 1
        return out

    def locate(self, strong: list[tuple[str, str]], context: str = "") -> Region | None:
        """The region a document belongs to, from (text, rule) pairs in priority order
        (issuer, title, ...), the first that names a region winning; ``context`` settles duplicates."""
        for text, rule in strong:
            if not text:
                continue
            picked: list[str] = []
            written: dict[str, str] = {}
            for name, _s, _e in self.scan(text, short=True):
                full = name in self.by_name or name in self.by_alias
                codes = self.candidates(name)
                code = self._disambiguate(codes, text) or self._disambiguate(codes, text + context)
                if code is None:
                    continue
                if not full and level_of(code) not in ("provincial", "city") and not self._support(code, text):
                    continue  # a bare short county name (嘉定) counts only beside its city or province
                picked.append(code)
                written.setdefault(code, name)
            if picked:
                depth = {"provincial": 1, "city": 2, "county": 3, "township": 4}
                best = max(picked, key=lambda c: (depth[level_of(c)], -picked.index(c)))
                return self._as_written(best, rule, written[best])
        return None
