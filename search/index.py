"""The search index beside the graph: units, BM25, vectors; built from the graph, saved, reopened, updated.

Layout under ``<data_dir>/search/``: meta.json, the unit table (``policykg.search.unitstore``: units
read from disk only for the hits returned, filter columns, tokens), user_dict.txt, bm25/ (postings read
term by term with pread), vectors.faiss (+ the float rows that re-rank, read with pread). Nothing of the
index is memory-mapped, so what queries read stays in the page cache, not in this process (a loaded 1M-unit
index: ~1.1 GB RSS before and after queries, benchmarks/search_memory.py). Unit vectors are cached by text hash in ``<data_dir>/search-cache/`` (kept
across rebuilds, so re-indexing encodes only new text); an obligation inside a passage of its document is read
in that passage's model run (``policykg.search.unitvectors``). A missing, corrupt or out-of-date index is
rebuilt from the graph on open, with a notice; it never stops the service.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import tempfile
import threading
import time
import weakref
from collections import OrderedDict
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
from policykg.search.batching import BatchingEncoder
from policykg.search.encoders import Encoder, encoder_name, legacy_encoder_name, make_encoder
from policykg.search.facets import UnitFacets, facets_of
from policykg.search.fusion import Fused, Fusion, Ranked, make_fusion
from policykg.search.lexical import BM25Index
from policykg.search.query import Filters
from policykg.search.tokenize import Tokenizer, vocabulary_terms
from policykg.search.units import Unit, live_documents, load_units, vocabulary_from_graph
from policykg.search.unitstore import UnitTable
from policykg.search.unitvectors import encode_keys, grouped, reads_spans, vector_keys
from policykg.search.vectors import (
    EmbeddingCache,
    VectorIndex,
    build_vector_index,
    check_vector_setting,
    load_vector_index,
    update_vector_index,
    vector_kind_holds,
    vector_setting_matches,
)

log = logging.getLogger(__name__)
FORMAT_VERSION = 2  # 2: units off the heap (unit table files), approximate vector index
CANDIDATES = 200
QUERY_CACHE_SIZE = 512  # per side, before fusion and per-region grouping
FILTER_CACHE_SIZE = 256  # allowed rows per filter set: a region filter scans every unit in Python
# and at most this many bytes of them: at a million units one broad filter's rows take up to 8 MB, so 256 of
# them could hold 2 GB; the newest set is kept whatever its size
FILTER_CACHE_BYTES = 64 * 2**20
ENCODE_CHUNK = 256  # vectors per encoding step of encode_pending (a few s of e5-small on one core): progress, resume


class IndexCorrupt(Exception):
    """The files on disk cannot be read back as an index."""


class SearchIndex:
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

    @staticmethod
    def exists(data_dir: Path) -> bool:
        """Whether ``data_dir`` holds a saved index (whole or not)."""
        return (Path(data_dir) / "search" / "meta.json").exists()

    @staticmethod
    def saved_documents(data_dir: Path) -> dict[str, int] | None:
        """The change version of each document the saved index reflects, read from its meta.json alone
        (None without a readable index): comparing it with the store costs no index load."""
        try:
            meta = json.loads((Path(data_dir) / "search" / "meta.json").read_text())
            return {str(d): int(v) for d, v in (meta.get("documents") or {}).items()}
        except (OSError, ValueError, TypeError, AttributeError):
            return None

    def lag(self, versions: dict[str, int]) -> tuple[list[str], list[str]]:
        """(documents to load again: new or changed since indexed, documents to drop) against ``versions``,
        the change version of every live document."""
        return index_lag(self.documents, versions)

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

    def rebuild(self) -> int:
        """Re-read every unit from the graph and re-index (cached vectors are reused); returns unit count."""
        versions = live_versions(self.kg)  # read before the units: a write in between is caught up later
        units = load_units(self.kg) if self.kg is not None else []
        words = vocabulary_terms(vocabulary_from_graph(self.kg) if self.kg is not None else ())
        # tokens of unchanged text are reused while the dictionary is the same (jieba is the slow part)
        known = self._tokens_by_text() if words == self.tokenizer.words else {}
        if words != self.tokenizer.words:
            self.tokenizer = Tokenizer(words)
        self._index_units(units, [known.get(u.text) for u in units])
        self.documents = versions
        self.save()
        return len(units)

    def update(self, doc_iris: Sequence[str], versions: dict[str, int] | None = None) -> int:
        """Replace the units of the changed documents (added, changed or removed); returns their new count.
        ``versions``: the change version of each live document, read before its units (default: read now)."""
        versions = live_versions(self.kg) if versions is None else versions
        changed = set(doc_iris)
        # documents the graph no longer has (replaced under a new IRI, removed) leave the index too
        live = live_documents(self.kg) if self.kg is not None else None
        keep = self._rows_of_documents(lambda doc: doc not in changed and (live is None or doc in live))
        fresh = load_units(self.kg, list(changed)) if changed and self.kg is not None else []
        units = [self.units[i] for i in keep] + fresh
        tokens = self._tokens_of_rows(keep) + [None] * len(fresh)
        self._index_units(units, tokens, kept_rows=keep)
        self.documents = {d: v for d, v in self.documents.items() if d not in changed and (live is None or d in live)}
        self.documents.update((d, versions[d]) for d in changed if d in versions)
        self.save()
        return len(fresh)

    def index_units(self, units: list[Unit], vocabulary: Sequence[str] | None = (),
                    tokens: list[list[str]] | None = None, vectors: np.ndarray | None = None) -> None:
        """Index units given directly (benchmarks, tools working without a graph); not saved.

        ``vocabulary`` None keeps the current tokenizer; ``tokens`` and ``vectors`` (rows as ``units``)
        skip tokenizing and encoding, for synthetic indexes at scale."""
        if vocabulary is not None:
            self.tokenizer = Tokenizer(vocabulary_terms(vocabulary))
        self._index_units(list(units), list(tokens) if tokens is not None else [None] * len(units), vectors)

    def _rows_of_documents(self, wanted) -> list[int]:
        """Rows whose document IRI satisfies ``wanted`` (decided once per document)."""
        units = self.units
        if not isinstance(units, UnitTable):
            return [i for i, u in enumerate(units) if wanted(u.doc_iri)]
        facets = units.facets
        per_doc = np.fromiter((bool(wanted(d.doc_iri)) for d in facets.docs), bool, len(facets.docs))
        return np.flatnonzero(per_doc[facets.doc_of]).tolist() if len(facets.docs) else []

    def _tokens_of_rows(self, rows: list[int]) -> list[list[str] | None]:
        """Stored tokens of ``rows`` (None where the table has none: they are made again)."""
        if not isinstance(self.units, UnitTable):
            return [None] * len(rows)
        wanted = set(rows)
        found = {row: toks for row, toks in enumerate(self.units.tokens()) if row in wanted}
        return [found.get(row) for row in rows]

    def _tokens_by_text(self) -> dict[str, list[str]]:
        if not isinstance(self.units, UnitTable):
            return {}
        return {u.text: t for u, t in zip(self.units, self.units.tokens())}

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

    def _vectors_updated(self, kept_rows: Sequence[int], keys: list[str], cache: EmbeddingCache
                         ) -> VectorIndex | None:
        """The current vector index changed to hold the units of ``keys`` (its ``kept_rows``, then new ones), or
        None when it must be built again (none yet, the setting picks another kind at the new size, many
        removals)."""
        current = self.vectors
        if current is None or not vector_kind_holds(self.vector_kind, current, len(keys)):
            return None
        fresh = keys[len(kept_rows):]
        added = self._vectors_of(cache, fresh)
        updated = update_vector_index(current, np.asarray(kept_rows, np.int64), added)
        if updated is not None:
            log.info("vector index %s updated in place: %d rows kept, %d added (since its build: %s)",
                     updated.info.get("factory"), len(kept_rows), len(fresh), updated.info.get("since_build"))
        return updated

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

    # ---- persistence ----------------------------------------------------------------------------
    def save(self) -> None:
        """Write the index next to the graph; the old copy is replaced only once the new one is whole. An index
        still waiting for vectors is not written: the copy on disk stays the last whole one."""
        if self.vectors is None:
            log.info("search index not saved: %d units wait for their vectors", self.unencoded)
            return
        tmp = self.folder.with_name(self.folder.name + ".new")
        shutil.rmtree(tmp, ignore_errors=True)
        tmp.mkdir(parents=True)
        table = self.units
        assert isinstance(table, UnitTable)
        for path in table.files():
            if table.folder == self.folder:
                shutil.copy2(path, tmp / path.name)  # saved again: the table already lives here
            else:
                os.replace(path, tmp / path.name)  # open memory maps follow the file
        self.tokenizer.save(tmp / "user_dict.txt")
        self.lexical.save(tmp / "bm25")
        assert self.vectors is not None
        self.vectors.save(tmp / "vectors.faiss")
        # the encoder's name, not only the setting: "e5-small" has named two models (float32, then int8)
        made_by = self._encoder.name if self._encoder is not None else encoder_name(self.encoder_setting)
        meta = {"format": FORMAT_VERSION, "encoder": self.encoder_setting, "encoder_name": made_by,
                "units": len(self.units),
                "vector_index": self.vector_kind, "vectors": self.vectors.info, "documents": self.documents,
                "built": time.strftime("%Y-%m-%dT%H:%M:%S")}
        (tmp / "meta.json").write_text(json.dumps(meta))
        old = self.folder.with_name(self.folder.name + ".old")
        shutil.rmtree(old, ignore_errors=True)
        if self.folder.exists():
            os.replace(self.folder, old)
        os.replace(tmp, self.folder)
        if table.folder != self.folder:
            shutil.rmtree(table.folder, ignore_errors=True)  # the emptied staging folder
        table.folder = self.folder
        shutil.rmtree(old, ignore_errors=True)

    def _load(self) -> None:
        meta_path = self.folder / "meta.json"
        if not meta_path.exists():
            raise FileNotFoundError(meta_path)
        try:
            meta = json.loads(meta_path.read_text())
            if meta.get("format") != FORMAT_VERSION:
                raise IndexCorrupt(f"format {meta.get('format')} is not {FORMAT_VERSION}")
            built_with = meta.get("encoder_name") or legacy_encoder_name(meta.get("encoder"))
            if built_with not in (encoder_name(self.encoder_setting), None):
                raise IndexCorrupt(f"vectors made by encoder {built_with!r}, settings' encoder "
                                   f"{self.encoder_setting!r} makes {encoder_name(self.encoder_setting)!r}")
            units = UnitTable.open(self.folder)
            lexical = BM25Index.load(self.folder / "bm25")
            vectors = load_vector_index(self.folder / "vectors.faiss", meta.get("vectors"))
            if not vector_setting_matches(self.vector_kind, vectors, meta.get("units", 0)):
                raise IndexCorrupt(f"built as vector index {meta.get('vector_index')!r}, settings say "
                                   f"{self.vector_kind!r}")
            tokenizer = Tokenizer.load(self.folder / "user_dict.txt")
        except IndexCorrupt:
            raise
        except Exception as exc:  # any damage to any file means: rebuild
            raise IndexCorrupt(f"{type(exc).__name__}: {exc}") from exc
        if not (len(units) == meta.get("units") == lexical.size == len(vectors)):
            raise IndexCorrupt(f"parts disagree: {len(units)} units, {lexical.size} in BM25, "
                               f"{len(vectors)} vectors")
        with self._cache_lock:
            self.units, self.lexical, self.vectors, self.tokenizer = units, lexical, vectors, tokenizer
            self._filter_cache.clear()
        self.documents = {str(d): int(v) for d, v in (meta.get("documents") or {}).items()}

    # ---- searching ------------------------------------------------------------------------------
    def unit(self, iri: str) -> Unit | None:
        """The unit with this IRI, if indexed."""
        units = self.units
        if isinstance(units, UnitTable):
            row = units.row_of(iri)
            return units[row] if row is not None else None
        return next((u for u in units if u.iri == iri), None)

    def query_vectors(self, queries: Sequence[str]) -> np.ndarray:
        """Query embeddings, one batch for the ones not seen lately (the web page repeats queries)."""
        return self._cached_vectors(self.query_cache, queries, lambda texts: self.query_encoder.encode_queries(texts))

    def passage_vectors(self, texts: Sequence[str]) -> np.ndarray:
        """Texts encoded as the units are (e5's passage side), for a symmetric comparison with unit vectors
        ("the same measure", not "an answer to"); one batch for the ones not seen lately, kept like queries."""
        return self._cached_vectors(self.passage_cache, texts, lambda batch: self.encoder.encode_passages(batch))

    def _cached_vectors(self, cache: OrderedDict[str, np.ndarray], texts: Sequence[str], encode: Any) -> np.ndarray:
        # the cache is shared by request threads; the model call itself runs outside its lock
        with self._cache_lock:
            found = {q: cache[q] for q in texts if q in cache}
            for q in found:
                cache.move_to_end(q)
        missing = list(dict.fromkeys(q for q in texts if q not in found))
        if missing:
            fresh = dict(zip(missing, encode(missing)))
            found.update(fresh)
            with self._cache_lock:
                cache.update(fresh)
                while len(cache) > QUERY_CACHE_SIZE:
                    cache.popitem(last=False)
        return np.stack([found[q] for q in texts])

    @property
    def facets(self) -> UnitFacets:
        """Filter columns of the indexed units."""
        units = self.units
        return units.facets if isinstance(units, UnitTable) else facets_of(units)

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

    def rank(self, queries: Sequence[str], filters: Filters | None = None, limit: int = 10,
             allowed: np.ndarray | None = None, fusion: Fusion | None = None,
             candidates: int = CANDIDATES) -> list[list[Fused]]:
        """Fused hits per query (batch first); ``filters`` are validated and may raise SearchInputError."""
        if allowed is None and filters is not None:
            allowed = self.allowed(filters)
        if not self.units or (allowed is not None and len(allowed) == 0):
            return [[] for _ in queries]
        fusion = fusion or self.fusion
        k = min(max(candidates, limit), len(self.units))
        vectors = self.vectors
        if vectors is None and getattr(fusion, "side", None) == "dense":
            fusion = make_fusion("bm25")  # dense side not encoded yet: words answer meanwhile
        if getattr(fusion, "side", None) == "bm25" or vectors is None:
            qvecs = None  # lexical baseline, or units not encoded yet: do not pay for the encoder
        else:
            qvecs = self.query_vectors(queries)
        dense_scores, dense_ids = (vectors.search(qvecs, k, allowed) if vectors is not None and qvecs is not None
                                   else (np.zeros((len(queries), 0)), np.zeros((len(queries), 0), np.int64)))
        out = []
        for qi, query in enumerate(queries):
            lex_ids, lex_scores = self.lexical.top(self.tokenizer.tokens(query), k, allowed)
            valid = dense_ids[qi] >= 0
            dense = Ranked(dense_ids[qi][valid], dense_scores[qi][valid])
            out.append(fusion.fuse(Ranked(lex_ids, lex_scores), dense, limit))
        return out


def _held_bytes(cache: OrderedDict[Filters, np.ndarray | None]) -> int:
    return sum(rows.nbytes for rows in cache.values() if rows is not None)


def live_versions(kg: Any) -> dict[str, int]:
    """The change version of every live document in ``kg`` ({} for a graph without change records)."""
    records = kg.change_records() if kg is not None and hasattr(kg, "change_records") else {}
    return {iri: r.version for iri, r in records.items() if not r.deleted}


def index_lag(indexed: dict[str, int], versions: dict[str, int]) -> tuple[list[str], list[str]]:
    """(stale: live documents whose indexed version differs or is missing, gone: indexed but not live)."""
    stale = sorted(d for d, v in versions.items() if indexed.get(d) != v)
    gone = sorted(d for d in indexed if d not in versions)
    return stale, gone
