"""The int8 ONNX e5-small encoder against the float32 sentence-transformers one it replaces (the baseline).

Prints: cosine of int8 to float32 passage vectors over every corpus unit (mean, min, 1st percentile;
target mean >= 0.99); nDCG@10 on the gold search queries, dense alone and hybrid, for both (computed
as benchmarks/search.py does; target: int8 within 0.01 of float32); passage texts/s and ms per query in
CPU time on one thread, both on the same texts, interleaved; RSS of a fresh process that only loads the
query encoder and encodes one query (and whether it imported torch); optionally the export's own cost.

    .venv/bin/python benchmarks/encoder.py [--data DIR] [--sample-every 20] [--time-export]
    .venv/bin/python benchmarks/encoder.py --unit-vectors [--data DIR] [--sample-docs 10]

``--unit-vectors`` compares instead, on the int8 encoder, each unit encoded alone (before) with obligations read in
their passage's model run (``policykg.search.unitvectors``, now): texts and tokens through the model, CPU on the
units of every n-th document (both ways, interleaved), cosine of the units keyed by their own text (the same
vectors: >= 0.99) and of the obligations read in passages, nDCG@10 on the gold queries, dense and hybrid
(target: within 0.01). Vectors come from the data directory's embedding cache where it has them.

The units and the float32 vectors come from the data directory of benchmarks/search.py (default
``$POLICYKG_CACHE/bench-search``), read only: run that benchmark once first. Float32 vectors missing
from its embedding cache are encoded here (minutes). Runs ~4-6 CPU-minutes (int8 over ~10k units).
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("HF_HUB_OFFLINE", "1")

HERE = Path(__file__).resolve().parent


def _bench_search():
    """benchmarks/search.py as a module (its gold-query scoring is reused, not copied)."""
    spec = importlib.util.spec_from_file_location("bench_search", HERE / "search.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _cpu(fn):
    start = time.process_time()
    out = fn()
    return out, time.process_time() - start


def passage_rates(encoders: dict, texts: list[str], rounds: int = 2) -> dict[str, float]:
    """Texts per CPU-second of each encoder on the same texts, rounds interleaved (a shared machine's load
    shifts both alike)."""
    spent = {name: 0.0 for name in encoders}
    for _ in range(rounds):
        for name, enc in encoders.items():
            spent[name] += _cpu(lambda enc=enc: enc.encode_passages(texts))[1]
    return {name: rounds * len(texts) / s for name, s in spent.items()}


def query_ms(encoders: dict, queries: list[str], rounds: int = 3) -> dict[str, tuple[float, float]]:
    """(p50, mean) CPU ms to encode one query alone, per encoder, after a warm-up pass."""
    for enc in encoders.values():
        enc.encode_queries(queries[:4])
    ms: dict[str, list[float]] = {name: [] for name in encoders}
    for _ in range(rounds):
        for q in queries:
            for name, enc in encoders.items():
                ms[name].append(_cpu(lambda enc=enc, q=q: enc.encode_queries([q]))[1] * 1000)
    return {name: (statistics.median(v), statistics.mean(v)) for name, v in ms.items()}


def loaded_rss(setting: str, cache_dir: Path) -> dict:
    """Peak and current RSS (MB) of a fresh process that loads ``setting``'s encoder and encodes one query."""
    probe = ("import sys, time\n"
             "t = time.process_time()\n"
             "from policykg.search.encoders import make_encoder\n"
             f"enc = make_encoder({setting!r}, __import__('pathlib').Path({str(cache_dir)!r}))\n"
             "load = time.process_time() - t\n"
             "enc.encode_queries(['电动自行车违规充电怎么处理'])\n"
             "status = dict(l.split(':', 1) for l in open('/proc/self/status') if l.startswith('Vm'))\n"
             "print({'load_cpu_s': load, 'torch': 'torch' in sys.modules,\n"
             "       'hwm_mb': int(status['VmHWM'].split()[0]) // 1024,\n"
             "       'rss_mb': int(status['VmRSS'].split()[0]) // 1024})\n")
    out = subprocess.run([sys.executable, "-c", probe], check=False, capture_output=True, text=True, timeout=600,
                         env=dict(os.environ, OMP_NUM_THREADS="1"))
    if out.returncode != 0:
        raise RuntimeError(f"RSS probe for {setting} failed: {out.stderr[-2000:]}")
    import ast

    return ast.literal_eval(out.stdout.strip().splitlines()[-1])


def gold_ndcg(bench, units, tokens, tokenizer, encoder, vectors: np.ndarray, gold: list[dict], folder: Path
              ) -> dict[str, float]:
    """nDCG@10 (dense alone, hybrid) of an exact index over ``units`` with these vectors and this encoder."""
    from policykg.search.index import SearchIndex

    index = SearchIndex(folder / "search", None, "hash", vector_index="flat")
    index._encoder, index.tokenizer = encoder, tokenizer
    index.index_units(units, None, tokens, vectors)
    table = bench.evaluate(index, gold)
    return {"dense": table["dense/all"]["ndcg@10"], "hybrid": table["hybrid/all"]["ndcg@10"],
            "bm25": table["bm25/all"]["ndcg@10"]}


def unit_vectors(bench, data: Path, sample_docs: int) -> int:
    """Before/after of reading obligations in their passages: model work, cosine, nDCG@10 (see the docstring)."""
    from policykg.search.encoders import make_encoder
    from policykg.search.tokenize import Tokenizer
    from policykg.search.unitstore import UnitTable
    from policykg.search.unitvectors import encode_keys, grouped, parse_span_key, vector_keys
    from policykg.search.vectors import EmbeddingCache

    saved = data / "search"
    units = list(UnitTable.open(saved))
    tokens = list(UnitTable.open(saved).tokens())
    tokenizer = Tokenizer.load(saved / "user_dict.txt")
    gold = json.loads(bench.GOLD.read_text(encoding="utf-8"))["queries"]
    encoder = make_encoder("e5-small")
    alone_keys, span_keys = vector_keys(units, spans=False), vector_keys(units, spans=True)
    spans = {k for k in span_keys if parse_span_key(k)}
    run_texts = {k for k in span_keys if not parse_span_key(k)} | {parse_span_key(k)[0] for k in spans}
    length = {t: len(e.ids) for t, e in zip(set(alone_keys), encoder.tokenizer.encode_batch(
        [encoder.passage_prefix + t for t in set(alone_keys)]))}
    missing_length = [t for t in run_texts if t not in length]
    length.update((t, len(e.ids)) for t, e in zip(missing_length, encoder.tokenizer.encode_batch(
        [encoder.passage_prefix + t for t in missing_length])))
    kinds = {k: sum(u.kind == k for u in units) for k in ("obligation", "passage")}
    print(f"units: {len(units)} ({kinds}) from {saved}; {len(gold)} gold queries; load {os.getloadavg()[0]:.1f}")
    print(f"model runs: each unit alone {len(set(alone_keys))} texts, {sum(length[t] for t in set(alone_keys))} "
          f"tokens; obligations read in passages {len(run_texts)} texts, {sum(length[t] for t in run_texts)} tokens "
          f"({len(spans)} obligation vectors from passage runs)")

    docs = list(dict.fromkeys(u.doc_iri for u in units))[::sample_docs]
    sample = [i for i, u in enumerate(units) if u.doc_iri in set(docs)]
    cpu = {"alone": 0.0, "in passages": 0.0}
    for _ in range(2):
        cpu["alone"] += _cpu(lambda: encoder.encode_passages(list(dict.fromkeys(alone_keys[i] for i in sample))))[1]
        ordered = [k for group in grouped([span_keys[i] for i in sample]) for k in group]
        cpu["in passages"] += _cpu(lambda ordered=ordered: encode_keys(encoder, ordered))[1]
    print(f"CPU on the units of every {sample_docs}th document ({len(docs)} documents, {len(sample)} units), two "
          f"rounds interleaved: alone {cpu['alone'] / 2:.1f} CPU-s, in passages {cpu['in passages'] / 2:.1f} CPU-s "
          f"(x{cpu['alone'] / cpu['in passages']:.2f})")

    cache = EmbeddingCache(data / "search-cache", encoder.name, encoder.dim)
    before = cache.lookup_or_encode(alone_keys, encoder.encode_passages)
    ordered = [k for group in grouped(cache.missing(span_keys)) for k in group]
    if ordered:
        cache.lookup_or_encode(ordered, lambda keys: encode_keys(encoder, keys))
    after = cache.lookup_or_encode(span_keys, lambda keys: encode_keys(encoder, keys))
    cache.save()
    cos = np.sum(before * after, axis=1)
    read = np.array([bool(parse_span_key(k)) for k in span_keys])
    print(f"cosine now vs before, units keyed by their own text ({(~read).sum()}): min {cos[~read].min():.4f}; "
          f"obligations read in passages ({read.sum()}): mean {cos[read].mean():.4f}, 1st percentile "
          f"{np.percentile(cos[read], 1):.4f}, min {cos[read].min():.4f}")
    with tempfile.TemporaryDirectory() as tmp:
        scores = {name: gold_ndcg(bench, units, tokens, tokenizer, encoder, vectors, gold, Path(tmp) / name)
                  for name, vectors in (("before", before), ("after", after))}
    print(f"nDCG@10 over {len(gold)} gold queries   alone  in passages  diff (target |diff| <= 0.01)")
    for side in ("dense", "hybrid", "bm25"):
        a, b = scores["before"][side], scores["after"][side]
        print(f"  {side:<32}{a:>7.3f}{b:>8.3f}{b - a:>+10.3f}")
    return 0


def main(argv: list[str] | None = None) -> int:
    """Run the comparison and print the figures."""
    from policykg.search.encoders import default_cache_dir, make_encoder
    from policykg.search.tokenize import Tokenizer
    from policykg.search.unitstore import UnitTable
    from policykg.search.vectors import EmbeddingCache

    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--data", type=Path, default=default_cache_dir() / "bench-search")
    p.add_argument("--sample-every", type=int, default=20, help="every n-th unit for the side-by-side speed")
    p.add_argument("--time-export", action="store_true", help="also time a fresh export into a temporary folder")
    p.add_argument("--unit-vectors", action="store_true",
                   help="int8 only: each unit alone against obligations read in their passages")
    p.add_argument("--sample-docs", type=int, default=10, help="every n-th document for --unit-vectors' CPU")
    args = p.parse_args(argv)
    cache_dir = default_cache_dir()
    bench = _bench_search()
    if args.unit_vectors:
        return unit_vectors(bench, args.data, args.sample_docs)
    saved = args.data / "search"
    if not (saved / "meta.json").exists():
        print(f"no saved index in {args.data}: run benchmarks/search.py once first", file=sys.stderr)
        return 2
    units = UnitTable.open(saved)
    unit_list, tokens = list(units), list(units.tokens())
    texts = [u.text for u in unit_list]
    distinct = list(dict.fromkeys(texts))
    tokenizer = Tokenizer.load(saved / "user_dict.txt")
    gold = json.loads(bench.GOLD.read_text(encoding="utf-8"))["queries"]
    print(f"units: {len(texts)} ({len(distinct)} distinct texts) from {saved}; {len(gold)} gold queries; "
          f"load {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")

    if args.time_export:
        from policykg.search.e5_convert import ensure_converted
        from policykg.search.onnx_encoder import export_int8

        st_folder = ensure_converted(cache_dir / "e5-small-st")
        with tempfile.TemporaryDirectory() as tmp:
            wall = time.perf_counter()
            _, cpu = _cpu(lambda: export_int8(st_folder, Path(tmp) / "export"))
            print(f"export + quantisation: {cpu:.1f} CPU-s, {time.perf_counter() - wall:.1f} s wall")

    (int8, int8_load), (fp32, fp32_load) = _cpu(lambda: make_encoder("e5-small", cache_dir)), \
        _cpu(lambda: make_encoder("e5-small-fp32", cache_dir))
    print(f"encoders: {int8.name} (loaded in {int8_load:.1f} CPU-s) against {fp32.name} "
          f"(float32, loaded in {fp32_load:.1f} CPU-s)")

    reference = EmbeddingCache(args.data / "search-cache", fp32.name, fp32.dim)
    missing = reference.missing(distinct)
    if missing:
        print(f"encoding {len(missing)} texts with float32 (not in the embedding cache)", flush=True)
    ref = reference.lookup_or_encode(distinct, fp32.encode_passages)
    wall = time.perf_counter()
    vec, int8_cpu = _cpu(lambda enc=int8: enc.encode_passages(distinct))
    print(f"int8 over every distinct text: {len(distinct) / int8_cpu:.1f} texts/CPU-s "
          f"({int8_cpu:.1f} CPU-s, {time.perf_counter() - wall:.1f} s wall)")

    cos = np.sum(vec * ref, axis=1)
    print(f"\ncosine int8 vs float32 over {len(distinct)} texts: mean {cos.mean():.4f}, min {cos.min():.4f}, "
          f"1st percentile {np.percentile(cos, 1):.4f} (target mean >= 0.99)")

    row = {t: i for i, t in enumerate(distinct)}
    take = np.fromiter((row[t] for t in texts), np.int64, len(texts))
    with tempfile.TemporaryDirectory() as tmp:
        scores = {name: gold_ndcg(bench, unit_list, tokens, tokenizer, enc, vectors[take], gold, Path(tmp) / name)
                  for name, enc, vectors in (("float32", fp32, ref), ("int8", int8, vec))}
    print(f"nDCG@10 over {len(gold)} gold queries   float32    int8    diff (target |diff| <= 0.01)")
    for side in ("dense", "hybrid", "bm25"):
        a, b = scores["float32"][side], scores["int8"][side]
        print(f"  {side:<32}{a:>8.3f}{b:>8.3f}{b - a:>+8.3f}")

    sample = distinct[::args.sample_every]
    rates = passage_rates({"float32": fp32, "int8": int8}, sample)
    print(f"\npassages, same {len(sample)} texts, one thread: float32 {rates['float32']:.1f} texts/CPU-s, "
          f"int8 {rates['int8']:.1f} texts/CPU-s (x{rates['int8'] / rates['float32']:.2f})")
    ms = query_ms({"float32": fp32, "int8": int8}, [q["query"] for q in gold])
    print(f"one query alone, CPU ms p50 / mean: float32 {ms['float32'][0]:.1f} / {ms['float32'][1]:.1f}, "
          f"int8 {ms['int8'][0]:.1f} / {ms['int8'][1]:.1f} (x{ms['float32'][0] / ms['int8'][0]:.2f})")
    del fp32, int8
    for setting in ("e5-small-fp32", "e5-small"):
        r = loaded_rss(setting, cache_dir)
        print(f"process loading only the query encoder {setting!r}: peak RSS {r['hwm_mb']} MB, RSS {r['rss_mb']} MB "
              f"after one query, load {r['load_cpu_s']:.1f} CPU-s, torch imported: {r['torch']}")
    print(f"load now {os.getloadavg()[0]:.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
