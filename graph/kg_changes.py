"""The knowledge graph's change record and citation links: every document's change version, documents an
older mapping wrote, the marks derived data and links lag behind by, and removing a document."""

from __future__ import annotations

from typing import Any

from policykg.graph import changes, ids
from policykg.graph.build import GRAPH_VERSION
from rdflib import URIRef


class GraphChanges:
    """Change records, links and removal, a part of ``KnowledgeGraph`` (graph/kg.py), whose store it uses."""

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
