"""Fusion of lexical and dense rankings: its own named, configurable component (``Settings.fusion``).

``"rrf"`` (default) is reciprocal rank fusion, ``"rrf:K"`` sets its constant; ``"linear"`` /
``"linear:W"`` is a convex mix of min-max-normalised scores with dense weight W; ``"bm25"`` and
``"dense"`` keep one side only (benchmarks compare against them).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

import numpy as np


@dataclass(frozen=True)
class Ranked:
    """One side's ranking: row ids best first, with their raw scores."""

    ids: np.ndarray
    scores: np.ndarray


@dataclass(frozen=True)
class Fused:
    """A fused hit: row id, fused score and the per-side components."""

    row: int
    score: float
    components: dict[str, float]


class Fusion(Protocol):
    """Merges a lexical and a dense ranking into one."""

    name: str

    def fuse(self, lexical: Ranked, dense: Ranked, limit: int) -> list[Fused]: ...


def _components(lexical: Ranked, dense: Ranked) -> dict[int, dict[str, float]]:
    comp: dict[int, dict[str, float]] = {}
    for side, ranked in (("bm25", lexical), ("dense", dense)):
        for rank, (row, score) in enumerate(zip(ranked.ids.tolist(), ranked.scores.tolist()), start=1):
            c = comp.setdefault(int(row), {})
            c[side] = round(float(score), 6)
            c[f"{side}_rank"] = rank
    return comp


class ReciprocalRankFusion:
    """score = sum over sides of weight / (k + rank); robust to the two sides' different scales."""

    def __init__(self, k: float = 60.0, weights: tuple[float, float] = (1.0, 1.0)):
        self.k, self.weights = k, weights
        self.name = f"rrf:{k:g}"

    def fuse(self, lexical: Ranked, dense: Ranked, limit: int) -> list[Fused]:
        """Top ``limit`` rows by fused score."""
        comp = _components(lexical, dense)
        fused = []
        for row, c in comp.items():
            score = sum(w / (self.k + c[f"{side}_rank"])
                        for side, w in zip(("bm25", "dense"), self.weights) if f"{side}_rank" in c)
            fused.append(Fused(row, score, c))
        fused.sort(key=lambda f: (-f.score, f.row))
        return fused[:limit]


class LinearFusion:
    """score = (1-w) * minmax(bm25) + w * minmax(dense), over each side's candidates."""

    def __init__(self, dense_weight: float = 0.5):
        self.w = dense_weight
        self.name = f"linear:{dense_weight:g}"

    @staticmethod
    def _minmax(ranked: Ranked) -> dict[int, float]:
        if not len(ranked.ids):
            return {}
        lo, hi = float(np.min(ranked.scores)), float(np.max(ranked.scores))
        span = hi - lo or 1.0
        return {int(r): (float(s) - lo) / span for r, s in zip(ranked.ids, ranked.scores)}

    def fuse(self, lexical: Ranked, dense: Ranked, limit: int) -> list[Fused]:
        """Top ``limit`` rows by mixed normalised score."""
        comp = _components(lexical, dense)
        lex, den = self._minmax(lexical), self._minmax(dense)
        fused = [Fused(row, (1 - self.w) * lex.get(row, 0.0) + self.w * den.get(row, 0.0), c)
                 for row, c in comp.items()]
        fused.sort(key=lambda f: (-f.score, f.row))
        return fused[:limit]


class SingleSide:
    """One side only (for baselines): its own order and score."""

    def __init__(self, side: str):
        self.side = side
        self.name = side

    def fuse(self, lexical: Ranked, dense: Ranked, limit: int) -> list[Fused]:
        """The chosen side's top ``limit``."""
        ranked = lexical if self.side == "bm25" else dense
        comp = _components(lexical, dense)
        return [Fused(int(r), float(s), comp[int(r)]) for r, s in zip(ranked.ids[:limit], ranked.scores[:limit])]


def make_fusion(setting: str) -> Fusion:
    """The fusion named by ``Settings.fusion``."""
    name, _, arg = (setting or "rrf").partition(":")
    try:
        if name == "rrf":
            return ReciprocalRankFusion(float(arg) if arg else 60.0)
        if name == "linear":
            return LinearFusion(float(arg) if arg else 0.5)
    except ValueError:
        raise ValueError(f"bad fusion parameter in {setting!r}") from None
    if name in ("bm25", "dense") and not arg:
        return SingleSide(name)
    raise ValueError(f"unknown fusion {setting!r}; use rrf[:K], linear[:W], bm25 or dense")
