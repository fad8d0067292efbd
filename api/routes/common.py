"""What every route shares: the JSON error shape, the service handle, locks and document look-up."""

from __future__ import annotations

import threading
from collections.abc import Iterator
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


class DocumentIds:
    """Short URL ids of documents (the IRI's last segment), rebuilt after every write."""

    def __init__(self) -> None:
        self._by_id: dict[str, str] | None = None
        self._guard = threading.Lock()

    def invalidate(self) -> None:
        """Forget the map; the next look-up rebuilds it from the graph."""
        with self._guard:
            self._by_id = None

    def lookup(self, service: Service, short: str) -> str | None:
        """The IRI whose short id is ``short``, if any."""
        with self._guard:
            if self._by_id is None:
                self._by_id = {local_id(str(d["iri"])): str(d["iri"]) for d in service.kg.list_documents()}
            return self._by_id.get(short)


def resolve_document(request: Request, ref: str) -> str:
    """The IRI of the document named by ``ref`` (short id, file name, 文号 or IRI), else 404."""
    iri = request.app.state.doc_ids.lookup(service_of(request), ref)
    if iri is None:
        iri = service_of(request).kg.find_document(ref)
    if not iri:
        raise ApiError(404, "not_found", f"no document matches {ref!r}")
    return str(iri)


def int_param(value: int | None, name: str, low: int, high: int) -> None:
    """Reject an integer parameter outside [low, high] with a clear 400."""
    if value is not None and not low <= value <= high:
        raise ApiError(400, "bad_request", f"{name} must be between {low} and {high}, got {value}")
