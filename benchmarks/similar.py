"""T3 ("comparable measures elsewhere") on the hand-judged link pairs: obligation vectors read alone vs read
inside their passage (late chunking, ``search/unitvectors.py``).

    .venv/bin/python benchmarks/similar.py [--encoder e5-small]

``tests/gold/checks/pairs.json`` holds "same measure" judgements between a downstream plan and the upstream
document it implements (``link_pairs``). For each pair, the downstream obligation asks for its nearest
obligations among every obligation of the other documents of that file (the pool), as ``similar`` does; the
rank of the upstream obligation gives hit@1, hit@5 and MRR. Both vector kinds come from the same encoder and
the same units (the documents ingested into a fresh graph, units as the search index loads them), so the
difference is only how an obligation inside a passage gets its vector.

Then the product path: a search index built each way, and ``similar_units(index, <downstream obligation IRI>)``
(the obligation's text asked as a query, hybrid, the best unit per other region): a pair counts when the
upstream obligation itself is its region's pick; MRR over the returned list. Small (19 pairs): a check that
late chunking does not lose T3, not a fine measure; it prints the count beside every figure.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")
sys.path.insert(0, str(Path(__file__).resolve().parent))

import numpy as np
from _docs import ROOT
from policykg.graph.ids import document_iri
from policykg.graph.kg import KnowledgeGraph
from policykg.ingest.pipeline import parse_file
from policykg.search import index as index_module
from policykg.search.encoders import make_encoder
from policykg.search.index import SearchIndex
from policykg.search.results import similar_units
from policykg.search.units import load_units
from policykg.search.unitvectors import encode_keys, reads_spans, vector_keys

PAIRS = ROOT / "tests" / "gold" / "checks" / "pairs.json"


def _squash(s: str) -> str:
    return re.sub(r"\s+", "", s or "")


def _ranks(vectors: np.ndarray, units: list, asks: list[tuple[int, int]]) -> list[int]:
    """1-based rank of the wanted unit among the obligation units of other documents, for each (ask, want)."""
    normed = vectors / np.maximum(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-12)
    out = []
    for ask, want in asks:
        pool = [i for i, u in enumerate(units) if u.kind == "obligation" and u.doc_iri != units[ask].doc_iri]
        scores = normed[pool] @ normed[ask]
        order = [pool[i] for i in np.argsort(-scores, kind="stable")]
        out.append(order.index(want) + 1)
    return out


def _summary(ranks: list[int]) -> dict:
    n = len(ranks)
    return {"pairs": n, "hit@1": round(sum(r == 1 for r in ranks) / n, 3),
            "hit@5": round(sum(r <= 5 for r in ranks) / n, 3), "mrr": round(sum(1 / r for r in ranks) / n, 3)}


def run(encoder_setting: str) -> dict:
    gold = json.loads(PAIRS.read_text(encoding="utf-8"))
    docs = {key: parse_file(ROOT / "corpus" / "documents" / d["path"]) for key, d in gold["documents"].items()}
    with tempfile.TemporaryDirectory() as tmp:
        kg = KnowledgeGraph.open(Path(tmp))
        kg.add_documents(list(docs.values()), resolve=False)
        units = load_units(kg)
        kg.close()
    iri_of_doc = {key: str(document_iri(d)) for key, d in docs.items()}

    def unit_of(ob_id: str) -> int | None:
        ob = gold["obligations"][ob_id]
        quote, doc = _squash(ob["quote"]), iri_of_doc[ob["doc"]]
        hits = [i for i, u in enumerate(units) if u.kind == "obligation" and u.doc_iri == doc
                and quote in _squash(u.text)]
        return hits[min(ob.get("occurrence", 0), len(hits) - 1)] if hits else None

    asks, missing = [], 0
    for down, up in gold["link_pairs"]:
        a, b = unit_of(down), unit_of(up)
        if a is None or b is None:
            missing += 1
            continue
        asks.append((a, b))
    encoder = make_encoder(encoder_setting)
    t0 = time.process_time()
    alone = encode_keys(encoder, vector_keys(units, spans=False))
    t_alone = time.process_time() - t0
    result = {"units": len(units), "pairs_found": len(asks), "pairs_not_extracted": missing,
              "alone": {**_summary(_ranks(alone, units, asks)), "cpu_s": round(t_alone, 1)}}
    if reads_spans(encoder):
        t0 = time.process_time()
        late = encode_keys(encoder, vector_keys(units, spans=True))
        result["in_passage"] = {**_summary(_ranks(late, units, asks)), "cpu_s": round(time.process_time() - t0, 1)}
        pairs = [(units[a].iri, units[b].iri) for a, b in asks]
        result["similar_alone"] = _product(docs, encoder_setting, pairs, spans=False)
        result["similar_in_passage"] = _product(docs, encoder_setting, pairs, spans=True)
    return result


def _product(docs: dict, encoder_setting: str, pairs: list[tuple[str, str]], spans: bool) -> dict:
    """similar_units over an index whose obligation vectors are read alone or in their passage."""
    original = index_module.reads_spans
    if not spans:
        index_module.reads_spans = lambda encoder: False
    try:
        with tempfile.TemporaryDirectory() as tmp:
            kg = KnowledgeGraph.open(Path(tmp) / "store")
            kg.add_documents(list(docs.values()), resolve=False)
            index = SearchIndex(Path(tmp) / "search", kg, encoder_setting, cache_dir=Path(tmp) / "cache")
            index.rebuild()
            picked, rr = 0, 0.0
            for down, up in pairs:
                got = [r["iri"] for r in similar_units(index, down, limit=20)["results"]]
                if up in got:
                    picked += 1
                    rr += 1 / (got.index(up) + 1)
            kg.close()
    finally:
        index_module.reads_spans = original
    n = len(pairs)
    return {"pairs": n, "picked": picked, "mrr": round(rr / n, 3) if n else None}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--encoder", default="e5-small")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    r = run(args.encoder)
    if args.json:
        print(json.dumps(r, ensure_ascii=False, indent=1))
        return
    print(f"{r['units']} units; link pairs found {r['pairs_found']} (not extracted: {r['pairs_not_extracted']})")
    for kind in ("alone", "in_passage"):
        if kind in r:
            s = r[kind]
            print(f"{kind:11} hit@1 {s['hit@1']:.3f}  hit@5 {s['hit@5']:.3f}  MRR {s['mrr']:.3f}  "
                  f"(n={s['pairs']}, encoding {s['cpu_s']} CPU-s)")
    for kind in ("similar_alone", "similar_in_passage"):
        if kind in r:
            s = r[kind]
            print(f"{kind:19} upstream obligation is its region's pick {s['picked']}/{s['pairs']}  MRR {s['mrr']:.3f}")


if __name__ == "__main__":
    main()
