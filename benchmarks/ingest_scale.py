"""Parse cost against document size: CPU seconds per MB (and peak memory) for one text of 1, 4, 16, 64 MB.

The text is real corpus text (the .txt files of corpus/documents, concatenated in a fixed order and
repeated to the size), parsed stage by stage (read + layout + metadata, then each extractor), each size in
a fresh process so that its peak RSS is its own. The per-file limits of bytes and characters are raised for
the run (1 MB of this text is about 340,000 characters: 16 MB is 5,400,000 and 64 MB 21,700,000, against
the default of 3,000,000, which ingest refuses for their length); the last column says which of the
defaults each size passes (characters, CPU seconds, worker memory against the peak RSS).
Linear cost shows as a flat CPU-s per MB column. Issue 15 measured before its fixes: 4 / 8 / 16 MB ->
6.4 / 21 / 86 CPU-s (quadratic). Usage: python benchmarks/ingest_scale.py [--sizes 1,4,16,64]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")

from policykg.ingest import pipeline
from policykg.ingest.limits import DEFAULT_LIMITS, Limits, MiB

ROOT = Path(__file__).resolve().parents[1]
UNLIMITED = Limits(max_file_bytes=1 << 34, max_chars=1 << 34, workers=0)


def corpus_text(megabytes: float) -> bytes:
    """Corpus .txt files joined and repeated to ``megabytes`` of UTF-8."""
    parts = [p.read_bytes() for p in sorted((ROOT / "corpus" / "documents").rglob("*.txt"))]
    block = b"\n\n".join(parts)
    want = int(megabytes * 1_000_000)
    return (block * (want // len(block) + 1))[:want].rsplit(b"\n", 1)[0]


def _cpu(fn, *args):  # type: ignore[no-untyped-def]
    started = time.process_time()
    result = fn(*args)
    return time.process_time() - started, result


def measure(megabytes: float) -> dict[str, float]:
    """CPU seconds of each stage for one document of ``megabytes``, its characters and this process's peak RSS."""
    import importlib

    pipeline.parse_bytes(corpus_text(0.05), "warm.txt", None, True, UNLIMITED)  # dictionaries, gazetteer
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    data = corpus_text(megabytes)
    layout_s, doc = _cpu(pipeline.parse_bytes, data, "big.txt", None, False, UNLIMITED)
    out = {"MB": len(data) / 1e6, "chars": len(doc.text), "read+layout+metadata": layout_s}
    for name, module, func in (("obligations", "policykg.ingest.extract.obligations", "extract_obligations"),
                               ("citations", "policykg.ingest.extract.citations", "extract_citations")):
        fn = getattr(importlib.import_module(module), func)
        out[name], _ = _cpu(lambda f=fn: tuple(f(doc)))
    out["total"] = sum(v for k, v in out.items() if k not in ("MB", "chars"))
    out["rss_before_MiB"] = rss_before
    out["peak_rss_MiB"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return out


def main() -> None:
    """Print CPU-s, CPU-s per MB and peak RSS per size, each size measured in its own process."""
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", default="1,4,16,64")
    ap.add_argument("--one", type=float, help=argparse.SUPPRESS)  # measure one size here, print JSON
    args = ap.parse_args()
    if args.one:
        print(json.dumps(measure(args.one)))
        return
    print(f"ingest defaults: max_file_bytes {DEFAULT_LIMITS.describe_bytes(DEFAULT_LIMITS.max_file_bytes)}, "
          f"max_chars {DEFAULT_LIMITS.max_chars:,}, cpu_seconds {DEFAULT_LIMITS.cpu_seconds:g}, "
          f"memory {DEFAULT_LIMITS.describe_bytes(DEFAULT_LIMITS.memory_bytes)}; raised for this run")
    print(f"{'MB':>6} {'chars':>11} {'read+layout':>12} {'obligations':>12} {'citations':>10} {'total':>8} "
          f"{'CPU-s/MB':>9} {'peak RSS':>9} {'MiB/MB':>7}  default limits")
    for mb in (float(s) for s in args.sizes.split(",")):
        done = subprocess.run([sys.executable, __file__, "--one", str(mb)], capture_output=True, text=True,
                              check=False)
        if done.returncode != 0:
            print(f"{mb:6.1f} failed: {done.stderr.strip().splitlines()[-1:]}", flush=True)
            continue
        r = json.loads(done.stdout.strip().splitlines()[-1])
        over = [name for name, hit in (
            ("max_chars", r["chars"] > DEFAULT_LIMITS.max_chars),
            ("cpu_seconds", r["total"] > DEFAULT_LIMITS.cpu_seconds),
            ("memory", r["peak_rss_MiB"] * MiB > DEFAULT_LIMITS.memory_bytes)) if hit]
        verdict = "over " + ", ".join(over) if over else "within"
        print(f"{r['MB']:6.1f} {r['chars']:11,} {r['read+layout+metadata']:12.2f} {r['obligations']:12.2f} "
              f"{r['citations']:10.2f} {r['total']:8.2f} {r['total'] / r['MB']:9.2f} {r['peak_rss_MiB']:9.0f} "
              f"{(r['peak_rss_MiB'] - r['rss_before_MiB']) / r['MB']:7.1f}  {verdict}", flush=True)


if __name__ == "__main__":
    main()
