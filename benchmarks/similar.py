"""T3 ("comparable measures elsewhere") on the hand-judged link pairs: obligation vectors read alone vs read
inside their passage (late chunking, ``search/unitvectors.py``), and ``similar`` from an obligation IRI.

    .venv/bin/python benchmarks/similar.py [--encoder e5-small] [--json]

``tests/gold/checks/pairs.json`` holds "same measure" judgements between a downstream plan and the upstream
document it implements (``link_pairs``). For each pair, the downstream obligation asks for its nearest
obligations among every obligation of the other documents of that file (the pool), as ``similar`` does; the
rank of the upstream obligation gives hit@1, hit@5 and MRR. Both vector kinds come from the same encoder and
the same units (the documents ingested into a fresh graph, units as the search index loads them), so the
difference is only how an obligation inside a passage gets its vector. ``alone_to_in_passage``: the asking
obligation read alone, the pool in passage (the shipped dense side); ``query_to_query``: both sides with e5's
"query: " prefix (e5's advice for symmetric tasks; a reference: the index holds passage vectors).

Then the product path, over a search index built each way: ``similar_units(index, <downstream obligation
IRI>)`` as shipped (``similar_*``: the obligation's text as a passage, obligations only, BM25 fused by the
index's fusion) and as it was (``similar_as_query_*``: the text asked as a query, hybrid over every unit);
``variant_*``: the shipped design without BM25, or with passages in the pool. A pair counts when the upstream
obligation itself is its region's pick ("first": the top region); MRR over the returned list (0 when absent);
the pair-by-pair line counts pairs ranked better/worse than before. Small (17 extracted pairs of 19): a check,
not a fine measure; it prints the count beside every figure. About 1 CPU-minute.
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
from policykg.search.fusion import make_fusion
from policykg.search.index import CANDIDATES, SearchIndex
from policykg.search.query import clean_query
from policykg.search.results import _region_group, same_measure_hits, similar_units
from policykg.search.units import load_units
from policykg.search.unitvectors import encode_keys, reads_spans, vector_keys

PAIRS = ROOT / "tests" / "gold" / "checks" / "pairs.json"


def _squash(s: str) -> str:
    return re.sub(r"\s+", "", s or "")


def _ranks(vectors: np.ndarray, units: list, asks: list[tuple[int, int]], ask_vectors: np.ndarray | None = None
           ) -> list[int]:
    """1-based rank of the wanted unit among the obligation units of other documents, for each (ask, want);
    ``ask_vectors`` (rows as ``vectors``): the asking side's vectors, when they differ from the pool's."""
    normed = vectors / np.maximum(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-12)
    asking = normed if ask_vectors is None else ask_vectors / np.maximum(
        np.linalg.norm(ask_vectors, axis=1, keepdims=True), 1e-12)
    out = []
    for ask, want in asks:
        pool = [i for i, u in enumerate(units) if u.kind == "obligation" and u.doc_iri != units[ask].doc_iri]
        scores = normed[pool] @ asking[ask]
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
        # the shipped design's raw form: the asking obligation read alone (as a passage), the pool in passage
        result["alone_to_in_passage"] = _summary(_ranks(late, units, asks, ask_vectors=alone))
        pairs = [(units[a].iri, units[b].iri) for a, b in asks]
        result.update(_product(docs, encoder_setting, pairs, spans=False))
        result.update(_product(docs, encoder_setting, pairs, spans=True))
    # e5's own advice for symmetric tasks: "query: " on both sides (the index's vectors are passages, so a
    # reference only; it would mean a second vector per unit)
    rows = sorted({i for pair in asks for i in pair} | {i for i, u in enumerate(units) if u.kind == "obligation"})
    queries = np.zeros_like(alone)
    queries[rows] = encoder.encode_queries([units[i].text for i in rows])
    result["query_to_query"] = _summary(_ranks(queries, units, asks))
    return result


def _product(docs: dict, encoder_setting: str, pairs: list[tuple[str, str]], spans: bool) -> dict:
    """similar_units (shipped) and its earlier form, over an index whose obligation vectors are read alone or in
    their passage; on the in-passage index (the product's) also the shipped design's variants."""
    original = index_module.reads_spans
    if not spans:
        index_module.reads_spans = lambda encoder: False
    name = "in_passage" if spans else "alone"
    try:
        with tempfile.TemporaryDirectory() as tmp:
            kg = KnowledgeGraph.open(Path(tmp) / "store")
            kg.add_documents(list(docs.values()), resolve=False)
            index = SearchIndex(Path(tmp) / "search", kg, encoder_setting, cache_dir=Path(tmp) / "cache")
            index.rebuild()
            out = {f"similar_{name}": _picks(pairs, lambda iri: similar_units(index, iri, limit=20)["results"]),
                   f"similar_as_query_{name}": _picks(pairs, lambda iri: _similar_as_query(index, iri))}
            if spans:
                out["variant_dense_only"] = _picks(pairs, lambda iri: _variant(index, iri, fusion=make_fusion("dense")))
                out["variant_all_kinds"] = _picks(pairs, lambda iri: _variant(index, iri, any_kind=True))
                out["similar_cpu_ms"] = _cpu_ms(index, pairs, lambda iri: similar_units(index, iri, limit=20))
                out["similar_as_query_cpu_ms"] = _cpu_ms(index, pairs, lambda iri: _similar_as_query(index, iri))
            kg.close()
    finally:
        index_module.reads_spans = original
    return out


def _cpu_ms(index: SearchIndex, pairs: list[tuple[str, str]], answer) -> float:
    """CPU-ms per call, every text encoded again (the vector caches emptied before each call)."""
    answer(pairs[0][0])  # the per-table kind rows are made on the first call
    t0 = time.process_time()
    for down, _ in pairs:
        index.passage_cache.clear()
        index.query_cache.clear()
        answer(down)
    return round((time.process_time() - t0) * 1000 / len(pairs), 1)


def _picks(pairs: list[tuple[str, str]], answer) -> dict:
    """Is the upstream obligation its region's pick, and where in the answer (MRR; 0 when absent)."""
    picked, first, rr, ranks = 0, 0, 0.0, []
    for down, up in pairs:
        got = [r["iri"] for r in answer(down)]
        ranks.append(got.index(up) + 1 if up in got else None)
        if up in got:
            picked += 1
            first += got.index(up) == 0
            rr += 1 / (got.index(up) + 1)
    n = len(pairs)
    return {"pairs": n, "picked": picked, "hit@1": round(first / n, 3) if n else None,
            "mrr": round(rr / n, 3) if n else None, "ranks": ranks}


def _paired(after: list, before: list) -> tuple[int, int]:
    """(pairs ranked better, pairs ranked worse) by ``after`` than by ``before`` (absent: worst)."""
    worst = 10**6
    a, b = [r or worst for r in after], [r or worst for r in before]
    return sum(x < y for x, y in zip(a, b)), sum(x > y for x, y in zip(a, b))


def _best_per_region(index: SearchIndex, hits: list) -> list[dict]:
    best: dict = {}
    for hit in hits:
        best.setdefault(_region_group(index.units[hit.row]), hit)
    return [{"iri": index.units[h.row].iri} for h in sorted(best.values(), key=lambda h: -h.score)[:20]]


def _similar_as_query(index: SearchIndex, iri: str) -> list[dict]:
    """similar_units as it was before the symmetric design: the obligation's text asked as a query, hybrid
    search over every unit kind, the best per region."""
    unit = index.unit(iri)
    text, _ = clean_query(unit.text)
    keep = index.facets.outside(unit.doc_iri, unit.region_code or unit.region)
    hits = index.rank([text], None, CANDIDATES, allowed=np.flatnonzero(keep), candidates=CANDIDATES)[0]
    return _best_per_region(index, hits)


def _variant(index: SearchIndex, iri: str, **options) -> list[dict]:
    unit = index.unit(iri)
    keep = index.facets.outside(unit.doc_iri, unit.region_code or unit.region)
    return _best_per_region(index, same_measure_hits(index, unit, keep, **options))


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
    for kind in ("alone", "in_passage", "alone_to_in_passage", "query_to_query"):
        if kind in r:
            s = r[kind]
            cpu = f", encoding {s['cpu_s']} CPU-s" if "cpu_s" in s else ""
            print(f"{kind:19} hit@1 {s['hit@1']:.3f}  hit@5 {s['hit@5']:.3f}  MRR {s['mrr']:.3f}  (n={s['pairs']}{cpu})")
    for kind in ("similar_alone", "similar_in_passage", "similar_as_query_alone", "similar_as_query_in_passage",
                 "variant_dense_only", "variant_all_kinds"):
        if kind in r:
            s = r[kind]
            print(f"{kind:27} upstream obligation is its region's pick {s['picked']}/{s['pairs']}  "
                  f"first {s['hit@1']:.3f}  MRR {s['mrr']:.3f}")
    if "similar_as_query_in_passage" in r:
        better, worse = _paired(r["similar_in_passage"]["ranks"], r["similar_as_query_in_passage"]["ranks"])
        print(f"similar_in_passage against similar_as_query_in_passage, pair by pair: better {better}, worse {worse}, "
              f"same {r['similar_in_passage']['pairs'] - better - worse}")
    if "similar_cpu_ms" in r:
        print(f"similar from an IRI: {r['similar_cpu_ms']} CPU-ms per call, as a query "
              f"{r['similar_as_query_cpu_ms']} (each text encoded again)")

if __name__ == "__main__":
    main()
