"""A learned second opinion on the kinds of site an obligation names: a character-level linear-chain CRF.

The site-type rules (``sitetypes``) read a vocabulary label widened to its noun phrase, or an open noun
phrase ending in a site head noun. The tagger reads each clause that holds a character a kind of site
can end in (a head noun's or a vocabulary label's last character), character by character with its
neighbours, jieba's word boundaries and part of speech, the vocabulary labels and head nouns around it,
the governing verb before it (对, 在, 加强, 开展 …) and the rules' own decision (stacking), and labels
it B/I-site or O. It is trained here on the seed and dev gold (``benchmarks/site_tagger.py --train``
writes ``data/site_tagger.crfsuite``); that script also measures it against the rules.

``add_learned`` keeps the rules' labels and adds the spans the tagger finds, at least ``MIN_CONF`` sure,
where no rule label stands, reading by default only the clauses that hold a rule label (``GATE``: the
neighbours of a list the rules read part of; most of what it adds elsewhere is wrong). Without python-crfsuite or the model file the rules' labels come back
unchanged. Retrain after the rules change: the model reads their decisions.
Measured (gold 515bfbe): site_types F1 0.771 -> 0.774 on document-grouped CV over seed + dev (recall 0.771 ->
0.784; the gain is at the edge of noise), held-out 0.642 -> 0.651 (recall 0.663 -> 0.680), at +64%
extraction CPU: off by default (``sitetypes.LEARNED``).
"""

from __future__ import annotations

import logging
import re
import threading
from functools import lru_cache
from pathlib import Path

from policykg.ingest.extract.words import words

MODEL_PATH = Path(__file__).resolve().parent / "data" / "site_tagger.crfsuite"
log = logging.getLogger(__name__)
_TAGGING = threading.Lock()

# a clause: what a site label never crosses
_CLAUSE = re.compile(r"[^，,。；;：:！!？?\n]+")
_BUCKETS = (0, 1, 2, 3, 5, 8, 12, 20)
_BUCKET_OF = [next((str(b) for b in _BUCKETS if d <= b), "far") for d in range(32)]
_FAR = "far"


def _bucket(d: int) -> str:
    return _BUCKET_OF[d] if d < 32 else _FAR


@lru_cache(maxsize=1)
def _lexicon() -> tuple[frozenset[str], re.Pattern[str], re.Pattern[str], frozenset[str], dict[str, str]]:
    """The characters a kind of site ends in, the head-noun and vocabulary patterns, the governing words,
    and jieba's part-of-speech table (from the rules' own lexicon, read once)."""
    from policykg.ingest.extract import sitetypes as st

    voc, _ = st._matcher()
    labels = [lab for t in st.load_site_types().values() for lab in (t.label, *t.alt_labels) if lab]
    ends = frozenset(h[-1] for h in (*st._WIDEN_HEADS, *labels)) | frozenset(st._PLACE_CHARS) | frozenset("程目")
    heads = re.compile("|".join(sorted(st._WIDEN_HEADS, key=len, reverse=True)))
    return ends, heads, voc, st._GOVERNING, st._pos().word_tag_tab


@lru_cache(maxsize=1)
def _head_words() -> tuple[str, ...]:
    """Words a kind of site ends in: the rules' head nouns of two characters or more, 工程/项目, and the last
    word of each vocabulary label."""
    from policykg.ingest.extract import sitetypes as st

    labels = [lab for t in st.load_site_types().values() for lab in (t.label, *t.alt_labels) if lab]
    last = {words(lab)[-1] for lab in labels}
    return tuple(sorted({w for w in (*st._WIDEN_HEADS, "工程", "项目", *last) if len(w) >= 2}))


GATES = ("every", "rule_clauses", "rule_windows", "free_heads")
# under rule_windows, how far around the rule labels of a clause the tagger reads (a list's neighbours)
WINDOW = 12


def worth_reading(clause: str, marked: list[str], gate: str) -> bool:
    """Whether the tagger reads a clause under ``gate``: ``every`` clause; only ``rule_clauses``, those holding
    a rule label (a list the rules read part of; ``rule_windows``: only ``WINDOW`` characters around the rule
    labels of such a clause); only ``free_heads``, clauses with no rule label and a word ending in a site head
    noun."""
    if gate == "every":
        return True
    ruled = any(x != "O" for x in marked)
    if gate in ("rule_clauses", "rule_windows"):
        return ruled
    if gate == "free_heads":
        heads = _head_words()
        return not ruled and any(len(w) >= 2 and w.endswith(heads) for w in words(clause))
    raise ValueError(f"unknown gate {gate!r}: one of {', '.join(GATES)}")


def pieces(text: str, marked: list[str] | None = None) -> list[tuple[int, int]]:
    """(start, end) of the clauses of ``text`` the tagger reads: those holding a character a kind of site
    ends in, or a label of ``marked`` (the rules' decisions)."""
    ends = _lexicon()[0]
    out = []
    for m in _CLAUSE.finditer(text):
        a, b = m.span()
        if any(c in ends for c in m.group(0)) or (marked is not None and any(x != "O" for x in marked[a:b])):
            out.append((a, b))
    return out


def locate(text: str, label: str) -> list[tuple[int, int]]:
    """Every (start, end) of ``label`` in ``text``, spaces ignored."""
    label = re.sub(r"\s+", "", label)
    if not label:
        return []
    return [(m.start(), m.end()) for m in re.finditer(r"\s*".join(re.escape(c) for c in label), text)]


def mark(text: str, labels) -> list[str]:
    """B/I/O per character of ``text``: every occurrence of each label (longest first, no overlaps)."""
    out = ["O"] * len(text)
    for label in sorted(dict.fromkeys(labels), key=len, reverse=True):
        for s, e in locate(text, label):
            if all(x == "O" for x in out[s:e]):
                out[s] = "B"
                for i in range(s + 1, e):
                    out[i] = "I"
    return out


def features(text: str, rules: list[str] | None = None) -> list[list[str]]:
    """crfsuite features of each character of one clause ``text``; ``rules`` is ``mark`` of the rules'
    labels over the same characters (None for a model trained without them)."""
    _, heads, voc, governing, tags = _lexicon()
    n = len(text)
    pad = "^^" + text + "$$"
    # (the part of speech of the neighbouring words, character bigrams two away and the position in the
    # clause were features too: the same on CV without them, and a third cheaper)
    wpos, wid, wprev, wnext, flag = ([""] * n for _ in range(5))
    gov_at = []  # (end, word) of the governing words
    ws = words(text)
    p = 0
    for x, w in enumerate(ws):
        k = len(w)
        before, after = (ws[x - 1] if x else "^"), (ws[x + 1] if x + 1 < len(ws) else "$")
        f = tags.get(w, "x")
        for j in range(k):
            wpos[p + j] = "S" if k == 1 else "B" if j == 0 else "E" if j == k - 1 else "M"
            wid[p + j] = w if 2 <= k <= 4 else ""
            wprev[p + j], wnext[p + j] = before, after
            flag[p + j] = f
        if w in governing:
            gov_at.append((p + k, w))
        p += k
    head_end = [""] * n
    for m in heads.finditer(text):
        head_end[m.end() - 1] = m.group(0)
    vocab = [""] * n
    pos = 0
    while (m := voc.search(text, pos)) is not None:
        vocab[m.start()] = "B"
        for i in range(m.start() + 1, m.end()):
            vocab[i] = "I"
        vocab[m.end() - 1] += "E"
        pos = m.end()
    # the next head or vocabulary end at or after each character, the last one before it
    is_end = [bool(head_end[i]) or vocab[i].endswith("E") for i in range(n)]
    nxt, prv = [-1] * (n + 1), [-1] * (n + 1)
    for i in range(n - 1, -1, -1):
        nxt[i] = i if is_end[i] else nxt[i + 1]
    for i in range(1, n + 1):
        prv[i] = i - 1 if is_end[i - 1] else prv[i - 1]
    gov = [""] * n
    for q, (e, w) in enumerate(gov_at):
        stop = gov_at[q + 1][0] if q + 1 < len(gov_at) else n
        for i in range(e, stop):
            gov[i] = "g=" + w + "/" + _bucket(i - e)
    columns = [
        ["c=" + c for c in text], ["c-1=" + c for c in pad[1:n + 1]], ["c-2=" + c for c in pad[:n]],
        ["c+1=" + c for c in pad[3:n + 3]], ["c+2=" + c for c in pad[4:n + 4]],
        ["b-1=" + pad[j:j + 2] for j in range(1, n + 1)], ["b+1=" + pad[j:j + 2] for j in range(2, n + 2)],
        ["wp=" + w for w in wpos],
        ["w=" + w if w else "" for w in wid], ["w-1=" + w if len(w) <= 4 else "" for w in wprev],
        ["w+1=" + w if len(w) <= 4 else "" for w in wnext], ["f=" + f for f in flag],
        ["h=" + h if h else "" for h in head_end], ["v=" + v if v else "" for v in vocab],
        ["hr=" + _bucket(h - i) if h >= 0 else "hr=none" for i, h in zip(range(n), nxt)],
        ["hl=" + _bucket(i - h) if h >= 0 else "" for i, h in zip(range(n), prv)],
        gov]
    if rules is not None:
        columns += [["r=" + r for r in rules], ["r-1=" + r for r in ["^", *rules[:-1]]],
                    ["r+1=" + r for r in [*rules[1:], "$"]]]
    return [[x for x in t if x] for t in zip(*columns)]


def spans(labels: list[str]) -> list[tuple[int, int]]:
    """(start, end) of each B/I run of ``labels``; an I with no B before it opens a run."""
    out: list[tuple[int, int]] = []
    start = -1
    for i, lab in enumerate([*labels, "O"]):
        if start >= 0 and lab != "I":
            out.append((start, i))
            start = -1
        if lab != "O" and start < 0:
            start = i
    return out


# training parameters (L-BFGS, elastic net): deterministic, so the same examples give the same model bytes
TRAIN_PARAMS = {"c1": 0.05, "c2": 0.01, "max_iterations": 120, "feature.possible_transitions": True}


def train_model(data, path: str | Path, params: dict | None = None) -> None:
    """Train a CRF on ``data`` ((features, labels) per clause, in order) and write it to ``path``."""
    import pycrfsuite

    trainer = pycrfsuite.Trainer(verbose=False)
    for x, y in data:
        trainer.append(x, y)
    trainer.set_params(params or TRAIN_PARAMS)
    trainer.train(str(path))


@lru_cache(maxsize=4)
def load_tagger(path: str = str(MODEL_PATH)):
    """The crfsuite tagger of ``path``, or None when python-crfsuite or the model is missing (rules alone)."""
    try:
        import pycrfsuite
    except ImportError:
        log.warning("python-crfsuite is not installed: site types come from the rules alone")
        return None
    if not Path(path).is_file():
        log.warning("no site tagger model at %s: site types come from the rules alone", path)
        return None
    tagger = pycrfsuite.Tagger()
    tagger.open(path)
    return tagger


def read(text: str, rule_labels=(), tagger=None, gate: str = "every") -> tuple[list[tuple[int, int, float]],
                                                                            list[float]]:
    """The tagger's reading of ``text`` beside the rules' labels ``rule_labels``: (start, end, confidence) of
    the site labels it finds (the least marginal probability of the span's labels), and for each character
    how sure it is that no label stands there (1.0 outside the clauses it reads)."""
    tagger = tagger if tagger is not None else load_tagger()
    if tagger is None or not text:
        return [], []
    marked = mark(text, rule_labels)
    found, none = [], [1.0] * len(text)
    with _TAGGING:  # marginal() reads the sequence tag() last set: one text at a time per process
        for a, b in pieces(text, marked):
            if not worth_reading(text[a:b], marked[a:b], gate):
                continue
            if gate == "rule_windows":
                ruled = [i for i in range(a, b) if marked[i] != "O"]
                a, b = max(a, ruled[0] - WINDOW), min(b, ruled[-1] + 1 + WINDOW)
            labels = tagger.tag(features(text[a:b], marked[a:b]))
            found += [(a + s, a + e, min(tagger.marginal(labels[i], i) for i in range(s, e)))
                      for s, e in spans(labels)]
            if any(x != "O" for x in marked[a:b]):
                for i in range(a, b):
                    none[i] = tagger.marginal("O", i - a)
    return found, none


def tag(text: str, rule_labels=(), tagger=None) -> list[tuple[int, int, float]]:
    """(start, end, confidence) of the site labels the tagger reads in ``text`` beside the rules' labels."""
    return read(text, rule_labels, tagger)[0]


# the combination chosen on cross-validation (benchmarks/site_tagger.py): the rules' labels, and the
# tagger's where no rule label stands and it is at least this sure, read in the clauses that hold a rule label
MIN_CONF = 0.5
DROP_CONF: float | None = None
GATE = "rule_clauses"


def add_learned(text: str, rule_labels: tuple[str, ...], min_conf: float = MIN_CONF,
                tagger=None, drop_conf: float | None = DROP_CONF, gate: str | None = None) -> tuple[str, ...]:
    """The rules' labels of ``text``, then each label the tagger reads, at least ``min_conf`` sure, where no
    rule label stands and none of the labels names it already (the rules' alone without a model). With
    ``drop_conf``, a rule label the tagger is that sure is no label at any of its occurrences is left out.
    ``gate`` (default ``GATE``): only the clauses ``worth_reading`` are tagged (no dropping then)."""
    gate = GATE if gate is None else gate
    if gate in ("rule_clauses", "rule_windows") and not rule_labels:
        return rule_labels  # (no clause to read: the common case costs nothing)
    found, none = read(text, rule_labels, tagger, gate if drop_conf is None else "every")
    if not none:
        return rule_labels
    out = list(rule_labels)
    if drop_conf is not None:
        out = [label for label in out if not _doubted(text, label, none, drop_conf)]
    taken = [o for label in rule_labels for o in locate(text, label)]
    for s, e, conf in found:
        written = text[s:e].strip()
        if conf < min_conf or len(written) < 2 or any(a < e and s < b for a, b in taken) \
                or any(written in o or o in written for o in out):
            continue
        out.append(written)
        taken.append((s, e))
    return tuple(out)


def _doubted(text: str, label: str, none: list[float], drop_conf: float) -> bool:
    """Whether the tagger is at least ``drop_conf`` sure that no label stands at every occurrence of ``label``."""
    occ = [(s, e) for s, e in locate(text, label) if e > s]
    return bool(occ) and all(min(none[s:e]) >= drop_conf for s, e in occ)
