"""One side of the peer benchmark in its own process: builds or loads an index, then answers queries read
from stdin (one JSON object a line) with result rows and its own CPU and wall time. Started by
benchmarks/peers.py; the txtai side runs under the txtai virtual environment that script makes.

    python peers_worker.py ours  serve DIR      (this project's venv)
    python peers_worker.py txtai build DIR      (txtai venv: index the exported units)
    python peers_worker.py txtai serve DIR
"""

from __future__ import annotations

import json
import os
import resource
import sys
import time
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("MKL_NUM_THREADS", "1")
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")


def memory_mb() -> dict[str, float]:
    """Resident memory of this process in MB: total, heap (anonymous) and mapped files."""
    out = {}
    with open("/proc/self/status") as fh:
        for line in fh:
            key, _, value = line.partition(":")
            if key in ("VmRSS", "RssAnon", "RssFile"):
                out[key] = round(int(value.split()[0]) / 1024, 1)
    return out


def _one_thread(side: str) -> None:
    if side == "txtai":  # ours answers with the ONNX encoder: importing torch would add ~190 MB to its RSS
        import torch

        torch.set_num_threads(1)
    try:
        import faiss

        faiss.omp_set_num_threads(1)
    except ImportError:
        pass


# ---- this project ---------------------------------------------------------------------------------
def ours(folder: Path):
    """A search function over the saved index in ``folder`` (benchmarks/peers.py wrote it)."""
    from policykg.search.index import SearchIndex
    from policykg.search.results import search_units

    config = json.loads((folder / "config.json").read_text())
    index = SearchIndex.open(folder / "ours", None, config["encoder"], config["fusion"], config["vector_index"])
    if not len(index.units) or index.notices:
        raise SystemExit(f"ours: no saved index in {folder / 'ours'} ({index.notices})")
    index.query_vectors(["warm-up"])

    def search(query: str, limit: int) -> tuple[list[str], float, float]:
        index.query_cache.clear()  # every query pays for its encoding, as txtai's do
        t, c = time.perf_counter(), time.process_time()
        answer = search_units(index, query, limit=limit)
        wall, cpu = (time.perf_counter() - t) * 1000, (time.process_time() - c) * 1000
        return [r["iri"] for r in answer["results"]], cpu, wall

    return search


# ---- txtai ----------------------------------------------------------------------------------------
def _txtai_tokenizer(folder: Path, lookup: dict[str, list[str]] | None = None):
    """Plug this project's jieba tokenizer (same user dictionary) into txtai's BM25."""
    from policykg.search.tokenize import Tokenizer
    from txtai.scoring import tfidf

    tokenizer = Tokenizer.load(folder / "user_dict.txt")
    known = lookup or {}

    def tokenize(text):
        if not isinstance(text, str):
            return text
        found = known.get(text)
        return found if found is not None else tokenizer.tokens(text)

    tfidf.TFIDF.loadtokenizer = lambda self: tokenize


def txtai_build(folder: Path) -> None:
    """Index the exported units with their exported vectors and tokens (nothing re-encoded)."""
    import numpy as np
    from txtai import Embeddings

    config = json.loads((folder / "config.json").read_text())
    with open(folder / "units.jsonl", encoding="utf-8") as fh:
        texts = [json.loads(line)["text"] for line in fh]
    words: dict[str, str] = {}  # one string object per distinct token: at 1M units the lists would hold ~60M
    with open(folder / "tokens.jsonl", encoding="utf-8") as fh:
        tokens = [[words.setdefault(w, w) for w in json.loads(line)] for line in fh]
    del words
    vectors = np.load(folder / "vectors.npy", mmap_mode="r")
    _txtai_tokenizer(folder, {t: k for t, k in zip(texts, tokens)})
    rows = {}
    for row, text in enumerate(texts):
        rows.setdefault(text, row)

    def transform(batch):
        return np.stack([vectors[rows[t]] for t in batch])

    embeddings = Embeddings(method="external", transform=transform, content=True, hybrid=True,
                            scoring={"method": "bm25", "terms": True}, backend="faiss")
    t, c = time.perf_counter(), time.process_time()
    embeddings.index((str(row), text, None) for row, text in enumerate(texts))
    build_s, build_cpu = time.perf_counter() - t, time.process_time() - c
    embeddings.config.pop("transform", None)
    # queries are encoded by txtai itself, from the same model folder with the same prefixes
    embeddings.config.update({"method": "sentence-transformers", "path": config["model"],
                              "instructions": {"query": config["query_prefix"], "data": config["passage_prefix"]}})
    embeddings.save(str(folder / "txtai"))
    saved = json.loads((folder / "txtai" / "config.json").read_text())
    print(json.dumps({"build_s": round(build_s, 1), "build_cpu_s": round(build_cpu, 1), "count": embeddings.count(),
                      "components": saved.get("build", {}).get("settings", {}).get("components")
                      or saved.get("components"),
                      "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)}))


def txtai(folder: Path):
    """A search function over the txtai index built by ``txtai_build``."""
    from txtai import Embeddings

    _txtai_tokenizer(folder)
    embeddings = Embeddings()
    embeddings.load(str(folder / "txtai"))
    embeddings.search("warm-up", 1)

    def search(query: str, limit: int) -> tuple[list[str], float, float]:
        t, c = time.perf_counter(), time.process_time()
        hits = embeddings.search(query, limit)
        wall, cpu = (time.perf_counter() - t) * 1000, (time.process_time() - c) * 1000
        return [str(h["id"]) for h in hits], cpu, wall

    return search


def main(argv: list[str]) -> int:
    """Build, or load and serve queries until stdin closes."""
    side, action, folder = argv[0], argv[1], Path(argv[2])
    _one_thread(side)
    if action == "build":
        txtai_build(folder)
        return 0
    start = memory_mb()
    t = time.perf_counter()
    search = ours(folder) if side == "ours" else txtai(folder)
    print(json.dumps({"ready": True, "load_s": round(time.perf_counter() - t, 1), "rss_start": start,
                      "rss_loaded": memory_mb()}), flush=True)
    for line in sys.stdin:
        request = json.loads(line)
        if request.get("op") == "memory":
            print(json.dumps(memory_mb()), flush=True)
            continue
        ids, cpu, wall = search(request["query"], int(request.get("limit", 20)))
        print(json.dumps({"ids": ids, "cpu_ms": cpu, "wall_ms": wall}), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
