"""The search index beside the graph: units, BM25, vectors; built from the graph, saved, reopened, updated.

Layout under ``<data_dir>/search/``: meta.json, the unit table (``policykg.search.unitstore``: units
read from disk only for the hits returned, filter columns, tokens), user_dict.txt, bm25/ (postings read
term by term with pread), vectors.faiss (+ the float rows that re-rank, read with pread). Nothing of the
index is memory-mapped, so what queries read stays in the page cache, not in this process (a loaded 1M-unit
index: ~1.1 GB RSS before and after queries, benchmarks/search_memory.py). Unit vectors are cached by text hash in ``<data_dir>/search-cache/`` (kept
across rebuilds, so re-indexing encodes only new text); an obligation inside a passage of its document is read
in that passage's model run (``policykg.search.unitvectors``). A missing, corrupt or out-of-date index is
rebuilt from the graph on open, with a notice; it never stops the service.

``SearchIndex`` (here: its state, opening, the encoder, making the indexed structures from units, the
filtered rows) gathers its other parts, each a module of one concept: ``index_update`` (level with the graph:
rebuild, update), ``index_store`` (saving, loading) and ``index_query`` (searching). This module is the import
place of them all; FORMAT_VERSION is read in ``index_store`` and CANDIDATES, QUERY_CACHE_SIZE in ``index_query``:
patch them there.
"""

from __future__ import annotations

import logging
import os
import shutil
import tempfile
import threading
import weakref
from collections import OrderedDict
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
from policykg.search.batching import BatchingEncoder
from policykg.search.encoders import Encoder, make_encoder
from policykg.search.facets import facets_of
from policykg.search.fusion import Fusion, make_fusion
from policykg.search.index_query import CANDIDATES, QUERY_CACHE_SIZE, IndexQueries
from policykg.search.index_store import FORMAT_VERSION, IndexCorrupt, IndexFiles
from policykg.search.index_update import IndexUpdates, index_lag, live_versions
from policykg.search.lexical import BM25Index
from policykg.search.query import Filters
from policykg.search.tokenize import Tokenizer
from policykg.search.units import Unit
from policykg.search.unitstore import UnitTable
from policykg.search.unitvectors import encode_keys, grouped, reads_spans, vector_keys
from policykg.search.vectors import EmbeddingCache, VectorIndex, build_vector_index, check_vector_setting

# the public API; ENCODE_CHUNK, FILTER_CACHE_*, build_vector_index and reads_spans are read here (by the methods
# that stay in this module), so patching them on this module still takes effect
__all__ = ["CANDIDATES", "ENCODE_CHUNK", "FILTER_CACHE_BYTES", "FILTER_CACHE_SIZE", "FORMAT_VERSION",
           "QUERY_CACHE_SIZE", "IndexCorrupt", "SearchIndex", "index_lag", "live_versions"]

log = logging.getLogger(__name__)
FILTER_CACHE_SIZE = 256  # allowed rows per filter set: a region filter scans every unit in Python
# and at most this many bytes of them: at a million units one broad filter's rows take up to 8 MB, so 256 of
# them could hold 2 GB; the newest set is kept whatever its size
FILTER_CACHE_BYTES = 64 * 2**20
ENCODE_CHUNK = 256  # vectors per encoding step of encode_pending (a few s of e5-small on one core): progress, resume


class SearchIndex(IndexUpdates, IndexFiles, IndexQueries):
    """Hybrid (BM25 + dense) index over obligation and passage units of one data directory."""

    def __init__(self, folder: Path, kg: Any, encoder: str = "e5-small", fusion: str | Fusion = "rrf",
                 vector_index: str = "auto", cache_dir: Path | None = None, defer_encoding: bool = False):
        self.folder = Path(folder)
        self.kg = kg
        self.encoder_setting = encoder
        self.fusion = make_fusion(fusion) if isinstance(fusion, str) else fusion
        self.vector_kind = check_vector_setting(vector_index)
        self.cache_dir = cache_dir
        self.notices: list[str] = []
        self.documents: dict[str, int] = {}  # change version (graph/changes.py) of each document reflected
        self.units: Sequence[Unit] = []  # a UnitTable once built or loaded
        self.tokenizer = Tokenizer()
        self.lexical = BM25Index()
        self.vectors: VectorIndex | None = None
        # with defer_encoding, units whose text is not in the embedding cache are indexed for BM25 at once
        # and the dense side waits for encode_pending() + attach_vectors() (a first start serves meanwhile)
        self.defer_encoding = defer_encoding
        self.unencoded = 0  # units indexed without a vector while dense search waits
        self._encoder: Encoder | None = None
        self._query_encoder: Encoder | None = None
        self._batching: dict[str, Any] | None = None
        self._encoder_lock = threading.Lock()  # concurrent first requests must not load the model twice
        self._cache_lock = threading.Lock()
        self.query_cache: OrderedDict[str, np.ndarray] = OrderedDict()
        self.passage_cache: OrderedDict[str, np.ndarray] = OrderedDict()  # texts asked as passages (similar)
        self._filter_cache: OrderedDict[Filters, np.ndarray | None] = OrderedDict()

    # ---- opening and building -------------------------------------------------------------------
    @classmethod
    def open(cls, data_dir: Path, kg: Any, encoder: str = "e5-small", fusion: str | Fusion = "rrf",
             vector_index: str = "auto", cache_dir: Path | None = None, defer_encoding: bool = False
             ) -> SearchIndex:
        """The index of ``data_dir``, loaded from disk, or rebuilt from ``kg`` when missing or unreadable."""
        index = cls(Path(data_dir) / "search", kg, encoder, fusion, vector_index, cache_dir, defer_encoding)
        try:
            index._load()
        except FileNotFoundError:
            index.rebuild()
        except IndexCorrupt as exc:
            index.notices.append(f"search index rebuilt: {exc}")
            log.warning("search index at %s unreadable (%s); rebuilding", index.folder, exc)
            index.rebuild()
        return index

    @property
    def encoder(self) -> Encoder:
        """The encoder, loaded on first use (loading the model costs seconds)."""
        if self._encoder is None:
            with self._encoder_lock:
                if self._encoder is None:
                    self._encoder = make_encoder(self.encoder_setting, self.cache_dir)
        return self._encoder

    def batch_queries(self, max_batch: int = 32, max_parallel: int | None = None, timeout_s: float = 30.0) -> None:
        """Encode queries of concurrent callers together (a server); without this each call encodes alone.

        ``max_parallel`` model calls (one thread each) may run at once; by default half the usable
        cores, at least one, so that HTTP, BM25 and fusion keep the other half.
        """
        if max_parallel is None:
            cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
            max_parallel = max(1, cores // 2)
        options = {"max_batch": max_batch, "max_parallel": max_parallel, "timeout_s": timeout_s}
        with self._encoder_lock:
            if options != self._batching:  # asked again with the same options: keep the running wrapper
                self._batching, self._query_encoder = options, None

    @property
    def query_encoder(self) -> Encoder:
        """The encoder for queries: the model itself, or the batching wrapper around it once enabled."""
        if self._batching is None:
            return self.encoder
        if self._query_encoder is None:
            inner = self.encoder
            with self._encoder_lock:
                if self._query_encoder is None and self._batching is not None:
                    self._query_encoder = BatchingEncoder(inner, **self._batching)
        return self._query_encoder or self.encoder

    def _embedding_cache(self) -> EmbeddingCache:
        return EmbeddingCache(self.folder.parent / "search-cache", self.encoder.name, self.encoder.dim)

    def vector_keys(self, units: Sequence[Unit] | None = None) -> list[str]:
        """The embedding-cache key of each unit's vector (``units``: the indexed ones by default); units of the
        same key share one vector."""
        return vector_keys(self.units if units is None else units, reads_spans(self.encoder))

    def _encode_keys(self, keys: Sequence[str]) -> np.ndarray:
        return encode_keys(self.encoder, keys)

    def _vectors_of(self, cache: EmbeddingCache, keys: Sequence[str]) -> np.ndarray:
        """Vectors for ``keys``, encoding the missing ones first, grouped by model run (chunks never split a
        passage from the spans read inside it, except at a chunk's end)."""
        missing = [key for group in grouped(cache.missing(keys)) for key in group]
        if missing:
            cache.lookup_or_encode(missing, self._encode_keys)
        vectors = cache.lookup_or_encode(keys, self._encode_keys)
        cache.save()
        return vectors

    def unit_vectors(self, units: Sequence[Unit]) -> np.ndarray:
        """The vectors of ``units`` as the index makes them (from the embedding cache; missing ones encoded)."""
        return self._vectors_of(self._embedding_cache(), self.vector_keys(units))

    def _index_units(self, units: list[Unit], tokens: list[list[str] | None], vectors: np.ndarray | None = None,
                     kept_rows: Sequence[int] | None = None) -> None:
        """Index ``units``; ``kept_rows``: the current rows that ``units`` begin with (an update), so that the
        vector index changes in place instead of being built again."""
        all_tokens = [t if t is not None else self.tokenizer.tokens(u.text) for u, t in zip(units, tokens)]
        lexical = BM25Index()
        lexical.build(all_tokens)
        # the unit table is written beside the index; save() moves its files in with the rest
        self.folder.parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=f".{self.folder.name}-units-", dir=self.folder.parent))
        table = UnitTable.write(staging, zip(units, all_tokens))
        weakref.finalize(table, shutil.rmtree, staging, True)  # an index never saved leaves nothing behind
        del all_tokens
        if vectors is None:
            cache = self._embedding_cache()
            keys = self.vector_keys(units)
            waiting = len(cache.missing(keys)) if self.defer_encoding else 0
            if waiting:
                with self._cache_lock:  # lexical search over the new units now, dense once encoded
                    self.units, self.lexical, self.vectors, self.unencoded = table, lexical, None, waiting
                    self._filter_cache.clear()
                return
            updated = self._vectors_updated(kept_rows, keys, cache) if kept_rows is not None else None
            if updated is not None:
                with self._cache_lock:
                    self.units, self.lexical, self.vectors, self.unencoded = table, lexical, updated, 0
                    self._filter_cache.clear()
                return
            vectors = self._vectors_of(cache, keys)
        self.vectors = build_vector_index(self.vector_kind, vectors, vectors.shape[1], [u.text for u in units],
                                          lambda queries: self.encoder.encode_queries(queries))
        info = self.vectors.info
        # recall of the approximate index against exact search, measured on every build
        log.info("vector index %s over %d units: recall@10 against exact %.3f", info.get("factory"), len(vectors),
                 info.get("recall@10", 1.0))
        if info.get("recall@10", 1.0) < 0.95:
            log.warning("vector index %s reaches only recall@10 %.3f against exact search; consider "
                        "vector_index=flat or another kind", info.get("factory"), info["recall@10"])
        with self._cache_lock:
            self.units, self.lexical, self.unencoded = table, lexical, 0
            self._filter_cache.clear()

    @property
    def mode(self) -> str:
        """Which sides answer a search now: "hybrid", "lexical" (BM25 alone: the fusion setting, or units
        still waiting to be encoded) or "dense"."""
        side = getattr(self.fusion, "side", None)
        if self.vectors is None or side == "bm25":
            return "lexical"
        return "dense" if side == "dense" else "hybrid"

    def encode_pending(self, progress: Any = None, chunk: int | None = None) -> int:
        """Encode the vectors indexed units still lack (by key: ``vector_keys``) into the embedding cache, about
        ``chunk`` at a time in whole model-run groups, saving it after each (an interrupted run resumes there);
        ``progress(done, total)`` after each chunk. Touches no searched structure, so searches go on meanwhile;
        ``attach_vectors`` then joins the dense side. Returns the number of vectors made."""
        chunk = chunk or ENCODE_CHUNK
        cache = self._embedding_cache()
        groups = grouped(cache.missing(self.vector_keys()))
        total = sum(len(group) for group in groups)
        if progress is not None:
            progress(0, total)
        done, part = 0, []
        for i, group in enumerate(groups):
            part.extend(group)  # whole groups: a passage runs once for its spans
            if len(part) >= chunk or i == len(groups) - 1:
                cache.lookup_or_encode(part, self._encode_keys)
                cache.save()
                done += len(part)
                part = []
                if progress is not None:
                    progress(done, total)
        return total

    def attach_vectors(self) -> None:
        """Build the vector index of the current units from the embedding cache (encoding what is still
        missing) and save the whole index: dense search joins. The caller keeps searches out meanwhile."""
        units = list(self.units)
        vectors = self._vectors_of(self._embedding_cache(), self.vector_keys(units))
        built = build_vector_index(self.vector_kind, vectors, vectors.shape[1], [u.text for u in units],
                                   lambda queries: self.encoder.encode_queries(queries))
        with self._cache_lock:
            self.vectors, self.unencoded = built, 0
        self.save()

    def allowed(self, filters: Filters) -> np.ndarray | None:
        """Row ids passing ``filters``, kept per filter set until the units change; bad values raise."""
        with self._cache_lock:
            if filters in self._filter_cache:
                self._filter_cache.move_to_end(filters)
                return self._filter_cache[filters]
            units = self.units
        rows = (units.facets if isinstance(units, UnitTable) else facets_of(units)).allowed(filters)
        if rows is not None:
            rows.setflags(write=False)  # shared between requests
        with self._cache_lock:
            if units is self.units:  # an update while computing makes the answer stale: do not keep it
                cache = self._filter_cache
                cache[filters] = rows
                while len(cache) > FILTER_CACHE_SIZE or len(cache) > 1 and _held_bytes(cache) > FILTER_CACHE_BYTES:
                    cache.popitem(last=False)
        return rows


def _held_bytes(cache: OrderedDict[Filters, np.ndarray | None]) -> int:
    return sum(rows.nbytes for rows in cache.values() if rows is not None)
