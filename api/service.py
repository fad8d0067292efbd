"""Wires the layers together for the command line and the HTTP app; no domain logic lives here.

Shared file: each layer's owner edits only the method that calls into their layer.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from policykg.api.settings import Settings

# progress(step, done, total): step "documents" (files parsed) or "units" (search units encoded)
Progress = Callable[[str, int, int], None]


@dataclass
class IngestReport:
    """What one ingest run did: documents written, files that failed and why."""

    ingested: list[dict[str, Any]] = field(default_factory=list)  # {source, iri, title, status}
    failed: list[dict[str, str]] = field(default_factory=list)  # {path, reason}
    skipped: list[str] = field(default_factory=list)  # unchanged files
    derived: dict[str, Any] = field(default_factory=dict)  # what catching derived data up did
    notices: list[str] = field(default_factory=list)  # derived data left behind (the next run catches up)

    @property
    def ok(self) -> bool:
        return not self.failed


class Service:
    """One data directory: the knowledge graph, the search index and the checks over it."""

    def __init__(self, settings: Settings):
        self.settings = settings
        self._kg = None
        self._index = None
        self._defer_encoding = False
        # the first requests of a server arrive together: the graph and the index are opened once
        self._opening = threading.RLock()

    @property
    def defer_encoding(self) -> bool:
        """Whether new search units are indexed for BM25 at once and encoded later (``finish_encoding``):
        a first start, or an ingest that reports its progress, makes text searchable before the vectors."""
        return self._defer_encoding

    @defer_encoding.setter
    def defer_encoding(self, value: bool) -> None:
        with self._opening:
            self._defer_encoding = value
            if self._index is not None:
                self._index.defer_encoding = value

    @property
    def kg(self):
        """The knowledge graph, opened on first use."""
        if self._kg is None:
            from policykg.graph.kg import KnowledgeGraph

            with self._opening:
                if self._kg is None:
                    self._kg = KnowledgeGraph.open(self.settings.data_dir, backend=self.settings.store_backend)
        return self._kg

    @property
    def index(self):
        """The search index, opened (or rebuilt when missing) on first use."""
        if self._index is None:
            from policykg.search.index import SearchIndex

            with self._opening:
                if self._index is None:
                    self._index = SearchIndex.open(self.settings.data_dir, self.kg, encoder=self.settings.encoder,
                                                   fusion=self.settings.fusion, defer_encoding=self._defer_encoding,
                                                   vector_index=self.settings.vector_index)
        return self._index

    @property
    def serving_index(self):
        """The search index for the HTTP service: queries of concurrent requests are encoded together."""
        index = self.index
        index.batch_queries()
        return index

    def index_state(self) -> dict[str, Any]:
        """The search index as it stands, without opening it: units, units waiting for vectors, mode."""
        index = self._index
        if index is None:
            return {"open": False, "units": None, "unencoded": None, "mode": None}
        return {"open": True, "units": len(index.units), "unencoded": index.unencoded, "mode": index.mode}

    def ingest(self, paths: list[Path], progress: Progress | None = None) -> IngestReport:
        """Parse files, write each document whole or not at all, then refresh index and checks;
        ``progress(step, done, total)`` as files are parsed and then as new search units are encoded."""
        if progress is None:
            written, errors = self.kg.ingest(paths, limits=self.settings.ingest_limits)
            return self._written(written, errors)
        from policykg.ingest.pipeline import iter_files

        files = iter_files(paths)
        written, errors = self.write_parsed(self.parse_files(files, progress), len(files), paths)
        return self._written(written, errors, progress)

    def write_parsed(self, results: Iterable[tuple[int, Any]], total: int, roots: list[Path]
                     ) -> tuple[list[dict[str, Any]], list]:
        """Write documents as ``parse_files`` yields them (``KnowledgeGraph.ingest_parsed``); ``roots``: the
        folders named to ingest, under which the graph names each file."""
        return self.kg.ingest_parsed(results, total, roots=roots)

    def parse_files(self, files: list[Path], progress: Progress | None = None) -> Iterator[tuple[int, Any]]:
        """Parse ``files`` in the parse workers under the ingest limits, yielding ``(position, Document or
        IngestError)`` as each is done; ``progress("documents", n, len(files))`` after each."""
        from policykg.ingest.workers import file_tasks, parse_tasks

        results = parse_tasks(file_tasks(files), self.settings.ingest_limits)
        try:
            for done, item in enumerate(results, 1):
                if progress is not None:
                    progress("documents", done, len(files))
                yield item
        finally:
            results.close()  # stops the workers when the reader stops early

    def parse_upload(self, data: bytes, path: Path, display_name: str):
        """Parse an upload's bytes as the file ``path`` in a parse worker, under the ingest limits; raises
        IngestError with the reason. Takes no lock: reads go on while it parses."""
        from policykg.ingest.model import IngestError
        from policykg.ingest.workers import ParseTask, parse_tasks

        for _, result in parse_tasks([ParseTask(str(path), data, display_name)], self.settings.ingest_limits):
            if isinstance(result, IngestError):
                raise result
            return result
        raise IngestError(str(path), "nothing was parsed")

    def write_documents(self, docs: list) -> IngestReport:
        """Write parsed documents (see ``parse_upload``), then refresh index and checks."""
        return self._written(self.kg.add_documents(docs), [])

    def _written(self, written: list[dict[str, Any]], errors: Iterable, progress: Progress | None = None
                 ) -> IngestReport:
        report = IngestReport()
        for err in errors:
            report.failed.append({"path": err.path, "reason": err.reason})
        report.ingested.extend(written)
        for w in written:
            if w["status"] == "failed":
                report.failed.append({"path": w["source"], "reason": w["reason"]})
            elif w["status"] in ("unchanged", "duplicate"):
                report.skipped.append(w["source"])
        try:  # always, "unchanged" included: a run stopped after its writes left derived data behind
            if progress is None:
                report.derived = self.catch_up()
            else:  # text searchable first, then the vectors with their own progress
                deferred, self.defer_encoding = self.defer_encoding, True
                try:
                    report.derived = self.catch_up()
                    encoded = self.finish_encoding(lambda done, total: progress("units", done, total))
                finally:
                    self.defer_encoding = deferred
                if encoded:
                    report.derived["encoded"] = encoded
        except Exception as exc:  # noqa: BLE001 - logged: one line for a store failure, else with its traceback
            _log_failure("catching derived data up failed", exc)
            report.notices.append(f"search index and checks not yet level with the store ({type(exc).__name__}: "
                                  f"{exc}); the next ingest or serve start catches up")
        return report

    def after_change(self, doc_iris: list[str]) -> None:
        """Refresh what depends on changed documents (the search index, the checks): a catch-up with the
        store's change records, which finds these documents and anything else left behind."""
        self.catch_up()

    def catch_up(self, checks: bool = True) -> dict[str, Any]:
        """Bring the search index, the checks and the citation links level with the store (new, changed and
        removed documents, whatever stopped before); what it did. Cheap when all is level: the saved index
        is compared by its meta file, not loaded. ``checks=False`` leaves the checks for a later call."""
        from policykg.search.consistency import checks_matcher
        from policykg.search.derived import catch_up
        from policykg.search.index import SearchIndex

        indexed = self._index.documents if self._index is not None else SearchIndex.saved_documents(
            self.settings.data_dir)
        return catch_up(self.kg, lambda: self.index, indexed, lambda: checks_matcher(self), checks=checks)

    def finish_encoding(self, progress: Callable[[int, int], None] | None = None) -> int:
        """Encode the search units an index opened with ``defer_encoding`` holds without vectors, then join
        the dense side (and save the index); ``progress(done, total)`` per chunk. The number encoded."""
        index = self._index
        if index is None or index.vectors is not None:
            return 0
        encoded = index.encode_pending(progress)
        index.attach_vectors()
        return encoded

    def lag(self) -> dict[str, Any]:
        """How far the derived data is behind the store (counts; ``level`` when current)."""
        from policykg.search.derived import lag
        from policykg.search.index import SearchIndex

        indexed = self._index.documents if self._index is not None else SearchIndex.saved_documents(
            self.settings.data_dir)
        return lag(self.kg, indexed)[0].to_json()

    def start_catching_up(self, every_s: float, exclusive: Any) -> threading.Thread | None:
        """Catch derived data up every ``every_s`` seconds in a daemon thread, inside ``exclusive()`` (the
        server's write lock) and only when something lags; None when ``every_s`` is 0."""
        if every_s <= 0:
            return None

        def loop() -> None:
            import time

            while True:
                time.sleep(every_s)
                try:
                    if not self.lag()["level"]:
                        with exclusive():
                            self.catch_up()
                except Exception as exc:  # noqa: BLE001 - logged as above; the loop goes on
                    _log_failure("periodic catch-up failed", exc)

        thread = threading.Thread(target=loop, name="policykg-catch-up", daemon=True)
        thread.start()
        return thread


def _log_failure(what: str, exc: Exception) -> None:
    """A store that went away or refused is an expected condition: one line; anything else keeps its traceback."""
    import logging

    from policykg.graph.store import StoreError

    log = logging.getLogger(__name__)
    if isinstance(exc, StoreError):
        log.warning("%s: %s", what, exc)
    else:
        log.exception(what)
