"""A learned second opinion on who an obligation gives work to: a character-level linear-chain CRF.

The agency rules (``agency_grammar``, ``roles``) read units where a grammar of position expects them; the
tagger reads every character of an obligation's text with its neighbours, jieba's word boundaries, the
closed class of unit head nouns, the distance to role cues (牵头, 配合, 由, 责任单位 …), brackets, and
the rules' own decision for that character (stacking), and labels it B/I-{lead,cooperate,collective} or
O. It was trained here on the seed and dev gold (``benchmarks/agency_tagger.py --train`` writes
``data/agency_tagger.crfsuite``); that script also measures it against the rules.

``refine`` adds the units the tagger finds, at least 90% sure, where the rules read none; each keeps the
rules' contract (written form, canonical name from the grammar's canonicaliser, role, span). The model
loads on first use; without python-crfsuite or the model file the rules' agencies come back unchanged.
Measured (rules of b4f7acc, gold e9cbf44): a tie with the rules on document-grouped CV over seed + dev,
held-out task F1 0.659 -> 0.662, agency_role 0.722 -> 0.730, mention 0.796 -> 0.813, at ~40 ms CPU per
document (the rules take ~15). Retrain after the rules change: the model reads their decisions.
"""

from __future__ import annotations

import logging
import re
import threading
from dataclasses import replace
from functools import lru_cache
from pathlib import Path

from policykg.ingest.extract.agencies import load_dictionary
from policykg.ingest.extract.agency_grammar import MULTI_HEADS, NOT_UNITS, SINGLE_HEADS, Item, name_item
from policykg.ingest.extract.words import words
from policykg.ingest.model import AgencyMention, Document, Obligation, Span

MODEL_PATH = Path(__file__).resolve().parent / "data" / "agency_tagger.crfsuite"
ROLES = ("lead", "cooperate", "collective")
MODES = ("replace", "add", "add_roles")
log = logging.getLogger(__name__)
_TAGGING = threading.Lock()

_CUE = re.compile(r"牵头单位|配合单位|责任单位|牵头|负责|配合|会同|协助|协同|参与|按职责|分工|由|要|应当|应|须|必须|指导|"
                  r"督促|报送|报告|向|[：:]")
_CLAUSE = frozenset("，,。；;：:！!？?\n")
_OPEN, _CLOSE = frozenset("（("), frozenset("）)")
_HEADS = frozenset(MULTI_HEADS)
_BUCKETS = (0, 1, 2, 3, 5, 8, 12, 20)


def _bucket(d: int) -> str:
    for b in _BUCKETS:
        if d <= b:
            return str(b)
    return "far"


_BUCKET_OF = [_bucket(d) for d in range(32)]
_PAR = ("par=0", "par=1")


@lru_cache(maxsize=512)
def _kind(c: str) -> str:
    if "\u4e00" <= c <= "\u9fff":
        return "han"
    if c.isdigit():
        return "dig"
    if c.isspace():
        return "sp"
    if c.isascii() and c.isalpha():
        return "lat"
    return c  # punctuation is its own class


def _is_head(w: str) -> bool:
    if w in NOT_UNITS:
        return False
    return w in _HEADS or w.endswith(MULTI_HEADS) or (len(w) <= 3 and w[-1] in SINGLE_HEADS)


def rule_labels(text: str, agencies: tuple[AgencyMention, ...], start: int) -> list[str]:
    """The rules' decision per character of ``text`` (an obligation starting at ``start``): B-/I-role or O."""
    out = ["O"] * len(text)
    for a in agencies:
        s, e = a.span.start - start, a.span.end - start
        if 0 <= s < e <= len(text) and text[s:e] == a.text:
            out[s] = "B-" + a.role
            for i in range(s + 1, e):
                out[i] = "I-" + a.role
    return out


def document_units(doc: Document, obligations: tuple[Obligation, ...]) -> re.Pattern[str] | None:
    """The written forms the rules read as units anywhere in ``doc`` (a unit named as a subject in one item
    is a unit where the rules miss it in another), and the names of the document's regions, as one pattern."""
    forms = {a.text for ob in obligations for a in ob.agencies if len(a.text) >= 2 and a.text in doc.text}
    if doc.region is not None:
        forms |= {r for r in (doc.region.name, *(p.name for p in doc.region.parents)) if len(r) >= 2}
    if not forms:
        return None
    return re.compile("|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True)))


def features(text: str, rules: list[str] | None = None, known: re.Pattern[str] | None = None) -> list[list[str]]:
    """crfsuite features of each character of ``text``; ``rules`` is ``rule_labels`` of the same text,
    ``known`` is ``document_units`` of its document."""
    n = len(text)
    pad = "^^^" + text + "$$$"
    # jieba words: position in word, the word itself, whether it is a unit head noun
    wpos, wid, head = [""] * n, [""] * n, [False] * n
    wprev, wnext = [""] * n, [""] * n  # the words before and after the one holding the character
    p = 0
    ws = words(text)
    for x, w in enumerate(ws):
        k = len(w)
        before, after = (ws[x - 1] if x else "^"), (ws[x + 1] if x + 1 < len(ws) else "$")
        isw = _is_head(w) if k and "\u4e00" <= w[-1] <= "\u9fff" else False
        for j in range(k):
            wpos[p + j] = "S" if k == 1 else "B" if j == 0 else "E" if j == k - 1 else "M"
            wid[p + j] = w if 2 <= k <= 4 else ""
            wprev[p + j], wnext[p + j] = before, after
        if isw and k:
            head[p + k - 1] = True
        p += k
    # dictionary aliases (longest match): begin / inside, with the entry's scope
    alias = [""] * n
    d = load_dictionary()
    for m in d.pattern.finditer(text):
        scope = d.by_alias[m.group(0)].scope
        alias[m.start()] = "B" + scope
        for i in range(m.start() + 1, m.end()):
            alias[i] = "I" + scope
    seen = [""] * n
    for m in known.finditer(text) if known is not None else ():
        seen[m.start()] = "B"
        for i in range(m.start() + 1, m.end()):
            seen[i] = "I"
    # the last head noun before each character, the next one at or after it within the clause
    nxt_head, prv_head = [-1] * (n + 1), [-1] * (n + 1)
    for i in range(n - 1, -1, -1):
        nxt_head[i] = i if head[i] else nxt_head[i + 1]
    for i in range(1, n + 1):
        prv_head[i] = i - 1 if head[i - 1] else prv_head[i - 1]
    next_mark = [n] * (n + 1)  # the next clause mark at or after i
    for i in range(n - 1, -1, -1):
        next_mark[i] = i if text[i] in _CLAUSE else next_mark[i + 1]
    # the cue that ends at or before each character, and the next one that starts after it
    cues = [(m.start(), m.end(), m.group(0)) for m in _CUE.finditer(text)]
    cue_left, cue_right = [""] * n, [""] * n
    for q, (s, e, cue) in enumerate(cues):
        left, right = "cl=" + cue + "/", "cr=" + cue + "/"
        for i in range(e, cues[q + 1][1] if q + 1 < len(cues) else n):
            cue_left[i] = left + (_BUCKET_OF[i - e] if i - e < 32 else "far")
        for i in range(cues[q - 1][0] if q else 0, s):
            cue_right[i] = right + (_BUCKET_OF[s - i] if s - i < 32 else "far")
    b, nb = _BUCKET_OF, len(_BUCKET_OF)
    # brackets and clause position, read left to right (a closing bracket still counts as inside)
    par, since = [""] * n, [""] * n
    depth, since_clause, prev_clause_char = 0, 0, "^"
    for i, c in enumerate(text):
        if c in _OPEN:
            depth += 1
        par[i] = _PAR[depth] if depth < 2 else "par=2"
        since[i] = "cs=" + (b[since_clause] if since_clause < nb else "far") + prev_clause_char
        if c in _CLOSE:
            depth = max(0, depth - 1)
        if c in _CLAUSE:
            since_clause, prev_clause_char = 0, c
        else:
            since_clause += 1
    rng = range(n)
    columns = [
        ["c=" + c for c in text], ["c-1=" + c for c in pad[2:n + 2]], ["c-2=" + c for c in pad[1:n + 1]],
        ["c-3=" + c for c in pad[:n]], ["c+1=" + c for c in pad[4:n + 4]], ["c+2=" + c for c in pad[5:n + 5]],
        ["c+3=" + c for c in pad[6:n + 6]], ["b-1=" + pad[j:j + 2] for j in range(2, n + 2)],
        ["b+1=" + pad[j:j + 2] for j in range(3, n + 3)], ["b-2=" + pad[j:j + 2] for j in range(1, n + 1)],
        ["b+2=" + pad[j:j + 2] for j in range(4, n + 4)], ["k=" + _kind(c) for c in text],
        ["wp=" + w for w in wpos], ["wp+1=" + w for w in wpos[1:]] + ["wp+1=$"],
        ["w=" + w if w else "" for w in wid], ["w-1=" + w if len(w) <= 4 else "" for w in wprev],
        ["w+1=" + w if len(w) <= 4 else "" for w in wnext], ["head" if h else "" for h in head],
        ["dict=" + x if x else "" for x in alias],
        ["doc=" + seen[i] + ("$" if i + 1 == n or seen[i + 1] != "I" else "") if seen[i] else "" for i in rng],
        ["hr=" + (b[h - i] if h - i < nb else "far") if 0 <= h <= next_mark[i] else ""
         for i, h in zip(rng, nxt_head)],
        ["hl=" + (b[i - h] if i - h < nb else "far") if h >= 0 else "" for i, h in zip(rng, prv_head)],
        cue_left, cue_right, par, since]
    if rules is not None:
        columns += [["r=" + r for r in rules], ["r-1=" + r for r in ["^", *rules[:-1]]],
                    ["r+1=" + r for r in [*rules[1:], "$"]]]
    out = [[x for x in t if x] for t in zip(*columns)]
    return out


def spans(labels: list[str]) -> list[tuple[int, int, str]]:
    """(start, end, role) of each B/I run of ``labels``; an I with no B before it opens a run."""
    out: list[tuple[int, int, str]] = []
    cur: list = []
    for i, lab in enumerate(labels + ["O"]):
        role = lab[2:] if lab != "O" else ""
        if cur and (lab == "O" or lab.startswith("B-") or role != cur[2]):
            out.append((cur[0], i, cur[2]))
            cur = []
        if lab != "O" and not cur:
            cur = [i, i, role]
    return out


@lru_cache(maxsize=4)
def load_tagger(path: str = str(MODEL_PATH)):
    """The crfsuite tagger of ``path``, or None when python-crfsuite or the model is missing (rules alone)."""
    try:
        import pycrfsuite
    except ImportError:
        log.warning("python-crfsuite is not installed: agencies come from the rules alone")
        return None
    if not Path(path).is_file():
        log.warning("no agency tagger model at %s: agencies come from the rules alone", path)
        return None
    tagger = pycrfsuite.Tagger()
    tagger.open(path)
    return tagger


def tag(text: str, rules: list[str] | None = None, tagger=None,
        known: re.Pattern[str] | None = None) -> list[tuple[int, int, str, float]]:
    """(start, end, role, confidence) of the agency mentions the tagger reads in ``text`` (``rules``: the rules'
    labels for a model trained with them, None for one trained without); the confidence is the least
    marginal probability of the span's labels."""
    tagger = tagger if tagger is not None else load_tagger()
    if tagger is None or not text:
        return []
    xseq = features(text, rules, known)
    with _TAGGING:  # marginal() reads the sequence tag() last set: one text at a time per process
        labels = tagger.tag(xseq)
        return [(s, e, role, min(tagger.marginal(labels[i], i) for i in range(s, e))) for s, e, role in spans(labels)]


def _aligned(doc: Document, ob: Obligation) -> bool:
    return doc.text[ob.span.start:ob.span.end] == ob.text


def _canonical(doc: Document, written: str, role: str, at: int, known: dict[str, AgencyMention]) -> AgencyMention:
    """The AgencyMention of a tagged written form: the rules' reading of the same form when they have one,
    else the grammar's canonical name for it."""
    span = Span(at, at + len(written))
    same = known.get(written)
    if same is not None:
        return AgencyMention(written, same.name, role if same.role != "collective" else "collective", span, same.key,
                             same.region_code, same.generic, "learned;" + same.rule)
    from policykg.ingest.extract.agency_registry import registry_of

    hit = name_item(Item(written, 0, "collective" if role == "collective" else "unit"), "", doc.region, at,
                    registry_of(doc))
    return AgencyMention(written, hit.name, "collective" if hit.scope == "collective" else role, span, hit.key,
                         hit.region_code, hit.generic, "learned;" + hit.rule)


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def refine_one(doc: Document, ob: Obligation, mode: str = "add", tagger=None, stacked: bool = True,
               min_conf: float = 0.0, known: re.Pattern[str] | None = None) -> Obligation:
    """One obligation with its agencies revised by the tagger. ``mode``: ``replace`` (the tagger's units
    stand for the rules' inside the text), ``add`` (the rules' units, and the tagger's where the rules read
    none, when at least ``min_conf`` sure), ``add_roles`` (add, and the tagger's role for a unit both read);
    ``stacked``: the model reads the rules' decisions as features; ``known``: ``document_units``."""
    if mode not in MODES:
        raise ValueError(f"unknown mode {mode!r}: one of {', '.join(MODES)}")
    tagger = tagger if tagger is not None else load_tagger()
    if tagger is None or not _aligned(doc, ob):
        return ob
    start, text = ob.span.start, ob.text
    rules = rule_labels(text, ob.agencies, start) if stacked else None
    found = [(s, e, role, conf) for s, e, role, conf in tag(text, rules, tagger, known)
             if text[s:e].strip() and e - s >= 2]
    inside = [a for a in ob.agencies if 0 <= a.span.start - start < a.span.end - start <= len(text)
              and text[a.span.start - start:a.span.end - start] == a.text]
    agencies = list(ob.agencies)
    read_by_rules = {a.text: a for a in ob.agencies}
    learned = [_canonical(doc, text[s:e], role, start + s, read_by_rules) for s, e, role, conf in found
               if conf >= min_conf]
    if mode == "replace":
        agencies = [a for a in agencies if a not in inside] + learned
    else:
        taken = [(a.span.start, a.span.end) for a in inside]
        if mode == "add_roles":
            by_span = {(m.span.start, m.span.end): m.role for m in learned}
            agencies = [replace(a, role=by_span[(a.span.start, a.span.end)], rule="learned_role;" + a.rule)
                        if a in inside and a.role != "collective" and by_span.get((a.span.start, a.span.end),
                                                                                  "collective") != "collective"
                        else a for a in agencies]
        names = {a.text for a in ob.agencies}
        agencies += [m for m in learned if m.text not in names
                     and not any(_overlaps((m.span.start, m.span.end), t) for t in taken)]
    return replace(ob, agencies=tuple(_dedupe(agencies)))


def _dedupe(ms: list[AgencyMention]) -> list[AgencyMention]:
    from policykg.ingest.extract.roles import dedupe

    return dedupe(ms)


# the combination chosen on cross-validation (benchmarks/agency_tagger.py): the rules' units, and the
# tagger's where the rules read none and it is at least this sure
MODE, MIN_CONF = "add", 0.9


def refine(doc: Document, obligations: tuple[Obligation, ...], mode: str = MODE,
           min_conf: float = MIN_CONF) -> tuple[Obligation, ...]:
    """The obligations with the tagger's agencies combined with the rules' (the rules' alone without a model)."""
    tagger = load_tagger()
    if tagger is None:
        return tuple(obligations)
    known = document_units(doc, obligations)
    return tuple(refine_one(doc, ob, mode, tagger, min_conf=min_conf, known=known) for ob in obligations)
