"""Vector indexes for dense search: a small protocol and a factory (the faiss indexes live in
``policykg.search.ann``); plus the embedding cache that keeps re-ingest from re-encoding text it has seen."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, Protocol

import numpy as np


class VectorIndex(Protocol):
    """Inner-product search over unit vectors, optionally restricted to allowed row ids."""

    kind: str
    info: dict[str, Any]  # kind, factory, tuned parameters and recall@10 against exact search

    def search(self, queries: np.ndarray, k: int, allowed: np.ndarray | None = None
               ) -> tuple[np.ndarray, np.ndarray]: ...

    def save(self, path: Path) -> None: ...

    def __len__(self) -> int: ...


def build_vector_index(setting: str, vectors: np.ndarray, dim: int, texts: Sequence[str] | None = None,
                       encode_queries: Callable[[list[str]], np.ndarray] | None = None) -> VectorIndex:
    """A vector index over ``vectors`` as ``setting`` says (see ``policykg.search.ann``), trained and tuned;
    an approximate one is tuned on query-like snippets of ``texts`` encoded by ``encode_queries``."""
    from policykg.search.ann import build_vectors, is_approximate, probe_texts

    probes = None
    if texts is not None and encode_queries is not None and is_approximate(setting, len(vectors), dim):
        snippets = probe_texts(list(texts))
        probes = np.asarray(encode_queries(snippets), np.float32) if snippets else None
    return build_vectors(setting, vectors, dim, probes=probes)


def update_vector_index(index: VectorIndex, kept_rows: np.ndarray, added: np.ndarray) -> VectorIndex | None:
    """``index`` changed to hold its ``kept_rows`` then ``added`` (see ``policykg.search.vector_updates``);
    None when it should be built again instead."""
    from policykg.search.ann import FaissVectors
    from policykg.search.vector_updates import update_vectors

    return update_vectors(index, kept_rows, added) if isinstance(index, FaissVectors) else None


def load_vector_index(path: Path, info: dict[str, Any] | None = None) -> VectorIndex:
    """Read a vector index written by ``VectorIndex.save``."""
    from policykg.search.ann import FaissVectors

    return FaissVectors.load(path, info)


def vector_setting_matches(setting: str, index: VectorIndex, units: int) -> bool:
    """Whether ``index`` (now ``units`` rows) is what ``setting`` built at its last build, updates since then
    counted back (a changed setting means: rebuild)."""
    from policykg.search.ann import VectorSetting

    dim = int(getattr(index, "dim", 0))
    since = index.info.get("since_build") or {}
    built_over = units - int(since.get("added", 0)) + int(since.get("removed", 0))
    return index.info.get("factory") == VectorSetting.parse(setting).factory(built_over, dim)


def vector_kind_holds(setting: str, index: VectorIndex, units: int) -> bool:
    """Whether ``setting`` still picks ``index``'s kind (flat, IVF, HNSW ...) at ``units`` rows: an update
    may change it in place; otherwise (auto crossing its size threshold) it is built again."""
    from policykg.search.ann import VectorSetting

    def kind(factory: str) -> str:
        return factory.split(",")[0].rstrip("0123456789_")

    new = VectorSetting.parse(setting).factory(units, int(getattr(index, "dim", 0)))
    return vector_setting_matches(setting, index, len(index)) and kind(new) == kind(str(index.info.get("factory")))


def check_vector_setting(setting: str) -> str:
    """The setting unchanged, or ValueError when it names no known index."""
    from policykg.search.ann import VectorSetting

    VectorSetting.parse(setting)
    return setting


def text_key(encoder_name: str, text: str) -> str:
    """Cache key of a passage text under one encoder."""
    return hashlib.sha1(f"{encoder_name}\x00{text}".encode()).hexdigest()


class EmbeddingCache:
    """Passage vectors by text hash, one .npz per encoder, so unchanged text is never encoded twice.

    Held as one matrix plus a key -> row map (a million per-row arrays would cost twice the memory).
    """

    def __init__(self, folder: Path, encoder_name: str, dim: int):
        safe = hashlib.sha1(encoder_name.encode()).hexdigest()[:12]
        self.path = Path(folder) / f"embeddings-{safe}.npz"
        self.encoder_name, self.dim = encoder_name, dim
        self._row: dict[str, int] = {}
        self._matrix = np.zeros((0, dim), np.float32)
        self._fresh: list[np.ndarray] = []  # blocks added since the matrix was last joined
        self._dirty = False
        self.chunk = 1024
        try:
            with np.load(self.path, allow_pickle=False) as data:
                if data["vectors"].shape[1:] == (dim,) and len(data["keys"]) == len(data["vectors"]):
                    self._matrix = np.asarray(data["vectors"], np.float32)
                    self._row = {k: i for i, k in enumerate(data["keys"].tolist())}
        except (OSError, KeyError, ValueError, EOFError):
            self._row, self._matrix = {}, np.zeros((0, dim), np.float32)  # missing or corrupt: re-encode

    def _join(self) -> np.ndarray:
        if self._fresh:
            self._matrix = np.concatenate([self._matrix, *self._fresh])
            self._fresh = []
        return self._matrix

    def missing(self, texts: Sequence[str]) -> list[str]:
        """The distinct texts of ``texts`` with no cached vector, in first-seen order."""
        keys = dict.fromkeys(texts)
        return [t for t in keys if text_key(self.encoder_name, t) not in self._row]

    def lookup_or_encode(self, texts: Sequence[str], encode) -> np.ndarray:
        """Vectors for ``texts``; only the texts not cached go to ``encode`` (one batch)."""
        keys = [text_key(self.encoder_name, t) for t in texts]
        missing = {k: t for k, t in zip(keys, texts) if k not in self._row}
        pending = list(missing.items())
        for start in range(0, len(pending), self.chunk):
            # saved chunk by chunk: an interrupted cold build (minutes on one thread) keeps its work
            part = pending[start:start + self.chunk]
            fresh = np.asarray(encode([t for _, t in part]), dtype=np.float32).reshape(-1, self.dim)
            base = len(self._row)
            self._row.update((k, base + i) for i, (k, _) in enumerate(part))
            self._fresh.append(fresh)
            self._dirty = True
            if len(pending) > self.chunk:
                self.save()
        if not keys:
            return np.zeros((0, self.dim), np.float32)
        return self._join()[np.fromiter((self._row[k] for k in keys), np.int64, len(keys))]

    def save(self) -> None:
        """Write the cache when it changed (atomically)."""
        if not self._dirty:
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_suffix(".tmp.npz")
        keys = np.array(list(self._row.keys())) if self._row else np.zeros(0, "<U40")
        np.savez(tmp, keys=keys, vectors=self._join())
        os.replace(tmp, self.path)
        self._dirty = False

    def __len__(self) -> int:
        return len(self._row)
