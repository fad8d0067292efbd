"""Search quality and speed: nDCG@10, recall@20, MRR for BM25 alone, dense alone and hybrid (the baseline is
BM25 alone); index build speed (units/s); query latency p50/p95 at corpus size; the approximate vector
index against exact at corpus size; at each ``--scale`` size, synthetic units (mixtures of corpus units,
benchmarks/_synthetic.py) built and saved, then loaded in a fresh process for RSS and latency.

    .venv/bin/python benchmarks/search.py [--data DIR] [--encoder e5-small] [--scale 100000 [1000000]]
                                          [--vector-index auto]

The data directory (default ``$POLICYKG_CACHE/bench-search``, else ``~/.cache/policykg/bench-search``)
is kept between runs: the first run ingests corpus/documents and encodes every unit (minutes on one
thread); later runs reuse the graph and the embedding cache. Gold: tests/gold/search_queries.json.
Targets: hybrid beats each side on nDCG@10; full re-index with a warm embedding cache < 60 s; the
approximate index within 0.01 nDCG@10 of exact at corpus size; at 1M units CPU p50 <= 60 ms (query
encoding included), recall@10 >= 0.95 against exact, RSS of the loaded index <= 1.5 GB.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import re
import statistics
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("HF_HUB_OFFLINE", "1")

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))  # benchmarks/_synthetic.py
GOLD = REPO / "tests" / "gold" / "search_queries.json"
_STRIP = re.compile(r"[\W_]+")


def _norm(text: str) -> str:
    return _STRIP.sub("", text)


def judged_grades(units, gold: list[dict]) -> list[list[dict[int, int]]]:
    """Per query, per judgement: {row: grade} of the units it names (source substring + text substring)."""
    normed, by_source = [], {}
    for row, u in enumerate(units):  # one pass: at a million units the texts are read once
        normed.append(_norm(u.text))
        by_source.setdefault(u.source, []).append(row)
    out = []
    for query in gold:
        per = []
        for j in query["judgements"]:
            want = _norm(j["contains"])
            per.append({row: j["grade"] for source, rows in by_source.items() if j["source"] in source
                        for row in rows if want in normed[row]})
        out.append(per)
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
    judged = judged_grades(index.units, gold)
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


def first_kind_filtered_ms(index) -> float:
    """CPU ms of the first kind-filtered query after the index changed: ``similar`` from an obligation (its kind
    only), BM25 side alone so that no model run hides the filter."""
    from policykg.search.fusion import make_fusion
    from policykg.search.results import same_measure_hits

    source = index.units[int(np.flatnonzero(index.facets.kind_mask("obligation"))[0])]
    t = time.process_time()
    same_measure_hits(index, source, np.ones(len(index.units), bool), fusion=make_fusion("bm25"))
    return (time.process_time() - t) * 1000


def corpus_vectors(index):
    """The real units, their tokens and their passage vectors (from the embedding cache: nothing re-encoded)."""
    units = list(index.units)
    tokens = list(index.units.tokens())
    vectors = index.unit_vectors(units)  # as the index made them (obligations read in their passages)
    return units, tokens, vectors


def scaled_index(index, size: int, vector_index: str, folder: Path):
    """A saved index of ``size`` synthetic units (real units, then mixtures of two: see benchmarks/_synthetic.py)."""
    from _synthetic import synthetic_units
    from policykg.search.index import SearchIndex

    units, tokens, vectors = synthetic_units(*corpus_vectors(index), size)
    big = SearchIndex(folder / "search", None, index.encoder_setting, index.fusion, vector_index=vector_index)
    big._encoder, big.tokenizer = index.encoder, index.tokenizer
    t = time.perf_counter()
    big.index_units(units, None, tokens, vectors)
    big.save()
    return big, time.perf_counter() - t, vectors


def dense_recall(index, vectors, queries: list[str], k: int = 10) -> float:
    """recall@10 of the index's vector side against exact search, on the gold queries' vectors."""
    from policykg.search.exact import exact_top, recall_against_exact

    qv = index.query_vectors(queries)
    truth, _ = exact_top(vectors, qv, k)
    _, ids = index.vectors.search(qv, k)
    true = np.einsum("qd,qkd->qk", qv, vectors[np.maximum(ids, 0)])
    return recall_against_exact(ids, truth, np.where(ids >= 0, true, -np.inf), k)


def ndcg_exact_vs_index(index, vectors, gold: list[dict]) -> tuple[float, float]:
    """Hybrid nDCG@10 over the gold queries with the index's vector side, and with exact (flat) vectors."""
    from policykg.search.ann import build_vectors

    approx = evaluate(index, gold)["hybrid/all"]["ndcg@10"]
    kept = index.vectors
    index.vectors = build_vectors("flat", vectors, vectors.shape[1])
    try:
        exact = evaluate(index, gold)["hybrid/all"]["ndcg@10"]
    finally:
        index.vectors = kept
    return approx, exact


def measure_loaded(data_dir: Path, encoder: str, fusion: str, vector_index: str) -> dict:
    """Memory and latency of an index opened from disk in this (fresh) process: what a server holds."""
    from _synthetic import memory_mb
    from policykg.search.index import SearchIndex

    gold = json.loads(GOLD.read_text(encoding="utf-8"))["queries"]
    start = memory_mb()
    t = time.perf_counter()
    index = SearchIndex.open(data_dir, None, encoder, fusion, vector_index)
    load_s = time.perf_counter() - t
    if not len(index.units) or index.notices:
        raise SystemExit(f"no saved index at {data_dir}: {index.notices}")
    loaded = memory_mb()
    kind_ms = first_kind_filtered_ms(index)
    index.query_vectors(["消防"])
    with_encoder = memory_mb()
    p50, p95, c50, c95 = latency(index, [q["query"] for q in gold])
    return {"units": len(index.units), "load_s": round(load_s, 1), "rss_start": start, "rss_loaded": loaded,
            "rss_with_encoder": with_encoder, "rss_after_queries": memory_mb(), "wall_p50": p50, "wall_p95": p95,
            "cpu_p50": c50, "cpu_p95": c95, "vectors": index.vectors.info,
            "kind_filtered_first_cpu_ms": kind_ms}


def report_scale(index, gold: list[dict], size: int, vector_index: str, data: Path) -> None:
    """Build ``size`` synthetic units, then load them in a fresh process and print memory and latency."""
    queries = [q["query"] for q in gold]
    folder = data / f"scaled-{size}"
    big, build_s, vectors = scaled_index(index, size, vector_index, folder)
    info = big.vectors.info
    tuned = {k: info[k] for k in ("nprobe", "efSearch") if k in info}
    print(f"\n{size} synthetic units (mixtures of corpus units): BM25 + unit table + vectors built and saved in "
          f"{build_s:.0f} s ({size / build_s:.0f} units/s); vector index {info.get('factory')} {tuned}")
    print(f"  recall@10 against exact: {info.get('recall@10', 1.0):.3f} on {info.get('recall_sample', 0)} "
          f"{info.get('recall_probes', '')} (build), {dense_recall(big, vectors, queries):.3f} on the "
          f"{len(queries)} gold queries")
    approx, exact = ndcg_exact_vs_index(big, vectors, gold)
    print(f"  hybrid nDCG@10 at this size: {approx:.3f} with {info.get('kind')}, {exact:.3f} with exact vectors "
          f"({approx - exact:+.3f})")
    del big, vectors
    cmd = [sys.executable, __file__, "--measure", str(folder), "--encoder", index.encoder_setting,
           "--fusion", index.fusion.name, "--vector-index", vector_index]
    out = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if out.returncode:
        print(f"  loaded-index measurement failed: {out.stderr[-2000:]}")
        return
    m = json.loads(out.stdout.strip().splitlines()[-1])
    print(f"  loaded in a fresh process in {m['load_s']} s; RSS MB: start {m['rss_start']['VmRSS']}, index loaded "
          f"{m['rss_loaded']['VmRSS']} (heap {m['rss_loaded']['RssAnon']}, mapped files {m['rss_loaded']['RssFile']}),"
          f" + encoder {m['rss_with_encoder']['VmRSS']}, after the queries {m['rss_after_queries']['VmRSS']} "
          f"(heap {m['rss_after_queries']['RssAnon']}); target <= 1500")
    print(f"  hybrid query, encoding included: CPU p50 {m['cpu_p50']:.1f} ms, p95 {m['cpu_p95']:.1f} ms; wall p50 "
          f"{m['wall_p50']:.1f} ms, p95 {m['wall_p95']:.1f} ms (load {os.getloadavg()[0]:.1f} on {os.cpu_count()} "
          f"cores; target at 1M: CPU p50 <= 60 ms)")
    print(f"  first kind-filtered query after loading (similar from an obligation, BM25 side): "
          f"{m['kind_filtered_first_cpu_ms']:.1f} ms CPU")


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print the figures."""
    from policykg.api.service import Service
    from policykg.api.settings import Settings
    from policykg.search.encoders import default_cache_dir

    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--data", type=Path, default=default_cache_dir() / "bench-search")
    p.add_argument("--encoder", default="e5-small")
    p.add_argument("--fusion", default="rrf")
    p.add_argument("--vector-index", default="auto", help="vector index setting at scale (auto, ivf, hnsw ...)")
    p.add_argument("--scale", type=int, nargs="*", default=[100_000],
                   help="synthetic unit counts to measure (e.g. --scale 100000 1000000; none to skip)")
    p.add_argument("--measure", type=Path, help=argparse.SUPPRESS)  # internal: one fresh-process measurement
    args = p.parse_args(argv)
    if args.measure:
        # no torch here: a server answering with the ONNX encoder never imports it (~190 MB of RSS)
        print(json.dumps(measure_loaded(args.measure, args.encoder, args.fusion, args.vector_index)))
        return 0
    import torch

    torch.set_num_threads(1)
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
    kind_ms = first_kind_filtered_ms(index)
    kinds = {k: int(index.facets.kind_mask(k).sum()) for k in ("obligation", "passage")}
    print(f"units: {count} ({kinds['obligation']} obligations, {kinds['passage']} passages); encoder "
          f"{index.encoder.name}, fusion {index.fusion.name}, vector index {index.vectors.info.get('factory')}")
    print(f"full re-index, warm embedding cache: {rebuild_s:.1f} s = {count / rebuild_s:.0f} units/s "
          f"(target < 60 s); then the first kind-filtered query (similar from an obligation, BM25 side) "
          f"{kind_ms:.1f} ms CPU")

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
    # the approximate indexes at corpus size: same units and vectors, HNSW / IVF over 8-bit codes instead of exact
    from policykg.search.index import SearchIndex

    units, tokens, vectors = corpus_vectors(index)
    for kind in ("hnsw", "ivf"):
        approx_index = SearchIndex(args.data / f"corpus-{kind}" / "search", None, index.encoder_setting, index.fusion,
                                   vector_index=kind)
        approx_index._encoder, approx_index.tokenizer = index.encoder, index.tokenizer
        approx_index.index_units(units, None, tokens, vectors)
        approx = evaluate(approx_index, gold)["hybrid/all"]["ndcg@10"]
        info = approx_index.vectors.info
        tuned = {k: info[k] for k in ("nprobe", "efSearch") if k in info}
        print(f"with {info['factory']} {tuned} (build recall@10 {info['recall@10']:.3f} on {info['recall_probes']}, "
              f"gold-query recall@10 {dense_recall(approx_index, vectors, [q['query'] for q in gold]):.3f}): "
              f"hybrid nDCG@10 {approx:.3f} ({approx - table['hybrid/all']['ndcg@10']:+.3f} against exact; "
              f"target within 0.01)")
    del approx_index, units, tokens, vectors

    queries = [q["query"] for q in gold]
    print(f"\nload now: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores (wall time includes waiting for a core)")
    p50, p95, c50, c95 = latency(index, queries)
    print(f"latency at corpus size ({len(index.units)} units): wall p50 {p50:.1f} ms, p95 {p95:.1f} ms; "
          f"CPU p50 {c50:.1f} ms, p95 {c95:.1f} ms")
    for size in args.scale or []:
        report_scale(index, gold, size, args.vector_index, args.data)
    return 0


if __name__ == "__main__":
    sys.exit(main())
