"""Consistency checks: precision/recall of obligation matching and of findings against the labelled set,
a threshold sweep (the calibration behind LINK_THRESHOLD / INTERNAL_THRESHOLD), and a scale run.

    .venv/bin/python benchmarks/checks.py [--encoder none|hash|e5-small] [--scale 10000] [--skip-scale]

Gold: tests/gold/checks/pairs.json. Records come two ways: ``hand`` (one obligation per labelled
quote, the rules alone) and ``extracted`` (the real extractor's obligations, each gold quote mapped to
the obligation holding it; pairs whose quotes land outside any obligation count as misses).
Findings are scored on the real gold documents and on DERIVED documents (a real file with one date
changed, built in memory, never written to corpus/). Baseline: lexical signal only (``--encoder none``).

Scale: the corpus is parsed once, its real basis links read from the graph, and the documents
replicated (each replica keeps its links inside its block) to ``--scale`` documents; the check runs
per document and per basis link, as after_change does. Reported: total seconds and documents/s.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("HF_HUB_OFFLINE", "1")

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tests"))

from checks_gold import (
    DERIVED_MARK,
    derived_text,
    doc_text,
    hand_records,
    load_gold,
    locate,
)
from policykg.search.consistency import DocRecord, check_document, doc_record
from policykg.search.consistency_match import ObligationMatcher


def make_matcher(encoder: str, link: float | None = None, internal: float | None = None) -> ObligationMatcher:
    enc = None
    if encoder != "none":
        from policykg.search.encoders import make_encoder

        enc = make_encoder(encoder)
    kw = {}
    if link is not None:
        kw["link_threshold"] = link
    if internal is not None:
        kw["internal_threshold"] = internal
    return ObligationMatcher(encoder=enc, **kw)


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


# -- records -------------------------------------------------------------------------------------

def extracted_records(gold: dict, texts: dict[str, str] | None = None) -> tuple[dict, dict]:
    """Extractor records per gold document and, per document, extracted id -> gold id."""
    from policykg.ingest.pipeline import parse_bytes

    texts = texts or {}
    recs, maps = {}, {}
    for key, spec in gold["documents"].items():
        text = texts.get(key) or doc_text(gold, key)
        doc = parse_bytes(text.encode("utf-8"), spec["path"].rsplit("/", 1)[-1])
        rec = doc_record(doc, key)
        recs[key] = rec
        maps[key] = locate(gold, key, doc.text, list(rec.obligations))
    return recs, maps


def _gold_of(maps: dict | None, key: str, iri: str) -> set[str]:
    """Gold ids an obligation stands for: itself for hand records, the quotes it holds when extracted."""
    return maps[key].get(iri, set()) if maps is not None else {iri}


# -- matching ------------------------------------------------------------------------------------

def _score_pairs(found_pairs: list[tuple[set[str], set[str]]], gold_pairs: list[list[str]]) -> tuple:
    want = {frozenset(p) for p in gold_pairs}
    tp = fp = 0
    hit: set[frozenset] = set()
    for a, b in found_pairs:
        good = {frozenset((x, y)) for x in a for y in b} & want
        if good:
            tp += 1
            hit |= good
        elif a and b:
            fp += 1  # two labelled obligations matched that the gold set keeps apart
    return tp, fp, len(want - hit)


def score_matching(gold: dict, recs: dict, maps: dict | None, matcher: ObligationMatcher) -> dict[str, tuple]:
    """(tp, fp, fn) for internal and link matching; a match is judged when both ends are labelled."""
    internal = []
    for key in sorted({gold["obligations"][a]["doc"] for a, _ in gold["internal_pairs"]}):
        for m in matcher.match_internal(recs[key].obligations):
            internal.append((_gold_of(maps, key, m.a.iri), _gold_of(maps, key, m.b.iri)))
    link = []
    for lk in gold["links"]:
        for m in matcher.match_link(recs[lk["down"]].obligations, recs[lk["up"]].obligations):
            link.append((_gold_of(maps, lk["down"], m.a.iri), _gold_of(maps, lk["up"], m.b.iri)))
    return {"internal": _score_pairs(internal, gold["internal_pairs"]),
            "link": _score_pairs(link, gold["link_pairs"])}


# -- findings ------------------------------------------------------------------------------------

def score_findings(gold: dict, matcher: ObligationMatcher, extracted: bool) -> tuple[int, int, int, list[str]]:
    """(tp, fp, fn, notes) over real gold documents and derived cases."""
    tp = fp = fn = 0
    notes = []
    recs, maps = extracted_records(gold) if extracted else (hand_records(gold), None)
    links = {lk["down"]: lk["up"] for lk in gold["links"]}
    expected = {(f["kind"], tuple(f["obligations"])) for f in gold["findings"]}
    got = set()
    for key, rec in recs.items():
        bases = [recs[links[key]]] if key in links else []
        for f in check_document(rec, bases, matcher):
            groups = [_gold_of(maps, f.document.iri if i == 0 or f.other_document is None
                               else f.other_document.iri, r.iri) for i, (r, _) in enumerate(f.obligations)]
            ids = next((e[1] for e in expected if e[0] == f.kind and len(e[1]) == len(groups)
                        and all(x in g for x, g in zip(e[1], groups))), None)
            if ids is not None:
                tp += 1
                got.add((f.kind, ids))
            else:
                fp += 1
                notes.append(f"FP {key}: {f.kind} {f.reason}")
    for e in expected - got:
        fn += 1
        notes.append(f"FN {e}")
    for case in gold["derived"]:
        text = derived_text(gold, case)  # DERIVED, in memory
        if extracted:
            drecs, dmaps = extracted_records(gold, {case["doc"]: text})
        else:
            drecs, dmaps = hand_records(gold, {case["doc"]: text}, case["deadline_changes"]), None
        doc = drecs[case["doc"]]
        doc = DocRecord(f"{DERIVED_MARK}:{case['id']}", doc.title, doc.date, doc.obligations)
        bases = [drecs[case["up"]]] if "up" in case else []
        found = [f for f in check_document(doc, bases, matcher) if f.kind in ("internal_deadline", "chain_deadline")]
        exp = case["expect"]
        hit = False
        for f in found:
            ids = set()
            for i, (r, _) in enumerate(f.obligations):
                src = case["doc"] if i == 0 or f.other_document is None else case.get("up", case["doc"])
                ids |= _gold_of(dmaps, src, r.iri)
            changed = next(iter(case["deadline_changes"]))
            if exp and f.kind == exp["kind"] and (changed in ids or not extracted or
                                                   any(d["text"] == case["deadline_changes"][changed][0][0]
                                                       for d in f.to_json()["dates"])):
                hit = True
            else:
                fp += 1
                notes.append(f"FP {DERIVED_MARK}:{case['id']}: {f.kind} {f.reason}")
        if exp and hit:
            tp += 1
        elif exp:
            fn += 1
            notes.append(f"FN {DERIVED_MARK}:{case['id']} ({exp['kind']})")
    return tp, fp, fn, notes


# -- scale ---------------------------------------------------------------------------------------

def corpus_records() -> tuple[list[DocRecord], dict[str, list[str]]]:
    """Every corpus document as a record, with the real basis links the graph resolves."""
    from policykg.graph.kg import KnowledgeGraph
    from policykg.ingest.pipeline import parse_paths
    from policykg.search.consistency_graph import basis_of, load_record

    docs, _errors = parse_paths([REPO / "corpus" / "documents"])
    kg = KnowledgeGraph.open(None)
    written = kg.add_documents(docs)
    iris = [w["iri"] for w in written if w["status"] in ("added", "replaced")]
    t = time.perf_counter()
    recs = [r for r in (load_record(kg, i) for i in iris) if r is not None]
    links = {i: basis_of(kg, i) for i in iris}
    print(f"graph read: {len(recs)} documents, {sum(len(r.obligations) for r in recs)} obligations, "
          f"{sum(len(v) for v in links.values())} basis links in {time.perf_counter() - t:.1f} s")
    return recs, links


def scale_run(n_docs: int, matcher: ObligationMatcher) -> None:
    recs, links = corpus_records()
    by_iri = {r.iri: r for r in recs}
    blocks = -(-n_docs // len(recs))
    t0 = time.perf_counter()
    done = findings = pairs = 0
    for b in range(blocks):
        def replica(r: DocRecord, b: int = b) -> DocRecord:  # real documents, replicated: ids differ per block
            return DocRecord(f"{r.iri}#r{b}", r.title, r.date,
                             tuple(type(o)(f"{o.iri}#r{b}", f"{r.iri}#r{b}", o.obligation) for o in r.obligations))
        for r in recs:
            if done >= n_docs:
                break
            bases = [replica(by_iri[i]) for i in links.get(r.iri, []) if i in by_iri]
            pairs += len(bases)
            findings += len(check_document(replica(r), bases, matcher))
            done += 1
        matcher.clear_caches()  # replicas must not ride on the previous block's tokens and vectors
    dt = time.perf_counter() - t0
    print(f"scale: {done} documents, {pairs} basis links, {findings} findings in {dt:.1f} s "
          f"({done / dt:.0f} documents/s; per-link work, no global join)")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--encoder", default="none", help="none (baseline), hash, e5-small")
    ap.add_argument("--scale", type=int, default=10_000)
    ap.add_argument("--skip-scale", action="store_true")
    args = ap.parse_args()
    gold = load_gold()

    print(f"gold: {len(gold['obligations'])} labelled obligations, {len(gold['internal_pairs'])} internal pairs, "
          f"{len(gold['link_pairs'])} link pairs, {len(gold['findings'])} real findings, "
          f"{len(gold['derived'])} derived cases")
    hand = hand_records(gold)
    ext, maps = extracted_records(gold)
    for encoder in dict.fromkeys(["none", args.encoder]):
        matcher = make_matcher(encoder)
        print(f"\n== encoder: {encoder} (thresholds link {matcher.link_threshold}, "
              f"internal {matcher.internal_threshold})")
        covered = {g for key in maps for ids in maps[key].values() for g in ids}
        both = [p for p in gold["internal_pairs"] + gold["link_pairs"] if set(p) <= covered]
        print(f"extractor coverage: {len(covered)}/{len(gold['obligations'])} labelled quotes fall inside an "
              f"extracted obligation; {len(both)}/{len(gold['internal_pairs']) + len(gold['link_pairs'])} "
              "gold pairs have both ends covered")
        for name, recs, mp in (("hand", hand, None), ("extracted", ext, maps)):
            g = gold if mp is None else dict(gold, internal_pairs=[p for p in gold["internal_pairs"] if p in both],
                                                 link_pairs=[p for p in gold["link_pairs"] if p in both])
            s = score_matching(g, recs, mp, matcher)
            for kind, (tp, fp, fn) in s.items():
                p, r, f1 = prf(tp, fp, fn)
                scope = "" if mp is None else " (covered pairs)"
                print(f"matching {kind:8s} {name:9s}  P {p:.2f}  R {r:.2f}  F1 {f1:.2f}  "
                      f"(tp {tp} fp {fp} fn {fn}){scope}")
        for extracted in (False, True):
            tp, fp, fn, notes = score_findings(gold, matcher, extracted)
            p, r, f1 = prf(tp, fp, fn)
            print(f"findings {'extracted' if extracted else 'hand':9s}          P {p:.2f}  R {r:.2f}  F1 {f1:.2f}  "
                  f"(tp {tp} fp {fp} fn {fn})")
            for note in notes[:8]:
                print("   ", note)
        print("threshold sweep (hand records, F1 link / internal):")
        for th in (0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.55):
            m = make_matcher(encoder, th, th) if encoder == "none" else ObligationMatcher(
                encoder=matcher.encoder, link_threshold=th, internal_threshold=th)
            s = score_matching(gold, hand, None, m)
            f_link, f_int = prf(*s["link"])[2], prf(*s["internal"])[2]
            print(f"   {th:.2f}: link {f_link:.2f}  internal {f_int:.2f}")
    if not args.skip_scale:
        print()
        scale_run(args.scale, make_matcher("none"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
