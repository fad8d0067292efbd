"""Search quality and speed: nDCG@10, recall@20, MRR for BM25 alone, dense alone and hybrid (the baseline is
BM25 alone); index build speed (units/s); query latency p50/p95 at corpus size and at 100k passages.

    .venv/bin/python benchmarks/search.py [--data DIR] [--encoder e5-small] [--scale 100000]

The data directory (default ``$POLICYKG_CACHE/bench-search``, else ``~/.cache/policykg/bench-search``)
is kept between runs: the first run ingests corpus/documents and encodes every unit (minutes on one
thread); later runs reuse the graph and the embedding cache. Gold: tests/gold/search_queries.json.
Targets: hybrid beats each side on nDCG@10; p50 < 50 ms at 100k after warm-up; full re-index with a
warm embedding cache < 60 s.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import math
import os
import re
import statistics
import sys
import time
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("HF_HUB_OFFLINE", "1")

REPO = Path(__file__).resolve().parent.parent
GOLD = REPO / "tests" / "gold" / "search_queries.json"
_STRIP = re.compile(r"[\W_]+")


def _norm(text: str) -> str:
    return _STRIP.sub("", text)


def judged_grades(units, query: dict) -> list[dict[int, int]]:
    """Per judgement: {row: grade} of the units it names (source substring + text substring)."""
    out = []
    normed = [_norm(u.text) for u in units]
    for j in query["judgements"]:
        want = _norm(j["contains"])
        out.append({row: j["grade"] for row, u in enumerate(units)
                    if j["source"] in u.source and want in normed[row]})
    return out


def score_ranking(rows: list[int], judgements: list[dict[int, int]]) -> dict[str, float]:
    """nDCG@10, recall@20 and reciprocal rank; each judgement earns its grade once, at its first hit."""
    grades = [max(j.values()) if j else 0 for j in judgements]
    gains, credited = [], set()
    for row in rows:
        gain = 0
        for ji, j in enumerate(judgements):
            if ji not in credited and row in j:
                credited.add(ji)
                gain = max(gain, j[row])
        gains.append(gain)
    dcg = sum((2 ** g - 1) / math.log2(i + 2) for i, g in enumerate(gains[:10]))
    ideal = sum((2 ** g - 1) / math.log2(i + 2) for i, g in enumerate(sorted(grades, reverse=True)[:10]))
    found20 = {ji for ji, j in enumerate(judgements) if j and any(r in j for r in rows[:20])}
    relevant = [ji for ji, j in enumerate(judgements) if j]
    rr = next((1.0 / (i + 1) for i, row in enumerate(rows) if any(row in j for j in judgements)), 0.0)
    return {"ndcg@10": dcg / ideal if ideal else 0.0,
            "recall@20": len(found20) / len(relevant) if relevant else 0.0, "mrr": rr}


def evaluate(index, gold: list[dict]) -> dict[str, dict[str, float]]:
    """Mean metrics per variant over the gold queries (split by style too)."""
    from policykg.search.fusion import SingleSide

    variants = {"bm25": SingleSide("bm25"), "dense": SingleSide("dense"), "hybrid": index.fusion}
    table: dict[str, dict[str, float]] = {}
    judged = [judged_grades(index.units, q) for q in gold]
    for name, fusion in variants.items():
        per_style: dict[str, list[dict[str, float]]] = {"all": [], "verbatim": [], "reworded": []}
        hits = index.rank([q["query"] for q in gold], None, 20, fusion=fusion)
        for q, j, h in zip(gold, judged, hits):
            s = score_ranking([f.row for f in h], j)
            per_style["all"].append(s)
            per_style[q["style"]].append(s)
        for style, scores in per_style.items():
            if scores:
                table[f"{name}/{style}"] = {k: statistics.mean(s[k] for s in scores) for k in scores[0]}
    return table


def latency(index, queries: list[str], rounds: int = 3) -> tuple[float, float, float, float]:
    """Wall and CPU p50/p95 ms of search_units after a warm-up pass, query encoding included.

    CPU time is this process's own: on a shared machine wall time also counts the waits for a core.
    """
    from policykg.search.results import search_units

    for q in queries:
        search_units(index, q, limit=10)
    wall, cpu = [], []
    for _ in range(rounds):
        for q in queries:
            index.query_cache.clear()
            t, c = time.perf_counter(), time.process_time()
            search_units(index, q, limit=10)
            wall.append((time.perf_counter() - t) * 1000)
            cpu.append((time.process_time() - c) * 1000)
    wall.sort()
    cpu.sort()
    p50, p95 = len(wall) // 2, int(len(wall) * 0.95) - 1
    return wall[p50], wall[p95], cpu[p50], cpu[p95]


def scaled_copy(index, size: int):
    """An in-memory index of ``size`` units: the real units replicated (vectors come from the cache)."""
    from policykg.search.index import SearchIndex

    big = SearchIndex(index.folder.with_name("search-scaled"), None, index.encoder_setting, index.fusion)
    big._encoder, big.tokenizer = index.encoder, index.tokenizer
    units, tokens = [], []
    for n in range(size):
        src = index.units[n % len(index.units)]
        units.append(dataclasses.replace(src, iri=f"{src.iri}-copy{n // len(index.units)}"))
        tokens.append(index.tokens[n % len(index.units)])
    t = time.perf_counter()
    big._index_units(units, tokens)
    return big, time.perf_counter() - t


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print the figures."""
    import torch

    torch.set_num_threads(1)
    from policykg.api.service import Service
    from policykg.api.settings import Settings
    from policykg.search.encoders import default_cache_dir

    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--data", type=Path, default=default_cache_dir() / "bench-search")
    p.add_argument("--encoder", default="e5-small")
    p.add_argument("--fusion", default="rrf")
    p.add_argument("--scale", type=int, default=100_000)
    args = p.parse_args(argv)
    settings = Settings.from_env({"POLICYKG_DATA": str(args.data), "POLICYKG_ENCODER": args.encoder,
                                  "POLICYKG_FUSION": args.fusion})
    service = Service(settings)
    gold = json.loads(GOLD.read_text(encoding="utf-8"))["queries"]

    if not service.kg.list_documents():
        t = time.perf_counter()
        report = service.ingest([REPO / "corpus" / "documents"])
        print(f"first run: ingested {len(report.ingested)} documents and built the index in "
              f"{time.perf_counter() - t:.0f} s ({len(report.failed)} failed)")
    index = service.index
    t = time.perf_counter()
    count = index.rebuild()
    rebuild_s = time.perf_counter() - t
    kinds = {k: sum(u.kind == k for u in index.units) for k in ("obligation", "passage")}
    print(f"units: {count} ({kinds['obligation']} obligations, {kinds['passage']} passages); encoder "
          f"{index.encoder.name}, fusion {index.fusion.name}")
    print(f"full re-index, warm embedding cache: {rebuild_s:.1f} s = {count / rebuild_s:.0f} units/s "
          f"(target < 60 s)")

    sample = [u.text for u in index.units[:: max(1, len(index.units) // 64)]][:64]
    t = time.perf_counter()
    index.encoder.encode_passages(sample)
    encode_s = time.perf_counter() - t
    print(f"cold build, encoding without cache: {len(sample) / encode_s:.0f} units/s on one thread "
          f"(a full cold build of {count} units: ~{count * encode_s / len(sample) / 60:.1f} min)")

    table = evaluate(index, gold)
    print(f"\nquality over {len(gold)} gold queries (baseline: bm25)")
    print(f"{'variant':<18}{'nDCG@10':>9}{'recall@20':>11}{'MRR':>8}")
    for name, m in table.items():
        print(f"{name:<18}{m['ndcg@10']:>9.3f}{m['recall@20']:>11.3f}{m['mrr']:>8.3f}")
    best_single = max(table["bm25/all"]["ndcg@10"], table["dense/all"]["ndcg@10"])
    print(f"hybrid - best single side, nDCG@10: {table['hybrid/all']['ndcg@10'] - best_single:+.3f} "
          f"(target > 0)")

    queries = [q["query"] for q in gold]
    print(f"\nload now: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores (wall time includes waiting for a core)")
    p50, p95, c50, c95 = latency(index, queries)
    print(f"latency at corpus size ({len(index.units)} units): wall p50 {p50:.1f} ms, p95 {p95:.1f} ms; "
          f"CPU p50 {c50:.1f} ms, p95 {c95:.1f} ms")
    if args.scale:
        big, build_s = scaled_copy(index, args.scale)
        p50, p95, c50, c95 = latency(big, queries)
        print(f"latency at {len(big.units)} units (real units replicated): wall p50 {p50:.1f} ms, p95 {p95:.1f} ms; "
              f"CPU p50 {c50:.1f} ms, p95 {c95:.1f} ms (target p50 < 50 ms)")
        print(f"BM25 + vector build at {len(big.units)} units: {build_s:.1f} s = {len(big.units) / build_s:.0f} units/s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
