"""`policykg ingest PATH...`: one line per failed file, a summary, non-zero exit when any failed."""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

from policykg.api.service import Service
from policykg.api.settings import Settings


def run(args, settings: Settings) -> int:
    """Ingest files and folders into the data directory's graph."""
    service = Service(settings)
    paths, missing = [], []
    for raw in args.paths:
        (paths if Path(raw).exists() else missing).append(Path(raw))
    report = service.ingest(paths) if paths else None
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
