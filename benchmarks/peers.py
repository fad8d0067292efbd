"""Peer benchmark: policykg against txtai (the peer a user would pick) on the same units, the same e5 model
folder and prefixes, jieba BM25 plugged into txtai, both on one thread, timed query by query in turn.

    .venv/bin/python benchmarks/peers.py [--sizes corpus 100000 1000000] [--rounds 3] [--rebuild]

txtai lives in its own virtual environment, made by this script under ``<cache>/peers/txtai-venv``
(``<cache>`` is ``$POLICYKG_CACHE`` or ``~/.cache/policykg``; never committed). It installs only
txtai (and what txtai needs that this project lacks) from PyPI; torch, transformers, faiss and jieba
come from this project's environment, so both sides run the same builds. Without PyPI access the
script stops with a message saying so.

Per size: the units are exported from our index (the corpus units, or synthetic mixtures of them for
larger sizes, see benchmarks/_synthetic.py) with their tokens and passage vectors; each side builds its
index from those (nothing re-encoded), then each is loaded by a fresh worker process
(benchmarks/peers_worker.py) that reports its resident memory and answers the 44 gold queries
(tests/gold/search_queries.json), each timing its own CPU and wall time, the order alternating per
query. Quality: nDCG@10 and recall@20 with 95% bootstrap intervals, and the paired difference.
Ratios are ours / txtai (below 1: ours is cheaper). The corpus index comes from benchmarks/search.py's
data directory (built there on first use).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("HF_HUB_OFFLINE", "1")

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
TXTAI = "txtai==9.14.0"
GOLD = HERE.parent / "tests" / "gold" / "search_queries.json"
RECIPE = 2  # bump when the export or either side's build changes


# ---- the txtai environment ------------------------------------------------------------------------
def txtai_python(cache: Path) -> Path:
    """The txtai venv's python, made (once) under ``cache``; exits with a clear message when impossible."""
    import site

    venv = cache / "txtai-venv"
    python = venv / "bin" / "python"
    version = TXTAI.split("==")[1]
    check = [str(python), "-c", "import txtai.version as v; print(v.__version__)"]
    if python.exists() and subprocess.run(check, capture_output=True, text=True, check=False).stdout.strip() == version:
        return python
    print(f"making the txtai environment in {venv} ({TXTAI}) …", flush=True)
    made = subprocess.run([sys.executable, "-m", "venv", str(venv)], capture_output=True, text=True, check=False)
    if made.returncode:
        raise SystemExit(f"peers: cannot create a virtual environment at {venv}: {made.stderr.strip()}")
    ours = next(p for p in site.getsitepackages() if p.endswith("site-packages"))
    pth = next((venv / "lib").glob("python3*/site-packages")) / "zz_policykg_shared.pth"
    # appended after txtai's own packages: torch, faiss, jieba and policykg's tokenizer are shared
    pth.write_text(f"import site; site.addsitedir({ours!r})\n")
    pip = subprocess.run([str(python), "-m", "pip", "install", "-q", TXTAI], capture_output=True, text=True,
                         timeout=1800, check=False)
    if pip.returncode or subprocess.run(check, capture_output=True, text=True, check=False).stdout.strip() != version:
        raise SystemExit(f"peers: txtai could not be installed into {venv} (it needs PyPI once, or "
                         f"PIP_FIND_LINKS pointing at a folder of wheels); pip said:\n{pip.stderr.strip()[-2000:]}")
    return python


# ---- preparing both indexes -----------------------------------------------------------------------
def corpus_index(data: Path, encoder: str):
    """The corpus index of benchmarks/search.py's data directory (ingested and built when missing)."""
    from policykg.api.service import Service
    from policykg.api.settings import Settings

    service = Service(Settings.from_env({"POLICYKG_DATA": str(data), "POLICYKG_ENCODER": encoder}))
    if not service.kg.list_documents():
        print("ingesting corpus/documents (first run: minutes) …", flush=True)
        service.ingest([HERE.parent / "corpus" / "documents"])
    return service.index


def prepare(index, size: int, folder: Path, vector_index: str, rebuild: bool) -> dict:
    """Both sides' indexes of ``size`` units under ``folder`` (reused when already made with these settings)."""
    from _synthetic import synthetic_units
    from policykg.search.ann import VectorSetting
    from policykg.search.e5_convert import ensure_converted
    from policykg.search.encoders import default_cache_dir
    from policykg.search.index import SearchIndex

    from search import corpus_vectors

    units, tokens, vectors = corpus_vectors(index)
    # everything the saved indexes depend on: a change of encoder (e5-small went float32 -> int8), of the
    # corpus vectors, of the factory auto resolves to, or of this recipe makes both sides again
    config = {"size": size, "encoder": index.encoder_setting, "encoder_name": index.encoder.name,
              "fusion": index.fusion.name, "vector_index": vector_index,
              "factory": VectorSetting.parse(vector_index).factory(size, vectors.shape[1]),
              "corpus_vectors": hashlib.sha1(np.ascontiguousarray(vectors).tobytes()).hexdigest()[:16],
              "corpus_units": len(units), "recipe": RECIPE,
              "model": str(ensure_converted(default_cache_dir() / "e5-small-st")),
              "query_prefix": getattr(index.encoder, "query_prefix", ""),
              "passage_prefix": getattr(index.encoder, "passage_prefix", "")}
    done = folder / "done.json"
    if not rebuild and done.exists() and json.loads(done.read_text()).get("config") == config:
        print(f"{size} units: both indexes reused from {folder} (made with these settings)", flush=True)
        return json.loads(done.read_text())
    if size > len(units):
        units, tokens, vectors = synthetic_units(units, tokens, vectors, size)
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "config.json").write_text(json.dumps(config))
    ours = SearchIndex(folder / "ours" / "search", None, index.encoder_setting, index.fusion,
                       vector_index=vector_index)
    ours._encoder, ours.tokenizer = index.encoder, index.tokenizer
    print(f"{size} units: building our index ({config['factory']}) …", flush=True)
    t, c = time.perf_counter(), time.process_time()
    ours.index_units(units, None, tokens, vectors)
    ours.save()
    ours_build, ours_cpu = time.perf_counter() - t, time.process_time() - c
    with open(folder / "units.jsonl", "w", encoding="utf-8") as fh:
        fh.writelines(json.dumps({"id": row, "text": u.text}, ensure_ascii=False) + "\n" for row, u in enumerate(units))
    with open(folder / "tokens.jsonl", "w", encoding="utf-8") as fh:
        fh.writelines(json.dumps(t, ensure_ascii=False) + "\n" for t in tokens)
    np.save(folder / "vectors.npy", vectors)
    index.tokenizer.save(folder / "user_dict.txt")
    summary = {"config": config, "units": len(units), "ours_build_s": round(ours_build, 1),
               "ours_build_cpu_s": round(ours_cpu, 1), "ours_vectors": ours.vectors.info}
    del units, tokens, vectors, ours
    print(f"{size} units: building txtai's index …", flush=True)
    txtai = subprocess.run([str(PYTHON_TXTAI), str(HERE / "peers_worker.py"), "txtai", "build", str(folder)],
                           capture_output=True, text=True, check=False)
    if txtai.returncode:
        raise SystemExit(f"peers: txtai build failed:\n{txtai.stderr[-3000:]}")
    summary["txtai"] = json.loads(txtai.stdout.strip().splitlines()[-1])
    done.write_text(json.dumps(summary))
    return summary


# ---- running both -----------------------------------------------------------------------------------
class Worker:
    """A side's worker process: load, then one JSON request and answer a line."""

    def __init__(self, python: Path, side: str, folder: Path):
        self.side = side
        self.proc = subprocess.Popen([str(python), str(HERE / "peers_worker.py"), side, "serve", str(folder)],
                                     stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        line = self.proc.stdout.readline()
        if not line:
            raise SystemExit(f"peers: the {side} worker did not start (see its error above)")
        self.ready = json.loads(line)

    def ask(self, request: dict) -> dict:
        """Send a request, read the answer."""
        self.proc.stdin.write(json.dumps(request, ensure_ascii=False) + "\n")
        self.proc.stdin.flush()
        return json.loads(self.proc.stdout.readline())

    def close(self) -> None:
        """End the worker."""
        self.proc.stdin.close()
        self.proc.wait(timeout=60)


def bootstrap(values: np.ndarray, draws: int = 2000, seed: int = 0) -> tuple[float, float]:
    """95% percentile interval of the mean over queries."""
    rng = np.random.default_rng(seed)
    means = values[rng.integers(0, len(values), (draws, len(values)))].mean(axis=1)
    return float(np.percentile(means, 2.5)), float(np.percentile(means, 97.5))


def compare(folder: Path, rounds: int, gold: list[dict]) -> dict:
    """Load both sides in fresh processes, time the gold queries in turn, score their answers."""
    from policykg.search.unitstore import UnitTable

    from search import judged_grades, score_ranking

    table = UnitTable.open(folder / "ours" / "search")
    judged = judged_grades(table, gold)
    workers = {"ours": Worker(Path(sys.executable), "ours", folder),
               "txtai": Worker(PYTHON_TXTAI, "txtai", folder)}
    cpu: dict[str, list[float]] = {s: [] for s in workers}
    wall: dict[str, list[float]] = {s: [] for s in workers}
    rows: dict[str, list[list[int]]] = {s: [] for s in workers}
    try:
        for r in range(rounds):
            for qi, q in enumerate(gold):
                order = ["ours", "txtai"] if (r + qi) % 2 == 0 else ["txtai", "ours"]
                for side in order:
                    answer = workers[side].ask({"query": q["query"], "limit": 20})
                    cpu[side].append(answer["cpu_ms"])
                    wall[side].append(answer["wall_ms"])
                    if r == 0:
                        ids = answer["ids"]
                        rows[side].append([table.row_of(i) for i in ids] if side == "ours" else [int(i) for i in ids])
        memory = {s: w.ask({"op": "memory"}) for s, w in workers.items()}
    finally:
        for w in workers.values():
            w.close()
    out = {}
    for side, worker in workers.items():
        scores = [score_ranking([x for x in found if x is not None], j) for found, j in zip(rows[side], judged)]
        out[side] = {"cpu_p50": statistics.median(cpu[side]), "cpu_p95": float(np.percentile(cpu[side], 95)),
                     "wall_p50": statistics.median(wall[side]), "load": worker.ready, "timed": len(cpu[side]),
                     "rss_after": memory[side],
                     "ndcg": np.array([s["ndcg@10"] for s in scores]), "recall": np.array([s["recall@20"] for s in scores])}
    return out


def report(size: int, summary: dict, result: dict) -> dict:
    """Print one size's table and ratios; return its figures (for --json)."""
    tx = summary["txtai"]
    print(f"\n== {summary['units']} units (load {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores) ==")
    print(f"build from exported vectors and tokens: ours {summary['ours_build_s']} s wall, "
          f"{summary.get('ours_build_cpu_s')} s CPU ({summary['ours_vectors'].get('factory')}, build recall@10 "
          f"{summary['ours_vectors'].get('recall@10')}); txtai {tx['build_s']} s wall, {tx.get('build_cpu_s')} s CPU "
          f"({tx.get('components')}, peak RSS {tx.get('peak_rss_mb')} MB)")
    print(f"{'side':<7}{'CPU p50':>9}{'CPU p95':>9}{'wall p50':>10}{'RSS load':>10}{'RSS end':>9}"
          f"{'nDCG@10 [95% CI]':>24}{'recall@20 [95% CI]':>24}")
    figures: dict = {"units": summary["units"], "build": summary}
    for side, m in result.items():
        n_lo, n_hi = bootstrap(m["ndcg"])
        r_lo, r_hi = bootstrap(m["recall"])
        print(f"{side:<7}{m['cpu_p50']:>9.1f}{m['cpu_p95']:>9.1f}{m['wall_p50']:>10.1f}"
              f"{m['load']['rss_loaded']['VmRSS']:>10.0f}{m['rss_after']['VmRSS']:>9.0f}"
              f"{m['ndcg'].mean():>10.3f} [{n_lo:.3f}, {n_hi:.3f}]{m['recall'].mean():>10.3f} [{r_lo:.3f}, {r_hi:.3f}]")
        figures[side] = {"cpu_p50": m["cpu_p50"], "cpu_p95": m["cpu_p95"], "wall_p50": m["wall_p50"],
                         "load": m["load"], "rss_after": m["rss_after"], "ndcg": m["ndcg"].mean(),
                         "ndcg_ci": [n_lo, n_hi], "recall": m["recall"].mean(), "recall_ci": [r_lo, r_hi],
                         "queries_timed": m["timed"]}
    a, b = result["ours"], result["txtai"]
    d_lo, d_hi = bootstrap(a["ndcg"] - b["ndcg"])
    e_lo, e_hi = bootstrap(a["recall"] - b["recall"])
    print(f"ratios ours/txtai: CPU p50 {a['cpu_p50'] / b['cpu_p50']:.2f}, CPU p95 {a['cpu_p95'] / b['cpu_p95']:.2f}, "
          f"wall p50 {a['wall_p50'] / b['wall_p50']:.2f}, RSS loaded "
          f"{a['load']['rss_loaded']['VmRSS'] / b['load']['rss_loaded']['VmRSS']:.2f}, RSS after queries "
          f"{a['rss_after']['VmRSS'] / b['rss_after']['VmRSS']:.2f}; ours - txtai: nDCG@10 "
          f"{(a['ndcg'] - b['ndcg']).mean():+.3f} [{d_lo:+.3f}, {d_hi:+.3f}], recall@20 "
          f"{(a['recall'] - b['recall']).mean():+.3f} [{e_lo:+.3f}, {e_hi:+.3f}]", flush=True)
    figures["diff"] = {"ndcg": float((a["ndcg"] - b["ndcg"]).mean()), "ndcg_ci": [d_lo, d_hi],
                       "recall": float((a["recall"] - b["recall"]).mean()), "recall_ci": [e_lo, e_hi]}
    return figures


PYTHON_TXTAI = Path()


def main(argv: list[str] | None = None) -> int:
    """Prepare, compare and print each size."""
    global PYTHON_TXTAI
    from policykg.search.encoders import default_cache_dir

    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--sizes", nargs="+", default=["corpus", "100000"], help="'corpus' or unit counts")
    p.add_argument("--rounds", type=int, default=3)
    p.add_argument("--encoder", default="e5-small")
    p.add_argument("--vector-index", default="auto")
    p.add_argument("--data", type=Path, default=default_cache_dir() / "bench-search")
    p.add_argument("--cache", type=Path, default=default_cache_dir() / "peers")
    p.add_argument("--rebuild", action="store_true", help="rebuild both indexes even when made before")
    p.add_argument("--json", type=Path, help="also write each size's figures to this file")
    args = p.parse_args(argv)
    started, started_cpu = time.perf_counter(), time.process_time()
    import torch

    torch.set_num_threads(1)
    PYTHON_TXTAI = txtai_python(args.cache)
    gold = json.loads(GOLD.read_text(encoding="utf-8"))["queries"]
    index = corpus_index(args.data, args.encoder)
    figures = []
    for size_arg in args.sizes:
        size = len(index.units) if size_arg == "corpus" else int(size_arg)
        folder = args.cache / f"units-{size}"
        summary = prepare(index, size, folder, args.vector_index, args.rebuild)
        figures.append(report(size, summary, compare(folder, args.rounds, gold)))
        if args.json:
            args.json.write_text(json.dumps({"argv": sys.argv, "rounds": args.rounds, "sizes": figures},
                                            default=float, indent=1))
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    print(f"\nwhole run: {time.perf_counter() - started:.0f} s wall; CPU {time.process_time() - started_cpu:.0f} s "
          f"in this process + {children.ru_utime + children.ru_stime:.0f} s in its workers "
          f"(peak RSS: this process {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB, "
          f"largest worker {children.ru_maxrss / 1024:.0f} MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
