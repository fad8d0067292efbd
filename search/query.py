"""Query input: validation, filters over units and highlighted snippets.

Bad input raises ``SearchInputError`` (a ValueError) with a one-line message naming the field; the API
maps it to a 4xx answer and the CLI to exit status 2.
"""

from __future__ import annotations

import bisect
import html
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

import numpy as np
from policykg.ingest.model import LEVELS
from policykg.search.tokenize import synonym_groups
from policykg.search.units import Unit

MAX_QUERY_CHARS = 256
MAX_LIMIT = 100
_CJK_ONLY = re.compile(r"^[\u3400-\u9fff]{0,8}$")  # a region prefix such as 市 or 常德市 before a dictionary name
_REGION_SUFFIX = re.compile(r"(特别行政区|自治区|自治州|自治县|新区|街道|地区|省|市|区|县|镇|乡|盟|旗)$")


class SearchInputError(ValueError):
    """A query or filter value that cannot be searched with; ``field`` names the culprit."""

    def __init__(self, field: str, message: str):
        super().__init__(message)
        self.field = field


def clean_query(text: str | None) -> tuple[str, list[str]]:
    """The query stripped and cut to MAX_QUERY_CHARS, with notices for what was changed."""
    text = " ".join((text or "").split())
    if not text:
        raise SearchInputError("query", "the query is empty")
    notices = []
    if len(text) > MAX_QUERY_CHARS:
        notices.append(f"query truncated from {len(text)} to {MAX_QUERY_CHARS} characters")
        text = text[:MAX_QUERY_CHARS]
    return text, notices


def check_limit(limit: int | None, default: int = 10) -> int:
    """The limit, or an error when it is outside 1..MAX_LIMIT."""
    if limit is None:
        return default
    if isinstance(limit, bool) or not isinstance(limit, int) or not 1 <= limit <= MAX_LIMIT:
        raise SearchInputError("limit", f"limit must be an integer from 1 to {MAX_LIMIT}, got {limit!r}")
    return limit


def _parse_date(field: str, value: str | None) -> str:
    if not value:
        return ""
    try:
        return date.fromisoformat(value.strip()).isoformat()
    except ValueError:
        raise SearchInputError(field, f"{field} must be a date as YYYY-MM-DD, got {value!r}") from None


def _region_key(name: str) -> str:
    return _REGION_SUFFIX.sub("", name) or name


@dataclass(frozen=True)
class Filters:
    """What a result must match; None means no restriction."""

    level: str | None = None
    region: str | None = None  # name (常德市, 常德) or code; includes sub-regions
    agency: str | None = None
    site_type: str | None = None  # key or label
    date_from: str | None = None
    date_to: str | None = None

    def is_empty(self) -> bool:
        """True when nothing is restricted."""
        return not any((self.level, self.region, self.agency, self.site_type, self.date_from, self.date_to))


def _known(values: set[str], limit: int = 8) -> str:
    shown = sorted(v for v in values if v)[:limit]
    return ", ".join(shown) + (" …" if len(values) > limit else "") if shown else "none in the index"


def region_matcher(units: Sequence[Unit], region: str) -> list[bool]:
    """Per unit: does it lie in ``region`` or a sub-region? Raises when no unit does."""
    wanted = region.strip()
    key = _region_key(wanted)
    hits = [wanted in u.region_codes or wanted in u.regions or any(_region_key(n) == key for n in u.regions)
            for u in units]
    if not any(hits):
        raise SearchInputError("region", f"unknown region {region!r}; known: "
                                         f"{_known({n for u in units for n in u.regions})}")
    return hits


@lru_cache(maxsize=256)
def _variants(name: str, dictionary: str) -> tuple[str, ...]:
    """``name`` and its synonyms from the dictionary: 住建局 also finds 常德市住房和城乡建设局; 市住建局 too."""
    out = {name}
    for group in synonym_groups(dictionary):
        if any(name == w or (name.endswith(w) and len(w) >= 2 and _CJK_ONLY.match(name[: -len(w)]))
               for w in group):
            out |= {w for w in group if len(w) >= 2}
    return tuple(sorted(out, key=len, reverse=True))


def allowed_rows(units: Sequence[Unit], filters: Filters) -> np.ndarray | None:
    """Row ids that pass ``filters`` (None when unfiltered); unknown filter values raise."""
    if filters.is_empty():
        return None
    keep = np.ones(len(units), dtype=bool)
    if filters.level:
        if filters.level not in LEVELS:
            raise SearchInputError("level", f"unknown level {filters.level!r}; use one of {', '.join(LEVELS)}")
        keep &= np.array([u.level == filters.level for u in units], dtype=bool)
    if filters.region:
        keep &= np.array(region_matcher(units, filters.region), dtype=bool)
    if filters.agency:
        name = filters.agency.strip()
        variants = _variants(name, "agencies.tsv")
        hits = np.array([any(v in a or a == name for a in u.agencies for v in variants) for u in units],
                        dtype=bool)
        if not hits.any():
            raise SearchInputError("agency", f"unknown agency {name!r}; known: "
                                             f"{_known({a for u in units for a in u.agencies})}")
        keep &= hits
    if filters.site_type:
        name = filters.site_type.strip()
        variants = _variants(name, "site_types.tsv")
        hits = np.array([any(v == s or v in s for s in u.site_types for v in variants) for u in units], dtype=bool)
        if not hits.any():
            raise SearchInputError("site_type", f"unknown site type {name!r}; known: "
                                                f"{_known({s for u in units for s in u.site_types})}")
        keep &= hits
    start, end = _parse_date("date_from", filters.date_from), _parse_date("date_to", filters.date_to)
    if start and end and start > end:
        raise SearchInputError("date_from", f"date_from {start} is after date_to {end}")
    if start:
        keep &= np.array([bool(u.date) and u.date >= start for u in units], dtype=bool)
    if end:
        keep &= np.array([bool(u.date) and u.date <= end for u in units], dtype=bool)
    return np.flatnonzero(keep)


def highlight_spans(text: str, terms: Sequence[str]) -> list[tuple[int, int]]:
    """Non-overlapping [start, end) spans of the query terms in ``text``, longest terms first."""
    taken = bytearray(len(text) + 1)  # runs once per result of every request: kept to C-level calls
    spans = []
    wanted = dict.fromkeys(t for t in terms if len(t) >= 2 or re.match(r"[\u3400-\u9fff]", t))
    # equal lengths keep the query's order (a set's order changed with the hash seed between processes)
    for term in sorted(wanted, key=len, reverse=True):
        for m in re.finditer(re.escape(term), text, flags=re.IGNORECASE):
            start, end = m.span()
            if taken.find(1, start, end) < 0:
                taken[start:end] = b"\x01" * (end - start)
                spans.append((start, end))
    return sorted(spans)


def snippet(text: str, terms: Sequence[str], width: int = 120) -> str:
    """A window of ``text`` around the densest cluster of query terms, HTML-escaped, terms in <mark>."""
    spans = [s for s in highlight_spans(text, terms) if s[1] - s[0] >= 1]
    if len(text) <= width or not spans:
        start = 0
    else:
        # spans are sorted and disjoint: those starting within a window from span i are i..bisect-1
        starts = [s for s, _ in spans]
        best = max(range(len(spans)), key=lambda i: bisect.bisect_left(starts, starts[i] + width) - i)
        start = max(0, min(spans[best][0] - width // 6, len(text) - width))
    end = min(len(text), start + width)
    out, pos = [], start
    for s, e in spans:
        if s < start or e > end:
            continue
        out.append(html.escape(text[pos:s]) + "<mark>" + html.escape(text[s:e]) + "</mark>")
        pos = e
    out.append(html.escape(text[pos:end]))
    return ("…" if start > 0 else "") + "".join(out) + ("…" if end < len(text) else "")
