"""The store's change record: per document, the version of its last write, and what derived data must follow.

Each write group of ``KnowledgeGraph`` writes, in the same all-or-nothing store operation as the documents,
one record per document it writes or removes (``<doc>/record``: version, content hash, mapping version,
time, deleted flag) and a ``derivedPending`` mark. Derived structures (search index, checks, citation
links) compare themselves with the records and catch up; the mark is cleared once they have
(``search.derived.catch_up``). Versions come from one sequence for the whole store, so "derived data holds
version N of this document" is one comparison.

On a store whose write is not one transaction (a SPARQL server: one Graph Store request per graph), a write
group first marks its documents pending (``begin_write``: a graph of its own naming each document, its
content hash, triple count and source file) and drops the mark once the graphs and records are written
(``end_write``). A mark whose writer is gone is finished or rolled back by ``graph.recover``. The rule for
reads: a document is complete when no mark names it; ``show`` and the documents list report a marked one
with ``pending: true``, and derived data follows the change record, which a write group writes last.
"""

from __future__ import annotations

import os
import socket
import threading
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from policykg.graph import ids, nt
from policykg.ontology.namespace import DATA, XSD
from rdflib import URIRef

Triple = tuple[str, str, str]
# a pending write of another host is taken as abandoned after this long (one write group on a slow server
# takes minutes; a mark of this host is judged by its process at once)
ABANDONED_AFTER_S = 1800.0
_in_flight: set[str] = set()  # the pending marks this process is writing now
_in_flight_lock = threading.Lock()


@dataclass(frozen=True)
class ChangeRecord:
    """The last write of one document."""

    iri: str
    version: int
    content_hash: str
    mapping_version: int
    changed_at: str
    deleted: bool


def record_graph_iri(doc_iri: str) -> URIRef:
    """The named graph holding the change record of one document."""
    return URIRef(f"{doc_iri}/record")


def _now() -> str:
    return datetime.now(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def record_triples(doc_iri: str, version: int, content_hash: str, mapping_version: int,
                   deleted: bool = False) -> list[Triple]:
    """The triples of one change record (its node is ``<doc>/record``, so nothing is added to the document)."""
    node = nt.iri(str(record_graph_iri(doc_iri)))
    now = _now()
    return [(node, nt.rdf.type, nt.pkg.ChangeRecord), (node, nt.pkg.recordOf, nt.iri(doc_iri)),
            (node, nt.pkg.changeVersion, nt.integer(version)), (node, nt.pkg.contentHash, nt.string(content_hash)),
            (node, nt.pkg.mappingVersion, nt.integer(mapping_version)),
            (node, nt.pkg.changedAt, f'"{now}"^^<{XSD.dateTime}>'), (node, nt.pkg.deleted, nt.boolean(deleted))]


def pending_graph_iri() -> URIRef:
    """The bookkeeping graph holding the derivedPending mark (apart from the citation-link mark, which
    resolution clears by dropping its graph)."""
    return URIRef(f"{ids.state_graph_iri()}/derived")


def pending_triples() -> list[Triple]:
    """The mark a write group leaves: derived data has not caught up with it yet."""
    graph = nt.iri(str(pending_graph_iri()))
    return [(graph, nt.pkg.derivedPending, nt.boolean(True))]


def read_records(kg: Any) -> dict[str, ChangeRecord]:
    """Every change record in the store, by document IRI."""
    rows = kg.select("""SELECT ?doc ?v ?hash ?mv ?at ?del WHERE { ?r a pkg:ChangeRecord ; pkg:recordOf ?doc ;
        pkg:changeVersion ?v ; pkg:deleted ?del OPTIONAL { ?r pkg:contentHash ?hash }
        OPTIONAL { ?r pkg:mappingVersion ?mv } OPTIONAL { ?r pkg:changedAt ?at } }""")
    out: dict[str, ChangeRecord] = {}
    for r in rows:
        record = ChangeRecord(r["doc"], int(r["v"]), r["hash"] or "", int(r["mv"] or 0), r["at"] or "",
                              r["del"] == "true")
        if r["doc"] not in out or out[r["doc"]].version < record.version:
            out[r["doc"]] = record
    return out


def read_records_of(kg: Any, doc_iri: str) -> ChangeRecord | None:
    """The change record of one document, if it has one."""
    rows = kg.select(f"""SELECT ?v ?hash ?mv ?at ?del WHERE {{ GRAPH <{record_graph_iri(doc_iri)}> {{
        ?r pkg:recordOf <{doc_iri}> ; pkg:changeVersion ?v ; pkg:deleted ?del OPTIONAL {{ ?r pkg:contentHash ?hash }}
        OPTIONAL {{ ?r pkg:mappingVersion ?mv }} OPTIONAL {{ ?r pkg:changedAt ?at }} }} }} ORDER BY DESC(?v) LIMIT 1""")
    if not rows:
        return None
    r = rows[0]
    return ChangeRecord(doc_iri, int(r["v"]), r["hash"] or "", int(r["mv"] or 0), r["at"] or "",
                        r["del"] in ("true", "1"))


def last_version(kg: Any) -> int:
    """The highest version any record holds (0 for a store without records)."""
    rows = kg.select("SELECT (MAX(?v) AS ?max) WHERE { ?r pkg:changeVersion ?v }")
    return int(rows[0]["max"]) if rows and rows[0].get("max") else 0


def unrecorded_documents(kg: Any) -> list[dict[str, str | None]]:
    """Ingested documents without a change record (written before records existed): IRI, hash, mapping."""
    return kg.select("""SELECT ?doc ?sha ?version WHERE { ?doc a pkg:PolicyDocument ; pkg:sha256 ?sha
        OPTIONAL { ?doc pkg:graphVersion ?version }
        FILTER NOT EXISTS { ?r pkg:recordOf ?doc } } ORDER BY ?doc""")


def record_summary(kg: Any) -> tuple[int, int, bool]:
    """(records, sum of their versions, derived data pending): any write, removal or recovery of a document
    gives its record a higher version, so the sum moves with every one, whoever wrote; cheap to compare."""
    rows = kg.select("SELECT (COUNT(?v) AS ?n) (SUM(?v) AS ?sum) WHERE { ?r a pkg:ChangeRecord ; pkg:changeVersion ?v }")
    row = rows[0] if rows else {}
    return int(float(row.get("n") or 0)), int(float(row.get("sum") or 0)), derived_pending(kg)


def derived_pending(kg: Any) -> bool:
    """Whether a write group's derived data has not been brought level yet."""
    return bool(kg.select(f"""SELECT ?x WHERE {{ GRAPH <{pending_graph_iri()}> {{
        ?x pkg:derivedPending true }} }} LIMIT 1"""))


# -- pending writes: recoverable writes on a store that writes graph by graph ---------------------------------

@dataclass(frozen=True)
class PendingDocument:
    """One document a write group is about to write (or remove)."""

    iri: str
    content_hash: str = ""  # the file's SHA-256; empty for a removal
    triples: int = 0  # distinct triples of its graph once whole
    source: str = ""  # the file on the writer's machine
    removal: bool = False


@dataclass(frozen=True)
class PendingMark:
    """A write group's mark as the store holds it."""

    graph: str
    writer: str
    since: str
    documents: tuple[PendingDocument, ...]

    def abandoned(self, now: datetime | None = None) -> bool:
        """Whether the writer is gone: this process and not writing it now, a process of this host that no
        longer runs, or another host's mark older than ABANDONED_AFTER_S."""
        host, _, pid = self.writer.rpartition(":")
        if host == socket.gethostname() and pid.isdigit():
            if int(pid) == os.getpid():
                with _in_flight_lock:
                    return self.graph not in _in_flight
            try:
                os.kill(int(pid), 0)
            except ProcessLookupError:
                return True
            except PermissionError:
                return False  # runs, as another user
            return False
        try:
            started = datetime.fromisoformat(self.since)
        except ValueError:
            return True
        return ((now or datetime.now(UTC)) - started).total_seconds() > ABANDONED_AFTER_S


def atomic_writes(store: Any) -> bool:
    """Whether one ``write`` of the store is all or nothing (the embedded store); a SPARQL server's is not."""
    return bool(getattr(store, "atomic_writes", True))


def begin_write(store: Any, documents: list[PendingDocument]) -> str | None:
    """Mark ``documents`` pending in the store before their graphs are written; the mark's graph (None on a
    store whose writes are all or nothing: nothing to recover there)."""
    if atomic_writes(store) or not documents:
        return None
    graph = str(DATA[f"graph/state/pending/{uuid.uuid4().hex}"])
    node = nt.iri(graph)
    triples = [(node, nt.pkg.pendingWriter, nt.string(f"{socket.gethostname()}:{os.getpid()}")),
               (node, nt.pkg.pendingSince, f'"{_now()}"^^<{XSD.dateTime}>')]
    for i, doc in enumerate(documents):
        entry = nt.iri(f"{graph}/{i}")
        triples += [(entry, nt.rdf.type, nt.pkg.PendingWrite), (entry, nt.pkg.pendingOf, nt.iri(doc.iri)),
                    (entry, nt.pkg.pendingHash, nt.string(doc.content_hash)),
                    (entry, nt.pkg.pendingTriples, nt.integer(doc.triples)),
                    (entry, nt.pkg.pendingSource, nt.string(doc.source)),
                    (entry, nt.pkg.pendingRemoval, nt.boolean(doc.removal))]
    with _in_flight_lock:
        _in_flight.add(graph)
    try:
        store.replace_graph(graph, triples)
    except Exception:
        end_write(None, graph)
        raise
    return graph


def end_write(store: Any, mark: str | None) -> None:
    """The write is done: drop its mark (``store`` None: forget it in this process only, the write failed
    and the mark stays for recovery)."""
    if mark is None:
        return
    try:
        if store is not None:
            store.drop_graph(mark)
    finally:
        with _in_flight_lock:
            _in_flight.discard(mark)


def pending_marks(kg: Any) -> list[PendingMark]:
    """Every pending write mark in the store, oldest first."""
    rows = kg.select("""SELECT ?g ?writer ?since ?doc ?hash ?n ?source ?removal WHERE { GRAPH ?g {
        ?m pkg:pendingWriter ?writer ; pkg:pendingSince ?since . ?w a pkg:PendingWrite ; pkg:pendingOf ?doc ;
        pkg:pendingHash ?hash ; pkg:pendingTriples ?n ; pkg:pendingSource ?source ; pkg:pendingRemoval ?removal }
        } ORDER BY ?since ?g ?doc""")
    marks: dict[str, PendingMark] = {}
    for r in rows:
        doc = PendingDocument(r["doc"], r["hash"] or "", int(r["n"] or 0), r["source"] or "",
                              r["removal"] in ("true", "1"))
        mark = marks.get(r["g"]) or PendingMark(r["g"], r["writer"] or "", r["since"] or "", ())
        marks[r["g"]] = PendingMark(mark.graph, mark.writer, mark.since, (*mark.documents, doc))
    return list(marks.values())


def pending_documents(kg: Any) -> set[str]:
    """The documents some write has marked pending and not yet finished: not complete, whatever they show."""
    return {r["doc"] for r in kg.select("SELECT DISTINCT ?doc WHERE { ?w a pkg:PendingWrite ; pkg:pendingOf ?doc }")}
