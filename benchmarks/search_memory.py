"""Where a loaded search index's memory goes: one process loads a saved index the way benchmarks/peers_worker.py
does (``SearchIndex.open``, a warm-up query, then the gold queries x rounds through ``search_units``) and prints
resident memory after each step (heap = anonymous, files = file-backed, from /proc/self/smaps_rollup), the
glibc heap in use and kept free (mallinfo2), Python allocations by module (tracemalloc, optional: slows the
queries) and, at the end, the resident pages of each mapped file.

    .venv/bin/python benchmarks/search_memory.py DIR [--rounds 3] [--torch] [--tracemalloc] [--json OUT]

DIR holds ``search/`` (e.g. ~/.cache/policykg/peers/units-1000000/ours). ``--torch`` imports torch first, as
peers_worker.py and benchmarks/search.py do (a server does not).
"""

from __future__ import annotations

import argparse
import ctypes
import json
import os
import sys
import time
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")
REPO = Path(__file__).resolve().parent.parent
GOLD = REPO / "tests" / "gold" / "search_queries.json"


def rollup() -> dict[str, float]:
    """Resident MB of this process: total, anonymous (heap) and file-backed."""
    out = {}
    with open("/proc/self/smaps_rollup") as fh:
        for line in fh:
            key, _, value = line.partition(":")
            if key in ("Rss", "Anonymous"):
                out[key] = int(value.split()[0]) / 1024
    out["File"] = out["Rss"] - out["Anonymous"]
    return {k: round(v, 1) for k, v in out.items()}


def malloc_mb() -> dict[str, float]:
    """glibc heap: bytes handed out (in use) and kept free inside the arenas, in MB."""
    class MallInfo2(ctypes.Structure):
        _fields_ = [(name, ctypes.c_size_t) for name in
                    ("arena", "ordblks", "smblks", "hblks", "hblkhd", "usmblks", "fsmblks", "uordblks",
                     "fordblks", "keepcost")]

    libc = ctypes.CDLL("libc.so.6")
    libc.mallinfo2.restype = MallInfo2
    info = libc.mallinfo2()
    return {"in_use": round((info.uordblks + info.hblkhd) / 2**20, 1), "free_kept": round(info.fordblks / 2**20, 1),
            "mmapped": round(info.hblkhd / 2**20, 1)}


def mappings() -> list[tuple[str, float, float]]:
    """(mapping name, resident MB, anonymous MB) per named mapping, summed by name, largest first."""
    sizes: dict[str, list[float]] = {}
    name = ""
    with open("/proc/self/smaps") as fh:
        for line in fh:
            parts = line.split()
            if "-" in parts[0] and len(parts) >= 5 and ":" not in parts[0]:
                name = parts[5] if len(parts) > 5 else "[anon]"
            elif parts[0] == "Rss:":
                sizes.setdefault(name, [0.0, 0.0])[0] += int(parts[1]) / 1024
            elif parts[0] == "Anonymous:":
                sizes.setdefault(name, [0.0, 0.0])[1] += int(parts[1]) / 1024
    return sorted(((n, round(r, 1), round(a, 1)) for n, (r, a) in sizes.items()), key=lambda x: -x[1])


def main(argv: list[str] | None = None) -> int:
    """Load, query, print the memory of each step."""
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("folder", type=Path)
    p.add_argument("--rounds", type=int, default=3)
    p.add_argument("--torch", action="store_true", help="import torch first (as the benchmark workers do)")
    p.add_argument("--tracemalloc", action="store_true")
    p.add_argument("--encoder", default="e5-small")
    p.add_argument("--fusion", default="rrf:60")
    p.add_argument("--vector-index", default="auto")
    p.add_argument("--json", type=Path)
    args = p.parse_args(argv)
    steps: list[dict] = []

    def step(name: str) -> None:
        steps.append({"step": name, **rollup(), "malloc": malloc_mb()})
        s = steps[-1]
        print(f"{name:<34} RSS {s['Rss']:8.1f}  heap {s['Anonymous']:8.1f}  files {s['File']:7.1f}  "
              f"malloc in use {s['malloc']['in_use']:7.1f} free kept {s['malloc']['free_kept']:6.1f}", flush=True)

    step("python")
    if args.torch:
        import torch

        torch.set_num_threads(1)
        step("import torch")
    if args.tracemalloc:
        import tracemalloc

        tracemalloc.start(1)
    import faiss  # noqa: F401
    import numpy as np  # noqa: F401
    import onnxruntime  # noqa: F401
    from policykg.search.index import SearchIndex
    from policykg.search.lexical import BM25Index
    from policykg.search.results import search_units
    from policykg.search.tokenize import Tokenizer
    from policykg.search.unitstore import UnitTable
    from policykg.search.vectors import load_vector_index

    step("imports (faiss, onnxruntime, search)")
    folder = args.folder / "search"
    meta = json.loads((folder / "meta.json").read_text())
    t = time.perf_counter()
    parts = {"units": UnitTable.open(folder)}
    step("unit table (offsets, facets, iris)")
    parts["bm25"] = BM25Index.load(folder / "bm25")
    step("BM25 (vocabulary, posting ranges)")
    parts["vectors"] = load_vector_index(folder / "vectors.faiss", meta.get("vectors"))
    step("faiss index")
    parts["tokenizer"] = Tokenizer.load(folder / "user_dict.txt")
    parts["tokenizer"].tokens("消防安全")
    step("jieba tokenizer (first cut)")
    # the parts as SearchIndex._load puts them together (what SearchIndex.open does, step by step)
    index = SearchIndex(folder, None, args.encoder, args.fusion, args.vector_index)
    index.units, index.lexical, index.vectors = parts["units"], parts["bm25"], parts["vectors"]
    index.tokenizer = parts["tokenizer"]
    del parts
    load_s = time.perf_counter() - t
    index.query_vectors(["warm-up"])
    step("encoder loaded, warm-up query")
    gold = json.loads(GOLD.read_text(encoding="utf-8"))["queries"]
    cpu = []
    hits = []
    for r in range(args.rounds):
        for q in gold:
            index.query_cache.clear()
            c = time.process_time()
            answer = search_units(index, q["query"], limit=20)
            cpu.append((time.process_time() - c) * 1000)
            if r == 0:
                hits.append([(h["iri"], h["score"]) for h in answer["results"]])
        step(f"after round {r + 1} of {len(gold)} queries")
    cpu.sort()
    print(f"load {load_s:.1f} s wall; CPU p50 {cpu[len(cpu) // 2]:.1f} ms, p95 {cpu[int(len(cpu) * 0.95) - 1]:.1f} ms "
          f"over {len(cpu)} queries")
    print("\nresident MB by mapping (rss, of it anonymous):")
    for name, rss, anon in mappings()[:25]:
        print(f"  {rss:8.1f} {anon:8.1f}  {name}")
    if args.tracemalloc:
        import tracemalloc

        snap = tracemalloc.take_snapshot()
        print("\nPython allocations still held, by file (tracemalloc, top 15):")
        for stat in snap.statistics("filename")[:15]:
            print(f"  {stat.size / 2**20:8.1f} MB  {stat.count:9d} blocks  {stat.traceback[0].filename}")
    if args.json:
        args.json.write_text(json.dumps({"steps": steps, "cpu_ms": cpu, "hits": hits, "load_s": load_s}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
