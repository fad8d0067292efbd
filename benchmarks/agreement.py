"""Inter-annotator agreement on the obligation gold: second annotations against the first ones.

Each file in tests/gold/agreement/ is an independent second annotation (B) of a document whose first
annotation (A) is the file in tests/gold/obligations/ with the same ``source``. A is the reference: recall
is the share of A's facts that B also records, precision the share of B's facts that A records. The
figures are the ceiling an extractor can be expected to reach on the same fields.

    .venv/bin/python benchmarks/agreement.py [--json] [--extractor]

With ``--extractor`` it also scores the extractor against each annotation on the same documents (P/R/F1
per field and split, columns: B vs A, extractor vs A, extractor vs B): the machine beside the human
ceiling, on equal terms.

Matching: an obligation of A pairs with one of B when, spaces removed, one anchor contains the other or
both share their first 8 characters (each used once, in A's order; an equal anchor is preferred, then
containment, then the shared prefix). Fields and fact comparisons are those of benchmarks/extraction.py,
reused through its ``field_counts`` with B's obligation standing in for the prediction: agency_role
(role and written form or canonical name agree), mention, deadline (date, precision), targets (value,
unit, comparator), site types (one label contains the other). The script prints figures only, never the
content of either annotation, so held-out gold stays unread.
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from pathlib import Path
from types import SimpleNamespace

sys.path.insert(0, str(Path(__file__).resolve().parent))

from extraction import FIELDS, GOLD_DIR, ROOT, _squash, field_counts, gold_document, match, score, split_of

AGREEMENT_DIR = ROOT / "tests" / "gold" / "agreement"
PREFIX = 8


def as_prediction(ob: dict) -> SimpleNamespace:
    """A gold obligation in the shape field_counts reads from an extracted Obligation."""
    return SimpleNamespace(
        text=ob["anchor"],
        source=ob.get("source", "text"),
        agencies=[SimpleNamespace(text=a.get("mention", ""), name=a.get("name", ""), role=a["role"])
                  if isinstance(a, dict) else SimpleNamespace(text="", name=a[0], role=a[1])
                  for a in ob.get("agencies", [])],
        deadlines=[SimpleNamespace(date=date.fromisoformat(d["date"]) if d.get("date") else None,
                                   precision=d["precision"]) for d in ob.get("deadlines", [])],
        targets=[SimpleNamespace(value=t["value"], unit=t["unit"], comparator=t["comparator"])
                 for t in ob.get("targets", [])],
        site_types=list(ob.get("site_types", [])),
    )


def anchors_agree(a: str, b: str, strength: int) -> bool:
    """Strength 0: equal; 1: one contains the other; 2: the first PREFIX characters are shared."""
    a, b = _squash(a), _squash(b)
    if strength == 0:
        return a == b
    if strength == 1:
        return a in b or b in a
    return len(a) >= PREFIX and len(b) >= PREFIX and a[:PREFIX] == b[:PREFIX]


def match_annotations(first: list[dict], second: list[dict]) -> list[tuple[dict | None, dict | None]]:
    """Pairs (A, B) of obligations; None on one side for an obligation the other annotator has not."""
    hits: dict[int, int] = {}
    used: set[int] = set()
    for strength in (0, 1, 2):
        for i, a in enumerate(first):
            if i in hits:
                continue
            j = next((j for j, b in enumerate(second)
                      if j not in used and anchors_agree(a["anchor"], b["anchor"], strength)), None)
            if j is not None:
                hits[i] = j
                used.add(j)
    pairs: list[tuple[dict | None, dict | None]] = [(a, second[hits[i]] if i in hits else None)
                                                    for i, a in enumerate(first)]
    return pairs + [(None, b) for j, b in enumerate(second) if j not in used]


def first_annotations(gold_dir: Path = GOLD_DIR) -> dict[str, tuple[str, dict]]:
    """source -> (file name, first annotation)."""
    out = {}
    for path in sorted(gold_dir.glob("*.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        out[gold["source"]] = (path.name, gold)
    return out


def _add(counts: dict[str, list[int]], more: dict[str, list[int]]) -> None:
    for f in FIELDS:
        counts[f] = [x + y for x, y in zip(counts[f], more[f])]


def extractor_counts(reference: dict, doc, pred: tuple) -> dict[str, list[int]]:
    """The extractor's counts against one annotation, matched as benchmarks/extraction.py matches."""
    counts = {f: [0, 0, 0] for f in FIELDS}
    for g, p in match(reference["obligations"], pred):
        _add(counts, {f: list(c) for f, c in field_counts(g, p, reference.get("schema", 1)).items()})
    return counts


def evaluate(agreement_dir: Path = AGREEMENT_DIR, gold_dir: Path = GOLD_DIR, extractor: bool = False) -> dict:
    """Agreement figures over all documents, per split and per document (A as reference); with
    ``extractor``, the extractor's figures against A and against B on the same documents, per split."""
    from policykg.ingest.extract.obligations import extract_obligations

    firsts = first_annotations(gold_dir)
    total = {f: [0, 0, 0] for f in FIELDS}
    by_split: dict[str, dict[str, list[int]]] = {}
    machine: dict[str, dict[str, dict[str, list[int]]]] = {}
    per_doc, missing = {}, []
    for path in sorted(agreement_dir.glob("*.json")):
        second = json.loads(path.read_text(encoding="utf-8"))
        if second["source"] not in firsts:
            missing.append(path.name)
            continue
        name, first = firsts[second["source"]]
        split = split_of(first, name)
        split_of(second, path.name)  # the second file must follow the same split rule
        schema = min(first.get("schema", 1), second.get("schema", 1))
        counts = {f: [0, 0, 0] for f in FIELDS}
        for a, b in match_annotations(first["obligations"], second["obligations"]):
            for f, c in field_counts(a, as_prediction(b) if b else None, schema).items():
                counts[f] = [x + y for x, y in zip(counts[f], c)]
        split_counts = by_split.setdefault(split, {f: [0, 0, 0] for f in FIELDS})
        for f in FIELDS:
            total[f] = [x + y for x, y in zip(total[f], counts[f])]
            split_counts[f] = [x + y for x, y in zip(split_counts[f], counts[f])]
        if extractor:
            doc = gold_document(first)
            pred = extract_obligations(doc)
            for ref, annotation in (("vs_first", first), ("vs_second", second)):
                _add(machine.setdefault(split, {}).setdefault(ref, {f: [0, 0, 0] for f in FIELDS}),
                     extractor_counts(annotation, doc, pred))
        per_doc[path.name] = {"first": name, "split": split, "obligations_first": len(first["obligations"]),
                              "obligations_second": len(second["obligations"]), **score(counts)}
    out = {"all": score(total), "splits": {s: score(c) for s, c in sorted(by_split.items())},
           "documents": per_doc, "missing_first": missing}
    if extractor:
        out["extractor"] = {s: {ref: score(c) for ref, c in refs.items()} for s, refs in sorted(machine.items())}
    return out


def _row(label: str, x: dict) -> str:
    if x["tp"] + x["fp"] + x["fn"] == 0:
        return f"{label:15}{'-':>8}{'-':>8}{'-':>8}{0:6d}{0:6d}"
    return (f"{label:15}{x['precision']:8.3f}{x['recall']:8.3f}{x['f1']:8.3f}"
            f"{x['tp'] + x['fn']:6d}{x['tp'] + x['fp']:6d}")


def _print(result: dict) -> None:
    head = f"{'field':15}{'P':>8}{'R':>8}{'F1':>8}{'A':>6}{'B':>6}"
    blocks = [("all documents", result["all"])]
    blocks += [(f"split {s}", r) for s, r in result["splits"].items()]
    for title, r in blocks:
        print(f"== {title} (A = first annotation, reference; B = second)")
        print(head)
        for f in FIELDS:
            print(_row(f, r[f]))
        print()
    for name, d in result["documents"].items():
        print(f"== {name} ({d['split']}; A {d['obligations_first']} obligations, "
              f"B {d['obligations_second']})")
        print(head)
        for f in FIELDS:
            print(_row(f, d[f]))
        print()
    for split, refs in result.get("extractor", {}).items():
        print(f"== split {split}: the extractor on the same documents (A or B as reference)")
        print(f"{'field':15}{'B vs A':>24}{'extractor vs A':>24}{'extractor vs B':>24}")
        for f in FIELDS:
            cells = [result["splits"][split][f], refs["vs_first"][f], refs["vs_second"][f]]
            print(f"{f:15}" + "".join(f"{x['precision']:8.3f}{x['recall']:8.3f}{x['f1']:8.3f}" for x in cells))
        print()
    for name in result["missing_first"]:
        print(f"{name}: no file in tests/gold/obligations/ has its source; not scored")
    print("(A, B: fact counts of the first and second annotation; P = share of B's facts A has, "
          "R = share of A's facts B has)")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--extractor", action="store_true",
                    help="also score the extractor against each annotation on the same documents (figures only)")
    ap.add_argument("--dir", type=Path, default=AGREEMENT_DIR,
                    help="folder of second annotations (default tests/gold/agreement; a later round has its own)")
    args = ap.parse_args()
    result = evaluate(args.dir, extractor=args.extractor)
    if args.json:
        print(json.dumps(result, ensure_ascii=False, indent=1))
        return
    _print(result)


if __name__ == "__main__":
    main()
