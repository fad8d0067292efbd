"""Word boundaries as jieba (with the agency dictionary's words) cuts a text, asked one position at a time.

A short alias (村居, 管理办) is a unit only where it starts a word and does not run into the next one
(农村居民, 管理办法). jieba segments each run of Han, Latin and digit characters on its own, so a position's
answer depends only on its run: most positions are answered without segmenting anything.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import lru_cache

from policykg.ingest.extract.words import inner_pairs, spans_no_word, tokenizer, words


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
    if text[start] not in inner_pairs().get(text[start - 1], "") and not _LATIN.match(text, start - 1):
        return True  # no dictionary word holds the two characters around it: none runs across (most positions)
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
