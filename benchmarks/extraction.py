"""Obligation extraction against the hand-annotated gold in tests/gold/obligations/.

Prints precision, recall and F1 per field (obligations, agency-role pairs, deadline dates, targets, site
types) next to a baseline (every dictionary agency anywhere in the obligation, role "lead"), and the
extraction speed in documents per second on one core over the whole corpus (layout and metadata are
done first and not timed: this measures ``extract_obligations`` alone).

    .venv/bin/python benchmarks/extraction.py [--json] [--no-speed]

Gold files marked ``"split": "heldout"`` were annotated before the extractor was run on them; their
figures are printed apart. Their first run (before any rule was changed after seeing their errors) gave
F1 obligations 0.987, agency-role 0.495 (P 0.767 R 0.365), deadline dates 0.667 (P 1.0 R 0.5), targets 0.952,
site types 0.931: the honest estimate for unseen documents; later figures on them are tuned.

Gold matching: a predicted obligation matches a gold one when its text (spaces removed) contains the
gold ``anchor`` and, for table rows, it comes from a table; each is used once, in order. Facts of an
unmatched prediction count as false positives, facts of an unmatched gold obligation as false negatives.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import time
from collections import Counter
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")
sys.path.insert(0, str(Path(__file__).resolve().parent))

from _docs import ROOT, load_document
from policykg.ingest.extract.agencies import find_agencies
from policykg.ingest.extract.obligations import extract_obligations
from policykg.ingest.model import Obligation

GOLD_DIR = ROOT / "tests" / "gold" / "obligations"
FIELDS = ("obligations", "agency_role", "deadline_dates", "targets", "site_types")


def _squash(s: str) -> str:
    return re.sub(r"\s+", "", s)


def _facts(ob: dict | Obligation, field: str) -> Counter:
    if isinstance(ob, Obligation):
        if field == "agency_role":
            return Counter({(a.name, a.role) for a in ob.agencies})
        if field == "deadline_dates":
            return Counter((d.date.isoformat() if d.date else None, d.precision) for d in ob.deadlines)
        if field == "targets":
            return Counter((float(t.value), t.unit, t.comparator) for t in ob.targets)
        if field == "site_types":
            return Counter(set(ob.site_types))
        return Counter()
    if field == "agency_role":
        return Counter({tuple(a) for a in ob["agencies"]})
    if field == "deadline_dates":
        return Counter((d["date"], d["precision"]) for d in ob["deadlines"])
    if field == "targets":
        return Counter((float(t["value"]), t["unit"], t["comparator"]) for t in ob["targets"])
    if field == "site_types":
        return Counter(set(ob["site_types"]))
    return Counter()


def match(gold: list[dict], pred: tuple[Obligation, ...]) -> list[tuple[dict | None, Obligation | None]]:
    """Pairs (gold, predicted); None on one side for an unmatched obligation."""
    used: set[int] = set()
    pairs: list[tuple[dict | None, Obligation | None]] = []
    texts = [_squash(p.text) for p in pred]
    for g in gold:
        anchor = _squash(g["anchor"])
        want = g.get("source", "text")
        hit = next((i for i, p in enumerate(pred) if i not in used and anchor in texts[i] and p.source == want), None)
        if hit is None:
            hit = next((i for i, p in enumerate(pred) if i not in used and anchor in texts[i]), None)
        if hit is None:
            pairs.append((g, None))
        else:
            used.add(hit)
            pairs.append((g, pred[hit]))
    pairs += [(None, p) for i, p in enumerate(pred) if i not in used]
    return pairs


def baseline_agencies(ob: Obligation, doc) -> Counter:
    """Every dictionary agency in the text, all as lead: what a role-blind matcher would give."""
    return Counter({(h.name, "lead") for h in find_agencies(ob.text, doc.region, ob.span.start)})


def score(counts: dict[str, list[int]]) -> dict[str, dict[str, float]]:
    """Precision, recall and F1 from [tp, fp, fn] per field."""
    out = {}
    for f, (tp, fp, fn) in counts.items():
        p = tp / (tp + fp) if tp + fp else 1.0
        r = tp / (tp + fn) if tp + fn else 1.0
        out[f] = {"precision": round(p, 3), "recall": round(r, 3), "f1": round(2 * p * r / (p + r) if p + r else 0.0, 3),
                  "tp": tp, "fp": fp, "fn": fn}
    return out


def evaluate(gold_dir: Path = GOLD_DIR) -> dict:
    """Scores of the extractor (and the baseline) over every gold file."""
    counts = {f: [0, 0, 0] for f in FIELDS}
    held = {f: [0, 0, 0] for f in FIELDS}
    base = [0, 0, 0]
    per_doc = {}
    for path in sorted(gold_dir.glob("*.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        doc = load_document(gold["source"], gold.get("meta"))
        pred = extract_obligations(doc)
        doc_counts = {f: [0, 0, 0] for f in FIELDS}
        for g, p in match(gold["obligations"], pred):
            c = doc_counts["obligations"]
            c[0 if g and p else 1 if p else 2] += 1
            for f in FIELDS[1:]:
                gf = _facts(g, f) if g else Counter()
                pf = _facts(p, f) if p else Counter()
                tp = sum((gf & pf).values())
                doc_counts[f][0] += tp
                doc_counts[f][1] += sum(pf.values()) - tp
                doc_counts[f][2] += sum(gf.values()) - tp
            ga = _facts(g, "agency_role") if g else Counter()
            ba = baseline_agencies(p, doc) if p else Counter()
            tp = sum((ga & ba).values())
            base[0] += tp
            base[1] += sum(ba.values()) - tp
            base[2] += sum(ga.values()) - tp
        for f in FIELDS:
            counts[f] = [a + b for a, b in zip(counts[f], doc_counts[f])]
            if gold.get("split") == "heldout":
                held[f] = [a + b for a, b in zip(held[f], doc_counts[f])]
        per_doc[path.name] = score(doc_counts)
    return {"fields": score(counts), "heldout": score(held), "baseline_agency_role": score({"x": base})["x"], "documents": per_doc}


def corpus_files() -> list[Path]:
    """Every document of the bundled corpus."""
    exts = {".txt", ".md", ".html", ".docx", ".pdf", ".json"}
    return sorted(p for p in (ROOT / "corpus" / "documents").rglob("*") if p.is_file() and p.suffix in exts)


def speed() -> dict:
    """Documents per second of extract_obligations over the corpus (one core, documents pre-parsed)."""
    from policykg.ingest.model import IngestError

    docs, rejected = [], []
    for p in corpus_files():
        try:
            docs.append(load_document(str(p.relative_to(ROOT))))
        except IngestError as e:  # a file the reader rejects is not part of this measure
            rejected.append(e.reason)
    extract_obligations(docs[0])  # warm the dictionaries
    t0 = time.perf_counter()
    n_obs = sum(len(extract_obligations(d)) for d in docs)
    dt = time.perf_counter() - t0
    chars = sum(len(d.text) for d in docs)
    return {"documents": len(docs), "rejected": len(rejected), "obligations": n_obs, "seconds": round(dt, 3),
            "docs_per_s": round(len(docs) / dt, 1), "kchars_per_s": round(chars / dt / 1000, 1)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--no-speed", action="store_true")
    args = ap.parse_args()
    result = evaluate()
    if not args.no_speed:
        result["speed"] = speed()
    if args.json:
        print(json.dumps(result, ensure_ascii=False, indent=1))
        return
    print(f"{'field':16} {'P':>6} {'R':>6} {'F1':>6}   tp/fp/fn")
    for f, s in result["fields"].items():
        print(f"{f:16} {s['precision']:6.3f} {s['recall']:6.3f} {s['f1']:6.3f}   {s['tp']}/{s['fp']}/{s['fn']}")
    print("held-out documents only (annotated before the extractor ever ran on them):")
    for f, s in result["heldout"].items():
        print(f"  {f:14} {s['precision']:6.3f} {s['recall']:6.3f} {s['f1']:6.3f}   {s['tp']}/{s['fp']}/{s['fn']}")
    b = result["baseline_agency_role"]
    print(f"{'baseline agency':16} {b['precision']:6.3f} {b['recall']:6.3f} {b['f1']:6.3f}   "
          f"(every dictionary agency as lead)")
    print("targets: F1 >= 0.85 agency_role, >= 0.90 deadline_dates")
    if "speed" in result:
        s = result["speed"]
        print(f"speed: {s['docs_per_s']} docs/s ({s['documents']} docs, {s['obligations']} obligations, "
              f"{s['seconds']} s, {s['kchars_per_s']} kchars/s; target >= 20 docs/s)")


if __name__ == "__main__":
    main()
