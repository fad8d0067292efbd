"""Pre-started worker processes that run users' queries on a snapshot of the store.

A query past its time limit is stopped by killing its worker (a thread cannot be stopped: Oxigraph kept
burning CPU and memory after the 503), and a fresh worker takes its place. Workers read a RocksDB
checkpoint of the store (hard links, a few milliseconds), never the live store, which this process keeps
open for writing; the checkpoint is renewed when the store's files changed since it was taken. The caller
must not write while ``sync`` runs (the HTTP app holds its read lock), so a snapshot never shows half of
an ingest. Queries themselves run without that lock: a slow query no longer holds back an upload.
"""

from __future__ import annotations

import atexit
import json
import math
import os
import queue
import select
import shutil
import struct
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any, ClassVar

from policykg.graph.sparql_answer import Answer, QueryJob
from policykg.graph.sparql_guard import (
    SparqlMalformed,
    SparqlNotAcceptable,
    SparqlRefused,
    SparqlResources,
    SparqlTimeout,
    SparqlTooComplex,
)
from policykg.graph.sparql_worker import write_frame
from policykg.graph.store import OxigraphStore

ERRORS = {cls.__name__: cls for cls in (SparqlMalformed, SparqlTooComplex, SparqlRefused, SparqlNotAcceptable,
                                        SparqlResources)}
# a worker that kept this much more memory than it started with is replaced after its answer
RECYCLE_GROWTH_KIB = 256 * 1024
# a worker must be ready (Python, pyoxigraph and rdflib's grammar loaded) within this
START_TIMEOUT_S = 60.0
_LENGTH = struct.Struct(">I")


def _read_exact(fd: int, size: int) -> bytes | None:
    """``size`` bytes from a pipe, or None if it closes first."""
    chunks, left = [], size
    while left:
        chunk = os.read(fd, min(left, 1 << 20))
        if not chunk:
            return None
        chunks.append(chunk)
        left -= len(chunk)
    return b"".join(chunks)


def _readable(fd: int, seconds: float) -> bool:
    """Whether ``fd`` has data (or EOF) within ``seconds``; poll, since select() fails above fd 1023."""
    poller = select.poll()
    poller.register(fd, select.POLLIN | select.POLLHUP | select.POLLERR)
    return bool(poller.poll(max(0, math.ceil(seconds * 1000))))  # rounded up: a deadline is never cut short


class _Worker:
    """One worker process and what the pool knows of it."""

    def __init__(self, memory_mb: int):
        env = {**os.environ, "MALLOC_ARENA_MAX": "2", "OMP_NUM_THREADS": "1", "PYTHONUNBUFFERED": "0"}
        # unbuffered: poll() must see every byte that has arrived, none may wait in a Python buffer
        self.process = subprocess.Popen([sys.executable, "-m", "policykg.graph.sparql_worker", str(memory_mb)],
                                        stdin=subprocess.PIPE, stdout=subprocess.PIPE, env=env, bufsize=0)
        self.ready = False
        self.sandboxed = False
        self.snapshot: str | None = None
        self.start_rss_kib: int | None = None

    def read(self, deadline: float) -> bytes | None:
        """One frame that starts before ``deadline``; None when the time is up or the worker died."""
        fd = self.process.stdout.fileno()  # type: ignore[union-attr]
        left = deadline - time.monotonic()
        if left <= 0 or not _readable(fd, left):
            return None
        head = _read_exact(fd, _LENGTH.size)
        return None if head is None else _read_exact(fd, _LENGTH.unpack(head)[0])

    def wait_ready(self, deadline: float) -> bool:
        """Whether the worker finished starting before ``deadline``."""
        if not self.ready:
            frame = self.read(deadline)
            if frame is None:
                return False
            hello = json.loads(frame)
            self.ready, self.sandboxed = True, bool(hello.get("sandboxed"))
        return True

    def kill(self) -> None:
        """Stop the process now and reap it."""
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait()
        for stream in (self.process.stdin, self.process.stdout):
            if stream is not None:
                stream.close()


class QueryPool:
    """Worker processes for the queries of one on-disk Oxigraph store."""

    _shared: ClassVar[dict[Path, QueryPool]] = {}
    _shared_lock = threading.Lock()

    def __init__(self, store: OxigraphStore, size: int = 2, memory_mb: int = 1024):
        if store.path is None:
            raise ValueError("a query pool needs an on-disk store")
        self.store = store
        self.memory_mb = memory_mb
        self.root = store.path.with_name(store.path.name + ".sparql")
        shutil.rmtree(self.root, ignore_errors=True)  # snapshots left by a process that was killed
        self.root.mkdir(parents=True)
        self._lock = threading.Lock()
        self._fingerprint: tuple | None = None
        self._snapshot: Path | None = None
        self._serial = 0
        self._workers: list[_Worker] = []
        self._idle: queue.Queue[_Worker] = queue.Queue()
        for _ in range(size):
            self._add_worker()

    @classmethod
    def shared(cls, store: OxigraphStore, size: int = 2, memory_mb: int = 1024) -> QueryPool:
        """The pool of this store in this process, started on first use and stopped at exit."""
        with cls._shared_lock:
            pool = cls._shared.get(store.path)  # type: ignore[arg-type]
            if pool is None:
                pool = cls._shared[store.path] = cls(store, size, memory_mb)  # type: ignore[index]
                atexit.register(pool.close)
            return pool

    def _add_worker(self) -> None:
        worker = _Worker(self.memory_mb)
        with self._lock:
            self._workers.append(worker)
        self._idle.put(worker)

    def _retire(self, worker: _Worker) -> None:
        """Kill a worker and start its replacement."""
        worker.kill()
        with self._lock:
            if worker in self._workers:
                self._workers.remove(worker)
        self._add_worker()
        self._clean_snapshots()

    def _store_fingerprint(self) -> tuple:
        # every write appends to RocksDB's log or adds files, so a change of names or sizes means new data
        found = []
        with os.scandir(self.store.path) as entries:
            for e in entries:
                if not e.is_file() or e.name == "LOG" or e.name.startswith("LOG.old"):
                    continue
                try:
                    st = e.stat()
                except FileNotFoundError:  # deleted meanwhile by RocksDB's background compaction: a change too
                    continue
                found.append((e.name, st.st_size, st.st_mtime_ns))
        return tuple(sorted(found))

    def sync(self) -> None:
        """Take a new snapshot when the store changed since the last one. Call while nothing writes."""
        with self._lock:
            if self._snapshot is not None and self._store_fingerprint() == self._fingerprint:
                return
            self._serial += 1
            target = self.root / str(self._serial)
            self.store.snapshot(target)
            # after the snapshot: taking it flushes RocksDB's memory table, which changes the files
            self._fingerprint = self._store_fingerprint()
            self._snapshot = target
        self._clean_snapshots()

    def _clean_snapshots(self) -> None:
        """Delete snapshots that neither the pool nor any live worker uses."""
        with self._lock:
            keep = {str(self._snapshot)} | {w.snapshot for w in self._workers if w.snapshot}
            for path in self.root.iterdir():
                if str(path) not in keep:
                    shutil.rmtree(path, ignore_errors=True)

    def run(self, job: QueryJob, timeout: float) -> Answer:
        """Run ``job`` on a worker; SparqlTimeout past ``timeout`` (the worker is killed), SparqlResources
        when the worker ran out of memory or died, other SparqlErrors as the worker raised them."""
        deadline = time.monotonic() + timeout
        if self._snapshot is None:
            self.sync()
        while True:
            try:
                worker = self._idle.get(timeout=max(deadline - time.monotonic(), 0.001))
            except queue.Empty:
                raise SparqlTimeout(f"every query worker stayed busy for the time limit of {timeout:g} s; "
                                    "try again shortly") from None
            if worker.process.poll() is None:
                break
            self._retire(worker)  # died while idle (killed from outside)
        if not worker.wait_ready(time.monotonic() + START_TIMEOUT_S):
            self._retire(worker)
            raise SparqlResources("a query worker failed to start")
        deadline = time.monotonic() + timeout  # waiting for a worker to start is not the query's time
        with self._lock:
            worker.snapshot = str(self._snapshot)  # from now on that snapshot must stay
        try:
            write_frame(worker.process.stdin, json.dumps({"snapshot": worker.snapshot,  # type: ignore[arg-type]
                                                          "job": job.to_json()}).encode())
            worker.process.stdin.flush()  # type: ignore[union-attr]
            header_frame = worker.read(deadline)
            # the body follows its header at once
            body = worker.read(time.monotonic() + 60.0) if header_frame is not None else None
        except (BrokenPipeError, OSError):
            header_frame = body = None
        if header_frame is None or body is None:
            # the pipe closes a moment before the process can be reaped: EOF before the deadline is a death
            timed_out = time.monotonic() >= deadline
            if not timed_out:
                try:
                    worker.process.wait(5)
                except subprocess.TimeoutExpired:
                    pass
            self._retire(worker)
            if timed_out:
                raise SparqlTimeout(f"query exceeded the time limit of {timeout:g} s and was stopped; "
                                    "narrow the query or add a LIMIT")
            raise SparqlResources(f"the query stopped its worker process ({_death(worker)}); "
                                  "it most likely ran past the memory limit")
        return self._finish(worker, json.loads(header_frame), body)

    def _finish(self, worker: _Worker, header: dict[str, Any], body: bytes) -> Answer:
        worker.snapshot = header.get("snapshot")
        if worker.start_rss_kib is None:
            worker.start_rss_kib = header.get("rss_kib", 0)
        if header.get("rss_kib", 0) - worker.start_rss_kib > RECYCLE_GROWTH_KIB:
            self._retire(worker)  # memory back to idle after a large answer
        else:
            self._idle.put(worker)
            self._clean_snapshots()
        if not header["ok"]:
            raise ERRORS.get(header["error"], SparqlMalformed)(header["message"])
        return Answer(header["kind"], header["format"], body, header["rows"], header["truncated"],
                      header["warning"])

    def sandboxed(self) -> bool:
        """Whether the workers that started run without network access (False on non-Linux machines)."""
        with self._lock:
            ready = [w for w in self._workers if w.ready]
        return bool(ready) and all(w.sandboxed for w in ready)

    def worker_pids(self) -> list[int]:
        """Process ids of the live workers (for measurements)."""
        with self._lock:
            return [w.process.pid for w in self._workers]

    def close(self) -> None:
        """Stop every worker and delete the snapshots."""
        with self._lock:
            workers, self._workers = self._workers, []
        for worker in workers:
            worker.kill()
        shutil.rmtree(self.root, ignore_errors=True)
        with QueryPool._shared_lock:
            if QueryPool._shared.get(self.store.path) is self:  # type: ignore[arg-type]
                del QueryPool._shared[self.store.path]  # type: ignore[arg-type]


def _death(worker: _Worker) -> str:
    code = worker.process.returncode
    return f"signal {-code}" if code is not None and code < 0 else f"exit status {code}"
