"""Parsing speed of the ingest stage (read + layout + metadata, then the extractors) over corpus/.

Prints steady-state CPU milliseconds per document and documents/s on one core for each stage, and the
one-time startup cost (imports, dictionary and gazetteer loads, jieba) apart, against the figures of
the code before the issue-2 speed work (BASELINE) and the issue's target (>= 50 documents/s).
CPU time (``time.process_time``) is used because the machine is shared; each stage is the best of
``--repeat`` passes. Usage: python benchmarks/ingest_parse.py [PATH ...] [--repeat N]
"""

from __future__ import annotations

import argparse
import os
import time
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")
_T_IMPORT = time.process_time()

from policykg.ingest import pipeline
from policykg.ingest.model import IngestError
from policykg.ingest.pipeline import iter_files, parse_file

TARGET_DOCS_PER_S = 50.0
ROOT = Path(__file__).resolve().parents[1]
# corpus/documents (112 files), commit 329802c, this 2-core machine: CPU ms per document and startup CPU s
BASELINE = {"layout": 2.67, "extract": 13.04, "total": 15.72, "startup": 1.07}


def _loaders() -> list[tuple[str, object]]:
    """The one-time loads, by name; each is cached after its first call."""
    from policykg.ingest.extract import agencies, citations, sitetypes
    from policykg.ingest.extract.regions import Gazetteer

    out: list[tuple[str, object]] = [("gazetteer", Gazetteer.load), ("agency dictionary", agencies.load_dictionary),
                                     ("site types", sitetypes.load_site_types), ("citation cues", citations.cue_table)]
    if hasattr(agencies, "_tokenizer"):
        out.append(("jieba + user dictionary", agencies._tokenizer))
    return out


def _cpu(fn, *args):  # type: ignore[no-untyped-def]
    t = time.process_time()
    result = fn(*args)
    return time.process_time() - t, result


def _vs(now: float, base: float, unit: str = "ms") -> str:
    return f"{now:7.2f} {unit}  (baseline {base:.2f} {unit}, x{base / now:.2f})" if now else f"{now:.2f} {unit}"


def main() -> None:
    """Run the benchmark and print its figures."""
    ap = argparse.ArgumentParser()
    ap.add_argument("paths", nargs="*", default=[str(ROOT / "corpus" / "documents")])
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    import_s = time.process_time() - _T_IMPORT
    files = iter_files(args.paths)
    n, size = len(files), sum(f.stat().st_size for f in files)

    loads = [(name, _cpu(fn)[0]) for name, fn in _loaders()]
    first_s, _ = _cpu(lambda: [parse_file(f) for f in files])  # what the named loads did not cover
    layout_s = extract_s = float("inf")
    docs, failed = [], []
    for _ in range(args.repeat):
        docs, failed, lay, ext = [], [], 0.0, 0.0
        for f in files:
            try:
                dt, doc = _cpu(parse_file, f, None, False)
                lay += dt
                dt, doc = _cpu(pipeline._run_extractors, doc)
                ext += dt
                docs.append(doc)
            except IngestError as e:  # reported below; the rest still counts
                failed.append(e)
        layout_s, extract_s = min(layout_s, lay), min(extract_s, ext)
    total_s = layout_s + extract_s
    first_extra = max(0.0, first_s - total_s)
    startup = import_s + sum(s for _n, s in loads) + first_extra

    print(f"files: {n}  parsed: {len(docs)}  failed: {len(failed)}  size: {size / 1e6:.2f} MB  "
          f"obligations: {sum(len(d.obligations) for d in docs)}  citations: {sum(len(d.citations) for d in docs)}")
    for e in failed:
        print(f"  failed: {e}")
    print(f"steady state, CPU per document (best of {args.repeat}):")
    for label, secs, key in (("read+layout+metadata", layout_s, "layout"), ("extractors (obligations, citations)",
                                                                              extract_s, "extract"),
                             ("full parse", total_s, "total")):
        ms = secs * 1000 / n
        print(f"  {label:38s} {_vs(ms, BASELINE[key])}  {n / secs:7.1f} docs/s  {size / 1e6 / secs:5.2f} MB/s")
    print("one-time startup (CPU, once per process):")
    print(f"  {'imports':38s} {import_s * 1000:7.0f} ms")
    for name, s in loads:
        print(f"  {name:38s} {s * 1000:7.0f} ms")
    print(f"  {'other first-pass work':38s} {first_extra * 1000:7.0f} ms")
    print(f"  {'total':38s} {_vs(startup, BASELINE['startup'], 's')}")
    rate = n / total_s
    print(f"full parse: {rate:.1f} docs/s on one core (target >= {TARGET_DOCS_PER_S:.0f} docs/s: "
          f"{'met' if rate >= TARGET_DOCS_PER_S else 'NOT met'})")


if __name__ == "__main__":
    main()
