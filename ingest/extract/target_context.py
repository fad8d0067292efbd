"""Where a number stands in a target text: its clause, sentence and line, the quotations around it, and whether
its clause or sentence reports what is rather than commits (issue 13, issue 18).

``Marks`` holds, for one masked text, where quotations open and close and clauses, sentences and lines end
(found at first use, then bisected) and the searches of its clauses (``RangeSearch``): each number asks where its
clause opens, whether its clause holds a status word or a frequency, whether its sentence commits, and on a long
line without punctuation each question read the whole line before the number again (quadratic: minutes on a
200 KB line). ``reports_what_is`` is targets.py's test of a number that reports what is (已覆盖45个, 截至…, 达3384亿元，
同比增长…), read with those marks; what each question finds is what the plain search of the clause or sentence finds
(tests/test_text_marks.py compares them).
"""

from __future__ import annotations

import re
from bisect import bisect_left

from policykg.ingest.extract import text_marks
from policykg.ingest.extract.non_targets import (
    _BUILDS_ON,
    _COMMITS,
    _STATUS_AFTER,
    _STATUS_DONE,
    _STATUS_OPENER,
)
from policykg.ingest.extract.target_numbers import _opening_chars
from policykg.ingest.extract.text_marks import CharMarks, RangeSearch, is_plain, reads_behind


class _Lazy:
    """An attribute of a Marks built at its first use (most texts hold no number and ask for none), then read
    from the instance (a non-data descriptor). Each Marks serves one call: no lock needed."""

    def __init__(self, build) -> None:
        self.build = build

    def __set_name__(self, owner, name: str) -> None:
        self.name = name

    def __get__(self, marks, owner=None):
        if marks is None:
            return self
        value = marks.__dict__[self.name] = self.build(marks.masked)
        return value


class Marks:
    """Where a masked text's quotations open and close and its clauses, sentences and lines end, found once per
    text, and the searches of its clauses and sentences (a clause of a long line without punctuation is not read
    again for each number)."""

    quote_opens = _Lazy(lambda masked: CharMarks(masked, "“"))
    quote_closes = _Lazy(lambda masked: CharMarks(masked, "”"))
    clause_starts = _Lazy(lambda masked: CharMarks(masked, "，。；;：:"))  # (target_numbers._clause_start's marks)
    clause_ends = _Lazy(lambda masked: CharMarks(masked, "，,；;。：:"))  # (what closes the clause after a number)
    sentence_ends = _Lazy(lambda masked: CharMarks(masked, "。；;！？"))
    lines = _Lazy(lambda masked: CharMarks(masked, "\n"))
    not_done = _Lazy(lambda masked: CharMarks(masked, _NOT_DONE))  # what no report of what is done spans
    done_opens = _Lazy(lambda masked: CharMarks(masked, _DONE_OPENS))
    search = _Lazy(RangeSearch)

    def __init__(self, masked: str) -> None:
        self.masked = masked
        self._compact: tuple[str, RangeSearch, list[int]] | None = None

    def has(self, pattern: re.Pattern[str], lo: int, hi: int) -> bool:
        """Whether ``pattern.search(masked, lo, hi)`` finds a match."""
        if hi - lo <= text_marks.LONG_RANGE:  # (most clauses: searched as asked, no RangeSearch built)
            return pattern.search(self.masked, lo, hi) is not None
        return self.search.has(pattern, lo, hi)

    def compact(self) -> tuple[str, RangeSearch, list[int]]:
        """The masked text without its whitespace (``re.sub(r"\\s", "", masked)``), its searches and where the
        whitespace stood."""
        if self._compact is None:
            text = _SPACE.sub("", self.masked)
            self._compact = text, RangeSearch(text), [m.start() for m in _SPACE.finditer(self.masked)]
        return self._compact

    def compact_at(self, pos: int) -> int:
        """Where ``pos`` of the masked text falls in ``compact()``'s text."""
        return pos - bisect_left(self.compact()[2], pos)

    def clause_start(self, pos: int) -> int:
        """``target_numbers._clause_start(masked, pos)`` by bisection."""
        return self.clause_starts.last_before(pos) + 1


def reports_what_is(masked: str, num: int, end: int, marks: Marks) -> bool:
    """A number that reports what is, not a commitment: 已 and a verb before it in its clause (no 的 between), a
    sentence opened by 截至/目前/近年来 that commits to nothing before it, or its change on a past period after it."""
    lo = marks.clause_start(num)
    if _DONE_HEAD_WIDTH is None or num - lo <= text_marks.LONG_RANGE:
        clause = masked[lo:num]
        done = _STATUS_DONE.search(clause)
        if done and not _BUILDS_ON.search(clause, done.start()):
            return True
    else:  # a long clause (a line without punctuation): _STATUS_DONE's match runs to the number with none of
        # _NOT_DONE after its head, so it opens at most the head's width before the last of them, with one of _DONE_OPENS
        done = None
        opens = marks.done_opens.first_from(max(lo, marks.not_done.last_before(num) - _DONE_HEAD_WIDTH + 1))
        if opens < num:
            done = _STATUS_DONE.search(masked, opens, num)
        if done and not marks.has(_BUILDS_ON, done.start(), num):
            return True
    opened = marks.sentence_ends.last_before(num) + 1
    line = max(opened, marks.lines.last_before(num) + 1)  # (or a line after a heading)
    while line < num and masked[line] in " \u3000":
        line += 1
    if num - opened <= text_marks.LONG_RANGE:
        sentence = _SPACE.sub("", masked[opened:num])  # (a hard-wrapped 截\n至 is 截至)
        if _COMMITS.search(sentence):
            return False
        opener = _STATUS_OPENER.match(sentence) is not None
    else:  # the same sentence, read in the whole text without its whitespace
        compact, compact_search, _ = marks.compact()
        at = marks.compact_at(opened), marks.compact_at(num)
        if compact_search.has(_COMMITS, *at):
            return False
        opener = _STATUS_OPENER.match(compact, *at) is not None
    return opener or _STATUS_OPENER.match(masked, line, num) is not None or _STATUS_AFTER.match(masked, end) is not None


_SPACE = re.compile(r"\s")


def _done_shape() -> tuple[str, str, int | None]:
    """_STATUS_DONE read as a head (its opening characters, its greatest width) and a tail [^…]*$ of the
    characters no match holds after the head; no width when it is not of that shape (searched as written)."""
    m = re.fullmatch(r"(?P<head>.+)\[\^(?P<chars>[^\]\\]+)\]\*\$", _STATUS_DONE.pattern)
    try:
        opens = _opening_chars(m.group("head")) if m else ""
        width = re._parser.parse(m.group("head")).getwidth()[1] if m else None  # type: ignore[attr-defined]
    except ValueError:
        return "", "", None
    if width is None or width >= 100 or reads_behind(_STATUS_DONE) or not is_plain(_BUILDS_ON):
        width = None  # (read where it stands only when that reads what the clause's slice reads)
    return (m.group("chars") if m else ""), opens, width


_NOT_DONE, _DONE_OPENS, _DONE_HEAD_WIDTH = _done_shape()
