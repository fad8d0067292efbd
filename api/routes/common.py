"""What every route shares: the JSON error shape, the service handle, locks and document look-up."""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from fastapi import Request
from policykg.api.service import Service

ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    400: {"description": "Bad request: the detail says what is wrong",
          "content": {"application/json": {"example": {"error": "bad_request", "detail": "limit must be 1..100"}}}},
    404: {"description": "Not found",
          "content": {"application/json": {"example": {"error": "not_found",
                                                       "detail": "no document matches 'x.txt'"}}}},
}


class ApiError(Exception):
    """An error answered as JSON ``{error, detail}`` with its HTTP status."""

    def __init__(self, status: int, error: str, detail: Any):
        super().__init__(f"{status} {error}: {detail}")
        self.status = status
        self.error = error
        self.detail = detail


class ReadWriteLock:
    """Many readers at once, one writer alone: ingest must never interleave with a read or another ingest."""

    def __init__(self) -> None:
        self._cond = threading.Condition(threading.Lock())
        self._readers = 0
        self._writing = False
        self._waiting_writers = 0

    @contextmanager
    def read(self) -> Iterator[None]:
        """Hold a shared lock for one read."""
        with self._cond:
            # writers waiting go first, so a stream of reads cannot starve an upload
            while self._writing or self._waiting_writers:
                self._cond.wait()
            self._readers += 1
        try:
            yield
        finally:
            with self._cond:
                self._readers -= 1
                if not self._readers:
                    self._cond.notify_all()

    @contextmanager
    def write(self) -> Iterator[None]:
        """Hold the exclusive lock for one write."""
        with self._cond:
            self._waiting_writers += 1
            while self._writing or self._readers:
                self._cond.wait()
            self._waiting_writers -= 1
            self._writing = True
        try:
            yield
        finally:
            with self._cond:
                self._writing = False
                self._cond.notify_all()


def service_of(request: Request) -> Service:
    """The Service the app was created with."""
    return request.app.state.service


def lock_of(request: Request) -> ReadWriteLock:
    """The app's read/write lock."""
    return request.app.state.lock


def local_id(iri: str) -> str:
    """The last path segment of an IRI: the short id used in URLs of this API."""
    return iri.rstrip("/").rsplit("/", 1)[-1].rsplit("#", 1)[-1]


class ReadCache:
    """Answers of read-only graph calls, kept until the next write.

    The server is the store's only writer (an embedded store admits one process), and every write goes
    through the write lock, which clears this cache: so a cached answer is never stale.
    """

    def __init__(self, max_entries: int = 4096) -> None:
        self._entries: OrderedDict[tuple, Any] = OrderedDict()
        self._guard = threading.Lock()
        self.max_entries = max_entries

    def get(self, key: tuple, compute: Callable[[], Any]) -> Any:
        """The cached answer for ``key``, computing (outside the guard) and keeping it on a miss."""
        with self._guard:
            if key in self._entries:
                self._entries.move_to_end(key)
                return self._entries[key]
        value = compute()
        with self._guard:
            self._entries[key] = value
            while len(self._entries) > self.max_entries:
                self._entries.popitem(last=False)
        return value

    def clear(self) -> None:
        """Forget everything (after a write)."""
        with self._guard:
            self._entries.clear()


def cached(request: Request, key: tuple, compute: Callable[[], Any]) -> Any:
    """``compute()`` through the app's read cache."""
    return request.app.state.cache.get(key, compute)


def list_documents(request: Request) -> list[dict[str, Any]]:
    """Every document (the graph's list), through the read cache; callers must not mutate it."""
    return cached(request, ("list_documents",), service_of(request).kg.list_documents)


def document_json(request: Request, iri: str) -> dict[str, Any] | None:
    """The `show --json` of one document, through the read cache; callers must not mutate it."""
    return cached(request, ("document_json", iri), lambda: service_of(request).kg.document_json(iri))


def resolve_document(request: Request, ref: str) -> str:
    """The IRI of the document named by ``ref`` (short id, file name, 文号 or IRI), else 404."""
    kg = service_of(request).kg
    by_short_id = cached(request, ("short_ids",),
                         lambda: {local_id(str(d["iri"])): str(d["iri"]) for d in list_documents(request)})
    iri = by_short_id.get(ref) or cached(request, ("find_document", ref), lambda: kg.find_document(ref))
    if not iri:
        raise ApiError(404, "not_found", f"no document matches {ref!r}")
    return str(iri)


def int_param(value: int | None, name: str, low: int, high: int) -> None:
    """Reject an integer parameter outside [low, high] with a clear 400."""
    if value is not None and not low <= value <= high:
        raise ApiError(400, "bad_request", f"{name} must be between {low} and {high}, got {value}")
