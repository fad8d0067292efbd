"""Parse files in worker processes that can be stopped: one file's CPU time and memory are bounded.

A worker parses one file at a time. The parent watches each worker's CPU time (``/proc``; elsewhere
the wall clock) and kills a worker whose file runs past ``Limits.cpu_seconds``: that file fails with
the reason, a fresh worker takes the next one. Each worker caps its own data memory
(``RLIMIT_DATA``), so a file that needs more fails with MemoryError instead of taking the machine.
Results come back as files finish, in file order where that costs nothing: a result waits for the
files before it only while fewer than ``window`` others are waiting, so one slow file delays itself.
"""

from __future__ import annotations

import contextlib
import dataclasses
import gc
import json
import os
import pickle
import struct
import subprocess
import sys
import threading
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from multiprocessing.connection import wait
from pathlib import Path
from typing import IO, Any

from policykg.ingest.limits import Limits
from policykg.ingest.model import Document, IngestError

POLL_S = 0.25
STARTUP_S = 120.0  # a worker's start (imports, dictionaries) must not take longer than this
# a fresh worker's first file may also pay for a dictionary that only some texts load (jieba's POS tables)
FIRST_FILE_GRACE_S = 15.0
# a short notice touching every dictionary the extractors load lazily (regions, agencies, citations, sites)
WARM_UP = ("上海市浦东新区人民政府文件\n浦府发〔2020〕3号\n关于加强消防安全工作的通知\n各街道办事处、各镇人民政府：\n"
           "根据《中华人民共和国消防法》（主席令第6号）要求，现通知如下：\n一、工作目标\n"
           "区消防救援支队、区应急管理局负责于2024年12月底前完成高层建筑、学校、医院的检查，覆盖率达到100%。\n"
           "附件：检查清单\n浦东新区人民政府\n2020年3月1日\n")
# Python's cyclic collector while files are parsed and mapped (in a worker, and in the parent's ingest loop,
# graph/kg.py): parsing allocates millions of short-lived objects, so at the default thresholds (700, 10, 10)
# it ran ~1,500 times per 100 documents and fully every ~70, each full pass walking the loaded dictionaries and
# the write batch: 1.7 ms/doc of CPU at 1,000-2,000 documents, 0.6 with these (benchmarks/ingest.py). A young
# generation of 100,000 (not 20,000) halves the middle generation's passes, each of which walked what the
# chunk's documents and triples had built (1,000 documents, gc.callbacks: 0.93-1.00 -> 0.72-0.75 ms/doc, the
# middle generation 0.22 -> 0.04); a full pass still comes every 40M allocations
GC_THRESHOLD = (100_000, 20, 20)


def _raised(threshold: tuple[int, ...]) -> tuple[int, ...]:
    """``threshold`` raised to GC_THRESHOLD, never lowered."""
    return tuple(max(a, b) for a, b in zip(threshold, GC_THRESHOLD))


@contextlib.contextmanager
def fewer_collections() -> Iterator[None]:
    """Run the block with the collector at GC_THRESHOLD (never lower than it was), then restore it."""
    before = gc.get_threshold()
    gc.set_threshold(*_raised(before))
    try:
        yield
    finally:
        gc.set_threshold(*before)

# a worker that does not answer to this many times its CPU budget in wall time is killed as well (a file
# stuck in I/O, or a machine so loaded that CPU time hardly moves)
WALL_FACTOR = 4.0


@dataclass(frozen=True)
class ParseTask:
    """One file to parse: from its path, or from bytes already in memory (an upload) under a path."""

    path: str
    data: bytes | None = None
    display_name: str | None = None


def _limit_memory(limit: int) -> None:
    try:
        import resource

        _soft, hard = resource.getrlimit(resource.RLIMIT_DATA)
        if hard == resource.RLIM_INFINITY or hard > limit:
            resource.setrlimit(resource.RLIMIT_DATA, (limit, hard))
    except (ImportError, ValueError, OSError):  # not on this platform: the CPU limit still holds
        pass


def _send(out: IO[bytes], obj: Any) -> None:
    data = pickle.dumps(obj, protocol=pickle.HIGHEST_PROTOCOL)
    out.write(struct.pack("<Q", len(data)) + data)
    out.flush()


def _recv(inp: IO[bytes]) -> Any:
    head = inp.read(8)
    if len(head) < 8:
        raise EOFError("worker pipe closed")
    (size,) = struct.unpack("<Q", head)
    data = inp.read(size)
    if len(data) < size:
        raise EOFError("worker pipe closed")
    return pickle.loads(data)


def _worker(limits: Limits) -> None:
    """Parse what the parent sends until it sends None; answer each task with a Document or an IngestError.
    Runs as ``python -m policykg.ingest.workers`` (a fresh interpreter: the parent's threads and
    ``__main__`` stay out of it), speaking length-prefixed pickles on stdin and stdout."""
    from policykg.ingest.pipeline import parse_bytes, parse_file

    inp, out = sys.stdin.buffer, sys.stdout.buffer
    sys.stdout = sys.stderr  # a stray print must not corrupt the pipe
    _limit_memory(limits.memory_bytes)
    try:  # load dictionaries and gazetteers now, so that no file's CPU budget pays for them
        parse_bytes(WARM_UP.encode("utf-8"), "warm-up.txt")
    except IngestError:
        pass
    gc.collect()
    gc.freeze()  # the loaded dictionaries live as long as the worker: no collection need walk them again
    gc.set_threshold(*_raised(gc.get_threshold()))
    _send(out, "ready")
    while True:
        try:
            task = _recv(inp)
        except (EOFError, OSError):
            return
        if task is None:
            return
        try:
            if task.data is not None:
                result: Any = parse_bytes(task.data, task.path, task.display_name, limits=limits)
            else:
                result = parse_file(task.path, task.display_name, limits=limits)
        except IngestError as e:
            result = (e.path, e.reason)  # an exception with a custom __init__ does not unpickle
        except BaseException as e:  # noqa: BLE001 - MemoryError outside the parse, KeyboardInterrupt
            result = (task.path, f"parse failed: {type(e).__name__}")
        try:
            _send(out, result)
        except Exception as e:  # noqa: BLE001 - a result that cannot be sent is the file's error
            result = (task.path, f"parse result could not be returned: {type(e).__name__}")
            _send(out, result)
        if isinstance(result, tuple) and "MemoryError" in result[1]:
            return  # after running out of memory the process may be in a bad state: start afresh


def process_cpu_seconds(pid: int) -> float | None:
    """User + system CPU time of a process from /proc, or None where there is no /proc."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as fh:
            fields = fh.read().rsplit(b")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, IndexError, ValueError):
        return None


@dataclass
class _Slot:
    process: subprocess.Popen
    ready: bool = False
    first: bool = True  # no file parsed yet
    task: ParseTask | None = None
    index: int = -1
    started_cpu: float | None = None
    started_wall: float = 0.0

    @property
    def conn(self) -> IO[bytes]:
        assert self.process.stdout is not None
        return self.process.stdout

    def alive(self) -> bool:
        return self.process.poll() is None

    def send(self, obj: Any) -> None:
        assert self.process.stdin is not None
        _send(self.process.stdin, obj)


class ParsePool:
    """Worker processes parsing files under ``Limits``; ``parse`` yields results as they finish."""

    def __init__(self, limits: Limits):
        self.limits = limits
        self._slots: list[_Slot] = []
        self._lock = threading.Lock()  # one parse at a time per pool (an upload waits for an ingest's files)

    def worker_pids(self) -> list[int]:
        """Process ids of the live workers (for measuring them: CPU time and memory from ``/proc``)."""
        return [slot.process.pid for slot in self._slots if slot.alive()]

    def _start(self) -> _Slot:
        # a fresh interpreter, never a fork: a server's threads (store, encoder) must not be copied mid-use
        process = subprocess.Popen(
            [sys.executable, "-m", "policykg.ingest.workers", json.dumps(dataclasses.asdict(self.limits))],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, env={**os.environ, "OMP_NUM_THREADS": "1"})
        return _Slot(process)

    def _stop(self, slot: _Slot) -> None:
        if slot.alive():
            slot.process.kill()
        slot.process.wait(5)
        for pipe in (slot.process.stdin, slot.process.stdout):
            if pipe is not None:
                pipe.close()

    def close(self) -> None:
        """Stop every worker."""
        for slot in self._slots:
            try:
                slot.send(None)
            except OSError:
                pass
        for slot in self._slots:
            try:
                slot.process.wait(2)
            except subprocess.TimeoutExpired:
                pass
            self._stop(slot)
        self._slots = []

    def parse(self, tasks: Iterable[ParseTask], window: int = 64) -> Iterator[tuple[int, Document | IngestError]]:
        """(position, Document or IngestError) for every task; never raises for one file's sake."""
        with self._lock:
            try:
                yield from self._parse(list(tasks), window)
            finally:  # left early (the caller stopped reading): workers still busy would answer the wrong task
                for slot in self._slots:
                    if slot.task is not None:
                        slot.task = None
                        self._replace(slot)

    def _parse(self, tasks: list[ParseTask], window: int) -> Iterator[tuple[int, Document | IngestError]]:
        todo = list(enumerate(tasks))
        todo.reverse()
        count = len(todo)
        wanted = max(1, min(self.limits.workers, count))
        while len(self._slots) < wanted:
            self._slots.append(self._start())
        done: dict[int, Document | IngestError] = {}
        next_out = 0
        while next_out < count:
            for slot in self._slots:
                if slot.task is None and todo:
                    self._assign(slot, *todo.pop())
            busy = [s for s in self._slots if s.task is not None]
            ready = wait([s.conn for s in busy], timeout=POLL_S) if busy else []
            for slot in busy:
                if slot.conn in ready:
                    done[slot.index] = self._receive(slot)
                else:
                    over = self._over_budget(slot)
                    if over is not None:
                        done[slot.index] = over
            while next_out in done:
                yield next_out, done.pop(next_out)
                next_out += 1
            if len(done) >= window:  # the file at the head is slow: let the others through
                for position in sorted(done):
                    yield position, done.pop(position)
            if not todo and not any(s.task for s in self._slots):
                for position in sorted(done):
                    yield position, done.pop(position)
                return

    def _assign(self, slot: _Slot, index: int, task: ParseTask) -> None:
        if not slot.alive():
            self._replace(slot)
        if not slot.ready:  # wait for its warm-up, so the CPU it spends on this file is the file's own
            try:
                slot.ready = bool(wait([slot.conn], timeout=STARTUP_S)) and _recv(slot.conn) == "ready"
            except Exception:  # noqa: BLE001 - it died starting; the task's reply will be EOF
                slot.ready = False
        slot.task, slot.index = task, index
        slot.started_cpu, slot.started_wall = process_cpu_seconds(slot.process.pid), time.monotonic()
        try:
            slot.send(task)
        except OSError:  # died since: its reply will be EOF, which names the file
            pass

    def _replace(self, slot: _Slot) -> None:
        self._stop(slot)
        slot.process, slot.ready, slot.first = self._start().process, False, True

    def _receive(self, slot: _Slot) -> Document | IngestError:
        task = slot.task
        assert task is not None
        slot.task, slot.first = None, False
        try:
            result = _recv(slot.conn)
        except Exception:  # noqa: BLE001 - the worker died (out of memory, crashed) or sent garbage
            self._replace(slot)
            return IngestError(task.path, "parse worker died (out of memory?)")
        if isinstance(result, tuple):
            if "MemoryError" in result[1]:
                self._replace(slot)  # the worker ends itself after running out of memory
                return IngestError(task.path, f"out of memory: over the limit of "
                                              f"{self.limits.describe_bytes(self.limits.memory_bytes)} per parse "
                                              f"worker ({result[1].rstrip(': ')})")
            return IngestError(*result)
        return result

    def _over_budget(self, slot: _Slot) -> IngestError | None:
        task = slot.task
        assert task is not None
        budget = self.limits.cpu_seconds
        grace = FIRST_FILE_GRACE_S if slot.first else 0.0
        if not slot.alive():
            slot.task = None
            self._replace(slot)
            return IngestError(task.path, "parse worker died (out of memory?)")
        cpu = process_cpu_seconds(slot.process.pid)
        wall = time.monotonic() - slot.started_wall
        used = cpu - slot.started_cpu if cpu is not None and slot.started_cpu is not None else wall
        if used <= budget + grace and wall <= (budget + grace) * WALL_FACTOR + 30:
            return None
        slot.task = None
        self._replace(slot)
        what = f"over the CPU limit of {budget:g} s" if used > budget + grace else f"no answer in {wall:.0f} s"
        return IngestError(task.path, f"parse stopped: {what} per file")


_pools: dict[Limits, ParsePool] = {}
_pools_lock = threading.Lock()


def pool_for(limits: Limits) -> ParsePool:
    """The process's pool for these limits, started on first use and kept (workers load dictionaries once)."""
    with _pools_lock:
        if limits not in _pools:
            _pools[limits] = ParsePool(limits)
        return _pools[limits]


def parse_tasks(tasks: list[ParseTask], limits: Limits) -> Iterator[tuple[int, Document | IngestError]]:
    """Parse tasks under ``limits``: in worker processes, or here when ``limits.workers`` is 0."""
    if limits.workers <= 0:
        from policykg.ingest.pipeline import parse_bytes, parse_file

        for i, task in enumerate(tasks):
            try:
                yield i, (parse_bytes(task.data, task.path, task.display_name, limits=limits)
                          if task.data is not None else parse_file(task.path, task.display_name, limits=limits))
            except IngestError as e:
                yield i, e
        return
    yield from pool_for(limits).parse(tasks)


def file_tasks(paths: Iterable[str | Path]) -> list[ParseTask]:
    """A task per file path."""
    return [ParseTask(str(p)) for p in paths]


if __name__ == "__main__":
    try:
        _worker(Limits(**json.loads(sys.argv[1])))
    except (BrokenPipeError, KeyboardInterrupt):  # the parent went away or stopped this worker
        pass
