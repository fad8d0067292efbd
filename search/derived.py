"""Derived data against the store: how far behind each derived structure is, and bringing it level.

The store's change records (``graph/changes.py``) say which version of each document is current. Each
derived structure knows what it reflects: the search index the version of every document it holds
(``SearchIndex.documents``), each checks graph the versions of its document and of the documents it is
based on (``pkg:checkedVersion``), citation links a stale mark. ``lag`` compares them; ``catch_up`` loads
what is new or changed, drops what is gone, in any order and after a crash at any point: every step
writes whole structures, and what it has not finished is still behind on the next comparison.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from policykg.graph.changes import atomic_writes, pending_documents
from policykg.graph.ids import checks_graph_iri
from policykg.ontology.namespace import PKG
from rdflib import Literal, URIRef

log = logging.getLogger(__name__)
# above this share of the documents behind, the index is rebuilt rather than updated document by document
REBUILD_SHARE = 0.5


@dataclass
class Lag:
    """How far each derived structure is behind the store."""

    store_version: int = 0  # the highest change version in the store
    documents: int = 0  # live documents
    index_stale: list[str] = field(default_factory=list)  # new or changed documents the index lacks
    index_gone: list[str] = field(default_factory=list)  # documents the index holds but the store removed
    index_missing: bool = False  # no readable index at all
    checks_stale: list[str] = field(default_factory=list)  # documents whose findings are not current
    checks_gone: list[str] = field(default_factory=list)  # checks graphs of documents no longer live
    links_stale: bool = False  # citation links not resolved since the last write
    pending: bool = False  # a write group's mark not yet cleared
    writes_pending: int = 0  # documents a write on a remote store left pending (graph/recover.py)

    @property
    def level(self) -> bool:
        """Whether everything derived is current."""
        return not (self.index_stale or self.index_gone or self.index_missing or self.checks_stale
                    or self.checks_gone or self.links_stale or self.pending or self.writes_pending)

    def to_json(self) -> dict[str, Any]:
        """Counts, for status output."""
        return {"store_version": self.store_version, "documents": self.documents,
                "index_behind": len(self.index_stale) + len(self.index_gone) + (self.documents if
                                                                                  self.index_missing else 0),
                "checks_behind": len(self.checks_stale) + len(self.checks_gone),
                "links_stale": self.links_stale, "pending": self.pending, "writes_pending": self.writes_pending,
                "level": self.level}


def check_fingerprint(doc: str, versions: dict[str, int], bases: Iterable[str]) -> str:
    """What a document's findings were computed from: its version and those of its bases, as one value."""
    parts = [f"{doc}={versions.get(doc, 0)}", *sorted(f"{b}={versions.get(b, 0)}" for b in set(bases))]
    return hashlib.sha1("\n".join(parts).encode("utf-8")).hexdigest()[:20]


def _bases(kg: Any) -> dict[str, set[str]]:
    """Every document's ingested bases (as the checks read them: eli:based_on an ingested document)."""
    out: dict[str, set[str]] = {}
    for r in kg.select("SELECT DISTINCT ?d ?b WHERE { ?d eli:based_on ?b . ?b a pkg:PolicyDocument ; "
                       "pkg:sha256 ?sha }"):
        if r["d"] != r["b"]:
            out.setdefault(r["d"], set()).add(r["b"])
    return out


def _checked(kg: Any) -> dict[str, str]:
    """The fingerprint each checks graph was computed from ('' for one written without)."""
    out: dict[str, str] = {}
    for r in kg.select("SELECT ?doc ?fp WHERE { GRAPH ?g { ?doc pkg:checkedAt ?t OPTIONAL { "
                       "?doc pkg:checkedVersion ?fp } } }"):
        out[r["doc"]] = r["fp"] or out.get(r["doc"], "")
    return out


def lag(kg: Any, indexed: dict[str, int] | None) -> tuple[Lag, dict[str, int], dict[str, str]]:
    """How far derived data is behind ``kg``; ``indexed`` is the index's document versions (None: no index).
    Also returns the live versions and each live document's expected check fingerprint."""
    from policykg.search.index import index_lag

    records = kg.change_records()
    versions = {iri: r.version for iri, r in records.items() if not r.deleted}
    out = Lag(store_version=max((r.version for r in records.values()), default=0), documents=len(versions))
    if indexed is None:
        out.index_missing = True
    else:
        out.index_stale, out.index_gone = index_lag(indexed, versions)
    bases = _bases(kg)
    expected = {d: check_fingerprint(d, versions, bases.get(d, ())) for d in versions}
    checked = _checked(kg)
    out.checks_stale = sorted(d for d, fp in expected.items() if checked.get(d) != fp)
    out.checks_gone = sorted(d for d in checked if d not in versions)
    out.links_stale = kg.links_stale()
    out.pending = kg.derived_pending()
    if not atomic_writes(kg.store):
        out.writes_pending = len(pending_documents(kg))
    return out, versions, expected


def _index_level(index: Any, versions: dict[str, int], exclusive: Callable[[], Any] | None = None
                 ) -> dict[str, int]:
    """Load into ``index`` the documents whose version it lacks and drop the ones not live (rebuilt whole when
    most are behind), inside ``exclusive()`` when given; the counts."""
    stale, gone = index.lag(versions)
    if stale or gone:
        with exclusive() if exclusive is not None else contextlib.nullcontext():
            if len(stale) + len(gone) > REBUILD_SHARE * max(1, len(versions)):
                index.rebuild()
            else:
                index.update([*stale, *gone], versions)
    return {"loaded": len(stale), "dropped": len(gone)}


def catch_up_index(kg: Any, index: Any, exclusive: Callable[[], Any] | None = None) -> dict[str, int]:
    """Bring one search index level with the store's change records alone (what a service instance does when
    other machines wrote: citation links and checks live in the store, their writer brings them level)."""
    records = kg.change_records()
    return _index_level(index, {iri: r.version for iri, r in records.items() if not r.deleted}, exclusive)


def catch_up(kg: Any, open_index: Callable[[], Any], indexed: dict[str, int] | None,
             matcher: Callable[[], Any], checks: bool = True) -> dict[str, Any]:
    """Bring citation links, the search index and the checks level with the store; what it did.

    ``open_index`` opens (or builds) the index; it is called only when the index is behind. ``indexed``:
    the index's document versions (``SearchIndex.saved_documents`` or an open index's ``documents``).
    ``checks=False`` leaves the checks (and the pending mark) for a later call: a first start makes
    documents searchable while it writes them and checks them once at the end.
    """
    done: dict[str, Any] = {}
    recovered = {k: v for k, v in kg.recover_pending().items() if v}  # first: records are current after it
    if recovered:
        done["recovered"] = {k: len(v) for k, v in recovered.items()}
    if kg.links_stale():  # an ingest stopped before resolving: a full pass, as the next ingest would
        kg.resolve_links([], full=True)
        done["links"] = "resolved"
    behind, versions, expected = lag(kg, indexed)
    if behind.index_missing or behind.index_stale or behind.index_gone:
        done["index"] = _index_level(open_index(), versions)  # a missing index is built from the store here
    if not checks:
        return done
    if behind.checks_stale or behind.checks_gone:
        from policykg.search.consistency_graph import GraphChecker

        checker = GraphChecker(kg, matcher())
        for doc in behind.checks_stale:
            checker.check(doc)
            kg.store.add_to_graph(checks_graph_iri(doc), [(URIRef(doc), PKG.checkedVersion,
                                                            Literal(expected[doc]))])
        for doc in behind.checks_gone:
            kg.store.drop_graph(checks_graph_iri(doc))
        done["checks"] = {"checked": len(behind.checks_stale), "dropped": len(behind.checks_gone)}
    if behind.pending or done:
        kg.clear_derived_pending()
    if done:
        log.info("derived data caught up with the store: %s", done)
    return done
