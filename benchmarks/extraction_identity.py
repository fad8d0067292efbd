"""Obligation extraction over the whole corpus: a canonical dump (for speed work) and its CPU time.

Every Obligation of every corpus document (the files ``benchmarks/extraction.py`` reads) is written with
all its fields (agencies, deadlines, targets, site types, rules) as one line, so that two runs can be
compared byte for byte: an optimisation must leave the dump identical. The CPU time of
``extract_obligations`` (``time.process_time``, documents parsed beforehand) is printed per document.

    .venv/bin/python benchmarks/extraction_identity.py --dump /tmp/obl.txt [--runs 3] [--profile N]
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")
sys.path.insert(0, str(Path(__file__).resolve().parent))

from _docs import ROOT, load_document
from extraction import corpus_files
from policykg.ingest.extract.obligations import extract_obligations
from policykg.ingest.model import IngestError


def load_corpus() -> list:
    """The parsed corpus documents (a file the reader rejects is left out, as in extraction.py)."""
    docs = []
    for p in corpus_files():
        try:
            docs.append(load_document(str(p.relative_to(ROOT))))
        except IngestError:
            pass
    return docs


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--dump", help="write the canonical dump here")
    ap.add_argument("--runs", type=int, default=1, help="timed passes over the corpus")
    ap.add_argument("--profile", type=int, default=0, help="print the top N cProfile lines (one pass)")
    args = ap.parse_args()
    docs = load_corpus()
    extract_obligations(docs[0])  # warm the dictionaries
    t0 = time.process_time()
    results = [extract_obligations(d) for d in docs]
    dt = time.process_time() - t0
    print(f"first pass (caches cold): {dt:.2f} CPU-s, {1000 * dt / len(docs):.1f} ms/doc")
    if args.dump:
        with open(args.dump, "w", encoding="utf-8") as f:
            for d, obs in zip(docs, results):
                f.write(f"## {d.path[len(str(ROOT)) + 1:] if d.path.startswith(str(ROOT)) else d.path}\n")
                f.writelines(repr(o) + "\n" for o in obs)
    for _ in range(args.runs):
        t0 = time.process_time()
        n = sum(len(extract_obligations(d)) for d in docs)
        dt = time.process_time() - t0
        print(f"again: {len(docs)} documents, {n} obligations: {dt:.2f} CPU-s, {1000 * dt / len(docs):.1f} ms/doc")
    if args.profile:
        import cProfile
        import pstats

        pr = cProfile.Profile()
        pr.enable()
        for d in docs:
            extract_obligations(d)
        pr.disable()
        pstats.Stats(pr).sort_stats("cumulative").print_stats(args.profile)
        pstats.Stats(pr).sort_stats("tottime").print_stats(args.profile)


if __name__ == "__main__":
    main()
