"""The store's change record: per document, the version of its last write, and what derived data must follow.

Each write group of ``KnowledgeGraph`` writes, in the same all-or-nothing store operation as the documents,
one record per document it writes or removes (``<doc>/record``: version, content hash, mapping version,
time, deleted flag) and a ``derivedPending`` mark. Derived structures (search index, checks, citation
links) compare themselves with the records and catch up; the mark is cleared once they have
(``search.derived.catch_up``). Versions come from one sequence for the whole store, so "derived data holds
version N of this document" is one comparison.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from policykg.graph import ids, nt
from policykg.ontology.namespace import XSD
from rdflib import URIRef

Triple = tuple[str, str, str]


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


def record_triples(doc_iri: str, version: int, content_hash: str, mapping_version: int,
                   deleted: bool = False) -> list[Triple]:
    """The triples of one change record (its node is ``<doc>/record``, so nothing is added to the document)."""
    node = nt.iri(str(record_graph_iri(doc_iri)))
    now = datetime.now(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")
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


def last_version(kg: Any) -> int:
    """The highest version any record holds (0 for a store without records)."""
    rows = kg.select("SELECT (MAX(?v) AS ?max) WHERE { ?r pkg:changeVersion ?v }")
    return int(rows[0]["max"]) if rows and rows[0].get("max") else 0


def unrecorded_documents(kg: Any) -> list[dict[str, str | None]]:
    """Ingested documents without a change record (written before records existed): IRI, hash, mapping."""
    return kg.select("""SELECT ?doc ?sha ?version WHERE { ?doc a pkg:PolicyDocument ; pkg:sha256 ?sha
        OPTIONAL { ?doc pkg:graphVersion ?version }
        FILTER NOT EXISTS { ?r pkg:recordOf ?doc } } ORDER BY ?doc""")


def derived_pending(kg: Any) -> bool:
    """Whether a write group's derived data has not been brought level yet."""
    return bool(kg.select(f"""SELECT ?x WHERE {{ GRAPH <{pending_graph_iri()}> {{
        ?x pkg:derivedPending true }} }} LIMIT 1"""))
