"""`policykg ingest PATH...`: progress on stderr (a bar on a terminal, plain lines otherwise), one line per
failed file, a summary, non-zero exit when any failed."""

from __future__ import annotations

import json
import os
import sys
import time
from collections import Counter
from pathlib import Path
from typing import IO, Any

from policykg.api.service import Service
from policykg.api.settings import Settings

STEPS = {"documents": ("parsed", "documents", "doc"), "units": ("encoded", "search units", "unit")}
LINE_EVERY_S = 10.0  # plain progress lines: at most one per step this often, besides every tenth


def on_terminal(stream: IO[str], env: dict[str, str] | None = None) -> bool:
    """Whether progress may redraw a bar: ``stream`` is a terminal and CI is not set."""
    env = dict(os.environ if env is None else env)
    ci = env.get("CI", "").strip().lower() not in ("", "0", "false", "no")
    return not ci and hasattr(stream, "isatty") and stream.isatty()


class Bars:
    """Progress as tqdm bars, one per step (documents parsed, then search units encoded)."""

    def __init__(self, stream: IO[str]):
        self.stream = stream
        self.bars: dict[str, Any] = {}

    def __call__(self, step: str, done: int, total: int) -> None:
        from tqdm import tqdm

        verb, noun, unit = STEPS.get(step, (step, "", ""))
        bar = self.bars.get(step)
        if bar is None:
            for other in self.bars.values():
                other.close()
            bar = self.bars[step] = tqdm(total=total, desc=f"{verb} {noun}".strip(), unit=unit, file=self.stream,
                                         dynamic_ncols=True, leave=True)
        bar.total = total
        bar.update(done - bar.n)

    def close(self) -> None:
        for bar in self.bars.values():
            bar.close()


class Lines:
    """Progress as plain lines (logs, CI): every tenth of a step, at most every LINE_EVERY_S, and its end."""

    def __init__(self, stream: IO[str]):
        self.stream = stream
        self.shown: dict[str, tuple[int, float]] = {}  # step -> (tenth, time) of the last line

    def __call__(self, step: str, done: int, total: int) -> None:
        verb, noun, _ = STEPS.get(step, (step, "", ""))
        tenth = 10 * done // total if total else 10
        last_tenth, last_at = self.shown.get(step, (-1, 0.0))
        now = time.monotonic()
        if done == total or tenth > last_tenth or now - last_at >= LINE_EVERY_S:
            if (tenth, done == total) == (last_tenth, True):
                return  # the end was said
            self.shown[step] = (tenth, now)
            print(f"{verb} {done}/{total} {noun}", file=self.stream, flush=True)

    def close(self) -> None:
        pass


def run(args, settings: Settings) -> int:
    """Ingest files and folders into the data directory's graph."""
    service = Service(settings)
    paths, missing = [], []
    for raw in args.paths:
        (paths if Path(raw).exists() else missing).append(Path(raw))
    progress = Bars(sys.stderr) if on_terminal(sys.stderr) else Lines(sys.stderr)
    try:
        report = service.ingest(paths, progress=progress) if paths else None
    finally:
        progress.close()
    failed = [{"path": str(p), "reason": "no such file or folder"} for p in missing]
    if report is not None:
        failed += report.failed
    entries = report.ingested if report is not None else []
    notices = report.notices if report is not None else []
    for notice in notices:
        print(f"warning: {notice}", file=sys.stderr)
    if getattr(args, "json", False):
        print(json.dumps({"documents": entries, "skipped": report.skipped if report else [], "failed": failed,
                          "derived": report.derived if report else {}}, ensure_ascii=False, indent=1))
    else:
        for f in failed:
            print(f"failed: {Path(f['path']).name}: {f['reason']}", file=sys.stderr)
        counts = Counter(e.get("status", "added") for e in entries)
        detail = ", ".join(f"{n} {s}" for s, n in sorted(counts.items()))
        print(f"{len(entries)} document{'s' if len(entries) != 1 else ''} read ({detail or 'none'}), "
              f"{len(failed)} file{'s' if len(failed) != 1 else ''} failed; data in {settings.data_dir}")
    return 1 if failed else 0
