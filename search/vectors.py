"""Vector indexes for dense search: a small protocol, a faiss implementation and a factory; plus the
embedding cache that keeps re-ingest from re-encoding text it has seen."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Protocol

import numpy as np


class VectorIndex(Protocol):
    """Inner-product search over unit vectors, optionally restricted to allowed row ids."""

    def add(self, vectors: np.ndarray) -> None: ...

    def search(self, queries: np.ndarray, k: int, allowed: np.ndarray | None = None
               ) -> tuple[np.ndarray, np.ndarray]: ...

    def save(self, path: Path) -> None: ...

    def __len__(self) -> int: ...


class FaissFlatIndex:
    """Exact inner-product search (faiss IndexFlatIP); exact is fast enough at 100k x 384."""

    def __init__(self, dim: int, index=None):
        import faiss

        faiss.omp_set_num_threads(1)
        self.dim = dim
        self.index = index if index is not None else faiss.IndexFlatIP(dim)

    def add(self, vectors: np.ndarray) -> None:
        """Append rows; row ids follow insertion order."""
        if len(vectors):
            self.index.add(np.ascontiguousarray(vectors, dtype=np.float32))

    def search(self, queries: np.ndarray, k: int, allowed: np.ndarray | None = None
               ) -> tuple[np.ndarray, np.ndarray]:
        """(scores, ids) of the ``k`` best rows per query; ids are -1 where fewer rows qualify."""
        import faiss

        queries = np.ascontiguousarray(queries, dtype=np.float32)
        k = max(1, min(k, len(self)))
        if len(self) == 0:
            return np.zeros((len(queries), 1), np.float32), -np.ones((len(queries), 1), np.int64)
        if allowed is None:
            return self.index.search(queries, k)
        params = faiss.SearchParameters(sel=faiss.IDSelectorBatch(np.ascontiguousarray(allowed, dtype=np.int64)))
        return self.index.search(queries, k, params=params)

    def save(self, path: Path) -> None:
        """Write the index atomically."""
        import faiss

        tmp = Path(str(path) + ".tmp")
        faiss.write_index(self.index, str(tmp))
        os.replace(tmp, path)

    @classmethod
    def load(cls, path: Path) -> FaissFlatIndex:
        """Read an index written by ``save``."""
        import faiss

        index = faiss.read_index(str(path))
        return cls(index.d, index)

    def __len__(self) -> int:
        return int(self.index.ntotal)


VECTOR_INDEXES = {"flat": FaissFlatIndex}


def make_vector_index(kind: str, dim: int) -> VectorIndex:
    """A new empty vector index of the named kind."""
    if kind not in VECTOR_INDEXES:
        raise ValueError(f"unknown vector index {kind!r}; known: {sorted(VECTOR_INDEXES)}")
    return VECTOR_INDEXES[kind](dim)


def text_key(encoder_name: str, text: str) -> str:
    """Cache key of a passage text under one encoder."""
    return hashlib.sha1(f"{encoder_name}\x00{text}".encode()).hexdigest()


class EmbeddingCache:
    """Passage vectors by text hash, one .npz per encoder, so unchanged text is never encoded twice."""

    def __init__(self, folder: Path, encoder_name: str, dim: int):
        safe = hashlib.sha1(encoder_name.encode()).hexdigest()[:12]
        self.path = Path(folder) / f"embeddings-{safe}.npz"
        self.encoder_name, self.dim = encoder_name, dim
        self._vectors: dict[str, np.ndarray] = {}
        self._dirty = False
        self.chunk = 1024
        try:
            with np.load(self.path, allow_pickle=False) as data:
                if data["vectors"].shape[1:] == (dim,):
                    self._vectors = dict(zip(data["keys"].tolist(), data["vectors"]))
        except (OSError, KeyError, ValueError, EOFError):
            self._vectors = {}  # missing or corrupt: start empty, it only costs re-encoding

    def lookup_or_encode(self, texts: Sequence[str], encode) -> np.ndarray:
        """Vectors for ``texts``; only the texts not cached go to ``encode`` (one batch)."""
        keys = [text_key(self.encoder_name, t) for t in texts]
        missing = {k: t for k, t in zip(keys, texts) if k not in self._vectors}
        pending = list(missing.items())
        for start in range(0, len(pending), self.chunk):
            # saved chunk by chunk: an interrupted cold build (minutes on one thread) keeps its work
            part = pending[start:start + self.chunk]
            fresh = encode([t for _, t in part])
            self._vectors.update(zip((k for k, _ in part), np.asarray(fresh, dtype=np.float32)))
            self._dirty = True
            if len(pending) > self.chunk:
                self.save()
        if not keys:
            return np.zeros((0, self.dim), np.float32)
        return np.stack([self._vectors[k] for k in keys]).astype(np.float32)

    def save(self) -> None:
        """Write the cache when it changed (atomically)."""
        if not self._dirty:
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_suffix(".tmp.npz")
        keys = np.array(list(self._vectors.keys()))
        vectors = np.stack(list(self._vectors.values())) if self._vectors else np.zeros((0, self.dim), np.float32)
        np.savez(tmp, keys=keys, vectors=vectors)
        os.replace(tmp, self.path)
        self._dirty = False

    def __len__(self) -> int:
        return len(self._vectors)
