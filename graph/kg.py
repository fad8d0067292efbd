"""The knowledge graph facade the service uses: write documents whole, find and describe them."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from policykg.graph import changes, ids, nt
from policykg.graph.build import GRAPH_VERSION, UPGRADE_IN_PLACE, DocumentTriples, document_triples
from policykg.graph.locations import SourceLocations, source_path
from policykg.graph.sparql import is_iri, sparql_string
from policykg.graph.store import GraphStore, OxigraphStore, open_store
from policykg.ingest.limits import DEFAULT_LIMITS, Limits
from policykg.ingest.model import Document, IngestError
from policykg.ingest.pipeline import iter_files
from policykg.ingest.workers import fewer_collections, file_tasks, parse_tasks
from policykg.ontology.namespace import load_ontology, sparql_prefixes
from rdflib import URIRef


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
# parsed documents handed to the write batch at a time (one look-up of their stored state)
INGEST_CHUNK = 200
# parsed documents wait at most this long for the chunk to fill, and a write group at most FLUSH_AFTER_S
# for its quads (or WRITE_GROWTH times the batch's age, as its groups grow): a slow trickle of files is
# still written as it goes
CHUNK_WAIT_S = 2.0
FLUSH_AFTER_S = 30.0
# values in one VALUES block of an internal read (Virtuoso 7 refuses a query with 10,000: SP030)
VALUES_MAX = 500
# the time limit of internal reads (resolution, search units, look-ups); a benchmark on a loaded machine may
# raise it (one resolution read over 10,000 documents takes seconds on a free core)
READ_TIMEOUT_S = 30.0
# documents written by one ingest after which the store is compacted (~40 CPU-s per 10,000 documents)
COMPACT_AFTER = 1000


Pending = tuple[dict[str, Any], DocumentTriples, list[str]]  # report entry, triples, stale graphs it replaces


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


class KnowledgeGraph:
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

    def outdated_sources(self) -> list[str]:
        """Source paths (as the graph publishes them) of the documents an older mapping wrote (see
        GRAPH_VERSION): ingesting their files again rebuilds them (graph/sources.py finds the files)."""
        rows = self.select(f"""SELECT ?path WHERE {{ ?doc pkg:sha256 ?sha ; pkg:sourcePath ?path
            OPTIONAL {{ ?doc pkg:graphVersion ?version }} FILTER(!BOUND(?version) || ?version != {GRAPH_VERSION}) }}
            ORDER BY ?path""")
        return [r["path"] for r in rows]

    # -- the change record (see graph/changes.py) ------------------------------------------------

    def change_records(self) -> dict[str, changes.ChangeRecord]:
        """The change record of every document written or removed, by IRI; documents an older version wrote
        without records get theirs first."""
        self.ensure_records()
        return changes.read_records(self)

    def ensure_records(self) -> int:
        """Write change records for documents that have none (a store from before records); their count."""
        missing = changes.unrecorded_documents(self)
        if not missing:
            return 0
        version = changes.last_version(self)
        records: dict[str, list] = {}
        for row in missing:
            version += 1
            records[str(changes.record_graph_iri(str(row["doc"])))] = changes.record_triples(
                str(row["doc"]), version, row["sha"] or "", int(row["version"] or 0))
        self.store.write(records, {str(changes.pending_graph_iri()): changes.pending_triples()})
        return len(missing)

    def derived_pending(self) -> bool:
        """Whether some write's derived data has not been brought level yet."""
        return changes.derived_pending(self)

    def clear_derived_pending(self) -> None:
        """Mark derived data level with the store (after a catch-up)."""
        self.store.drop_graph(changes.pending_graph_iri())

    def links_stale(self) -> bool:
        """Whether citation links lag behind the documents (an ingest stopped before resolving them)."""
        return self._links_stale()

    def _links_stale(self) -> bool:
        return bool(self.select(f"""SELECT ?x WHERE {{ GRAPH <{ids.state_graph_iri()}> {{
            ?x pkg:citationLinksStale true }} }} LIMIT 1"""))

    def resolve_links(self, changed: list[str], full: bool = True) -> dict[str, Any]:
        """Resolve every citation in the store after ``changed`` documents were written or removed (with
        ``full=False``, re-resolving only what those can affect: the links must be current otherwise);
        clears the mark."""
        from policykg.graph.resolve import resolve_citations

        report = resolve_citations(self, changed, full=full)
        self.store.drop_graph(ids.state_graph_iri())
        return report

    def remove_document(self, iri: str) -> None:
        """Drop a document with its links and findings; citations that pointed at it get stubs again."""
        from policykg.graph.resolve import links_graph_iri

        stale = self._links_stale()
        version = changes.last_version(self) + 1
        mark = changes.begin_write(self.store, [changes.PendingDocument(iri, removal=True)])
        try:
            self.store.write({str(ids.graph_iri(URIRef(iri))): [],
                              str(changes.record_graph_iri(iri)): changes.record_triples(iri, version, "",
                                                                                         GRAPH_VERSION, deleted=True)},
                             {str(changes.pending_graph_iri()): changes.pending_triples()})
        except Exception:
            changes.end_write(None, mark)
            raise
        changes.end_write(self.store, mark)
        for graph in (links_graph_iri(iri), ids.checks_graph_iri(iri)):
            self.store.drop_graph(graph)
        self.locations.record({}, removed=[iri])
        self.resolve_links([iri], full=stale)

    # -- reading -------------------------------------------------------------------------------

    def find_document(self, ref: str) -> str | None:
        """A document IRI from an IRI, a file name, a 文号 in any bracket form, a source path or a title."""
        ref = ref.strip()
        if not ref:
            return None
        if is_iri(ref) and self.select(f"SELECT ?t WHERE {{ <{ref}> a ?t }} LIMIT 1"):
            return ref
        literal, number = sparql_string(ref), sparql_string(ids.normalise_doc_number(ref))
        rows = self.select(f"""SELECT ?doc ?how WHERE {{
            {{ BIND(1 AS ?how) ?doc pkg:sourceFile {literal} }}
            UNION {{ BIND(2 AS ?how) ?doc eli:id_local {number} }}
            UNION {{ BIND(3 AS ?how) ?doc pkg:sourcePath {literal} }}
            UNION {{ BIND(4 AS ?how) ?doc dcterms:title ?t FILTER(STR(?t) = {literal}) }}
        }} ORDER BY ?how ?doc LIMIT 1""")
        if rows:
            return rows[0]["doc"]
        if "/" in ref or "\\" in ref:  # a path on this machine (the graph holds only paths under the ingest root)
            located = self.locations.documents_at([str(Path(ref).resolve())])
            return min((d for docs in located.values() for d in docs), default=None)
        return None

    def _region(self, region_iri: str) -> dict[str, Any]:
        rows = self.select(f"""SELECT ?r ?name ?code ?up WHERE {{ <{region_iri}> skos:broader* ?r .
            ?r skos:prefLabel ?name ; skos:notation ?code . OPTIONAL {{ ?r skos:broader ?up }} }}""")
        by_iri = {r["r"]: r for r in rows}
        chain, node = [], region_iri
        while node in by_iri and len(chain) < 10:
            chain.append(by_iri[node])
            node = by_iri[node]["up"]
        head = chain[0] if chain else {"name": None, "code": None}
        return {"name": head["name"], "code": head["code"], "iri": region_iri,
                "parents": [r["name"] for r in chain[1:]]}

    def document_json(self, iri: str) -> dict[str, Any] | None:
        """The `show --json` shape of one document, or None when there is no such document."""
        if not is_iri(iri):
            return None
        rows = self.select(f"""SELECT ?source ?title ?number ?date ?level ?region ?kind ?carried ?sha
                ?encoding ?stub ?titleRule WHERE {{ VALUES ?doc {{ <{iri}> }} ?doc a pkg:PolicyDocument .
            OPTIONAL {{ ?doc pkg:sourceFile ?source }} OPTIONAL {{ ?doc dcterms:title ?title }}
            OPTIONAL {{ ?doc eli:id_local ?number }} OPTIONAL {{ ?doc eli:date_document ?date }}
            OPTIONAL {{ ?doc pkg:level/skos:notation ?level }} OPTIONAL {{ ?doc pkg:region ?region }}
            OPTIONAL {{ ?doc pkg:kind ?kind }} OPTIONAL {{ ?doc pkg:carriedTitle ?carried }}
            OPTIONAL {{ ?doc pkg:sha256 ?sha }} OPTIONAL {{ ?doc pkg:encoding ?encoding }}
            OPTIONAL {{ ?doc pkg:knownOnlyByCitation ?stub }}
            OPTIONAL {{ ?doc pkg:hasExtraction ?titleExtraction . ?titleExtraction pkg:field "title" ;
                        pkg:rule ?titleRule }} }} LIMIT 1""")
        if not rows:
            return None
        r = rows[0]
        issuers = self.select(f"""SELECT ?org (SAMPLE(?n) AS ?name) WHERE {{ <{iri}> eli:passed_by ?org .
            OPTIONAL {{ ?org skos:prefLabel ?n }} }} GROUP BY ?org""")
        issuers = [{"name": i["name"], "iri": i["org"]} for i in issuers]
        from policykg.graph.obligations import obligations_json
        from policykg.graph.resolve import citations_json

        return {
            "iri": iri, "source": r["source"], "title": r["title"], "doc_number": r["number"],
            "issuer": issuers[0] if issuers else None, "issuers": issuers, "date": r["date"],
            "level": r["level"], "region": self._region(r["region"]) if r["region"] else None,
            "kind": r["kind"], "carried_title": r["carried"], "sha256": r["sha"], "encoding": r["encoding"],
            # the rule that found the title: "file_name" when the text has no title line and its file name
            # stands in (header_lines, markup_title, html_title, field:标题 … when the text states it)
            "title_rule": r.get("titleRule"),
            "stub": r["stub"] == "true",
            "obligations": obligations_json(self, iri), "citations": citations_json(self, iri),
            **({"pending": True} if self._marked_pending([iri]) else {}),
        }

    def list_documents(self) -> list[dict[str, Any]]:
        """Every ingested document (stubs known only by citation left out), by file name."""
        rows = self.select("""SELECT ?doc ?source ?title ?number ?date ?level ?regionName
                (SAMPLE(?issuerName) AS ?issuer) WHERE { ?doc a pkg:PolicyDocument ; pkg:sourceFile ?source .
            OPTIONAL { ?doc dcterms:title ?title } OPTIONAL { ?doc eli:id_local ?number }
            OPTIONAL { ?doc eli:date_document ?date } OPTIONAL { ?doc pkg:level/skos:notation ?level }
            OPTIONAL { ?doc pkg:region/skos:prefLabel ?regionName }
            OPTIONAL { ?doc eli:passed_by/skos:prefLabel ?issuerName } }
            GROUP BY ?doc ?source ?title ?number ?date ?level ?regionName ORDER BY ?source ?doc""")
        pending = self._marked_pending([r["doc"] for r in rows])
        return [{"iri": r["doc"], "source": r["source"], "title": r["title"], "doc_number": r["number"],
                 "issuer": r["issuer"], "date": r["date"], "level": r["level"], "region": r["regionName"],
                 **({"pending": True} if r["doc"] in pending else {})} for r in rows]

    def _marked_pending(self, iris: list[str]) -> set[str]:
        """Those of ``iris`` a write has marked pending and not finished (see graph/changes.py: such a document
        is shown with ``pending: true``, never as complete)."""
        if changes.atomic_writes(self.store) or not iris:
            return set()
        return changes.pending_documents(self) & set(iris)

    def document_text(self, iri: str) -> str | None:
        """The normalised full text of a document, which every span points into."""
        rows = self.select(f"SELECT ?t WHERE {{ <{iri}> pkg:text ?t }} LIMIT 1")
        return rows[0]["t"] if rows else None

    def close(self) -> None:
        """Flush and release the store."""
        self.store.close()
        self.locations.close()


