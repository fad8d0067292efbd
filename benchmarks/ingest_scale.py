"""Parse cost against document size: CPU seconds per MB for one text of 1, 4, 16 (and 64) MB.

The text is real corpus text (the .txt files of corpus/documents, concatenated in a fixed order and
repeated to the size), parsed in this process with the limits raised, stage by stage (read + layout +
metadata, then each extractor). Linear cost shows as a flat CPU-s per MB column. Issue 15 measured before
its fixes: 4 / 8 / 16 MB -> 6.4 / 21 / 86 CPU-s (quadratic). Usage:
python benchmarks/ingest_scale.py [--sizes 1,4,16] [--with-64]
"""

from __future__ import annotations

import argparse
import os
import time
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")

from policykg.ingest import pipeline
from policykg.ingest.limits import Limits

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
    """CPU seconds of each stage for one document of ``megabytes``."""
    import importlib

    data = corpus_text(megabytes)
    layout_s, doc = _cpu(pipeline.parse_bytes, data, "big.txt", None, False, UNLIMITED)
    out = {"MB": len(data) / 1e6, "read+layout+metadata": layout_s}
    for name, module, func in (("obligations", "policykg.ingest.extract.obligations", "extract_obligations"),
                               ("citations", "policykg.ingest.extract.citations", "extract_citations")):
        fn = getattr(importlib.import_module(module), func)
        out[name], _ = _cpu(lambda f=fn: tuple(f(doc)))
    out["total"] = sum(v for k, v in out.items() if k != "MB")
    return out


def main() -> None:
    """Print CPU-s and CPU-s per MB per size."""
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", default="1,4,16")
    ap.add_argument("--with-64", action="store_true", help="add the 64 MB run (minutes)")
    args = ap.parse_args()
    sizes = [float(s) for s in args.sizes.split(",")] + ([64.0] if args.with_64 else [])
    pipeline.parse_bytes(corpus_text(0.05), "warm.txt", None, True, UNLIMITED)  # dictionaries, gazetteer
    print(f"{'MB':>6} {'read+layout':>12} {'obligations':>12} {'citations':>10} {'total':>8} {'CPU-s/MB':>9}")
    for mb in sizes:
        r = measure(mb)
        print(f"{r['MB']:6.1f} {r['read+layout+metadata']:12.2f} {r['obligations']:12.2f} {r['citations']:10.2f} "
              f"{r['total']:8.2f} {r['total'] / r['MB']:9.2f}", flush=True)


if __name__ == "__main__":
    main()
