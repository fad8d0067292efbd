"""Querying the search index: a unit by IRI, query and passage vectors (recent ones cached), the filter
columns, and fused hits per query (BM25 and dense sides, filtered rows)."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Sequence
from typing import Any

import numpy as np
from policykg.search.facets import UnitFacets, facets_of
from policykg.search.fusion import Fused, Fusion, Ranked, make_fusion
from policykg.search.query import Filters
from policykg.search.units import Unit
from policykg.search.unitstore import UnitTable

CANDIDATES = 200
QUERY_CACHE_SIZE = 512  # per side, before fusion and per-region grouping


class IndexQueries:
    """Searching, a part of ``SearchIndex`` (search/index.py), whose state it reads."""

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
