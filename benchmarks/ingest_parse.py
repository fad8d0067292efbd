"""Parsing speed of the ingest stage (read + layout + metadata + extractors) over corpus/.

Prints documents/s and MB/s on one core, and how many files failed, against the target of the
foundation issue (>= 50 documents/s). Usage: python benchmarks/ingest_parse.py [PATH ...] [--repeat N]
"""

from __future__ import annotations

import argparse
import os
import time
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")

from policykg.ingest.extract.regions import Gazetteer
from policykg.ingest.pipeline import iter_files, parse_paths

BASELINE_DOCS_PER_S = 50.0
ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    """Run the benchmark and print its figures."""
    ap = argparse.ArgumentParser()
    ap.add_argument("paths", nargs="*", default=[str(ROOT / "corpus" / "documents")])
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    files = iter_files(args.paths)
    size = sum(f.stat().st_size for f in files)
    t0 = time.perf_counter()
    Gazetteer.load()
    load_s = time.perf_counter() - t0
    n = len(files)
    base = float("inf")
    for _ in range(args.repeat):
        t = time.perf_counter()
        parse_paths(args.paths, extractors=False)
        base = min(base, time.perf_counter() - t)
    best = float("inf")
    for _ in range(args.repeat):
        t = time.perf_counter()
        docs, errors = parse_paths(args.paths)
        best = min(best, time.perf_counter() - t)
    print(f"files: {n}  parsed: {len(docs)}  failed: {len(errors)}  size: {size / 1e6:.2f} MB")
    for e in errors:
        print(f"  failed: {e}")
    print(f"gazetteer load (once per process): {load_s * 1000:.0f} ms")
    print(f"read+layout+metadata only (best of {args.repeat}): {base:.2f} s  {n / base:.1f} docs/s  "
          f"{size / 1e6 / base:.2f} MB/s")
    print(f"full parse incl. obligation/citation extractors (best of {args.repeat}): {best:.2f} s  {n / best:.1f} docs/s  {size / 1e6 / best:.2f} MB/s"
          f"  (target >= {BASELINE_DOCS_PER_S:.0f} docs/s: {'met' if n / best >= BASELINE_DOCS_PER_S else 'NOT met'})")


if __name__ == "__main__":
    main()
