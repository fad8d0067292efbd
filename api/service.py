"""Wires the layers together for the command line and the HTTP app; no domain logic lives here.

Shared file: each layer's owner edits only the method that calls into their layer.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from policykg.api.settings import Settings


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
        # the first requests of a server arrive together: the graph and the index are opened once
        self._opening = threading.RLock()

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
                                                   fusion=self.settings.fusion)
        return self._index

    @property
    def serving_index(self):
        """The search index for the HTTP service: queries of concurrent requests are encoded together."""
        index = self.index
        index.batch_queries()
        return index

    def ingest(self, paths: list[Path]) -> IngestReport:
        """Parse files, write each document whole or not at all, then refresh index and checks."""
        written, errors = self.kg.ingest(paths, limits=self.settings.ingest_limits)
        return self._written(written, errors)

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

    def _written(self, written: list[dict[str, Any]], errors: list) -> IngestReport:
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
            report.derived = self.catch_up()
        except Exception as exc:
            import logging

            logging.getLogger(__name__).exception("catching derived data up failed")
            report.notices.append(f"search index and checks not yet level with the store ({type(exc).__name__}: "
                                  f"{exc}); the next ingest or serve start catches up")
        return report

    def after_change(self, doc_iris: list[str]) -> None:
        """Refresh what depends on changed documents (the search index, the checks): a catch-up with the
        store's change records, which finds these documents and anything else left behind."""
        self.catch_up()

    def catch_up(self) -> dict[str, Any]:
        """Bring the search index, the checks and the citation links level with the store (new, changed and
        removed documents, whatever stopped before); what it did. Cheap when all is level: the saved index
        is compared by its meta file, not loaded."""
        from policykg.search.consistency import checks_matcher
        from policykg.search.derived import catch_up
        from policykg.search.index import SearchIndex

        indexed = self._index.documents if self._index is not None else SearchIndex.saved_documents(
            self.settings.data_dir)
        return catch_up(self.kg, lambda: self.index, indexed, lambda: checks_matcher(self))

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
            import logging
            import time

            while True:
                time.sleep(every_s)
                try:
                    if not self.lag()["level"]:
                        with exclusive():
                            self.catch_up()
                except Exception:
                    logging.getLogger(__name__).exception("periodic catch-up failed")

        thread = threading.Thread(target=loop, name="policykg-catch-up", daemon=True)
        thread.start()
        return thread
