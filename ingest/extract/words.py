"""jieba's words (accurate mode, no HMM) for the extractors, computed once per text.

The agency grammar asks where words start or end for many overlapping pieces of every sentence, so the
same runs of characters were segmented again and again. ``words`` gives exactly what
``jieba.Tokenizer.cut(text, HMM=False)`` gives with our user dictionary (the same prefix dictionary,
route scores and tie-breaks, the same handling of Latin letters, digits and spaces), and caches each run
of Chinese characters apart, so a sentence's runs are segmented once whatever piece of it is asked about.
"""

from __future__ import annotations

import re
from functools import lru_cache
from math import log
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent / "data"

# jieba's re_han_default and re_skip_default: runs segmented by the dictionary, and what separates them
_HAN = re.compile(r"([\u4E00-\u9FD5a-zA-Z0-9+#&._%\-]+)")
_SKIP = re.compile(r"(\r\n|\s)")
_ENG = re.compile(r"[a-zA-Z0-9]")


@lru_cache(maxsize=1)
def tokenizer():
    """The jieba tokenizer with the agency dictionary's user words (loaded once)."""
    import jieba

    jieba.setLogLevel(60)
    tk = jieba.Tokenizer()
    tk.load_userdict(str(DATA_DIR / "jieba_user.txt"))
    tk.check_initialized()
    return tk


@lru_cache(maxsize=1)
def _tables() -> tuple[dict[str, int], float, dict[str, float]]:
    tk = tokenizer()
    return tk.FREQ, log(tk.total), {}


@lru_cache(maxsize=65536)
def run_words(run: str) -> tuple[str, ...]:
    """jieba's words of one run of ``_HAN`` characters (its __cut_DAG_NO_HMM)."""
    freq, logtotal, logp = _tables()
    n = len(run)
    score = [0.0] * (n + 1)
    best = [0] * (n + 1)
    for k in range(n - 1, -1, -1):
        top, top_x = 0.0, -1
        i, frag = k, run[k]
        while i < n and frag in freq:
            if freq[frag]:
                lp = logp.get(frag)
                if lp is None:
                    lp = logp[frag] = log(freq[frag]) - logtotal
                s = lp + score[i + 1]
                if top_x < 0 or s >= top:  # max over (score, end): a tie goes to the longer word
                    top, top_x = s, i
            i += 1
            frag = run[k:i + 1]
        if top_x < 0:  # no word starts here: the character alone
            top, top_x = log(freq.get(run[k]) or 1) - logtotal + score[k + 1], k
        score[k], best[k] = top, top_x
    out: list[str] = []
    buf = ""
    x = 0
    while x < n:
        y = best[x] + 1
        w = run[x:y]
        if len(w) == 1 and _ENG.match(w):
            buf += w
        else:
            if buf:
                out.append(buf)
                buf = ""
            out.append(w)
        x = y
    if buf:
        out.append(buf)
    return tuple(out)


@lru_cache(maxsize=16384)
def words(text: str) -> tuple[str, ...]:
    """``tuple(jieba cut(text, HMM=False))`` with the user dictionary, each run segmented once."""
    out: list[str] = []
    for block in _HAN.split(text):
        if not block:
            continue
        if _HAN.match(block):
            out.extend(run_words(block))
            continue
        for x in _SKIP.split(block):
            if _SKIP.match(x):
                out.append(x)
            else:
                out.extend(x)
    return tuple(out)


@lru_cache(maxsize=1)
def _longest_word() -> int:
    return max(map(len, _tables()[0]))


def spans_no_word(text: str, lo: int, pos: int, hi: int) -> bool:
    """Whether no dictionary word of the run ``text[lo:hi]`` starts before ``pos`` and ends after it. Then
    every segmentation of the run has a boundary at ``pos`` (unless a Latin letter or digit stands before
    it, which jieba glues to the next), so the run need not be segmented to know it."""
    freq = _tables()[0]
    for k in range(max(lo, pos - _longest_word() + 1), pos):
        i = pos
        frag = text[k:i + 1]
        while i < hi and frag in freq:  # the prefix dictionary holds every prefix of every word
            if freq[frag]:
                return False
            i += 1
            frag = text[k:i + 1]
    return True


@lru_cache(maxsize=1)
def inner_pairs() -> dict[str, str]:
    """For each character, the characters that follow it inside a dictionary word: a word runs across a
    position only where the two characters around it are such a pair, which most positions are not. (A
    string of followers per character: a set of pairs would hold 300,000 strings.)"""
    after: dict[str, set[str]] = {}
    for w, f in _tables()[0].items():
        if f:
            for i in range(len(w) - 1):
                after.setdefault(w[i], set()).add(w[i + 1])
    return {ch: "".join(sorted(nxt)) for ch, nxt in after.items()}


_CJK_ONLY = re.compile(r"[\u4E00-\u9FD5]+")


def tagged_words(text: str, pos_tokenizer) -> list[tuple[str, str]]:
    """(word, flag) pairs as ``pos_tokenizer.cut(text, HMM=False)`` (jieba.posseg) gives them; a text of
    Chinese characters only is one run, segmented as ``run_words`` does, with no Latin letters to glue."""
    if _CJK_ONLY.fullmatch(text):
        tags = pos_tokenizer.word_tag_tab
        return [(w, tags.get(w, "x")) for w in run_words(text)]
    return [(p.word, p.flag) for p in pos_tokenizer.cut(text, HMM=False)]
