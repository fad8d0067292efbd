"""Writes a writer left pending on a store that writes graph by graph: finished or rolled back.

A write group on a SPARQL server marks its documents pending before their graphs go out and drops the mark
once their graphs and change records are written (``graph/changes.py``). A writer that died (killed client,
server gone mid-write) leaves the mark. Each document it names is then brought to one of two states, both
complete, from what the store holds (no file is needed; one Graph Store PUT replaces a graph as one
operation, so a document's graph is either the new one or the old one, never a mix):

- finished: its graph holds the pending content (the mark's content hash, and the mark's count of
  triples), so only its change record is missing: the record is written;
- rolled back: its graph holds the version its change record names (kept as it is), or something else or
  nothing: then the graph goes and the record says removed. The ingest that recovers (recovery runs before
  its writes) writes the file again from the source; ``serve`` leaves it to the next ingest;
- a pending removal is finished: graph dropped, record says removed.

Every step is idempotent, and the mark is dropped last, so a recovery that dies is simply done again.
Derived data (citation links, search index, checks) is marked behind and catches up after.
"""

from __future__ import annotations

import logging
from typing import Any

from policykg.graph import changes, ids, nt
from policykg.graph.build import GRAPH_VERSION

log = logging.getLogger(__name__)


def recover_pending(kg: Any) -> dict[str, list[str]]:
    """Finish or roll back every abandoned pending write (see the module's rule); the documents, by outcome.
    Nothing to do (and one look-up) on a store whose writes are all or nothing."""
    done: dict[str, list[str]] = {"finished": [], "rolled_back": [], "kept": []}
    if changes.atomic_writes(kg.store):
        return done
    marks = [m for m in changes.pending_marks(kg) if m.abandoned()]
    for mark in marks:
        for doc in mark.documents:
            done[_recover(kg, doc)].append(doc.iri)
        state = nt.iri(ids.state_graph_iri())
        kg.store.write({}, {str(ids.state_graph_iri()): [(state, nt.pkg.citationLinksStale, nt.boolean(True))],
                            str(changes.pending_graph_iri()): changes.pending_triples()})
        kg.store.drop_graph(mark.graph)  # last: a recovery that stops before is done again
    if marks:
        log.warning("recovered %d pending writes left by writers that stopped: %s", len(marks),
                    {k: len(v) for k, v in done.items() if v})
    return done


def _recover(kg: Any, doc: changes.PendingDocument) -> str:
    """Bring one pending document to a complete state; "finished", "rolled_back" or "kept"."""
    graph = str(ids.graph_iri(doc.iri))
    rows = kg.select(f"""SELECT ?sha ?version (COUNT(*) AS ?n) WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o
        OPTIONAL {{ <{doc.iri}> pkg:sha256 ?sha }} OPTIONAL {{ <{doc.iri}> pkg:graphVersion ?version }} }} }}
        GROUP BY ?sha ?version""")
    held = rows[0] if rows and int(rows[0]["n"] or 0) else None
    record = changes.read_records_of(kg, doc.iri)
    if not doc.removal and held is not None and held["sha"] == doc.content_hash and int(held["n"]) == doc.triples:
        if record is None or record.deleted or record.content_hash != doc.content_hash:
            _write_record(kg, doc.iri, doc.content_hash, int(held["version"] or GRAPH_VERSION), deleted=False)
        return "finished"
    if not doc.removal and held is not None and record is not None and not record.deleted \
            and held["sha"] == record.content_hash:
        return "kept"  # the write never reached the graph: the version the record names is there, whole
    if held is not None:
        kg.store.drop_graph(graph)
    if record is not None and not record.deleted:
        _write_record(kg, doc.iri, "", GRAPH_VERSION, deleted=True)
    return "finished" if doc.removal else "rolled_back"


def _write_record(kg: Any, iri: str, content_hash: str, mapping_version: int, deleted: bool) -> None:
    version = changes.last_version(kg) + 1
    kg.store.replace_graph(str(changes.record_graph_iri(iri)),
                           changes.record_triples(iri, version, content_hash, mapping_version, deleted=deleted))
