"""Keeping the search index level with the graph: which documents it is behind on (change versions), a full
rebuild, and an update of changed documents that keeps the other rows (their tokens, vectors changed in place)."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Any

import numpy as np
from policykg.search.tokenize import Tokenizer, vocabulary_terms
from policykg.search.units import Unit, live_documents, load_units, vocabulary_from_graph
from policykg.search.unitstore import UnitTable
from policykg.search.vectors import EmbeddingCache, VectorIndex, update_vector_index, vector_kind_holds

log = logging.getLogger("policykg.search.index")  # the index's records keep the one logger name


class IndexUpdates:
    """Rebuilding and updating, a part of ``SearchIndex`` (search/index.py), whose state it reads and sets."""

    def lag(self, versions: dict[str, int]) -> tuple[list[str], list[str]]:
        """(documents to load again: new or changed since indexed, documents to drop) against ``versions``,
        the change version of every live document."""
        return index_lag(self.documents, versions)

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


def live_versions(kg: Any) -> dict[str, int]:
    """The change version of every live document in ``kg`` ({} for a graph without change records)."""
    records = kg.change_records() if kg is not None and hasattr(kg, "change_records") else {}
    return {iri: r.version for iri, r in records.items() if not r.deleted}


def index_lag(indexed: dict[str, int], versions: dict[str, int]) -> tuple[list[str], list[str]]:
    """(stale: live documents whose indexed version differs or is missing, gone: indexed but not live)."""
    stale = sorted(d for d, v in versions.items() if indexed.get(d) != v)
    gone = sorted(d for d in indexed if d not in versions)
    return stale, gone
