"""Units passed down from headings: the unit of the nearest parent heading that names one (二、区应急局职责),
and the unit after 由 in a lead-in of cases (有下列行为之一的，由X责令改正…：)."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from functools import lru_cache
from itertools import accumulate

from policykg.ingest.extract.agency_grammar import longest_units_at
from policykg.ingest.extract.role_words import (
    _FOLLOW,
    _HEADING_FOLLOW,
    _HEADING_NUMBER,
    _LED_BY,
    _LIST_LEAD_IN,
    _mention,
    _skip_lead_in,
    past_bare_place,
)
from policykg.ingest.model import AgencyMention, Document


def heading_agencies(para_text: str, doc: Document, offset: int) -> list[AgencyMention]:
    """Units of an item headed by its unit (1.街道消委办。牵头… / 区教育局：组织…), read with the
    subjects (``subject_agencies`` finds them): nothing of its own, kept for callers that add the two."""
    return []


def heading_chain_agencies(doc: Document, offset: int, headings: Sequence[str] | None = None,
                           numbered: bool = True) -> list[AgencyMention]:
    """The unit of the nearest parent heading that names one (二、区应急局职责; 区级指挥部主要职责如下),
    given to an item that names none: lead, or collective for a collective. A lead-in closed by a colon with no
    下列/以下 passes its subject to ``numbered`` items only (the paragraph after the items is no item of it)."""
    chain = list(headings) if headings is not None else None
    sections = [] if chain is not None else sorted(
        (s for s in doc.sections if s.span.start < offset < s.span.end and s.heading), key=lambda s: -s.depth)
    candidates: list[tuple[str, int]] = []
    if chain is not None:
        for h in reversed(chain):
            at = _heading_at(doc.text, h, offset)
            candidates.append((h, at if at >= 0 else offset))
    else:
        for s in sections:
            at = doc.text.find(s.heading, s.span.start, s.span.end)
            if at >= 0 and at + len(s.heading) <= offset:
                candidates.append((s.heading, at))
    for heading, at in candidates:
        units = _heading_units(doc, heading, at)
        if units is not None and not numbered and units and all(a.rule.startswith("parent_lead_in") for a in units):
            continue
        if units is not None:
            return list(units)
    return []


# (document, its headings read): item after item asks about one heading. One tuple in one slot, read and replaced
# whole, so that two threads parsing two documents in-process never write into each other's reads.
_HEADING_READ: list[tuple[Document | None, dict]] = [(None, {})]


def _heading_units(doc: Document, heading: str, at: int) -> tuple[AgencyMention, ...] | None:
    """What the heading at ``at`` gives the items under it (``heading_chain_agencies``), or None when it names
    no unit and the next heading out is asked; read once per document and heading."""
    cached = _HEADING_READ[0]
    if cached[0] is not doc:
        cached = (doc, {})
        _HEADING_READ[0] = cached
    read, key = cached[1], (heading, at)
    if key not in read:
        read[key] = _read_heading_units(doc, heading, at)
    return read[key]


def _read_heading_units(doc: Document, heading: str, at: int) -> tuple[AgencyMention, ...] | None:
    found = _starts_with_heading(doc.text, at, heading)
    line = _full_line(doc.text, at) if found else heading  # (the chain cuts a heading at 60 characters)
    if _CASES.search(line):
        # 有下列行为之一的，由林业行政主管部门责令改正…：its subject is the offender; the unit after 由, when
        # the lead-in names one, acts on every case listed (a 处罚 or 处分 is its duty)
        return tuple(_led_by_in(line, doc, at))
    written = line if found else heading
    p = _HEADING_NUMBER.match(written).end()
    r = longest_units_at(written, p, doc.region, at, follow=_HEADING_FOLLOW)
    rule = "parent_heading"
    if r is None and not _LIST_LEAD_IN.search(written) and _ENDS_IN_COLON.search(written):
        rule = "parent_lead_in"  # (passed to the numbered items under it only: ``heading_chain_agencies``)
    if r is None and (_LIST_LEAD_IN.search(written) or _ENDS_IN_COLON.search(written)):
        # 应急管理部门收到举报事项后，按照下列规定办理：the subject of a lead-in does what its items say; so does the
        # subject of any lead-in closed by a colon over its items (X…，主要职责是：; X应当…，有计划地组织…进行建设：):
        # gold README unit 19's amendment, its units pass to the items that name none
        r = longest_units_at(written, _skip_lead_in(written, p), doc.region, at, follow=_FOLLOW)
        if r is None and found and rule == "parent_heading":
            # 违反本办法有关规定，由X按照以下规定给予处罚：the unit after 由 acts on each item
            led = _led_by_in(line, doc, at)
            if led:
                return tuple(led)
    if r is not None:
        return tuple(_mention(h, "lead", rule) for h in r[0])
    return None


# a lead-in closed by a colon whose 下列/以下/如下 stands further back before acts (下列职责, 措施, 工作, 规定, 任务: X应当依照下列
# 规定上报…，并通知…：), not before things or cases (下列事项, 情形, 项目), or that names the unit's duties (…，主要职责是：)
_ENDS_IN_COLON = re.compile(r"(?:下列|如下|以下)[^。；;：:]{0,8}?(?:职责|措施|工作|规定|任务)[^。；;]*[：:]\s*$|"
                            r"(?:职责|任务)(?:是|为|如下)?[：:]\s*$")
# 有下列行为之一的，由X…：; 有下列行为之一，但未引起森林火灾的，由X…：(a condition between the cases and 的)
_CASES = re.compile(r"下列[^，。；：:]{0,6}之一(?:的|[，,][^，。；：:]{1,20}的)")


def _heading_at(text: str, heading: str, before: int) -> int:
    """Where ``heading`` (as the heading chain gives it: spaces dropped) starts in ``text`` before ``before``,
    or -1: the nearest occurrence, spaces in the text ignored (第八条 各级… is the chain's 第八条各级…)."""
    at = text.rfind(heading, 0, before)
    if at >= 0 or not heading:
        return at
    squashed = _squashed(text)
    found = squashed.text.rfind(heading, 0, squashed.before(before))
    return squashed.place(found) if found >= 0 else -1


class _Squashed:
    """A text without its whitespace (``text``), and the way between places in it and in the text, by runs of
    non-space characters (a list of every character's place costs ~1 ms for a long document)."""

    def __init__(self, text: str) -> None:
        runs = list(_NON_SPACE_RUN.finditer(text))  # (``\S`` is what ``str.isspace`` is not)
        self.text = "".join(m.group() for m in runs)
        self._starts = [m.start() for m in runs]
        self._ends = [m.end() for m in runs]
        self._at = list(accumulate((m.end() - m.start() for m in runs), initial=0))  # each run's start in self.text

    def before(self, pos: int) -> int:
        """How many non-space characters stand before ``pos`` in the text: where ``pos`` falls in ``self.text``."""
        j = bisect_right(self._starts, pos) - 1
        return 0 if j < 0 else self._at[j] + min(pos, self._ends[j]) - self._starts[j]

    def place(self, k: int) -> int:
        """Where the character ``self.text[k]`` stands in the text."""
        j = bisect_right(self._at, k) - 1
        return self._starts[j] + k - self._at[j]

    def holds(self, pos: int) -> bool:
        """Whether a non-space character stands at ``pos`` in the text."""
        j = bisect_right(self._starts, pos) - 1
        return j >= 0 and pos < self._ends[j]


@lru_cache(maxsize=8)
def _squashed(text: str) -> _Squashed:
    return _Squashed(text)


_NON_SPACE_RUN = re.compile(r"\S+")


def _starts_with_heading(text: str, at: int, heading: str) -> bool:
    if text.startswith(heading, at):
        return True
    squashed = _squashed(text)
    return bool(heading) and squashed.holds(at) and squashed.text.startswith(heading, squashed.before(at))


def _full_line(text: str, at: int) -> str:
    end = text.find("\n", at)
    return text[at:end if end >= 0 else len(text)]


def _led_by_in(line: str, doc: Document, at: int) -> list[AgencyMention]:
    """The units after 由 in a lead-in of cases (…的，由其上级机关或者监察机关责令改正：), lead (collective for a set)."""
    for m in _LED_BY.finditer(line) if "由" in line else ():
        start = past_bare_place(line, m.end(), lambda p: longest_units_at(line, p, doc.region, at, follow=_FOLLOW))
        r = longest_units_at(line, start, doc.region, at, follow=_FOLLOW)
        if r is not None:
            return [_mention(h, "lead", "cases_led_by") for h in r[0]]
    return []
