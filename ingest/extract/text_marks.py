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
