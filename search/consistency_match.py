"""Matching obligations that concern the same measure: across a basis link, or inside one document.

A match combines four signals, each in [0, 1]: lexical (IDF-weighted cosine over character bigrams,
which score as well as jieba words on the labelled set at a fraction of the cost; IDF taken
from the two documents compared, so boilerplate shared by every item weighs little), dense (cosine
of sentence embeddings, when an encoder is given), shared site types (SKOS concepts where the written
labels map to one, the labels otherwise) and shared agency kinds (only when both sides name some). The score is their weighted mean over the signals present, so a missing
encoder or an item without agencies does not drag a pair down. Every match keeps its signals and
the words the pair shares (jieba, computed for matched pairs only), which is the explanation a user sees.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Protocol

import numpy as np
from policykg.ingest.extract.sitetypes import concept_of, label_of
from policykg.ingest.model import Obligation

Tokenizer = Callable[[str], list[str]]

# Calibrated by benchmarks/checks.py on tests/gold/checks (best F1; see the script's docstring).
DEFAULT_WEIGHTS = {"lexical": 0.5, "dense": 0.3, "site_types": 0.1, "agencies": 0.1}
LINK_THRESHOLD = 0.25
INTERNAL_THRESHOLD = 0.35

# Dates, numbers and list markers say when or how much, not what: the measure is in the words.
_NOISE = re.compile(r"[0-9０-９]+|[年月日号底前内]|[（）()《》“”\"'、，。；：:,.;！？\s\-—~～%％]")


class Encoder(Protocol):
    """The part of the search encoder (policykg.search.encoders) the checks use."""

    def encode_passages(self, texts: Sequence[str]) -> np.ndarray: ...


@dataclass(frozen=True)
class ObligationRef:
    """An obligation with where it lives: its graph IRI (or a local id) and its document's IRI."""

    iri: str
    doc_iri: str
    obligation: Obligation


@dataclass(frozen=True)
class Match:
    """Two obligations judged to concern the same measure, with the signals behind the judgement."""

    a: ObligationRef
    b: ObligationRef
    score: float
    signals: dict[str, float]
    shared_terms: tuple[str, ...] = ()
    shared_site_types: tuple[str, ...] = ()
    shared_agencies: tuple[str, ...] = ()

    def explanation(self) -> dict:
        """The match as JSON: score, each signal, and what the pair has in common."""
        return {"score": round(self.score, 4), "signals": {k: round(v, 4) for k, v in self.signals.items()},
                "shared_terms": list(self.shared_terms), "shared_site_types": list(self.shared_site_types),
                "shared_agencies": list(self.shared_agencies)}


def char_bigrams(text: str) -> list[str]:
    """Fallback tokenizer: overlapping character bigrams of the CJK runs."""
    out: list[str] = []
    for run in re.findall(r"[\u4e00-\u9fff]+", text):
        out.extend(run[i:i + 2] for i in range(max(1, len(run) - 1)))
    return out


def default_tokenizer() -> Tokenizer:
    """The search layer's jieba tokenizer with its domain dictionary, else character bigrams."""
    try:
        from policykg.search.tokenize import Tokenizer as JiebaTokenizer
        from policykg.search.tokenize import vocabulary_terms
    except ImportError:  # search layer not installed in this build: bigrams still match
        return char_bigrams
    return JiebaTokenizer(vocabulary_terms()).tokens


def site_keys(ob: Obligation) -> set[str]:
    """Kinds of site comparable across documents: the SKOS concept (by its preferred label) where a label
    maps to one, so 高层住宅 and 高层建筑 meet; the written label where none fits (商贸市场 only meets
    商贸市场)."""
    return set(_site_keys(ob.site_types, ob.site_type_concepts))


@lru_cache(maxsize=4096)
def _site_keys(labels: tuple[str, ...], concepts: tuple[str, ...]) -> tuple[str, ...]:
    keys = {label_of(k) for k in concepts}
    for label in labels:
        key = concept_of(label)
        if key is None:
            keys.add(label)
        elif not concepts:  # a record that carries labels only (hand-made, older readers)
            keys.add(label_of(key))
    return tuple(sorted(keys))


def agency_keys(ob: Obligation) -> set[str]:
    """Kinds of responsible agency, comparable across regions (key), else the normalised name."""
    return {a.key or a.name for a in ob.agencies if (a.key or a.name)}


@dataclass
class _Side:
    refs: list[ObligationRef]
    terms: list[Counter] = field(default_factory=list)
    vectors: np.ndarray | None = None


class ObligationMatcher:
    """Pairs obligations by combined similarity; thresholds differ across a link and inside a document."""

    def __init__(self, tokenizer: Tokenizer | None = None, encoder: Encoder | None = None,
                 weights: dict[str, float] | None = None, link_threshold: float = LINK_THRESHOLD,
                 internal_threshold: float = INTERNAL_THRESHOLD, explain_tokenizer: Tokenizer | None = None):
        self.tokenizer = tokenizer or char_bigrams
        self.encoder = encoder
        self.weights = dict(DEFAULT_WEIGHTS if weights is None else weights)
        self.link_threshold = link_threshold
        self.internal_threshold = internal_threshold
        self._explain_tokenizer = explain_tokenizer
        self._vector_cache: dict[str, np.ndarray] = {}
        self._terms_cache: dict[str, Counter] = {}
        self._words_cache: dict[str, set[str]] = {}

    def clear_caches(self) -> None:
        """Forget cached tokens and vectors (between independent runs)."""
        self._vector_cache.clear()
        self._terms_cache.clear()
        self._words_cache.clear()

    def words(self, text: str) -> set[str]:
        """Whole words of a text for explanations (jieba with the domain dictionary)."""
        if self._explain_tokenizer is None:
            self._explain_tokenizer = default_tokenizer()
        if text not in self._words_cache:
            self._words_cache[text] = {t for t in self._explain_tokenizer(_NOISE.sub(" ", text)) if len(t) >= 2}
        return self._words_cache[text]

    # -- signals ------------------------------------------------------------------------------
    def terms(self, ob: Obligation) -> Counter:
        """Content tokens of an obligation's text, dates and numbers left out (cached by text)."""
        cached = self._terms_cache.get(ob.text)
        if cached is None:
            cached = Counter(t for t in (tok.strip() for tok in self.tokenizer(_NOISE.sub(" ", ob.text)))
                             if len(t) >= 2)
            self._terms_cache[ob.text] = cached
        return cached

    def _side(self, refs: Sequence[ObligationRef]) -> _Side:
        side = _Side(list(refs), [self.terms(r.obligation) for r in refs])
        if self.encoder is not None and refs:
            missing = [r for r in refs if r.iri not in self._vector_cache]
            if missing:
                # passages on both sides: symmetric, and the same vectors the search index caches
                vecs = np.asarray(self.encoder.encode_passages([r.obligation.text for r in missing]),
                                  dtype=np.float32)
                for r, v in zip(missing, vecs):
                    self._vector_cache[r.iri] = v / (np.linalg.norm(v) or 1.0)
            side.vectors = np.stack([self._vector_cache[r.iri] for r in refs])
        return side

    def score_matrix(self, a: _Side, b: _Side | None = None) -> tuple[np.ndarray, dict[str, np.ndarray]]:
        """Combined scores for every pair of ``a`` x ``b`` (``a`` x ``a`` when b is None) and each signal."""
        signals = {"lexical": _lexical(a.terms, None if b is None else b.terms)}
        b = a if b is None else b
        na, nb = len(a.refs), len(b.refs)
        if a.vectors is not None and b.vectors is not None:
            signals["dense"] = np.clip(a.vectors @ b.vectors.T, 0.0, 1.0)
        signals["site_types"] = _set_overlap([site_keys(r.obligation) for r in a.refs],
                                             [site_keys(r.obligation) for r in b.refs])
        signals["agencies"] = _set_overlap([agency_keys(r.obligation) for r in a.refs],
                                           [agency_keys(r.obligation) for r in b.refs])
        total = np.zeros((na, nb), dtype=np.float32)
        weight = np.zeros((na, nb), dtype=np.float32)
        for name, m in signals.items():
            w = self.weights.get(name, 0.0)
            present = ~np.isnan(m)
            total += np.where(present, m, 0.0) * w
            weight += present * w
        return np.divide(total, weight, out=np.zeros_like(total), where=weight > 0), signals

    def _match(self, a: _Side, b: _Side, i: int, j: int, score: float,
               signals: dict[str, np.ndarray]) -> Match:
        ra, rb = a.refs[i], b.refs[j]
        sig = {k: float(m[i, j]) for k, m in signals.items() if not np.isnan(m[i, j])}
        return Match(ra, rb, float(score), sig, (),
                     tuple(sorted(site_keys(ra.obligation) & site_keys(rb.obligation))),
                     tuple(sorted(agency_keys(ra.obligation) & agency_keys(rb.obligation))))

    def explain(self, m: Match) -> Match:
        """The match with the words both texts use, longest first (computed only for reported matches)."""
        shared = self.words(m.a.obligation.text) & self.words(m.b.obligation.text)
        terms = tuple(sorted(shared, key=lambda t: (-len(t), t))[:8])
        return replace(m, shared_terms=terms)

    # -- matching -----------------------------------------------------------------------------
    def match_link(self, downstream: Sequence[ObligationRef],
                   upstream: Sequence[ObligationRef]) -> list[Match]:
        """For each downstream obligation, its best upstream counterpart above the link threshold."""
        if not downstream or not upstream:
            return []
        a, b = self._side(downstream), self._side(upstream)
        scores, signals = self.score_matrix(a, b)
        out = []
        for i in range(len(a.refs)):
            j = int(np.argmax(scores[i]))
            if scores[i, j] >= self.link_threshold:
                out.append(self._match(a, b, i, j, scores[i, j], signals))
        return out

    def match_internal(self, refs: Sequence[ObligationRef]) -> list[Match]:
        """Pairs of distinct obligations of one document that restate the same measure."""
        if len(refs) < 2:
            return []
        side = self._side(refs)
        scores, signals = self.score_matrix(side)
        starts = np.array([r.obligation.span.start for r in side.refs])
        ends = np.array([r.obligation.span.end for r in side.refs])
        # overlapping spans (and an item with itself) are one passage, not two statements
        overlap = (starts[:, None] < ends[None, :]) & (starts[None, :] < ends[:, None])
        scores[overlap] = -1.0
        pairs: set[tuple[int, int]] = set()
        for i in range(len(side.refs)):
            j = int(np.argmax(scores[i]))
            if scores[i, j] >= self.internal_threshold:
                pairs.add((min(i, j), max(i, j)))
        return [self._match(side, side, i, j, scores[i, j], signals) for i, j in sorted(pairs)]


def _lexical(a: list[Counter], b: list[Counter] | None) -> np.ndarray:
    """Cosine of TF-IDF vectors, IDF from the obligations compared (one side when ``b`` is None)."""
    sides = [a] if b is None else [a, b]
    vocab: dict[str, int] = {}
    coo = []
    for terms in sides:
        rows, cols, tf = [], [], []
        for row, t in enumerate(terms):
            for term, c in t.items():
                rows.append(row)
                cols.append(vocab.setdefault(term, len(vocab)))
                tf.append(c)
        coo.append((np.asarray(rows, dtype=np.int64), np.asarray(cols, dtype=np.int64),
                     1.0 + np.log(np.asarray(tf, dtype=np.float32))))
    n_docs = sum(len(t) for t in sides)
    df = sum(np.bincount(cols, minlength=len(vocab)) for _, cols, _ in coo) if vocab else np.zeros(0)
    idf = np.log1p(n_docs / np.maximum(df, 1)).astype(np.float32)
    mats = []
    for terms, (rows, cols, tf) in zip(sides, coo):
        m = np.zeros((len(terms), len(vocab)), dtype=np.float32)
        m[rows, cols] = tf * idf[cols]
        norms = np.linalg.norm(m, axis=1, keepdims=True)
        mats.append(np.divide(m, norms, out=np.zeros_like(m), where=norms > 0))
    return mats[0] @ mats[-1].T


def _set_overlap(a: list[set[str]], b: list[set[str]]) -> np.ndarray:
    """Jaccard overlap of each pair of sets; NaN where either side is empty (no evidence either way)."""
    m = np.full((len(a), len(b)), np.nan, dtype=np.float32)
    for i, sa in enumerate(a):
        if not sa:
            continue
        for j, sb in enumerate(b):
            if sb:
                m[i, j] = len(sa & sb) / len(sa | sb)
    return m
