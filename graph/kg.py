"""The knowledge graph facade the service uses: write documents whole, find and describe them.

``KnowledgeGraph`` (here: opening the store, queries, writing documents through a ``WriteBatch``) gathers
its other parts, each a module of one concept: ``kg_ingest`` (files parsed and written in groups),
``kg_changes`` (change records, citation links, removal) and ``kg_read`` (finding and describing
documents). This module is the import place of them all; WRITE_QUADS, WRITE_QUADS_MAX, FLUSH_AFTER_S,
READ_TIMEOUT_S and document_triples are read by code in this module, so patching them here takes effect;
CHUNK_WAIT_S, COMPACT_AFTER and INGEST_CHUNK are read in ``kg_ingest``: patch them there.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from policykg.graph import ids
from policykg.graph.build import GRAPH_VERSION, UPGRADE_IN_PLACE, DocumentTriples, document_triples
from policykg.graph.kg_changes import GraphChanges
from policykg.graph.kg_ingest import (
    CHUNK_WAIT_S,
    COMPACT_AFTER,
    FLUSH_AFTER_S,
    INGEST_CHUNK,
    GraphIngest,
    Pending,
)
from policykg.graph.kg_read import GraphReading
from policykg.graph.locations import SourceLocations, source_path
from policykg.graph.sparql import sparql_string
from policykg.graph.store import GraphStore, OxigraphStore, open_store
from policykg.ingest.model import Document
from policykg.ontology.namespace import load_ontology, sparql_prefixes
from rdflib import URIRef

# the public API (the ingest constants live in kg_ingest)
__all__ = ["CHUNK_WAIT_S", "COMPACT_AFTER", "FLUSH_AFTER_S", "INGEST_CHUNK", "READ_TIMEOUT_S", "VALUES_MAX",
           "WRITE_GROWTH", "WRITE_QUADS", "WRITE_QUADS_MAX", "KnowledgeGraph", "Pending", "WriteBatch"]


def _value(row: dict, name: str) -> str | None:
    cell = row.get(name)
    return cell["value"] if cell else None


def _values(iris: Iterable[str]) -> str:
    return " ".join(f"<{i}>" for i in iris)


# quads per store write (one bulk load: ~490 documents with obligations, ~1,100 without), across the
# chunks of one ingest, at the start of an ingest. Every bulk load adds files whose keys (hashes) overlap all
# the store's keys, so RocksDB merges them with everything written before: n loads of a fixed size cost
# O(n^2) rewriting. A group therefore grows to WRITE_GROWTH times what its batch has written (O(n) in all,
# as the first start's slices do), up to WRITE_QUADS_MAX quads held in memory (~170 bytes each).
# Measured, graph side only (pre-parsed corpus replicas, links and compaction included): 10,000 documents
# 31.9 -> 28.5 ms/doc with growth, peak RSS 1.06 -> 2.67 GB (WRITE_QUADS_MAX is that trade); 3,000: no
# difference (25.7 / 25.5-26.4). Raw loads of 6.9M quads: 75.7 CPU-s in loads of 750k, 59.6 in one.
WRITE_QUADS = 750_000
WRITE_GROWTH = 0.5
WRITE_QUADS_MAX = 3_000_000
# values in one VALUES block of an internal read (Virtuoso 7 refuses a query with 10,000: SP030)
VALUES_MAX = 500
# the time limit of internal reads (resolution, search units, look-ups); a benchmark on a loaded machine may
# raise it (one resolution read over 10,000 documents takes seconds on a free core)
READ_TIMEOUT_S = 30.0


class WriteBatch:
    """Documents mapped to triples and waiting for their store write, in two groups: new documents
    (the bulk loader's fast path) and documents replacing graphs that exist (one transaction). A group
    is written when the batch holds WRITE_QUADS quads (more as the batch grows, see WRITE_GROWTH), and by
    ``flush``. ``seen`` remembers every
    document of the batch, so a second file giving one of them is a duplicate even before it is written."""

    def __init__(self, write: Callable[[list[Pending]], None], links_stale: bool = True, growth: float = 0.0):
        self._write = write
        self.growth = growth  # WRITE_GROWTH on a store whose bulk loads merge with all that is stored, else 0
        self.new: list[Pending] = []
        self.replacing: list[Pending] = []
        self.quads = 0
        self.written = 0  # quads the groups of this batch have written
        self.started = time.monotonic()
        self.oldest: float | None = None  # when the oldest document waiting for its write was queued
        self.seen: dict[str, str] = {}
        # documents the written groups removed (their file now gives another document)
        self.removed: set[str] = set()
        # whether citation links lagged behind the documents before this batch wrote anything: then only a
        # full resolution is right; else the links hold one and resolving what changed is enough
        self.links_stale = links_stale

    def add(self, entry: dict[str, Any], triples: DocumentTriples, stale: list[str]) -> None:
        """Queue one document; writes the groups once they hold enough quads (see WRITE_QUADS) or waited long
        enough (FLUSH_AFTER_S)."""
        (self.replacing if entry["status"] == "replaced" or stale else self.new).append((entry, triples, stale))
        self.quads += len(triples.own) + len(triples.shared)
        now = time.monotonic()
        if self.oldest is None:
            self.oldest = now
        if (self.quads >= min(max(WRITE_QUADS, self.growth * self.written), WRITE_QUADS_MAX)
                or now - self.oldest > max(FLUSH_AFTER_S, self.growth * (self.oldest - self.started))):
            self.flush()

    def flush(self) -> None:
        """Write what is queued."""
        replacing, new = self.replacing, self.new
        self.written += self.quads
        self.replacing, self.new, self.quads, self.oldest = [], [], 0, None
        for group in (replacing, new):
            self._write(group)
            self.removed.update(old for entry, _, stale in group if entry["status"] != "failed" for old in stale)


class KnowledgeGraph(GraphIngest, GraphChanges, GraphReading):
    """Documents in named graphs of a GraphStore, with the shared region and agency nodes."""

    def __init__(self, store: GraphStore, locations: SourceLocations | None = None):
        self.store = store
        # where this machine read each document's file (the graph publishes paths under the ingest root only)
        self.locations = locations or SourceLocations()
        self._reading: dict[str, str] = {}  # document IRI -> file, for the documents waiting in a batch

    @classmethod
    def open(cls, data_dir: Path | None, backend: str = "oxigraph") -> KnowledgeGraph:
        """Open (creating when needed) the graph in ``data_dir``; ``None`` gives an in-memory one."""
        kg = cls(open_store(backend, data_dir),
                 SourceLocations(Path(data_dir) / "sources.sqlite" if data_dir is not None else None))
        kg._ensure_ontology()
        kg._upgrade_in_place()
        return kg

    def _upgrade_in_place(self) -> None:
        """Bring the graphs older versions wrote up to GRAPH_VERSION where a SPARQL Update can (see
        build.UPGRADE_IN_PLACE; the embedded store only: the store protocol has no update)."""
        if not isinstance(self.store, OxigraphStore):
            return
        store = self.store.oxigraph
        for old, update in sorted(UPGRADE_IN_PLACE.items()):
            if store.query(f"{sparql_prefixes()}ASK {{ GRAPH ?g {{ ?doc pkg:graphVersion {old} }} }}"):
                store.update(sparql_prefixes() + update)
                store.flush()

    def _ensure_ontology(self) -> None:
        onto = load_ontology()
        graph = ids.ontology_graph_iri()
        count = self.query(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}")
        if int(_value(count["results"]["bindings"][0], "n") or 0) != len(onto):
            self.store.replace_graph(graph, onto)

    def query(self, sparql: str, timeout: float | None = 30.0, max_rows: int | None = None) -> dict:
        """Run SPARQL with the project prefixes declared; W3C results JSON."""
        return self.store.query(sparql_prefixes() + sparql, timeout=timeout, max_rows=max_rows)

    def select(self, sparql: str) -> list[dict[str, str | None]]:
        """SELECT rows as {var: value} (no term types), for internal look-ups."""
        if isinstance(self.store, OxigraphStore):
            return self.store.select_values(sparql_prefixes() + sparql, timeout=READ_TIMEOUT_S)
        result = self.query(sparql, timeout=READ_TIMEOUT_S)  # paged on a remote store, whatever its row cap
        names = result["head"]["vars"]
        return [{n: _value(row, n) for n in names} for row in result["results"]["bindings"]]

    # -- writing -------------------------------------------------------------------------------

    def _stored(self, iris: list[URIRef], paths: list[str]) -> tuple[dict[str, dict], dict[str, list[str]]]:
        """The stored state of these documents (digest, mapping version and the file this machine read each
        from, ``path``: None when another machine wrote it) and the documents each of these files gave."""
        rows = [row for part in range(0, len(iris), VALUES_MAX) for row in self.select(
            f"""SELECT ?doc ?sha ?path ?version WHERE {{ VALUES ?doc {{ {_values(iris[part:part + VALUES_MAX])} }}
            ?doc pkg:sha256 ?sha ; pkg:sourcePath ?path OPTIONAL {{ ?doc pkg:graphVersion ?version }} }}""")]
        located = self.locations.paths(r["doc"] for r in rows)
        # a store written before sources were published relative to their root holds absolute paths
        by_iri = {r["doc"]: {**r, "path": located.get(r["doc"]) or (r["path"] if Path(r["path"]).is_absolute()
                                                                    else None)} for r in rows}
        by_path = self.locations.documents_at(paths)
        rows = [row for part in range(0, len(paths), VALUES_MAX) for row in self.select(
            f"SELECT ?doc ?path WHERE {{ VALUES ?path {{ {' '.join(map(sparql_string, paths[part:part + VALUES_MAX]))} }}"
            " ?doc pkg:sourcePath ?path }")]
        for r in rows:
            by_path.setdefault(r["path"], []).append(r["doc"])
        return by_iri, by_path

    def add_documents(self, docs: list[Document], resolve: bool = True, batch: WriteBatch | None = None,
                      roots: Iterable[str | Path] = ()) -> list[dict[str, Any]]:
        """Write each document whole, in its own named graph; unchanged files are left alone, a
        changed file replaces its old graph, and two files giving one document keep the first.

        Documents go to the store in groups of about WRITE_QUADS quads, each group all or nothing
        (a document whose group fails reports ``failed`` with the reason). A caller writing in several
        calls passes one ``batch`` (see ``batch()``) so that groups span the calls, flushes it at the end,
        and resolves citations once (``resolve=False``, then ``resolve_links``). Until then the store is
        marked stale, so an interrupted ingest is caught up by the next one even when no file changed.
        The graph names each file by its path under the deepest of ``roots`` holding it, else by its name.
        """
        own = batch is None
        batch = batch or self.batch()
        report = []
        if docs:
            iris = [ids.document_iri(d) for d in docs]
            paths = [str(Path(d.path).resolve()) for d in docs]
            by_iri, by_path = self._stored(iris, paths)
            for doc, iri, path in zip(docs, iris, paths):
                entry = {"source": doc.source, "iri": str(iri), "title": doc.title, "sha256": doc.sha256}
                report.append(entry)
                stored = by_iri.get(str(iri))
                if str(iri) in batch.seen:
                    entry.update(status="duplicate", duplicate_of=batch.seen[str(iri)])
                    continue
                batch.seen[str(iri)] = doc.source
                if stored and stored["sha"] == doc.sha256 and stored["version"] == str(GRAPH_VERSION):
                    entry["status"] = "unchanged"
                    continue
                if stored and stored["path"] and stored["path"] != path and Path(stored["path"]).is_file():
                    # another file that still exists already gives this document: keep it, say so
                    entry.update(status="duplicate", duplicate_of=Path(stored["path"]).name)
                    continue
                try:
                    triples = document_triples(doc, iri, source_path(path, roots))
                except Exception as exc:  # noqa: BLE001 - this document fails, with its reason; the rest go on
                    entry.update(status="failed", reason=f"cannot map to the graph: {type(exc).__name__}: {exc}")
                    continue
                # the file now yields another document (its 文号 or title changed): the old one goes
                stale = [old for old in by_path.get(path, []) if old != str(iri)]
                entry["status"] = "replaced" if stored else "added"
                self._reading[str(iri)] = path
                batch.add(entry, triples, stale)
        if own:
            batch.flush()
            if resolve:
                self._resolve_after(batch, report)
            if isinstance(self.store, OxigraphStore):
                self.store.flush()
        return report

    def batch(self) -> WriteBatch:
        """A write batch for ``add_documents`` calls that should share store writes; writes a writer that
        stopped left pending are finished or rolled back first (graph/recover.py), so this ingest writes
        again from its files what was rolled back."""
        self.recover_pending()
        growth = WRITE_GROWTH if isinstance(self.store, OxigraphStore) and self.store.path is not None else 0.0
        return WriteBatch(self._write_group, self._links_stale(), growth)

    def close(self) -> None:
        """Flush and release the store."""
        self.store.close()
        self.locations.close()


