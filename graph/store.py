"""The triple store behind a protocol shaped on the W3C ones, and a factory that picks a backend.

Graph Store Protocol: ``replace_graph`` (PUT ?graph=, atomic), ``add_to_graph`` (POST, merge) and
``drop_graph`` (DELETE). SPARQL 1.1 Query: ``query`` returns W3C SPARQL results JSON. Nothing here is
Oxigraph-only, so a remote endpoint needs only the thin client below. Queries see the union of all
named graphs as their default graph (a remote server must be configured that way too).
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any, ClassVar, Protocol

import pyoxigraph as ox
from policykg.graph import nt
from rdflib.namespace import XSD

Triple = tuple[Any, Any, Any]  # rdflib terms or N-Triples strings
# below this a transaction beats the bulk loader, which writes new files for every call
BULK_MIN_QUADS = 20_000


class QueryTimeout(Exception):
    """A query ran past its time limit."""


class StoreError(Exception):
    """The store could not be opened, read or written."""


class GraphStore(Protocol):
    """What the rest of the code may ask of a store. Triples hold rdflib terms or N-Triples strings
    (``policykg.graph.nt``)."""

    def write(self, replace: Mapping[str, Iterable[Triple]], merge: Mapping[str, Iterable[Triple]] | None = None
              ) -> None:
        """Replace some named graphs (no triples: drop) and merge triples into others, all or nothing."""

    def replace_graph(self, graph_iri: str, triples: Iterable[Triple]) -> None:
        """Replace one named graph by ``triples`` in one transaction."""

    def add_to_graph(self, graph_iri: str, triples: Iterable[Triple]) -> None:
        """Merge ``triples`` into one named graph."""

    def drop_graph(self, graph_iri: str) -> None:
        """Remove one named graph; absent graphs are fine."""

    def query(self, sparql: str, timeout: float | None = None, max_rows: int | None = None) -> dict:
        """Run a read-only SPARQL query; SELECT/ASK give W3C results JSON, CONSTRUCT gives N-Triples."""

    def close(self) -> None:
        """Release the store."""


_XSD_STRING = str(XSD.string)


def ox_to_json(term: Any) -> dict[str, str]:
    """A pyoxigraph term in the W3C SPARQL results JSON form (on the path of every result row: exact
    type checks, each attribute read once)."""
    cls = type(term)
    if cls is ox.NamedNode:
        return {"type": "uri", "value": term.value}
    if cls is ox.BlankNode:
        return {"type": "bnode", "value": term.value}
    language = term.language
    if language:
        return {"type": "literal", "value": term.value, "xml:lang": language}
    datatype = term.datatype.value
    if datatype == _XSD_STRING:
        return {"type": "literal", "value": term.value}
    return {"type": "literal", "value": term.value, "datatype": datatype}


def _ntriples(triples: Iterable[Triple]) -> str:
    return "\n".join(nt.lines(triples))


class OxigraphStore:
    """Embedded on-disk Oxigraph; one open handle per directory and process (RocksDB locks it)."""

    _open: ClassVar[dict[Path, ox.Store]] = {}
    _writing: ClassVar[dict[Path, threading.RLock]] = {}  # one writer at a time per store: journal and spool
    _lock: ClassVar[threading.Lock] = threading.Lock()

    def __init__(self, path: Path | None):
        self.path = path
        if path is None:
            self._store = ox.Store()
            self._write_lock = threading.RLock()
            return
        path = Path(path).resolve()
        with self._lock:
            if path not in self._open:
                path.mkdir(parents=True, exist_ok=True)
                try:
                    self._open[path] = ox.Store(str(path))
                except OSError as exc:
                    raise StoreError(f"cannot open the store at {path}: {exc}") from exc
            self._store = self._open[path]
            self._write_lock = self._writing.setdefault(path, threading.RLock())
            self.path = path
            self._recover()

    @property
    def _journal(self) -> Path | None:
        return None if self.path is None else self.path.with_name(self.path.name + ".pending")

    @property
    def _spool(self) -> Path | None:
        return None if self.path is None else self.path.with_name(self.path.name + ".spool")

    def _recover(self) -> None:
        """Undo a bulk load that did not finish (killed process, power loss): drop the graphs it was adding."""
        journal = self._journal
        if journal is None:
            return
        self._spool.unlink(missing_ok=True)  # left by a write that died
        if not journal.is_file():
            return
        graphs = [line for line in journal.read_text(encoding="utf-8").splitlines() if line]
        if graphs:
            self._store.update(";\n".join(f"DROP SILENT GRAPH <{g}>" for g in graphs))
            self._store.flush()
        journal.unlink()

    def write(self, replace: Mapping[str, Iterable[Triple]],
              merge: Mapping[str, Iterable[Triple]] | None = None) -> None:
        """Replace and merge graphs all or nothing: new graphs go in through Oxigraph's bulk loader (2-3x
        faster than a transaction) under a journal that ``_recover`` rolls back; replacing a graph that
        exists takes one SPARQL Update (drop + insert), which Oxigraph runs as one transaction. Writes of
        one process to one store take turns (they share the journal and the spool file)."""
        with self._write_lock:
            self._write(replace, merge or {})

    def _write(self, replace: Mapping[str, Iterable[Triple]], merge: Mapping[str, Iterable[Triple]]) -> None:
        existing = [g for g in replace if self._store.contains_named_graph(ox.NamedNode(str(g)))]
        if existing:
            drops = "".join(f"DROP SILENT GRAPH <{g}> ;\n" for g in existing)
            blocks = [f"GRAPH <{g}> {{\n" + "\n".join(nt.lines(t)) + "\n}"
                      for g, t in [*replace.items(), *merge.items()]]
            self._store.update(f"{drops}INSERT DATA {{\n" + "\n".join(blocks) + "\n}")
            return
        if self._journal is None:  # in memory: one transaction
            self._store.load("\n".join(line for g, t in [*replace.items(), *merge.items()]
                                       for line in nt.lines(t, str(g))), format=ox.RdfFormat.N_QUADS)
            return
        spool = self._spool
        try:
            quads = self._spool_quads(spool, [*replace.items(), *merge.items()])
            if quads < BULK_MIN_QUADS:
                self._store.load(path=str(spool), format=ox.RdfFormat.N_QUADS)
                return
            with open(self._journal, "w", encoding="utf-8") as f:
                f.write("".join(f"{g}\n" for g in replace))
                f.flush()
                os.fsync(f.fileno())
            # lenient: no IRI re-validation; every term was written by graph/nt.py from ids.py's IRIs (~10% less)
            self._store.bulk_load(path=str(spool), format=ox.RdfFormat.N_QUADS, lenient=True)
            self._store.flush()
            self._journal.unlink()
        finally:
            spool.unlink(missing_ok=True)

    @staticmethod
    def _spool_quads(spool: Path, graphs: list[tuple[str, Iterable[Triple]]]) -> int:
        """Write the graphs as N-Quads to the spool file, one graph at a time (a group of a million quads never
        sits in memory as one text); the number of quads. ~0.35 µs per quad, against ~6 µs for the bulk load
        that reads it (benchmarks/ingest.py --stages prints both)."""
        quads = 0
        with open(spool, "w", encoding="utf-8") as f:
            for g, t in graphs:
                block = nt.lines(t, str(g))
                if block:
                    f.write("\n".join(block))
                    f.write("\n")
                    quads += len(block)
        return quads

    def replace_graph(self, graph_iri: str, triples: Iterable[Triple]) -> None:
        """Drop and refill one graph, all or nothing."""
        self.write({str(graph_iri): triples})

    def add_to_graph(self, graph_iri: str, triples: Iterable[Triple]) -> None:
        """Merge triples into a graph in one transaction."""
        self._store.load("\n".join(nt.lines(triples, str(graph_iri))), format=ox.RdfFormat.N_QUADS)

    def drop_graph(self, graph_iri: str) -> None:
        """Remove one named graph."""
        self._store.update(f"DROP SILENT GRAPH {ox.NamedNode(str(graph_iri))}")

    def query(self, sparql: str, timeout: float | None = None, max_rows: int | None = None) -> dict:
        """Evaluate in a worker thread; past ``timeout`` the caller gets QueryTimeout and the worker stops
        at its next solution (a single long aggregation still runs to its end in the background)."""
        return self._in_worker(lambda state: self._evaluate(sparql, max_rows, state), timeout)

    def select_values(self, sparql: str, timeout: float | None = None) -> list[dict[str, str | None]]:
        """SELECT rows as {variable: value or None}, without the W3C JSON form in between: the internal
        reads (resolution, search units, checks) take tens of thousands of rows at a time."""

        def rows(state: dict) -> list[dict[str, str | None]]:
            result = self._store.query(sparql, use_default_graph_as_union=True)
            if not isinstance(result, ox.QuerySolutions):
                raise TypeError("select_values needs a SELECT query")
            names = [v.value for v in result.variables]
            out = []
            for solution in result:
                if state["cancel"]:
                    break
                out.append({n: (t.value if t is not None else None) for n, t in zip(names, solution)})
            return out

        return self._in_worker(rows, timeout)

    def _in_worker(self, evaluate: Any, timeout: float | None) -> Any:
        state: dict[str, Any] = {"cancel": False}

        def work() -> None:
            try:
                state["result"] = evaluate(state)
            except Exception as exc:  # noqa: BLE001 - re-raised in the caller's thread
                state["error"] = exc

        worker = threading.Thread(target=work, daemon=True)
        worker.start()
        worker.join(timeout)
        if worker.is_alive():
            state["cancel"] = True
            raise QueryTimeout(f"query exceeded the time limit of {timeout:g} s")
        if "error" in state:
            raise state["error"]
        return state["result"]

    def _evaluate(self, sparql: str, max_rows: int | None, state: dict) -> dict:
        result = self._store.query(sparql, use_default_graph_as_union=True)
        if isinstance(result, ox.QueryBoolean):
            return {"head": {}, "boolean": bool(result)}
        if isinstance(result, ox.QuerySolutions):
            names = [v.value for v in result.variables]
            rows, truncated = [], False
            for solution in result:
                if state["cancel"]:
                    break
                if max_rows is not None and len(rows) >= max_rows:
                    truncated = True
                    break
                rows.append({n: ox_to_json(t) for n, t in zip(names, solution) if t is not None})
            out: dict[str, Any] = {"head": {"vars": names}, "results": {"bindings": rows}}
            if truncated:
                out["truncated"] = True
            return out
        lines = []
        for triple in result:
            if state["cancel"] or (max_rows is not None and len(lines) >= max_rows):
                break
            lines.append(f"{triple.subject} {triple.predicate} {triple.object} .")
        return {"head": {}, "ntriples": "\n".join(lines)}

    @property
    def oxigraph(self) -> ox.Store:
        """The pyoxigraph store itself: the SPARQL endpoint needs its dataset, base IRI and prefix options."""
        return self._store

    def snapshot(self, target: Path) -> None:
        """A consistent copy at ``target`` that another process may open read-only while this one writes
        (a RocksDB checkpoint: hard links to the immutable files, cheap on one file system)."""
        self._store.backup(str(target))

    def named_graphs(self) -> list[str]:
        """IRIs of every named graph."""
        return [g.value for g in self._store.named_graphs() if isinstance(g, ox.NamedNode)]

    def dump_nquads(self) -> bytes:
        """The whole dataset as N-Quads (for validation and backups)."""
        return self._store.dump(format=ox.RdfFormat.N_QUADS)

    def optimize(self) -> None:
        """Compact the on-disk files (after a large ingest)."""
        self._store.optimize()

    def flush(self) -> None:
        """Make writes durable on disk."""
        self._store.flush()

    def close(self) -> None:
        """Flush; the handle stays shared by this process until exit."""
        if self.path is not None:
            self._store.flush()


def open_store(backend: str, data_dir: Path | None) -> GraphStore:
    """The store named by ``backend``: "oxigraph" (on disk in <data_dir>/store, in memory without a
    data_dir) or a SPARQL endpoint URL, optionally followed by a space and its Graph Store URL."""
    if backend == "oxigraph":
        return OxigraphStore(Path(data_dir) / "store" if data_dir is not None else None)
    if backend.startswith(("http://", "https://")):
        # remote.py imports this module's errors, so it is imported here rather than at the top
        from policykg.graph.remote import RemoteStore

        query_url, _, store_url = backend.partition(" ")
        return RemoteStore(query_url, store_url.strip() or None)
    raise StoreError(f"unknown store backend {backend!r}: use 'oxigraph' or an http(s) SPARQL endpoint URL")
