"""Where this machine read each document's file: a table beside the store, never in the graph.

The graph publishes a document's source as a path relative to the folder it was ingested from
(``pkg:sourcePath``, see ``source_path``); the server's own absolute paths stay in this table. They decide
what "the same file" is: a file that now gives another document replaces the one it gave before, and two
files giving one document keep the first while it still exists. A store that several machines share has
one table on each; a document another machine wrote has no row here (graph/sources.py finds its file by
name and bytes).
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterable
from pathlib import Path

AT_ONCE = 500  # values per IN (…): SQLite allows 999 parameters in older builds


def source_path(file: str | Path, roots: Iterable[str | Path] = ()) -> str:
    """What the graph publishes as a file's source: its path under the deepest ingest root that holds it
    (``seeds/001.txt`` for ``corpus/documents/seeds/001.txt`` ingested as ``corpus/documents``), with ``/``
    between folders; the file name alone when no root holds it (a file named on its own, an upload)."""
    path = Path(file).resolve()
    best: Path | None = None
    for root in roots:
        root = Path(root).resolve()
        if root != path and path.is_relative_to(root) and (best is None or len(root.parts) > len(best.parts)):
            best = root
    return path.relative_to(best).as_posix() if best is not None else path.name


class SourceLocations:
    """Document IRI -> absolute path of the file this machine read it from (SQLite; in memory without a
    file). Safe to share between threads."""

    def __init__(self, file: Path | None = None):
        if file is not None:
            Path(file).parent.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(str(file) if file is not None else ":memory:", check_same_thread=False)
        self._lock = threading.Lock()
        with self._lock, self._db:
            self._db.execute("CREATE TABLE IF NOT EXISTS located (document TEXT PRIMARY KEY, path TEXT NOT NULL)")
            self._db.execute("CREATE INDEX IF NOT EXISTS located_path ON located (path)")

    def _rows(self, column: str, values: Iterable[str]) -> list[tuple[str, str]]:
        values = list(dict.fromkeys(values))
        rows: list[tuple[str, str]] = []
        with self._lock:
            for start in range(0, len(values), AT_ONCE):
                part = values[start:start + AT_ONCE]
                marks = ",".join("?" * len(part))
                rows += self._db.execute(f"SELECT document, path FROM located WHERE {column} IN ({marks})",
                                         part).fetchall()
        return rows

    def paths(self, documents: Iterable[str]) -> dict[str, str]:
        """The file each of these documents was read from, where this machine read it."""
        return dict(self._rows("document", documents))

    def documents_at(self, paths: Iterable[str]) -> dict[str, list[str]]:
        """The documents each of these files gave."""
        out: dict[str, list[str]] = {}
        for document, path in self._rows("path", paths):
            out.setdefault(path, []).append(document)
        return out

    def record(self, located: dict[str, str], removed: Iterable[str] = ()) -> None:
        """Remember where documents were read from, and forget documents that are gone."""
        with self._lock, self._db:
            self._db.executemany("DELETE FROM located WHERE document = ?", [(d,) for d in removed])
            self._db.executemany("INSERT OR REPLACE INTO located (document, path) VALUES (?, ?)",
                                 list(located.items()))

    def close(self) -> None:
        """Close the table."""
        with self._lock:
            self._db.close()
