"""A learned second opinion on who an obligation gives work to: a character-level linear-chain CRF.

The agency rules (``agency_grammar``, ``roles``) read units where a grammar of position expects them; the
tagger reads every character of an obligation's text with its neighbours, jieba's word boundaries, the
closed class of unit head nouns, the distance to role cues (牵头, 配合, 由, 责任单位 …), brackets, and
the rules' own decision for that character (stacking), and labels it B/I-{lead,cooperate,collective} or
O. It was trained here on the seed and dev gold (``benchmarks/agency_tagger.py --train`` writes
``data/agency_tagger.crfsuite``); that script also measures it against the rules.

``refine`` combines its readings with the rules' (``combine``: add the units it finds where the rules read
none, at least ``MIN_CONF`` sure; optionally only in a 、/和/及 list with a unit the rules read; ``GATES``
limit where it is asked); each kept unit keeps the rules' contract (written form, canonical name from the
grammar's canonicaliser, role, span). The model loads on first use; without python-crfsuite or the model
file the rules' agencies come back unchanged.

NOT wired into ``extract_obligations`` (decided 2026-12-06 on rules cf8c299, gold 17e153b: 113 seed + dev
documents): on document-grouped CV the rules alone are as good (task F1 0.822 vs 0.821 for the chosen
``add conf>=0.95``; agency_role 0.897 both; mention 0.908 vs 0.909, precision 0.945 vs 0.942), on
held-out (measured once) task 0.669 =, agency_role 0.747 -> 0.748, mention 0.792 -> 0.798 with its
precision 0.878 -> 0.874, for +270% extraction CPU (12.6 -> 46.6 ms/doc; +209% behind the head-noun
gate). The cheap list gate (+11% CPU) changes nothing measurable (CV +0.000..0.002). Details:
benchmarks/agency_tagger.py. Retrain after the rules change: the model reads their decisions. The
shipped model was retrained at the end of that session on rules c1ba268 (gold 715e1c5, 4014 training
obligations; two ``--train`` runs byte-identical); the figures above are of the cf8c299 model.
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
_MULTI_HEAD = re.compile("|".join(sorted(MULTI_HEADS, key=len, reverse=True)))
_LIST_WORDS = frozenset(["、", "和", "及", "与", "以及"])
# optional feature groups (benchmarks/agency_tagger.py measured each): endhead (_head_ends), lists
# (_list_neighbours), registry (the document registry's full names in document_units)
EXTRA: frozenset[str] = frozenset()


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


def document_units(doc: Document, obligations: tuple[Obligation, ...],
                   extra: frozenset[str] | None = None) -> re.Pattern[str] | None:
    """The written forms the rules read as units anywhere in ``doc`` (a unit named as a subject in one item
    is a unit where the rules miss it in another), and the names of the document's regions, as one pattern;
    with ``registry`` in ``extra`` also the full names of the document's registry (headings, addressee line,
    declared short forms)."""
    extra = EXTRA if extra is None else extra
    forms = {a.text for ob in obligations for a in ob.agencies if len(a.text) >= 2 and a.text in doc.text}
    if "registry" in extra:
        from policykg.ingest.extract.agency_registry import registry_of

        reg = registry_of(doc)
        forms |= {f for f in (*reg.full_names, *reg.declared) if len(f) >= 2 and f in doc.text}
    if doc.region is not None:
        forms |= {r for r in (doc.region.name, *(p.name for p in doc.region.parents)) if len(r) >= 2}
    if not forms:
        return None
    return re.compile("|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True)))


def _head_ends(text: str) -> list[str]:
    """Per character: ``eh=M`` where a multi-character head noun (委员会, 中心, 支队 …) ends, ``eh=S`` on a
    one-character head (局 委 办 …), wherever jieba put the word boundary (a unit name the dictionary does not
    know is often cut through its head)."""
    out = ["eh=S" if c in SINGLE_HEADS else "" for c in text]
    for m in _MULTI_HEAD.finditer(text):
        out[m.end() - 1] = "eh=M"
    return out


def _list_neighbours(text: str, ws: tuple[str, ...], rules: list[str]) -> list[str]:
    """Per character of a list item (a stretch between the list separators 、 和 及 与 以及, within a clause):
    ``ln=`` the rules' role of the nearest item before it in the same list that holds a unit the rules read,
    ``rn=`` of the nearest such item after it. A unit in one list with a unit the rules read is a unit too,
    whatever its name."""
    n = len(text)
    sep = [False] * n
    p = 0
    for w in ws:
        if w in _LIST_WORDS:
            for j in range(p, p + len(w)):
                sep[j] = True
        p += len(w)
    items: list[list] = []  # [start, end, role the rules read in it, whether a separator joins it to the last]
    i, joined = 0, False
    while i < n:
        if text[i] in _CLAUSE:
            i, joined = i + 1, False
            continue
        if sep[i]:
            i, joined = i + 1, bool(items)
            continue
        j = i
        while j < n and not sep[j] and text[j] not in _CLAUSE:
            j += 1
        role = next((r[2:] for r in rules[i:j] if r != "O"), "")
        items.append([i, j, role, joined])
        i, joined = j, False
    out = [""] * n
    for k, (s, e, _, _) in enumerate(items):
        if e - s > 24:
            continue
        left = right = ""
        x = k
        while not left and items[x][3]:
            x -= 1
            left = items[x][2]
        x = k
        while not right and x + 1 < len(items) and items[x + 1][3]:
            x += 1
            right = items[x][2]
        if left or right:
            f = "ln=" + (left or "-") + "/rn=" + (right or "-")
            for q in range(s, e):
                out[q] = f
    return out


def features(text: str, rules: list[str] | None = None, known: re.Pattern[str] | None = None,
             extra: frozenset[str] | None = None) -> list[list[str]]:
    """crfsuite features of each character of ``text``; ``rules`` is ``rule_labels`` of the same text,
    ``known`` is ``document_units`` of its document, ``extra`` the optional feature groups (``EXTRA``)."""
    extra = EXTRA if extra is None else extra
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
    if "endhead" in extra:
        columns.append(_head_ends(text))
    if rules is not None:
        columns += [["r=" + r for r in rules], ["r-1=" + r for r in ["^", *rules[:-1]]],
                    ["r+1=" + r for r in [*rules[1:], "$"]]]
        if "lists" in extra:
            columns.append(_list_neighbours(text, ws, rules))
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
    return decode(tagger, features(text, rules, known))


def decode(tagger, xseq: list[list[str]]) -> list[tuple[int, int, str, float]]:
    """``tag`` of a text's ``features``."""
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


_SEPARATOR = re.compile(r"\s*(?:、|，|,|和|及|以及|与|或)\s*")


def _chained(text: str, start: int, learned: list[AgencyMention], inside: list[AgencyMention]) -> dict[int, str]:
    """Indices of ``learned`` that stand in one list with a unit the rules read inside the text, with that
    unit's role: spans in text order, each joined to the next by a list separator alone or overlapping it
    (区教育局、区卫健委和X中心)."""
    marks = sorted([(a.span.start - start, a.span.end - start, -1, a.role) for a in inside]
                   + [(m.span.start - start, m.span.end - start, k, m.role) for k, m in enumerate(learned)])
    out: dict[int, str] = {}
    group: list[int] = []
    role, end = "", -1
    for s, e, k, r in marks:
        if end >= 0 and not (s < end or _SEPARATOR.fullmatch(text[end:s])):
            out.update(dict.fromkeys(group, role) if role else {})
            group, role, end = [], "", -1
        if k < 0:
            role = role or r
        else:
            group.append(k)
        end = max(end, e)
    out.update(dict.fromkeys(group, role) if role else {})
    return out


_ITEM = r"[^、，。；：,;:\n（）()]{2,24}"
_AFTER = re.compile(r"\s*(?:、|和|及|以及|与)\s*(" + _ITEM + ")")
_BEFORE = re.compile("(" + _ITEM + r")\s*(?:、|和|及|以及|与)\s*$")
_HEAD_IN = re.compile("(?:" + "|".join(sorted(MULTI_HEADS, key=len, reverse=True)) + "|[" + SINGLE_HEADS + "])")


def may_extend_a_list(ob: Obligation) -> bool:
    """Whether the text names, next to a unit the rules read inside it and across a list separator, an item
    they did not read that holds a head noun (区教育局、区X中心): the only place the tagger is asked when
    ``LIST_ONLY`` (the tagger costs several times the rules' CPU per obligation)."""
    start, text = ob.span.start, ob.text
    spans = [(a.span.start - start, a.span.end - start) for a in ob.agencies
             if 0 <= a.span.start - start < a.span.end - start <= len(text)]
    starts, ends = {s for s, _ in spans}, {e for _, e in spans}
    for s, e in spans:
        m = _AFTER.match(text, e)
        if m and m.start(1) not in starts and _HEAD_IN.search(m.group(1)):
            return True
        m = _BEFORE.search(text, max(0, s - 30), s)
        if m and m.end(1) not in ends and _HEAD_IN.search(m.group(1)):
            return True
    return False


def may_name_a_unit(ob: Obligation) -> bool:
    """Whether the text holds a head noun (局, 中心, 委员会 …) outside every unit the rules read inside it and
    outside the words that only end like one (场所, 布局, 网站 …): where the tagger may find a unit the rules
    missed."""
    start, text = ob.span.start, ob.text
    spans = [(a.span.start - start, a.span.end - start) for a in ob.agencies]
    for m in _HEAD_IN.finditer(text):
        e = m.end()
        if any(s < e <= t for s, t in spans) or text[max(0, e - 2):e] in NOT_UNITS \
                or text[max(0, e - 3):e] in NOT_UNITS or e - m.start() == 1 and e < len(text) \
                and text[e - 1:e + 1] in NOT_UNITS:
            continue
        return True
    return False


def combine(doc: Document, ob: Obligation, found: list[tuple[int, int, str, float]], mode: str = "add",
            min_conf: float = 0.0, list_conf: float | None = None, list_role: bool = False) -> Obligation:
    """``ob`` with its agencies revised by ``found`` (``tag`` of its text). ``mode``: ``replace`` (the
    tagger's units stand for the rules' inside the text), ``add`` (the rules' units, and the tagger's where
    the rules read none, when at least ``min_conf`` sure, or ``list_conf`` sure for a unit in one list with a
    unit the rules read, with that unit's role when ``list_role``), ``add_roles`` (add, and the tagger's role
    for a unit both read)."""
    if mode not in MODES:
        raise ValueError(f"unknown mode {mode!r}: one of {', '.join(MODES)}")
    start, text = ob.span.start, ob.text
    found = [f for f in found if text[f[0]:f[1]].strip() and f[1] - f[0] >= 2]
    inside = [a for a in ob.agencies if 0 <= a.span.start - start < a.span.end - start <= len(text)
              and text[a.span.start - start:a.span.end - start] == a.text]
    agencies = list(ob.agencies)
    read_by_rules = {a.text: a for a in ob.agencies}
    floor = min_conf if list_conf is None else min(min_conf, list_conf)
    kept = [f for f in found if f[3] >= floor]
    learned = [_canonical(doc, text[s:e], role, start + s, read_by_rules) for s, e, role, _ in kept]
    if list_conf is not None:
        chained = _chained(text, start, learned, inside)
        learned = [m if f[3] >= min_conf or not list_role or m.role == "collective" else replace(m, role=chained[k])
                   for k, (m, f) in enumerate(zip(learned, kept)) if f[3] >= min_conf or k in chained and f[3] >= list_conf]
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


def refine_one(doc: Document, ob: Obligation, mode: str = "add", tagger=None, stacked: bool = True,
               min_conf: float = 0.0, known: re.Pattern[str] | None = None,
               list_conf: float | None = None, list_role: bool = False) -> Obligation:
    """One obligation with its agencies revised by the tagger (``combine``); ``stacked``: the model reads
    the rules' decisions as features; ``known``: ``document_units``."""
    if mode not in MODES:
        raise ValueError(f"unknown mode {mode!r}: one of {', '.join(MODES)}")
    tagger = tagger if tagger is not None else load_tagger()
    if tagger is None or not _aligned(doc, ob):
        return ob
    rules = rule_labels(ob.text, ob.agencies, ob.span.start) if stacked else None
    return combine(doc, ob, tag(ob.text, rules, tagger, known), mode, min_conf, list_conf, list_role)


def _dedupe(ms: list[AgencyMention]) -> list[AgencyMention]:
    from policykg.ingest.extract.roles import dedupe

    return dedupe(ms)


# where the tagger is asked (it costs several times the rules' CPU per obligation): everywhere (None), or
# only where the rules left a head noun unread ("head") or where a list may hold an unread unit ("list")
GATES = {"head": may_name_a_unit, "list": may_extend_a_list}
# the combination chosen on cross-validation (benchmarks/agency_tagger.py): the rules' units, and the
# tagger's where the rules read none and it is at least MIN_CONF sure, or LIST_CONF sure for a unit in one
# list with a unit the rules read (with that unit's role when LIST_ROLE), asked where GATE says
MODE, MIN_CONF, LIST_CONF, LIST_ROLE, GATE = "add", 0.95, None, False, None


def refine(doc: Document, obligations: tuple[Obligation, ...], mode: str = MODE, min_conf: float = MIN_CONF,
           list_conf: float | None = LIST_CONF, list_role: bool = LIST_ROLE,
           gate: str | None = GATE) -> tuple[Obligation, ...]:
    """The obligations with the tagger's agencies combined with the rules' (the rules' alone without a model)."""
    asked = [gate is None or GATES[gate](ob) for ob in obligations]
    tagger = load_tagger() if any(asked) else None
    if tagger is None:
        return tuple(obligations)
    known = document_units(doc, obligations)
    return tuple(refine_one(doc, ob, mode, tagger, min_conf=min_conf, known=known, list_conf=list_conf,
                            list_role=list_role) if ask else ob for ob, ask in zip(obligations, asked))
