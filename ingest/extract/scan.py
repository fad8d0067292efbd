"""Faster scans for patterns that open with a bounded run of characters before a rarer core.

A pattern such as ``[\u4e00-\u9fff]{1,12}〔2021〕5号`` is tried at every position of the text by ``re``,
with up to a dozen steps of backtracking each. When every match is (at most ``reach`` characters of
lead-in) + (a match of ``core``), the leftmost match at or after ``pos`` cannot start more than
``reach`` characters before the leftmost ``core`` match at or after ``pos``; the scan starts there.
"""

from __future__ import annotations

import re
from collections.abc import Iterator


def finditer_near(pattern: re.Pattern[str], core: re.Pattern[str], text: str, reach: int) -> Iterator[re.Match[str]]:
    """What ``pattern.finditer(text)`` yields, given that each match is <= ``reach`` chars + a ``core`` match.

    ``pattern`` must not look behind or use anchors (its matches are searched from later positions) and
    must never match the empty string.
    """
    pos = 0
    while (c := core.search(text, pos)) is not None:
        m = pattern.search(text, max(pos, c.start() - reach))
        if m is None:
            return
        yield m
        pos = m.end()


def literal_trie(words: list[str] | set[str] | dict[str, object]) -> re.Pattern[str]:
    """One pattern matching, at each position, the longest of ``words`` there (like longest-first ``a|b|…``).

    Written as a trie (``市(?:住建局|场监管局)``): ``re`` then follows one branch per character instead of
    trying every word in turn at every position.
    """
    trie: dict[str, dict] = {}
    for w in words:
        if not w:
            raise ValueError("empty word in literal_trie")
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict[str, dict]) -> str:
        branches = [re.escape(ch) + build(sub) for ch, sub in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body

    return re.compile(build(trie))
