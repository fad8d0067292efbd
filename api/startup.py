"""The start of a server: the bundled corpus ingested, made searchable and encoded in the background while
the server already answers, and the progress of it for ``/status``.

A first start writes the corpus in slices: after each, the new documents can be read and found by their
words. The search units are then encoded (the long part: minutes with e5-small on one core) into the
embedding cache chunk by chunk, and dense search joins at the end. ``first-start.json`` in the data
directory says whether the corpus ingest finished, so a server stopped half way resumes it: files
already written (same path and bytes) are not parsed again, and vectors already in the cache are not
encoded again.
"""

from __future__ import annotations

import json
import logging
import os
import sys
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import AbstractContextManager, nullcontext
from pathlib import Path
from typing import Any

from policykg.api.routes.messages import ingest_failure, start_failed
from policykg.api.service import Service
from policykg.api.settings import Settings

log = logging.getLogger(__name__)
MARKER = "first-start.json"
# a slice of the corpus ingest lasts at least this long, and at least this share of the time so far (the
# index update after a slice costs time in proportion to all units, so slices grow as the corpus does: at a half,
# the bundled corpus is written in ~7 slices instead of ~11, each the first documents searchable within seconds)
SLICE_S = 3.0
SLICE_SHARE = 0.5
PROGRESS_EVERY_S = 20.0  # how often the terminal of `serve` gets a line of the start's progress

PHASES = {"waiting": "等待服务启动", "rebuilding": "重建旧版本写入的文件", "opening": "打开检索索引",
          "ingesting": "导入内置文件", "checking": "一致性检查", "encoding": "编码检索单元（语义检索）",
          "ready": "就绪", "failed": "出错"}


class StartupProgress:
    """What the start of a server has done and is doing; read by request threads, written by one."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.phase = "waiting"
        self.started = time.time()
        self._phase_since = time.monotonic()
        self.finished: float | None = None
        self.counts = {"documents": [0, 0], "units": [0, 0]}  # done, total
        self._base = {"documents": 0, "units": 0}  # done before this run's rate was measured (resumed)
        self._since = {"documents": time.monotonic(), "units": time.monotonic()}
        self._until: dict[str, float] = {}  # when a step's count reached its total (its rate stops there)
        self.errors: list[dict[str, str]] = []  # {path, reason (English), code, message (Chinese)}
        self.resumed = False
        self.message = ""  # why the start failed, in English (programs and logs read it)
        self.message_zh = ""  # the same for the page, in Chinese

    @classmethod
    def ready(cls) -> StartupProgress:
        """The progress of a server that had nothing to do at start."""
        progress = cls()
        progress.enter("ready")
        return progress

    @property
    def running(self) -> bool:
        """Whether the start is still going on (writes wait for it)."""
        return self.phase not in ("ready", "failed")

    def enter(self, phase: str, message: str = "", message_zh: str = "") -> None:
        """Begin ``phase`` (one of PHASES)."""
        with self._lock:
            self.phase, self.message, self._phase_since = phase, message, time.monotonic()
            self.message_zh = message_zh
            if not self.running:
                self.finished = time.time()

    def start_counting(self, step: str, done: int, total: int) -> None:
        """``done`` of ``total`` for ``step`` ("documents" or "units") were done before this run: they count
        as done but not into the rate."""
        with self._lock:
            self.counts[step] = [done, total]
            self._base[step], self._since[step] = done, time.monotonic()
            self._until.pop(step, None)

    def count(self, step: str, done: int, total: int) -> None:
        """Progress of ``step``."""
        with self._lock:
            self.counts[step] = [done, total]
            if done >= total:
                self._until.setdefault(step, time.monotonic())

    def error(self, path: str, reason: str, message: str = "") -> None:
        """A file that could not be ingested (the start goes on): ``reason`` in English, its code and the
        Chinese ``message`` (by default the one of the reason) beside it."""
        code, known = ingest_failure(reason)
        with self._lock:
            self.errors.append({"path": path, "reason": reason, "code": code, "message": message or known})

    def _step_json(self, step: str) -> dict[str, Any]:
        done, total = self.counts[step]
        elapsed = self._until.get(step, time.monotonic()) - self._since[step]
        fresh = done - self._base[step]
        rate = fresh / elapsed if fresh > 0 and elapsed > 0 else None
        # a time left from the first few items says little (1 of 127 said 41 min): none before 2%, at least 3
        sure = fresh >= max(3, (total - self._base[step]) // 50)
        eta = (total - done) / rate if rate and sure and total >= done else None
        return {"done": done, "total": total, "rate_per_s": round(rate, 2) if rate else None,
                "eta_s": round(eta) if eta is not None else None}

    def to_json(self) -> dict[str, Any]:
        """The ``/status`` view of the start."""
        with self._lock:
            documents, units = self._step_json("documents"), self._step_json("units")
            current = {"ingesting": documents, "encoding": units}.get(self.phase)
            return {"phase": self.phase, "phase_label": PHASES.get(self.phase, self.phase), "running": self.running,
                    "message": self.message, "message_zh": self.message_zh, "resumed": self.resumed,
                    "started": _iso(self.started), "finished": _iso(self.finished) if self.finished else None,
                    "elapsed_s": round((self.finished or time.time()) - self.started, 1),
                    "phase_elapsed_s": round(time.monotonic() - self._phase_since, 1),
                    "rate_per_s": current["rate_per_s"] if current else None,
                    "eta_s": current["eta_s"] if current else None,
                    "documents": documents, "units": units, "errors": list(self.errors)}


def _iso(at: float) -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%S", time.localtime(at))


def _say(out: Any, text: str) -> None:
    print(text, file=out, flush=True)


def progress_line(status: dict[str, Any]) -> str:
    """One line of the start's progress for the terminal (the same figures as /status)."""
    step = {"ingesting": ("documents", "documents written"), "encoding": ("units", "search units encoded")}
    if status["phase"] not in step:
        return f"  progress: {status['phase']} ({status['phase_elapsed_s']:.0f} s)"
    key, label = step[status["phase"]]
    count = status[key]
    rate = f", {count['rate_per_s']}/s" if count["rate_per_s"] else ""
    left = f", about {_minutes(count['eta_s'])} left" if count["eta_s"] is not None else ""
    return f"  progress: {label} {count['done']}/{count['total']}{rate}{left}"


def _minutes(seconds: float) -> str:
    seconds = int(seconds)
    return f"{seconds} s" if seconds < 60 else f"{seconds // 60} min {seconds % 60:02d} s"


def report_progress(progress: StartupProgress, out: Any, stop: threading.Event,
                    every: float = PROGRESS_EVERY_S) -> None:
    """Print a progress line every ``every`` seconds until ``stop``: the terminal of `serve` is not silent for
    the minutes a first start takes (a line only when the phase or a count moved)."""
    last = None
    while not stop.wait(every):
        status = progress.to_json()
        moved = (status["phase"], status["documents"]["done"], status["units"]["done"])
        if moved != last:
            _say(out, progress_line(status))
            last = moved


def read_marker(data_dir: Path) -> dict[str, Any]:
    """The first-start record of a data directory ({} when there is none or it is unreadable)."""
    try:
        value = json.loads((Path(data_dir) / MARKER).read_text(encoding="utf-8"))
        return value if isinstance(value, dict) else {}
    except (OSError, ValueError):
        return {}


def _write_marker(data_dir: Path, **fields: Any) -> None:
    path = Path(data_dir) / MARKER
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(json.dumps({**read_marker(data_dir), **fields}, ensure_ascii=False), encoding="utf-8")
    os.replace(tmp, path)


def _written_digests(service: Service) -> set[str]:
    """The digest of every document the store holds: a corpus file whose digest (its bytes' SHA-256, or with a
    metadata sidecar that of both, ingest/sidecar.py) is one of them was written (by bytes, not path: the
    graph publishes paths relative to the folder ingested; a sidecar edited alone makes its file new)."""
    return {str(r["sha"]) for r in service.kg.select("SELECT DISTINCT ?sha WHERE { ?doc pkg:sha256 ?sha }")}


def _rebuild_outdated(service: Service, settings: Settings, out: Any, progress: StartupProgress) -> None:
    """Rebuild documents an older version of policykg wrote, from their files."""
    outdated = service.kg.outdated_sources()
    if not outdated:
        return
    progress.enter("rebuilding")
    # a file another machine ingested (shared store) or that moved is found by its name and bytes
    from policykg.graph.sources import locate_sources

    located = locate_sources(service.kg, outdated, [settings.corpus_dir / "documents",
                                                    settings.data_dir / "uploads"])
    found = [p for p in outdated if p in located]
    _say(out, f"{len(outdated)} documents were written by an older version of policykg: rebuilding "
              f"{len(found)} from their files …")
    for path in sorted(set(outdated) - set(found)):
        progress.error(path, "file gone: cannot rebuild, kept as it is")
        _say(out, f"  cannot rebuild (file gone, kept as it is): {path}")
    if found:
        report = service.ingest([located[p] for p in found])
        for failure in report.failed:
            progress.error(failure["path"], failure["reason"])
            _say(out, f"  failed: {failure['path']}: {failure['reason']}")


def _slices(results: Iterator[tuple[int, Any]], progress: StartupProgress, total: int, done: int
            ) -> Iterator[Iterator[tuple[int, Any]]]:
    """The parse results cut into slices of growing length; each slice counts the files it passes on."""
    started = time.monotonic()
    state = {"done": done, "exhausted": False}

    def one_slice(until: float) -> Iterator[tuple[int, Any]]:
        for item in results:
            state["done"] += 1
            progress.count("documents", state["done"], total)
            yield item
            if time.monotonic() >= until:
                return
        state["exhausted"] = True

    while not state["exhausted"]:
        now = time.monotonic()
        yield one_slice(now + max(SLICE_S, SLICE_SHARE * (now - started)))


def _ingest_corpus(service: Service, corpus: Path, out: Any, progress: StartupProgress,
                   exclusive: Callable[[], AbstractContextManager[Any]], opened: Future[Any]) -> None:
    """Ingest the corpus files not yet written, slice by slice, each slice searchable by its words at once
    (once the index is ``opened``: its encoder loads meanwhile)."""
    from policykg.graph.kg import COMPACT_AFTER
    from policykg.graph.store import OxigraphStore
    from policykg.ingest.pipeline import iter_files
    from policykg.ingest.sidecar import path_sha256

    files = iter_files([corpus])
    written = _written_digests(service)
    todo = [f for f in files if path_sha256(f) not in written]
    already = len(files) - len(todo)
    progress.resumed = already > 0
    progress.start_counting("documents", already, len(files))
    progress.enter("ingesting")
    _say(out, f"first start: ingesting {corpus} into {service.settings.data_dir} "
              f"({len(todo)} files{f', {already} written before' if already else ''}) …")
    started, added, failed = time.monotonic(), 0, 0
    results = service.parse_files(todo)
    try:
        for part in _slices(results, progress, len(files), already):
            report, errors = service.write_parsed(part, len(todo), [corpus])
            for err in errors:
                progress.error(str(err.path), err.reason)
            for entry in report:
                if entry.get("status") == "failed":
                    progress.error(str(entry["source"]), str(entry.get("reason", "")))
            added += sum(entry.get("status") in ("added", "replaced") for entry in report)
            failed += len(errors) + sum(entry.get("status") == "failed" for entry in report)
            opened.result()  # not under the lock: loading the encoder takes seconds
            with exclusive():  # the new documents become searchable by their words; cached answers go
                service.catch_up(checks=False)
    finally:
        results.close()
    if added >= COMPACT_AFTER and isinstance(service.kg.store, OxigraphStore):
        service.kg.store.optimize()  # slices skip the compaction one large ingest does
    for err in progress.errors:
        _say(out, f"  failed: {err['path']}: {err['reason']}")
    _say(out, f"ingested {added} documents, {failed} failed, in {time.monotonic() - started:.1f} s")


def first_start(service: Service, settings: Settings, out: Any = sys.stderr,
                progress: StartupProgress | None = None,
                exclusive: Callable[[], AbstractContextManager[Any]] | None = None) -> StartupProgress:
    """Ingest ``corpus/documents`` when the graph holds no document yet (or a first start stopped before it
    finished), rebuild documents an older version of policykg wrote, bring derived data level with the store,
    then encode the search units. ``exclusive()``: the server's write lock, held only while the searched
    structures change. Errors end in phase "failed" (logged), never in an exception."""
    progress = progress or StartupProgress()
    exclusive = exclusive or nullcontext
    service.defer_encoding = True  # text searchable at once, vectors after
    stop = threading.Event()
    threading.Thread(target=report_progress, args=(progress, out, stop), daemon=True,
                     name="policykg-start-progress").start()
    try:
        _rebuild_outdated(service, settings, out, progress)
        progress.enter("opening")
        # opened (or built from the store by its words) beside the corpus ingest: the encoder it loads for the
        # embedding cache costs seconds (e5-small: ~10 s) that the first documents need not wait for
        opening = ThreadPoolExecutor(1, thread_name_prefix="policykg-open-index")
        opened = opening.submit(lambda: service.index)
        opening.shutdown(wait=False)
        corpus = settings.corpus_dir / "documents"
        marker = read_marker(settings.data_dir)
        stored = len(service.kg.list_documents())
        progress.start_counting("documents", stored, stored)
        if marker.get("state") == "ingesting" or not stored:
            if not corpus.is_dir():
                _say(out, f"no documents yet and no corpus at {corpus}: serving an empty graph")
            else:
                _write_marker(settings.data_dir, state="ingesting", corpus=str(corpus),
                              started=marker.get("started") or _iso(time.time()))
                _ingest_corpus(service, corpus, out, progress, exclusive, opened)
                _write_marker(settings.data_dir, state="done", finished=_iso(time.time()))
        opened.result()
        progress.enter("checking")
        # whatever a stopped ingest, a crash or a deleted index left behind is brought level before serving
        with exclusive():
            done = service.catch_up(checks=False)
        # the checks write only their own graphs: reads go on meanwhile, cached answers go afterwards
        done.update(service.catch_up())
        with exclusive():
            pass
        if done:
            _say(out, f"derived data caught up with the store: {done}")
        index = service.index
        if index.vectors is None:
            progress.enter("encoding")
            _say(out, f"encoding {index.unencoded} search units (search answers by words meanwhile) …")
            encoding_started = time.monotonic()
            texts = len(set(index.vector_keys()))  # units of the same key (text, or span of a passage) share one
            before = texts - index.unencoded  # already in the embedding cache (a restart resumes there)
            progress.start_counting("units", before, texts)
            index.encode_pending(lambda n, _: progress.count("units", before + n, texts))
            with exclusive():
                index.attach_vectors()
            _say(out, f"encoded in {time.monotonic() - encoding_started:.1f} s: dense search joins")
        progress.enter("ready")
        _say(out, f"ready: {len(index.units)} search units, {index.mode} search")
    except Exception as exc:  # the server goes on serving what is there; /status says why
        log.exception("first start failed")
        progress.error("", f"{type(exc).__name__}: {exc}", start_failed(exc))
        progress.enter("failed", f"{type(exc).__name__}: {exc}", start_failed(exc))
        _say(out, f"start failed: {type(exc).__name__}: {exc}")
    finally:
        stop.set()
        service.defer_encoding = False
    return progress
