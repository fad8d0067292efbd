"""Synthetic units at scale, made from the real corpus units without the model, and process memory figures.

A synthetic unit joins the first half of one real unit to the second half of another (text and tokens
alike) and takes the normalised mix of their two vectors, with the first unit's document facts. Unlike
copies, mixtures are all distinct points spread between the real ones, so an approximate index's
recall against exact search means something, and BM25 postings grow as real text would.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

import numpy as np


def synthetic_units(units: Sequence, tokens: Sequence[Sequence[str]], vectors: np.ndarray, size: int,
                    seed: int = 0) -> tuple[list, list[list[str]], np.ndarray]:
    """``size`` units: the real ones first, then mixtures of two real ones (see the module docstring)."""
    base = len(units)
    rng = np.random.default_rng(seed)
    extra = max(0, size - base)
    first, second = rng.integers(0, base, extra), rng.integers(0, base, extra)
    weight = rng.uniform(0.35, 0.65, extra).astype(np.float32)[:, None]
    out_units, out_tokens = list(units[:size]), [list(t) for t in tokens[:size]]
    out_vectors = np.empty((max(size, 0), vectors.shape[1]), np.float32)
    out_vectors[:min(base, size)] = vectors[:size]
    for start in range(0, extra, 65_536):
        a, b, w = first[start:start + 65_536], second[start:start + 65_536], weight[start:start + 65_536]
        mixed = w * vectors[a] + (1 - w) * vectors[b]
        out_vectors[base + start:base + start + len(a)] = mixed / np.linalg.norm(mixed, axis=1, keepdims=True)
    for n, (i, j) in enumerate(zip(first.tolist(), second.tolist())):
        u, v = units[i], units[j]
        text = u.text[: len(u.text) // 2] + v.text[len(v.text) // 2:]
        out_units.append(dataclasses.replace(u, iri=f"{u.iri}-mix{n}", text=text))
        ti, tj = tokens[i], tokens[j]
        out_tokens.append(list(ti[: len(ti) // 2]) + list(tj[len(tj) // 2:]))
    return out_units, out_tokens, out_vectors


def memory_mb() -> dict[str, float]:
    """This process's resident memory in MB: total, anonymous (heap) and file-backed (memory maps)."""
    out = {}
    with open("/proc/self/status") as fh:
        for line in fh:
            key, _, value = line.partition(":")
            if key in ("VmRSS", "RssAnon", "RssFile", "VmHWM"):
                out[key] = round(int(value.split()[0]) / 1024, 1)
    return out
