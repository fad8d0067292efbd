"""Obligation extraction over the whole corpus: a canonical dump (for speed work) and its CPU time.

Every Obligation of every corpus document (the files ``benchmarks/extraction.py`` reads) is written with
all its fields (agencies, deadlines, targets, site types, rules) as one line, so that two runs can be
compared byte for byte: an optimisation must leave the dump identical. The CPU time of
``extract_obligations`` (``time.process_time``, documents parsed beforehand) is printed per document.

    .venv/bin/python benchmarks/extraction_identity.py --dump /tmp/obl.txt [--runs 3] [--profile N]

``--against DIR`` compares with another version of the package, DIR holding ``policykg/`` (``git archive BASE ingest``
unpacked under DIR/policykg, the other folders linked), in one process: every document's obligations must be equal,
then each document is extracted by both versions in turn (order alternated, the collector off while timed) and the
minimum of ``--runs`` passes is printed. A per-process timing swings +-1-2 ms/doc on a shared machine; this resolves
~0.1 ms/doc.
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


def _package_modules() -> dict:
    return {k: m for k, m in sys.modules.items() if k == "policykg" or k.startswith("policykg.")}


def _other_version(root: str):
    """``extract_obligations`` of the package under ``root`` and its modules (imported apart from ours)."""
    ours = _package_modules()
    for k in ours:
        del sys.modules[k]
    sys.path.insert(0, root)
    try:
        from policykg.ingest.extract.obligations import extract_obligations as theirs_fn
        if not sys.modules["policykg.ingest.extract.obligations"].__file__.startswith(os.path.abspath(root)):
            raise SystemExit(f"{root} holds no policykg/ingest")
    finally:
        sys.path.remove(root)
    theirs = _package_modules()
    for k in theirs:
        del sys.modules[k]
    sys.modules.update(ours)
    return theirs_fn, theirs


def compare(docs: list, root: str, runs: int) -> None:
    """Both versions' obligations equal on every document, and their CPU time document by document."""
    import gc

    other, other_modules = _other_version(root)
    ours_modules = _package_modules()
    # (functions import some modules when called: each version runs with its own modules in place)
    versions = [(extract_obligations, ours_modules), (other, other_modules)]

    def run(k: int, doc) -> tuple:
        sys.modules.update(versions[k][1])
        return versions[k][0](doc)

    for d in docs:
        if repr(run(0, d)) != repr(run(1, d)):
            raise SystemExit(f"obligations differ: {d.path}")
    totals = []
    gc.collect()
    gc.disable()
    try:
        for r in range(max(1, runs)):
            spent = [0.0, 0.0]
            for i, d in enumerate(docs):
                for k in ((0, 1) if (i + r) % 2 == 0 else (1, 0)):
                    sys.modules.update(versions[k][1])
                    t0 = time.process_time()
                    versions[k][0](d)
                    spent[k] += time.process_time() - t0
            totals.append(spent)
            gc.collect()
    finally:
        gc.enable()
        sys.modules.update(ours_modules)
    best = [1000 * min(t[k] for t in totals) / len(docs) for k in (0, 1)]
    print(f"identical on {len(docs)} documents; min of {len(totals)} passes: {root} {best[1]:.2f} -> this checkout "
          f"{best[0]:.2f} ms/doc ({best[0] - best[1]:+.2f})")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--dump", help="write the canonical dump here")
    ap.add_argument("--runs", type=int, default=1, help="timed passes over the corpus")
    ap.add_argument("--profile", type=int, default=0, help="print the top N cProfile lines (one pass)")
    ap.add_argument("--against", metavar="DIR", help="compare with the package under DIR/policykg in this process")
    args = ap.parse_args()
    docs = load_corpus()
    if args.against:
        compare(docs, args.against, args.runs)
        return
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
