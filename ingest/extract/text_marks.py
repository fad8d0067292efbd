"""Questions about what stands before a position, answered without reading the text from its start.

A rule that asks, for each number of a text, where its clause opens (the last comma before it), how many
sentences end before it, or whether a verb ends the text before it (``培育\\s*$`` searched from 0), reads
the whole text before the number each time: on a long line with many numbers that is quadratic (a 200 KB
line took minutes). ``CharMarks`` finds the characters of a set once per text and answers by bisection;
``search_at_end`` searches only the few characters an end-anchored pattern of bounded width can cover.
Both give exactly what the plain calls they replace give (tests/test_text_marks.py compares them).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from functools import lru_cache


class CharMarks:
    """Where the characters of ``chars`` stand in ``text``, found at the first question (most texts are asked
    none: no number in them). One caller asks: a CharMarks is not shared between threads."""

    __slots__ = ("_at", "_chars", "_text")

    def __init__(self, text: str, chars: str) -> None:
        self._text, self._chars, self._at = text, chars, None

    @property
    def at(self) -> list[int]:
        """The positions of the marks, in order."""
        if self._at is None:
            self._at = [m.start() for m in _char_class(self._chars).finditer(self._text)]
        return self._at

    def last_before(self, pos: int) -> int:
        """The position of the last mark before ``pos``, -1 if none: ``max(text.rfind(c, 0, pos) for c in chars)``."""
        at = self.at
        k = bisect_left(at, pos)
        return at[k - 1] if k else -1

    def first_from(self, pos: int) -> int:
        """The position of the first mark at or after ``pos``, the text's length if none."""
        at = self.at
        k = bisect_left(at, pos)
        return at[k] if k < len(at) else len(self._text)

    def count_before(self, pos: int) -> int:
        """How many marks stand before ``pos`` (``len(pattern.findall(text, 0, pos))`` for a one-character class)."""
        return bisect_left(self.at, pos)


@lru_cache(maxsize=64)
def _char_class(chars: str) -> re.Pattern[str]:
    return re.compile("[" + re.escape(chars) + "]")


def strip_end(text: str, end: int, lo: int = 0) -> int:
    """Where the whitespace before ``end`` begins (not before ``lo``): ``len(text[lo:end].rstrip()) + lo``."""
    while end > lo and text[end - 1].isspace():
        end -= 1
    return end


@lru_cache(maxsize=64)
def _reach(pattern: re.Pattern[str]) -> int:
    """The most characters ``pattern`` without its closing ``\\s*$`` or ``$`` can match."""
    body = pattern.pattern
    for closing in (r"\s*$", "$"):
        if body.endswith(closing):
            body = body[: -len(closing)]
            break
    else:
        raise ValueError(f"not anchored at its end: {pattern.pattern}")
    width = re._parser.parse(body, pattern.flags).getwidth()[1]  # type: ignore[attr-defined]
    if width >= re._constants.MAXREPEAT:  # type: ignore[attr-defined]
        raise ValueError(f"unbounded before its end: {pattern.pattern}")
    return width


def search_at_end(pattern: re.Pattern[str], text: str, end: int, lo: int = 0) -> re.Match[str] | None:
    """``pattern.search(text, lo, end)`` for a pattern of bounded width closed by ``$`` or ``\\s*$`` whose
    body never ends with whitespace (a word: 培育\\s*$, (?:奖励|按)$): its match ends where the whitespace
    before ``end`` begins, so it starts at most the body's width before that."""
    return pattern.search(text, max(lo, strip_end(text, end, lo) - _reach(pattern) - 1), end)


def search_slice_end(pattern: re.Pattern[str], text: str, lo: int, hi: int) -> bool:
    """Whether ``pattern.search(text[lo:hi])`` finds a match, for a pattern of bounded width closed by ``$`` (its
    match ends the slice): a long slice is searched in place from its last characters, where an anchor (^) or a
    look-behind reads what the slice reads."""
    reach, behind = _slice_reach(pattern)
    if hi - reach - 1 - behind <= lo:
        return pattern.search(text[lo:hi]) is not None
    return pattern.search(text, hi - reach - 1, hi) is not None


@lru_cache(maxsize=64)
def _slice_reach(pattern: re.Pattern[str]) -> tuple[int, int]:
    return _reach(pattern), reads_behind(pattern)


def _walk(items):
    for op, av in items:
        yield op, av
        for sub in av if isinstance(av, (tuple, list)) else ():
            if isinstance(sub, re._parser.SubPattern):  # type: ignore[attr-defined]
                yield from _walk(sub)
            elif isinstance(sub, list):  # a branch's alternatives
                for alt in sub:
                    if isinstance(alt, re._parser.SubPattern):  # type: ignore[attr-defined]
                        yield from _walk(alt)


@lru_cache(maxsize=64)
def reads_behind(pattern: re.Pattern[str]) -> int:
    """How many characters before a start a match attempt of ``pattern`` may read (look-behinds, word boundaries)."""
    back = 0
    for op, av in _walk(re._parser.parse(pattern.pattern, pattern.flags)):  # type: ignore[attr-defined]
        if str(op) in ("ASSERT", "ASSERT_NOT") and av[0] < 0:
            back = max(back, av[1].getwidth()[1])
        elif str(op) == "AT" and not str(av).startswith("AT_END"):  # (^, \\A, \\b: the end of the range is no concern)
            back = max(back, 1)
    return back


# a range this long or shorter is searched as asked; a longer one (a clause of a line with no punctuation) reads
# only its last few characters
LONG_RANGE = 200


class RangeSearch:
    """``pattern.search(text, lo, hi)`` for many ranges of one text, each in time independent of its length.

    A pattern with no anchor, word boundary, look-behind or back-reference, of bounded reach (``_plain_reach``),
    matches at a start or not according to the characters within its reach alone: wherever the range holds them
    all, the answer is the one the whole text gives, found once for every start (a zero-width look-ahead scan). Only
    the starts near the range's end are searched as asked. One caller asks: not shared between threads."""

    __slots__ = ("_starts", "_text")

    def __init__(self, text: str) -> None:
        self._text, self._starts = text, {}

    def has(self, pattern: re.Pattern[str], lo: int, hi: int) -> bool:
        """Whether ``pattern.search(text, lo, hi)`` finds a match."""
        if hi - lo <= LONG_RANGE:
            return pattern.search(self._text, lo, hi) is not None
        return self.first(pattern, lo, hi) >= 0

    def first(self, pattern: re.Pattern[str], lo: int, hi: int) -> int:
        """Where ``pattern.search(text, lo, hi)`` starts its match, -1 if it finds none."""
        reach = _plain_reach(pattern) if hi - lo > LONG_RANGE else None
        if reach is None:  # a short range, or a pattern whose answer depends on more than its reach: as asked
            m = pattern.search(self._text, lo, hi)
            return -1 if m is None else m.start()
        tail = max(lo, hi - reach - 1)  # from here on, a start's reach passes hi: searched as asked
        starts = self._starts.get(pattern)
        if starts is None:
            starts = self._starts[pattern] = [m.start() for m in _anywhere(pattern).finditer(self._text)]
        k = bisect_left(starts, lo)
        if k < len(starts) and starts[k] < tail:
            return starts[k]
        m = pattern.search(self._text, tail, hi)
        return -1 if m is None else m.start()


@lru_cache(maxsize=64)
def _anywhere(pattern: re.Pattern[str]) -> re.Pattern[str]:
    """An empty match at each start where ``pattern`` matches."""
    return re.compile("(?=(?:" + pattern.pattern + "))", pattern.flags)


_NOT_PLAIN = {"AT", "GROUPREF", "GROUPREF_EXISTS", "GROUPREF_IGNORE", "GROUPREF_LOC_IGNORE", "GROUPREF_UNI_IGNORE"}


@lru_cache(maxsize=64)
def _plain_reach(pattern: re.Pattern[str]) -> int | None:
    """How many characters from its start a match attempt of ``pattern`` may read, look-aheads counted as read
    (an upper bound); None for a pattern whose answer at a start depends on more than those characters (an
    anchor, a word boundary, a look-behind, a back-reference, an unbounded repeat)."""
    for op, av in _walk(re._parser.parse(pattern.pattern, pattern.flags)):  # type: ignore[attr-defined]
        if str(op) in _NOT_PLAIN or str(op) in ("ASSERT", "ASSERT_NOT") and av[0] < 0:
            return None
    read = pattern.pattern.replace("(?=", "(?:").replace("(?!", "(?:")
    width = re._parser.parse(read, pattern.flags).getwidth()[1]  # type: ignore[attr-defined]
    return width if width < re._constants.MAXREPEAT else None  # type: ignore[attr-defined]


def is_plain(pattern: re.Pattern[str]) -> bool:
    """Whether ``RangeSearch`` reads a long range of ``pattern`` by its last characters (else as asked), and a
    search of it in place finds what a search of the slice finds."""
    return _plain_reach(pattern) is not None
