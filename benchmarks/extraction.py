"""Obligation extraction against the hand-annotated gold in tests/gold/obligations/ (issue 13).

Prints precision, recall and F1 per field for the seed, dev and held-out documents apart, next to a
role-blind baseline, then T1 on held-out documents: the share of (task, agency) pairs that
``tasks --agency <name as written> --region <the document's region>`` answers, and the extraction speed.

    .venv/bin/python benchmarks/extraction.py [--json] [--no-speed] [--no-t1] [--failures] [--validation]
                                              [--intervals] [--by-source]
    .venv/bin/python benchmarks/extraction.py --t1-splits | --t1-failures {seed,dev-read}

Splits are fixed by the rule in tests/gold/obligations/README.md (sha1 of the source path); the
script refuses a file whose recorded split disagrees. ``--failures`` prints the misses of seed and dev
documents only: people writing rules never see held-out failures, only held-out figures.

``--validation`` splits dev in two by a second fixed rule (sha1 hex digits 8-16, even: ``dev-check``,
odd: ``dev-read``) and prints their columns apart; ``--failures`` then prints the misses of seed and
dev-read documents only. A rule is written from dev-read misses and kept when dev-check does not lose:
dev-check is a second held-out set that costs nothing to consult (its figures, never its misses).

``--intervals`` adds a 90% document-bootstrap interval to every field's F1 in every split: documents are
resampled with replacement (1,000 draws, fixed seed per split) and micro F1 is taken over each resample,
from per-document counts (extraction runs once). With 47 held-out documents the interval is wide
(task F1 0.670 [0.593, 0.735], dev-check 0.798 [0.761, 0.831] at gold 715e1c5 / rules 8d1f195): a held-out
move far inside that width is noise, not evidence.
``--by-source`` prints, per split and per corpus folder (``corpus/documents/<a>/<b>``, or ``<a>`` when
flat), the document count, gold obligations and the F1 of the main fields: figures only, never a
document's name; folders under 3 documents are pooled (a lone document's F1 is never shown). ``--json`` carries both as ``intervals`` and ``by_source``.

Fields:
- ``obligations``: a prediction matches a gold obligation when its text (spaces removed) contains the
  gold ``anchor`` (a table row prefers a table prediction); each is used once, in gold order.
- ``task``: a matched obligation whose agency-role pairs are exactly the gold ones (text + agency + role);
  P over all predictions, R over all gold obligations.
- ``agency_role``: agency-role pairs; a predicted agency equals a gold one when the roles agree and the
  written form (``mention``) or the canonical ``name`` agrees (schema 1 files: the name only).
- ``mention``: the written forms of the agencies, role ignored (schema 2 files only).
- ``deadline_dates``: (date, precision); ``targets``: (value, unit, comparator).
- ``site_types``: schema 2: written labels, a predicted label matching when one contains the other;
  schema 1: SKOS concept keys (``Obligation.site_type_concepts`` when the extractor has it).
Facts of an unmatched prediction count as false positives, those of an unmatched gold obligation as
false negatives.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import re
import statistics
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import NamedTuple

os.environ.setdefault("OMP_NUM_THREADS", "1")
sys.path.insert(0, str(Path(__file__).resolve().parent))

from _docs import ROOT, load_document
from policykg.ingest.extract.agencies import find_agencies
from policykg.ingest.extract.obligations import extract_obligations
from policykg.ingest.model import Obligation

GOLD_DIR = ROOT / "tests" / "gold" / "obligations"
FIELDS = ("obligations", "task", "agency_role", "mention", "deadline_dates", "targets", "site_types")
SPLITS = ("seed", "dev", "heldout")
VALIDATION_SPLITS = ("seed", "dev-read", "dev-check", "heldout")
T1_READABLE = ("seed", "dev-read")
TARGETS = {"task": 0.85, "deadline_dates": 0.90, "site_types:recall": 0.85, "mention:precision": 0.90,
           "seed": 0.95}


def _squash(s: str) -> str:
    return re.sub(r"\s+", "", s or "")


def rule_split(source: str) -> str:
    """The split the gold README's rule gives a (non-seed) source path."""
    return "heldout" if int(hashlib.sha1(source.encode("utf-8")).hexdigest()[:8], 16) % 3 == 0 else "dev"


def split_of(gold: dict, name: str) -> str:
    """seed / dev / heldout for one gold file; schema 1 files are seed or dev (they were tuned on)."""
    if "/seeds/" in gold["source"]:
        return "seed"
    if gold.get("schema", 1) < 2:
        return "dev"
    want = rule_split(gold["source"])
    if gold.get("split") != want:
        raise SystemExit(f"{name}: split {gold.get('split')!r} but the README's rule gives {want!r}")
    return want


# -- facts --------------------------------------------------------------------------------------------

def gold_agencies(ob: dict) -> list[tuple[str, str, str]]:
    """(mention, name, role) of a gold obligation, whatever its schema."""
    out = []
    for a in ob.get("agencies", []):
        if isinstance(a, dict):
            out.append((_squash(a.get("mention", "")), _squash(a.get("name", "")), a["role"]))
        else:
            out.append(("", _squash(a[0]), a[1]))
    return out


def pred_agencies(ob: Obligation) -> list[tuple[str, str, str]]:
    """(mention, name, role) of a predicted obligation, each pair once."""
    return list(dict.fromkeys((_squash(a.text), _squash(a.name), a.role) for a in ob.agencies))


def _same_agency(g: tuple[str, str, str], p: tuple[str, str, str]) -> bool:
    return g[2] == p[2] and ((g[0] and g[0] == p[0]) or (g[1] and g[1] == p[1]))


def _match_pairs(gold: list, pred: list, same) -> int:
    """Greedy one-to-one matches between two fact lists under ``same``."""
    used: set[int] = set()
    tp = 0
    for g in gold:
        hit = next((i for i, p in enumerate(pred) if i not in used and same(g, p)), None)
        if hit is not None:
            used.add(hit)
            tp += 1
    return tp


def _site_labels(ob: Obligation, schema: int) -> list[str]:
    if schema >= 2:
        return [_squash(s) for s in dict.fromkeys(ob.site_types)]
    return list(dict.fromkeys(getattr(ob, "site_type_concepts", None) or ob.site_types))


def _site_same(schema: int):
    if schema >= 2:
        return lambda g, p: g == p or (len(g) >= 2 and g in p) or (len(p) >= 2 and p in g)
    return lambda g, p: g == p


def field_counts(g: dict | None, p: Obligation | None, schema: int) -> dict[str, tuple[int, int, int]]:
    """(tp, fp, fn) per field for one matched or unmatched pair."""
    out: dict[str, tuple[int, int, int]] = {}

    def add(field: str, gl: list, pl: list, same) -> None:
        tp = _match_pairs(gl, pl, same)
        out[field] = (tp, len(pl) - tp, len(gl) - tp)

    ga = gold_agencies(g) if g else []
    pa = pred_agencies(p) if p else []
    add("agency_role", ga, pa, _same_agency)
    if schema >= 2:
        gm = list(dict.fromkeys(m for m, _, _ in ga if m))
        pm = list(dict.fromkeys(m for m, _, _ in pa))
        add("mention", gm, pm, lambda a, b: a == b)
    gd = [(d["date"], d["precision"]) for d in g["deadlines"]] if g else []
    pdl = [(d.date.isoformat() if d.date else None, d.precision) for d in p.deadlines] if p else []
    add("deadline_dates", gd, pdl, lambda a, b: a == b)
    gt = [(float(t["value"]), t["unit"], t["comparator"]) for t in g["targets"]] if g else []
    pt = [(float(t.value), t.unit, t.comparator) for t in p.targets] if p else []
    add("targets", gt, pt, lambda a, b: a == b)
    gs = [_squash(s) for s in dict.fromkeys(g["site_types"])] if g else []
    ps = _site_labels(p, schema) if p else []
    add("site_types", gs, ps, _site_same(schema))
    task_ok = bool(g and p) and out["agency_role"][1] == 0 and out["agency_role"][2] == 0
    out["task"] = (1, 0, 0) if task_ok else ((0, 1 if p else 0, 1 if g else 0))
    out["obligations"] = (1, 0, 0) if g and p else (0, 1, 0) if p else (0, 0, 1)
    return out


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
        if hit is not None:
            used.add(hit)
        pairs.append((g, pred[hit] if hit is not None else None))
    pairs += [(None, p) for i, p in enumerate(pred) if i not in used]
    return pairs


def baseline_agencies(ob: Obligation, doc) -> list[tuple[str, str, str]]:
    """Every dictionary agency in the text, all as lead: what a role-blind matcher would give."""
    return list(dict.fromkeys((_squash(h.text), _squash(h.name), "lead")
                              for h in find_agencies(ob.text, doc.region, ob.span.start)))


def score(counts: dict[str, list[int]]) -> dict[str, dict[str, float]]:
    """Precision, recall and F1 from [tp, fp, fn] per field."""
    out = {}
    for f, (tp, fp, fn) in counts.items():
        p = tp / (tp + fp) if tp + fp else 1.0
        r = tp / (tp + fn) if tp + fn else 1.0
        out[f] = {"precision": round(p, 3), "recall": round(r, 3), "f1": round(2 * p * r / (p + r) if p + r else 0.0, 3),
                  "tp": tp, "fp": fp, "fn": fn}
    return out


def validation_split(source: str) -> str:
    """dev-read (misses may be read) or dev-check (figures only) for a dev document."""
    return "dev-check" if int(hashlib.sha1(source.encode("utf-8")).hexdigest()[8:16], 16) % 2 == 0 else "dev-read"


def load_gold(gold_dir: Path = GOLD_DIR, validation: bool = False) -> list[tuple[str, dict, str]]:
    """(file name, gold, split) for every gold file; with ``validation`` dev is dev-read / dev-check."""
    out = []
    for path in sorted(gold_dir.glob("*.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        split = split_of(gold, path.name)
        if validation and split == "dev":
            split = validation_split(gold["source"])
        out.append((path.name, gold, split))
    return out


def gold_document(gold: dict):
    """The Document a gold file annotates (with the region the file records, where it records one in full)."""
    meta = gold.get("meta")
    return load_document(gold["source"], meta if isinstance((meta or {}).get("region"), dict) else None)


class GoldCase(NamedTuple):
    """One gold document with its Document and the rules' obligations (what the tagger benchmarks train on)."""

    name: str
    source: str
    split: str
    schema: int
    doc: object
    gold: list
    pred: tuple


def gold_cases(splits: tuple[str, ...]) -> list[GoldCase]:
    """The gold documents of ``splits`` with the rules' obligations."""
    out = []
    for name, gold, split in load_gold():
        if split in splits:
            doc = gold_document(gold)
            out.append(GoldCase(name, gold["source"], split, gold.get("schema", 1), doc, gold["obligations"],
                                extract_obligations(doc)))
    return out


def document_folds(cases: list[GoldCase], folds: int) -> list[tuple[list[GoldCase], list[GoldCase]]]:
    """(train, test) per fold: documents sorted by sha1 of their source and dealt round, so a document's
    obligations never sit on both sides (the taggers' cross-validation)."""
    order = sorted(cases, key=lambda c: hashlib.sha1(c.source.encode("utf-8")).hexdigest())
    fold_of = {c.name: i % folds for i, c in enumerate(order)}
    return [([c for c in cases if fold_of[c.name] != k], [c for c in cases if fold_of[c.name] == k])
            for k in range(folds)]


def evaluate(gold_dir: Path = GOLD_DIR, failures: bool = False, validation: bool = False) -> dict:
    """Scores per split (and over seed+dev as ``fields``) with the baseline; misses of seed/dev documents
    (with ``validation``: of seed/dev-read documents only)."""
    splits = VALIDATION_SPLITS if validation else SPLITS
    readable = ("seed", "dev-read") if validation else ("seed", "dev")
    counts = {s: {f: [0, 0, 0] for f in FIELDS} for s in splits}
    base = {s: [0, 0, 0] for s in splits}
    per_doc, misses, docs = {}, [], {}
    for name, gold, split in load_gold(gold_dir, validation):
        schema = gold.get("schema", 1)
        doc = gold_document(gold)
        docs[name] = doc
        pred = extract_obligations(doc)
        doc_counts = {f: [0, 0, 0] for f in FIELDS}
        for g, p in match(gold["obligations"], pred):
            fc = field_counts(g, p, schema)
            for f, c in fc.items():
                doc_counts[f] = [a + b for a, b in zip(doc_counts[f], c)]
            ga = gold_agencies(g) if g else []
            ba = baseline_agencies(p, doc) if p else []
            tp = _match_pairs(ga, ba, _same_agency)
            base[split] = [base[split][0] + tp, base[split][1] + len(ba) - tp, base[split][2] + len(ga) - tp]
            if failures and split in readable and any(c[1] or c[2] for f, c in fc.items()):
                misses.append(_miss(name, g, p, fc))
        for f in FIELDS:
            counts[split][f] = [a + b for a, b in zip(counts[split][f], doc_counts[f])]
        per_doc[name] = {"split": split, "folder": source_folder(gold["source"]), **score(doc_counts)}
    result = {s: score(counts[s]) for s in splits}
    dev = [counts[s] for s in splits if s.startswith("dev")]
    result["fields"] = score({f: [sum(c) for c in zip(counts["seed"][f], *(d[f] for d in dev))] for f in FIELDS})
    result["baseline_agency_role"] = {s: score({"x": base[s]})["x"] for s in splits}
    result["splits"] = list(splits)
    result["documents"] = per_doc
    result["n_documents"] = Counter(d["split"] for d in per_doc.values())
    if failures:
        result["misses"] = misses
    return result


def _miss(name: str, g: dict | None, p: Obligation | None, fc: dict) -> dict:
    return {"file": name, "anchor": g["anchor"] if g else None, "predicted": p.text[:120] if p else None,
            "fields": [f for f, c in fc.items() if c[1] or c[2]],
            "gold_agencies": gold_agencies(g) if g else [], "pred_agencies": pred_agencies(p) if p else [],
            "gold_deadlines": [(d["date"], d["precision"]) for d in g["deadlines"]] if g else [],
            "pred_deadlines": [(d.date.isoformat() if d.date else None, d.precision, d.text)
                               for d in p.deadlines] if p else [],
            "gold_targets": [(t["value"], t["unit"], t["comparator"]) for t in g["targets"]] if g else [],
            "pred_targets": [(t.value, t.unit, t.comparator) for t in p.targets] if p else [],
            "gold_sites": g["site_types"] if g else [], "pred_sites": list(p.site_types) if p else []}


# -- uncertainty and sources: from the per-document counts of ``evaluate`` (extraction never re-runs) ----

BY_SOURCE_FIELDS = ("task", "agency_role", "deadline_dates", "targets", "site_types")
MIN_FOLDER_DOCS = 3  # --by-source: fewer documents in a folder are pooled
SMALL_FOLDERS = f"(folders under {MIN_FOLDER_DOCS} docs)"
BOOTSTRAP_DRAWS = 1000
BOOTSTRAP_SEED = 13
BOOTSTRAP_LEVEL = 0.90


def source_folder(source: str) -> str:
    """corpus/documents/<a>/<b> as ``a/b`` (``a`` for a file right under ``a``); the parent folder of a
    path outside the corpus."""
    parts = Path(source).parts
    if parts[:2] == ("corpus", "documents") and len(parts) > 3:
        return "/".join(parts[2:4]) if len(parts) > 4 else parts[2]
    return str(Path(source).parent)


def _f1(tp: int, fp: int, fn: int) -> float:
    """F1 as ``score`` computes it, unrounded."""
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    return 2 * p * r / (p + r) if p + r else 0.0


def _doc_rows(result: dict, split: str) -> list[list[int]]:
    """tp, fp, fn of every field, flat, per document of ``split`` (in file-name order)."""
    return [[d[f][k] for f in FIELDS for k in ("tp", "fp", "fn")]
            for _, d in sorted(result["documents"].items()) if d["split"] == split]


def intervals(result: dict, draws: int = BOOTSTRAP_DRAWS, seed: int = BOOTSTRAP_SEED,
              level: float = BOOTSTRAP_LEVEL) -> dict:
    """{"draws", "seed", "level", "splits": {split: {field: {"f1", "low", "high"}}}}: a document bootstrap
    (documents drawn with replacement, micro F1 over each draw, the central ``level`` of the draws); None
    for a field with nothing to score."""
    out: dict = {}
    for split in result["splits"]:
        rows = _doc_rows(result, split)
        out[split] = {f: None for f in FIELDS}
        if not rows:
            continue
        rng = random.Random(f"{seed}:{split}")  # one stream per split: adding a split moves no other
        totals = [[sum(col) for col in zip(*(rows[i] for i in rng.choices(range(len(rows)), k=len(rows))))]
                  for _ in range(draws)]
        for j, f in enumerate(FIELDS):
            x = result[split][f]
            if x["tp"] + x["fp"] + x["fn"] == 0:
                continue
            f1s = [_f1(*t[3 * j:3 * j + 3]) for t in totals]
            cuts = statistics.quantiles(f1s, n=200, method="inclusive")  # cut k at k/200
            tail = round((1 - level) / 2 * 200)
            out[split][f] = {"f1": x["f1"], "low": round(cuts[tail - 1], 3), "high": round(cuts[-tail], 3)}
    return {"draws": draws, "seed": seed, "level": level, "splits": out}


def by_source(result: dict) -> dict:
    """Per split and corpus folder: documents, gold obligations and F1 (None: nothing to score) of
    BY_SOURCE_FIELDS. Figures only: folders, never a document's name."""
    out: dict = {}
    for split in result["splits"]:
        folders: dict[str, list] = {}
        for _, d in sorted(result["documents"].items()):
            if d["split"] == split:
                folders.setdefault(d["folder"], []).append(d)
        # a folder of one or two documents would print those documents' own figures (a held-out one among
        # them): such folders are pooled, and a pool still that small gives counts without F1
        small = [d for folder in sorted(folders) if len(folders[folder]) < MIN_FOLDER_DOCS
                 for d in folders.pop(folder)]
        if small:
            folders[SMALL_FOLDERS] = small
        out[split] = {}
        for folder, docs in sorted(folders.items()):
            sums = {f: [sum(d[f][k] for d in docs) for k in ("tp", "fp", "fn")] for f in FIELDS}
            out[split][folder] = {
                "documents": len(docs), "gold_obligations": sums["obligations"][0] + sums["obligations"][2],
                "f1": {f: round(_f1(*sums[f]), 3) if any(sums[f]) and len(docs) >= MIN_FOLDER_DOCS else None
                       for f in BY_SOURCE_FIELDS}}
    return out


def _print_intervals(result: dict, iv: dict) -> None:
    n = result["n_documents"]
    splits = result["splits"]
    print(f"\nF1 with a {iv['level']:.0%} document-bootstrap interval ({iv['draws']} draws, seed {iv['seed']}; "
          "documents resampled with replacement)")
    print(f"{'field':15}" + "".join(f"{s + ' (' + str(n.get(s, 0)) + ' docs)':>28}" for s in splits))
    for f in FIELDS:
        row = f"{f:15}"
        for s in splits:
            b = iv["splits"][s][f]
            row += f"{'-':>28}" if b is None else f"{b['f1']:.3f} [{b['low']:.3f}, {b['high']:.3f}]".rjust(28)
        print(row)


def _print_by_source(result: dict, bs: dict) -> None:
    n = result["n_documents"]
    heads = ("docs", "gold", "task", "agency", "deadline", "targets", "sites")  # BY_SOURCE_FIELDS in order
    width = max([len(f) for s in bs for f in bs[s]] + [6]) + 2
    for s in result["splits"]:
        print(f"\nby source: {s} ({n.get(s, 0)} docs); F1 per field, '-': nothing to score")
        print("folder".ljust(width) + "".join(f"{h:>9}" for h in heads))
        for folder, x in bs[s].items():
            row = folder.ljust(width) + f"{x['documents']:9d}{x['gold_obligations']:9d}"
            row += "".join(f"{'-':>9}" if x["f1"][f] is None else f"{x['f1'][f]:9.3f}" for f in BY_SOURCE_FIELDS)
            print(row)


# -- T1: who must do what, asked with the written name ---------------------------------------------------

def t1_answered(split: str = "heldout", gold_dir: Path = GOLD_DIR, misses: bool = False,
                ask: str = "mention") -> dict:
    """Share of gold (task, non-collective agency) pairs that tasks_for_agency(mention, region) answers.

    ``split`` is seed, dev, heldout, dev-read or dev-check. The split's documents are ingested into a fresh
    in-memory graph; each pair asks with the agency as written and the document's own region, and counts
    when an obligation containing the anchor comes back. With ``misses`` (seed and dev-read only: never a
    split whose failures must not be read) the unanswered pairs are listed. ``ask="name"`` asks with the
    gold canonical name instead of the written form (the user who knows the full name).
    """
    from policykg.graph.kg import KnowledgeGraph
    from policykg.graph.obligation_queries import tasks_for_agency
    from policykg.ingest.pipeline import parse_file

    if misses and split not in T1_READABLE:
        raise SystemExit(f"T1 misses are printed for {', '.join(T1_READABLE)} only, not {split!r}")
    validation = split in ("dev-read", "dev-check")
    golds = [(n, g) for n, g, s in load_gold(gold_dir, validation) if s == split and g.get("schema", 1) >= 2]
    if not golds:
        return {"split": split, "asked": 0, "answered": 0, "rate": None}
    unanswered = []
    classes: Counter = Counter()
    with tempfile.TemporaryDirectory() as tmp:
        kg = KnowledgeGraph.open(Path(tmp))
        docs = {n: parse_file(ROOT / g["source"]) for n, g in golds}
        kg.add_documents(list(docs.values()), resolve=False)
        asked = answered = 0
        cache: dict[tuple[str, str | None], list[str]] = {}
        returned: Counter = Counter()
        wrong: list[dict] = []
        for n, g in golds:
            region = docs[n].region.name if docs[n].region else None
            for ob in g["obligations"]:
                for a in ob["agencies"]:
                    if a["role"] == "collective" or not a.get("mention") or not a.get(ask):
                        continue
                    asked += 1
                    key = (a[ask], region)
                    if key not in cache:
                        rows = tasks_for_agency(kg, a[ask], region=region)
                        cache[key] = [_squash(r["text"]) for r in rows]
                        if ask == "name":
                            returned.update(_t1_name_precision(golds, a[ask], rows, wrong if misses else None))
                    if any(_squash(ob["anchor"]) in t for t in cache[key]):
                        answered += 1
                        continue
                    why = _t1_miss_class(docs[n], ob["anchor"], a)
                    classes[why] += 1
                    if misses:
                        unanswered.append({"file": n, "region": region, "mention": a["mention"], "name": a.get("name"),
                                           "role": a["role"], "anchor": ob["anchor"], "class": why})
        kg.close()
    out = {"split": split, "asked": asked, "answered": answered, "rate": round(answered / asked, 3) if asked else None,
           "unanswered": {c: classes[c] for c in T1_MISS_CLASSES}}
    if ask == "name":
        judged = returned["right"] + returned["wrong"]
        out["precision"] = {"right": returned["right"], "judged": judged,
                            "rate": round(returned["right"] / judged, 3) if judged else None}
    if misses:
        out["misses"] = unanswered
        out["false_matches"] = wrong
    return out


T1_MISS_CLASSES = ("not_extracted", "agency_absent", "query")


def _t1_name_precision(golds: list, name: str, rows: list[dict], wrong: list | None = None) -> Counter:
    """Precision of asking by canonical name: each obligation returned for ``name`` that holds a gold
    obligation's anchor (of its own document) is ``right`` when one such gold obligation carries the unit
    ``name`` (any role), else ``wrong`` (listed in ``wrong`` when given); one that holds no gold anchor is not
    judged."""
    counts: Counter = Counter()
    for r in rows:
        source, text = r["document"].get("source"), _squash(r["text"])  # the graph keeps the file's name
        held = [ob for _, g in golds if source == Path(g["source"]).name
                for ob in g["obligations"] if _squash(ob["anchor"]) in text]
        if held:
            right = any(_squash(a.get("name", "")) == _squash(name) for ob in held for a in ob["agencies"])
            counts["right" if right else "wrong"] += 1
            if not right and wrong is not None:
                wrong.append({"asked": name, "agency": r["agency"], "mention": r["mention"], "text": r["text"][:60]})
    return counts


def _t1_miss_class(doc, anchor: str, gold_agency: dict) -> str:
    """Why a pair went unanswered: no extracted obligation holds the anchor (``not_extracted``), none of
    those carries the agency by written form or canonical name (``agency_absent``: extraction), or one
    does and the query still missed it (``query``: graph/obligation_queries.py's side)."""
    held = [o for o in doc.obligations if _squash(anchor) in _squash(o.text)]
    if not held:
        return "not_extracted"
    mention, name = _squash(gold_agency.get("mention", "")), _squash(gold_agency.get("name", ""))
    for o in held:
        for a in o.agencies:
            if (mention and _squash(a.text) == mention) or (name and _squash(a.name) == name):
                return "query"
    return "agency_absent"


# -- speed ----------------------------------------------------------------------------------------------

def corpus_files() -> list[Path]:
    """Every document of the bundled corpus, as ingest lists it (never a .meta.json sidecar)."""
    from policykg.ingest.pipeline import iter_files

    return iter_files([ROOT / "corpus" / "documents"])


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


def _print(result: dict) -> None:
    n = result["n_documents"]
    splits = result["splits"]
    print(f"{'field':15}" + "".join(f"{s + ' (' + str(n.get(s, 0)) + ' docs)':>28}" for s in splits))
    print(f"{'':15}" + "".join(f"{'P':>9}{'R':>6}{'F1':>6}{'':7}" for _ in splits))
    for f in FIELDS:
        row = f"{f:15}"
        for s in splits:
            x = result[s][f]
            if x["tp"] + x["fp"] + x["fn"] == 0:
                row += f"{'-':>9}{'-':>6}{'-':>6}{0:7d}"
                continue
            row += f"{x['precision']:9.3f}{x['recall']:6.3f}{x['f1']:6.3f}{x['tp'] + x['fn']:7d}"
        print(row)
    row = f"{'baseline agency':15}"
    for s in splits:
        b = result["baseline_agency_role"][s]
        row += f"{b['precision']:9.3f}{b['recall']:6.3f}{b['f1']:6.3f}{'':7}"
    print(row + "   (every dictionary agency as lead)")
    print("(last column per split: gold count)  targets on held-out: task F1 >= 0.85, deadline F1 >= 0.90, "
          "site-type R >= 0.85, mention P >= 0.90; seeds >= 0.95 each; held-out within 0.05 of dev")
    if "t1" in result:
        t = result["t1"]
        print(f"T1 held-out (tasks --agency <as written> --region <document region>): "
              f"{t['answered']}/{t['asked']} = {t['rate']}")
    if "speed" in result:
        s = result["speed"]
        print(f"speed: {s['docs_per_s']} docs/s ({s['documents']} docs, {s['obligations']} obligations, "
              f"{s['seconds']} s, {s['kchars_per_s']} kchars/s; target >= 20 docs/s)")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--no-speed", action="store_true")
    ap.add_argument("--no-t1", action="store_true")
    ap.add_argument("--failures", action="store_true", help="print misses of seed and dev documents (never held-out)")
    ap.add_argument("--t1-splits", action="store_true",
                    help="T1 for seed, dev-read, dev-check and held-out (figures only), then exit")
    ap.add_argument("--t1-ask", choices=("mention", "name"), default="mention",
                    help="with --t1-splits / --t1-failures: ask by the written form (T1) or the canonical name")
    ap.add_argument("--t1-failures", metavar="SPLIT", choices=T1_READABLE,
                    help="unanswered T1 pairs of seed or dev-read (never dev-check or held-out), then exit")
    ap.add_argument("--validation", action="store_true",
                    help="dev as dev-read / dev-check columns; --failures prints seed and dev-read misses only")
    ap.add_argument("--intervals", action="store_true",
                    help="90%% document-bootstrap interval of every F1 (1,000 draws, fixed seed)")
    ap.add_argument("--by-source", action="store_true",
                    help="per split and corpus folder: documents, gold obligations, F1 of the main fields")
    args = ap.parse_args()
    if args.t1_failures:
        t = t1_answered(args.t1_failures, misses=True, ask=args.t1_ask)
        for m in t.pop("misses") + t.pop("false_matches"):
            print(json.dumps(m, ensure_ascii=False))
        print(json.dumps(t, ensure_ascii=False))
        return
    if args.t1_splits:
        for split in VALIDATION_SPLITS:
            t = t1_answered(split, ask=args.t1_ask)
            why = ", ".join(f"{c} {k}" for c, k in t.get("unanswered", {}).items())
            prec = t.get("precision")
            extra = f"   precision: {prec['right']}/{prec['judged']} = {prec['rate']}" if prec else ""
            print(f"T1 {split:10} {t['answered']}/{t['asked']} = {t['rate']}   unanswered: {why}{extra}")
        return
    result = evaluate(failures=args.failures, validation=args.validation)
    if not args.no_t1:
        result["t1"] = t1_answered()
    if not args.no_speed:
        result["speed"] = speed()
    if args.intervals:
        result["intervals"] = intervals(result)
    if args.by_source:
        result["by_source"] = by_source(result)
    if args.json:
        print(json.dumps(result, ensure_ascii=False, indent=1))
        return
    if args.failures:
        for m in result["misses"]:
            print(json.dumps(m, ensure_ascii=False))
        print()
    _print(result)
    if args.intervals:
        _print_intervals(result, result["intervals"])
    if args.by_source:
        _print_by_source(result, result["by_source"])


if __name__ == "__main__":
    main()
