"""Micro-batching of query encoding for a server: concurrent queries share one model call.

Encoding one e5-small query costs ~25 ms of one core, eight in one call ~12 ms each, and a model call
is mostly compute that cannot overlap on a busy machine. ``BatchingEncoder`` wraps any ``Encoder``:
a caller that finds a free slot encodes at once (a lone request waits for nothing); callers that
arrive while the slots are busy queue, and the first of them to find a slot free again encodes the
whole queue in one call. Every wait is bounded; a failed call fails each caller in it.
"""

from __future__ import annotations

import threading
import time
from collections import deque
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
from policykg.search.encoders import Encoder


class QueryEncodingError(RuntimeError):
    """The batch holding this caller's queries failed; the cause is the encoder's own exception."""


@dataclass(eq=False)
class _Job:
    """One caller's queries and, once its batch has run, their vectors or the batch's error."""

    texts: list[str]
    taken: bool = False
    vectors: np.ndarray | None = None
    error: BaseException | None = None
    done: threading.Event = field(default_factory=threading.Event)


class BatchingEncoder:
    """An ``Encoder`` whose ``encode_queries`` gathers concurrent callers into shared model calls.

    ``max_parallel`` model calls run at once (each on one thread); ``max_batch`` caps the texts of
    one call (a caller's own texts always go into the call it leads); ``timeout_s`` bounds how long
    a caller waits for its vectors before it gets a TimeoutError. Passages go straight through.
    """

    def __init__(self, inner: Encoder, max_batch: int = 32, max_parallel: int = 1, timeout_s: float = 30.0):
        if max_batch < 1 or max_parallel < 1 or timeout_s <= 0:
            raise ValueError("max_batch and max_parallel must be >= 1 and timeout_s > 0")
        self.inner = inner
        self.name, self.dim = inner.name, inner.dim
        self.max_batch, self.max_parallel, self.timeout_s = max_batch, max_parallel, timeout_s
        self._cond = threading.Condition(threading.Lock())
        self._pending: deque[_Job] = deque()
        self._running = 0
        self.calls = 0  # model calls made, and the callers they served (for tests and benchmarks)
        self.callers = 0

    @property
    def waiting(self) -> int:
        """Callers queued for a free slot now."""
        with self._cond:
            return len(self._pending)

    def encode_passages(self, texts: Sequence[str]) -> np.ndarray:
        """Vectors for passages: index building is one big batch already, so no gathering."""
        return self.inner.encode_passages(texts)

    def encode_queries(self, texts: Sequence[str]) -> np.ndarray:
        """Vectors for queries, encoded together with the queries of callers waiting at the same time."""
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        job = _Job(list(texts))
        deadline = time.monotonic() + self.timeout_s
        with self._cond:
            self._pending.append(job)
            while not job.taken:
                if self._running < self.max_parallel:
                    batch = self._take(job)
                    break
                left = deadline - time.monotonic()
                if left <= 0:
                    self._pending.remove(job)
                    raise TimeoutError(f"query encoding: no free encoder slot within {self.timeout_s:g} s "
                                       f"({len(self._pending)} callers queued)")
                self._cond.wait(left)
            else:
                batch = None
        if batch is not None:
            self._run(batch)
        elif not job.done.wait(max(0.0, deadline - time.monotonic())):
            raise TimeoutError(f"query encoding: the batch holding this query did not finish within "
                               f"{self.timeout_s:g} s")
        if job.error is not None:
            raise QueryEncodingError(f"encoding a batch of queries failed: {job.error!r}") from job.error
        assert job.vectors is not None
        return job.vectors

    def _take(self, leader: _Job) -> list[_Job]:
        """Under the lock: the leader's job first, then queued jobs in arrival order up to max_batch texts."""
        self._pending.remove(leader)
        batch, size = [leader], len(leader.texts)
        while self._pending and size + len(self._pending[0].texts) <= self.max_batch:
            job = self._pending.popleft()
            batch.append(job)
            size += len(job.texts)
        for job in batch:
            job.taken = True
        self._running += 1
        self.calls += 1
        self.callers += len(batch)
        return batch

    def _run(self, batch: list[_Job]) -> None:
        """One model call for the batch (texts asked twice are encoded once); results or error to each job."""
        try:
            unique = list(dict.fromkeys(t for job in batch for t in job.texts))
            vectors = np.asarray(self.inner.encode_queries(unique), dtype=np.float32)
            if vectors.shape != (len(unique), self.dim):
                raise ValueError(f"encoder returned shape {vectors.shape} for {len(unique)} queries")
            row = {text: i for i, text in enumerate(unique)}
            for job in batch:
                job.vectors = vectors[[row[t] for t in job.texts]]
        except BaseException as exc:  # every caller in the batch must hear of it, even on KeyboardInterrupt
            for job in batch:
                job.error = exc
            if not isinstance(exc, Exception):
                raise
        finally:
            for job in batch:
                job.done.set()
            with self._cond:
                self._running -= 1
                self._cond.notify_all()
