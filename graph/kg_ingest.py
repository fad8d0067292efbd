"""Ingesting into the knowledge graph: files parsed in worker processes and written in chunks as they come,
each write group all or nothing with its change records and pending mark, then citations resolved once."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from policykg.graph import changes, ids, nt
from policykg.graph.build import GRAPH_VERSION, DocumentTriples
from policykg.graph.store import OxigraphStore
from policykg.ingest.limits import DEFAULT_LIMITS, Limits
from policykg.ingest.model import Document, IngestError
from policykg.ingest.pipeline import iter_files
from policykg.ingest.workers import fewer_collections, file_tasks, parse_tasks
from rdflib import URIRef

if TYPE_CHECKING:  # annotations only: graph/kg.py imports this module
    from policykg.graph.kg import WriteBatch

# parsed documents handed to the write batch at a time (one look-up of their stored state)
INGEST_CHUNK = 200
# parsed documents wait at most this long for the chunk to fill, and a write group at most FLUSH_AFTER_S
# for its quads (or WRITE_GROWTH times the batch's age, as its groups grow): a slow trickle of files is
# still written as it goes
CHUNK_WAIT_S = 2.0
FLUSH_AFTER_S = 30.0
# documents written by one ingest after which the store is compacted (~40 CPU-s per 10,000 documents)
COMPACT_AFTER = 1000


Pending = tuple[dict[str, Any], DocumentTriples, list[str]]  # report entry, triples, stale graphs it replaces


class GraphIngest:
    """Ingest and group writes, a part of ``KnowledgeGraph`` (graph/kg.py), whose store and batches it uses."""

    def recover_pending(self) -> dict[str, list[str]]:
        """Finish or roll back the writes writers that stopped left pending (a store that writes graph by
        graph only); the documents by outcome."""
        from policykg.graph.recover import recover_pending

        return recover_pending(self)

    def _resolve_after(self, batch: WriteBatch, report: list[dict[str, Any]]) -> list[str]:
        """Resolve citations after a batch is written (only what changed, when the links were current
        before it); the documents it added or replaced."""
        changed = [e["iri"] for e in report if e.get("status") in ("added", "replaced")]
        if changed or batch.removed or self._links_stale():
            self.resolve_links([*changed, *sorted(batch.removed)], full=batch.links_stale)
        return changed

    def ingest(self, paths: list[str | Path], chunk: int = INGEST_CHUNK,
               progress: Callable[[int, int], None] | None = None, limits: Limits = DEFAULT_LIMITS,
               ) -> tuple[list[dict[str, Any]], list[IngestError]]:
        """Parse files in worker processes under ``limits`` and write them as they come, in groups of
        about WRITE_QUADS quads (a file that fails or runs slow holds back only itself), then resolve
        citations once: what add_documents reports, and the files that failed, one reason each."""
        files = iter_files(paths)
        return self.ingest_parsed(parse_tasks(file_tasks(files), limits), len(files), chunk, progress, roots=paths)

    def ingest_parsed(self, results: Iterable[tuple[int, Document | IngestError]], total: int,
                      chunk: int = INGEST_CHUNK, progress: Callable[[int, int], None] | None = None,
                      roots: Iterable[str | Path] = ()) -> tuple[list[dict[str, Any]], list[IngestError]]:
        """Write documents as a parser yields them (``(position, Document or IngestError)``); ``roots``: the
        folders the files were found under (see ``add_documents``)."""
        roots = list(roots)
        report: list[dict[str, Any]] = []
        errors: list[IngestError] = []
        batch = self.batch()
        waiting: list[Document] = []
        since = time.monotonic()
        with fewer_collections():
            for done, (_, result) in enumerate(results, 1):
                if isinstance(result, IngestError):
                    errors.append(result)
                else:
                    waiting.append(result)
                if waiting and (len(waiting) >= chunk or time.monotonic() - since > CHUNK_WAIT_S):
                    report += self.add_documents(waiting, resolve=False, batch=batch, roots=roots)
                    waiting, since = [], time.monotonic()
                if progress is not None and (done % chunk == 0 or done == total):
                    progress(done, total)
            if waiting:
                report += self.add_documents(waiting, resolve=False, batch=batch, roots=roots)
            batch.flush()
        changed = self._resolve_after(batch, report)
        if isinstance(self.store, OxigraphStore):
            self.store.flush()
            if len(changed) >= COMPACT_AFTER:  # bulk loads leave many overlapping files: reads get 2-3x slower
                self.store.optimize()
        return report, errors

    def _write_group(self, group: list[tuple[dict[str, Any], DocumentTriples, list[str]]]) -> None:
        """One all-or-nothing store write for a group of documents; on failure each says why."""
        if not group:
            return
        replace: dict[str, list] = {}
        shared: dict[tuple, None] = {}
        records: dict[str, list] = {}
        try:
            version = changes.last_version(self)
        except Exception as exc:  # noqa: BLE001 - the group is not written; every document in it says why
            for entry, _, _ in group:
                entry.update(status="failed", reason=f"cannot read the change record: {type(exc).__name__}: {exc}")
            return
        for entry, triples, stale in group:
            replace[str(ids.graph_iri(triples.iri))] = triples.own
            replace.update((str(ids.graph_iri(URIRef(old))), []) for old in stale)
            shared.update(dict.fromkeys(triples.shared))
            version += 1
            records[str(changes.record_graph_iri(str(triples.iri)))] = changes.record_triples(
                str(triples.iri), version, entry.get("sha256", ""), GRAPH_VERSION)
            for old in stale:  # the file now gives another document: the old one is recorded as removed
                version += 1
                records[str(changes.record_graph_iri(old))] = changes.record_triples(old, version, "", GRAPH_VERSION,
                                                                                     deleted=True)
        replace.update(records)  # last: a store that writes graph by graph writes the records after the documents
        mark = None
        try:
            mark = changes.begin_write(self.store, self._pending(group))  # recoverable on a remote store
            state = nt.iri(ids.state_graph_iri())
            self.store.write(replace, {str(ids.shared_graph_iri()): list(shared),
                                       str(ids.state_graph_iri()): [(state, nt.pkg.citationLinksStale,
                                                                     nt.boolean(True))],
                                       str(changes.pending_graph_iri()): changes.pending_triples()})
        except Exception as exc:  # noqa: BLE001 - the group is not written; every document in it says why
            changes.end_write(None, mark)  # the mark stays in the store: the next catch-up recovers
            for entry, _, _ in group:
                entry.update(status="failed", reason=f"cannot write to the graph: {type(exc).__name__}: {exc}")
                self._reading.pop(str(entry.get("iri")), None)
            return
        changes.end_write(self.store, mark)
        written = [str(triples.iri) for _, triples, _ in group]
        self.locations.record({iri: self._reading.pop(iri) for iri in written if iri in self._reading},
                              removed=[old for _, _, stale in group for old in stale])

    def _pending(self, group: list[Pending]) -> list[changes.PendingDocument]:
        """What a pending mark says of each document of a write group (nothing on a store whose writes are
        all or nothing)."""
        if changes.atomic_writes(self.store):
            return []
        out = []
        for entry, triples, stale in group:
            iri = str(triples.iri)
            out.append(changes.PendingDocument(iri, entry.get("sha256", ""), len(set(nt.lines(triples.own))),
                                               self._reading.get(iri, "")))
            out += [changes.PendingDocument(old, removal=True) for old in stale]
        return out
