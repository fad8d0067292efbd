"""The learned site-type tagger (ingest/extract/learned_sites.py) against the site-type rules (issue 13).

    .venv/bin/python benchmarks/site_tagger.py            # 5-fold document-grouped CV on seed + dev
    .venv/bin/python benchmarks/site_tagger.py --train    # train on all seed + dev, write the model
    .venv/bin/python benchmarks/site_tagger.py --heldout  # + extraction figures per split, shipped model
    .venv/bin/python benchmarks/site_tagger.py --speed    # + extraction docs/CPU-s with and without it

Training examples: ``extract_obligations`` (rules alone) on each schema-2 seed/dev gold document,
predictions paired with gold obligations by the extraction benchmark's own ``match``; each gold site
label is located in the predicted text (spaces ignored, every occurrence, longest label first) and its
characters tagged B/I; a label the text does not hold (passed down from a heading) is left to the rules.
Only the clauses the tagger reads (``learned_sites.pieces``) are examples. The variants are scored on the
``site_types`` field of the extraction benchmark, all seed + dev files (schema 1 by concept keys), the
tagger's labels added to each predicted obligation's as ``sitetypes.find_site_types`` adds them. Held-out
documents are never trained on, and only their figures are printed (no misses). The rules were fitted on
dev, so cross-validation favours them.

What was tried (CV on seed + dev, gold d4ff2da-d16ebb7 (no seed/dev change between), rules 7353d75,
2026-12-06; site_types P/R/F1; 90% interval of the F1 difference by a paired bootstrap over documents):
- rules alone 0.777/0.771/0.774;
- rules + the stacked tagger's labels where no rule label stands, every clause it may read: conf >= 0.5
  0.761/0.799/0.780 (+0.0056 [-0.0010, +0.0125]) ... conf >= 0.95 0.774/0.782/0.778 (+0.0041
  [+0.0015, +0.0070]), at +270-320% extraction CPU;
- the same, reading only clauses that hold a rule label (a list the rules read part of: most labels the
  tagger adds that are right stand there, most that are wrong stand elsewhere): conf >= 0.5
  0.772/0.785/0.779 (+0.0046 [+0.0007, +0.0089]), conf >= 0.95 +0.0031 [+0.0013, +0.0050], at +73% CPU;
  only a window of 12 characters around the rule labels: the same F1, no cheaper (+77%);
- reading only clauses with no rule label and a word ending in a site head: +0.001, within noise (+124%);
- a tagger without the rules' labels as features: the same as the stacked one within 0.001;
- dropping rule labels the tagger doubts (conf 0.8-0.95): precision 0.82-0.84, recall 0.70-0.73, F1
  -0.001 to -0.007; with adding at 0.7: -0.002 to +0.005, wide intervals.
Chosen on CV: add at conf >= 0.5 in clauses that hold a rule label (``learned_sites.MIN_CONF``, ``GATE``).
Held-out, measured once for it with the shipped model through the extraction benchmark (gold 515bfbe):
0.621/0.663/0.641 -> 0.621/0.679/0.649 (an earlier choice, every clause at 0.95, had measured 0.622/0.663/
0.642 -> 0.623/0.688/0.654 on gold 7423aeb). Cost: +73% extraction CPU (53.7 vs 93.1 docs/CPU-s, best of
3, interleaved); per clause the features take ~2/3 and crfsuite's tag ~1/3.
Then the features lost the neighbours' part of speech, the bigrams two away and the position in the clause
(7 of 24 templates): the same on CV run side by side (+0.0048 [+0.0008, +0.0093] vs +0.0046), +64% CPU
instead of +73%. Last run (gold 515bfbe, rules 576c7e3 + another helper's uncommitted obligations.py):
rules 0.771/0.771/0.771, chosen 0.765/0.784/0.774 (+0.0032 [-0.0004, +0.0073]), every clause at 0.7
+0.0058 [+0.0001, +0.0122]: the gain is half a point of F1 and at the edge of noise, and which threshold or
gate is best changes from run to run. Held-out with that model: 0.622/0.663/0.642 -> 0.623/0.680/0.651,
and the same with the shipped one (sha256 81b17977…, trained on gold 515bfbe, rules 576c7e3).
Not on by default (``sitetypes.LEARNED``): see there.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")
sys.path.insert(0, str(Path(__file__).resolve().parent))

import pycrfsuite
from _docs import ROOT, load_document
from extraction import GoldCase, corpus_files, document_folds, field_counts, gold_cases, match, score
from policykg.ingest.extract import learned_sites as ls
from policykg.ingest.extract import sitetypes
from policykg.ingest.extract.obligations import extract_obligations
from policykg.ingest.extract.sitetypes import concepts_of, rule_site_types
from policykg.ingest.model import IngestError

FOLDS = 5
CONFS = (0.5, 0.7, 0.9, 0.95)
DROPS: tuple[float, ...] = ()  # dropping rule labels lost on CV (see the docstring)


Case = GoldCase


def load_cases(splits: tuple[str, ...]) -> list[Case]:
    """Gold documents of ``splits`` with the rules' obligations (the tagger off)."""
    with sitetypes.learned(False):
        return gold_cases(splits)


def examples(cases: list[Case], stacked: bool = True) -> list[tuple[list[list[str]], list[str]]]:
    """(features, labels) of the clauses the tagger reads in every matched obligation of schema-2 ``cases``."""
    out = []
    for c in cases:
        if c.schema < 2:
            continue  # concept keys, not written labels: nothing to place in the text
        for g, p in match(c.gold, c.pred):
            if g is None or p is None:
                continue
            text = p.text
            rules = ls.mark(text, rule_site_types(text))
            gold = ls.mark(text, g["site_types"])
            for a, b in ls.pieces(text, rules):
                out.append((ls.features(text[a:b], rules[a:b] if stacked else None), gold[a:b]))
    return out


def train(data: list, path: str) -> float:
    """Train a CRF on ``data`` into ``path``; CPU seconds spent."""
    t0 = time.process_time()
    ls.train_model(data, path)
    return time.process_time() - t0


def with_learned(p, added: tuple[str, ...]):
    """Predicted obligation ``p`` with the tagger's ``added`` labels beside its own (one entry per kind)."""
    new = list(p.site_types) + [a for a in added if not any(a in o or o in a for o in p.site_types)]
    if len(new) == len(p.site_types):
        return p
    return replace(p, site_types=tuple(new), site_type_concepts=concepts_of(new))


def combined(p, tagger, min_conf: float, drop_conf: float | None, gate: str = "every"):
    """Predicted obligation ``p`` with its own labels combined with the tagger's as find_site_types would."""
    own = rule_site_types(p.text)
    got = ls.add_learned(p.text, own, min_conf, tagger, drop_conf, gate)
    dropped = [x for x in own if x not in got]
    if dropped:
        kept = tuple(x for x in p.site_types if x not in dropped)
        p = replace(p, site_types=kept, site_type_concepts=concepts_of(kept))
    return with_learned(p, tuple(x for x in got if x not in own))


def counts(cases: list[Case], tagger=None, min_conf: float = 1.1, drop_conf: float | None = None,
           gate: str = "every") -> dict:
    """[tp, fp, fn] of site_types per document of ``cases``, the tagger's labels added at ``min_conf``."""
    out = {}
    for c in cases:
        pred = c.pred
        if tagger is not None:
            pred = tuple(combined(p, tagger, min_conf, drop_conf, gate) for p in pred)
        total = [0, 0, 0]
        for g, p in match(c.gold, pred):
            total = [a + b for a, b in zip(total, field_counts(g, p, c.schema)["site_types"])]
        out[c.name] = total
    return out


def _sum(per_doc: dict) -> list[int]:
    return [sum(x[k] for x in per_doc.values()) for k in range(3)]


def _f1(c: list[int]) -> float:
    return 2 * c[0] / (2 * c[0] + c[1] + c[2]) if c[0] else 0.0


def bootstrap(base: dict, other: dict, rounds: int = 2000) -> tuple[float, float]:
    """The 5th and 95th percentiles of F1(other) - F1(base) over documents resampled with replacement
    (paired: the same documents for both), a measure of what noise the difference holds."""
    import random

    rng = random.Random(13)
    names = sorted(base)
    diffs = []
    for _ in range(rounds):
        pick = [rng.choice(names) for _ in names]
        b = [sum(base[n][k] for n in pick) for k in range(3)]
        o = [sum(other[n][k] for n in pick) for k in range(3)]
        diffs.append(_f1(o) - _f1(b))
    diffs.sort()
    return diffs[rounds // 20], diffs[rounds - rounds // 20 - 1]


def _tagger(path: str):
    t = pycrfsuite.Tagger()
    t.open(path)
    return t


def variant_counts(cases: list[Case], stacked: str, plain: str | None) -> dict[str, list[int]]:
    """Counts per variant (rules; rules + tagger at each confidence) over ``cases``."""
    out = {"rules": counts(cases)}
    for name, path in (("stacked", stacked), ("plain", plain)):
        if path is None:
            continue
        t = _tagger(path)
        for conf in CONFS:
            out[f"rules + {name} (add, conf>={conf})"] = counts(cases, t, conf)
            if name == "stacked":
                for gate in ls.GATES[1:]:
                    out[f"rules + {name} (add, conf>={conf}, {gate})"] = counts(cases, t, conf, gate=gate)
        if name == "stacked" and DROPS:
            for drop in DROPS:
                out[f"rules - {name} (drop, conf>={drop})"] = counts(cases, t, 1.1, drop)
                out[f"rules +- {name} (add .7, drop {drop})"] = counts(cases, t, 0.7, drop)
    return out


def cross_validate(cases: list[Case], plain: bool) -> tuple[dict, float]:
    """Counts per variant over held-back folds (documents sorted by sha1 of their source, dealt round)."""
    total: dict = {}
    cpu = 0.0
    with tempfile.TemporaryDirectory() as tmp:
        for k, (train_cases, test_cases) in enumerate(document_folds(cases, FOLDS)):
            ps, pp = f"{tmp}/s{k}.crfsuite", f"{tmp}/p{k}.crfsuite"
            cpu += train(examples(train_cases, True), ps)
            if plain:
                cpu += train(examples(train_cases, False), pp)
            for name, got in variant_counts(test_cases, ps, pp if plain else None).items():
                total.setdefault(name, {}).update(got)
    return total, cpu


# paragraphs.py was split (one concept each): a change of any of them is a change of the segmentation rules
PARAGRAPH_FILES = ("ingest/extract/lines.py", "ingest/extract/headings.py", "ingest/extract/list_leads.py",
                   "ingest/extract/task_tables.py")
# and obligations.py's
OBLIGATION_FILES = ("ingest/extract/stretches.py", "ingest/extract/lead_ins.py",
                    "ingest/extract/task_rows.py")
RULE_FILES = ("ingest/extract/sitetypes.py", "ingest/extract/site_*.py", "ingest/extract/obligations.py",
              "ingest/extract/paragraphs.py", *PARAGRAPH_FILES,
              *OBLIGATION_FILES)  # git pathspecs: globs match the split modules


def versions() -> str:
    """The commit the rules were last changed in (and whether the tree changes them since), and the gold's."""
    import subprocess

    def git(*a: str) -> str:
        return subprocess.run(["git", *a], check=False, cwd=ROOT, capture_output=True, text=True).stdout.strip()

    dirty = git("status", "--short", "--", *RULE_FILES, "tests/gold/obligations")
    return (f"HEAD {git('rev-parse', '--short', 'HEAD')}; rules last changed in "
            f"{git('log', '-1', '--format=%h', '--', *RULE_FILES)}; gold "
            f"{git('log', '-1', '--format=%h', '--', 'tests/gold/obligations')}"
            + (" (+ uncommitted changes to rules or gold)" if dirty else ""))


def _print(rows: dict[str, list[dict]], heads: list[str]) -> None:
    print(f"{'site_types P/R/F1':52}" + "".join(f"{h:>24}" for h in heads))
    for name, cols in rows.items():
        print(f"{name:52}" + "".join(f"{x['precision']:>8.3f}{x['recall']:>8.3f}{x['f1']:>8.3f}" for x in cols))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--train", action="store_true", help="train on all seed + dev and write the model")
    ap.add_argument("--no-cv", action="store_true")
    ap.add_argument("--plain", action="store_true", help="also a tagger without the rules' decisions")
    ap.add_argument("--heldout", action="store_true",
                    help="site_types per split (held-out included, figures only) with the shipped model")
    ap.add_argument("--speed", action="store_true", help="extraction docs/CPU-s with and without the tagger")
    ap.add_argument("--out", default=str(ls.MODEL_PATH), help="where --train writes the model")
    args = ap.parse_args()
    print(versions())
    cases = load_cases(("seed", "dev"))
    data = examples(cases)
    print(f"seed + dev: {len(cases)} documents, {len(data)} training clauses, "
          f"{sum(len(y) for _, y in data)} characters, {sum(y.count('B') for _, y in data)} labels")
    rows: dict[str, list[dict]] = {}
    heads = []
    if not args.no_cv:
        cv, cpu = cross_validate(cases, args.plain)
        print(f"cross-validation: {FOLDS} folds by document, {cpu:.1f} CPU-s of training")
        heads.append("CV seed+dev")
        for name, c in cv.items():
            rows[name] = [score({"s": _sum(c)})["s"]]
        print("F1 difference to the rules, 90% interval of a paired bootstrap over documents:")
        for name, c in cv.items():
            if name != "rules":
                lo, hi = bootstrap(cv["rules"], c)
                print(f"  {name:52} {_f1(_sum(c)) - _f1(_sum(cv['rules'])):+.4f}  [{lo:+.4f}, {hi:+.4f}]")
    if args.train:
        tmp = tempfile.mkdtemp()
        path = f"{tmp}/stacked.crfsuite"
        cpu = train(data, path)
        model = Path(path).read_bytes()
        print(f"trained on all seed + dev: {cpu:.1f} CPU-s, model {len(model) / 1e6:.2f} MB, "
              f"sha256 {hashlib.sha256(model).hexdigest()[:16]}")
        Path(args.out).write_bytes(model)
        print(f"wrote {args.out}")
    if rows:
        _print(rows, heads)
    if args.heldout:
        heldout()
    if args.speed:
        speed()


def heldout() -> None:
    """site_types of the extraction benchmark per split, rules alone and with the shipped model in the chosen
    combination (``learned_sites.MIN_CONF``, ``GATE``) wired into find_site_types: figures only, no misses."""
    from extraction import evaluate

    print(f"extraction benchmark, site_types P/R/F1 (shipped model, add at conf >= {ls.MIN_CONF}, gate {ls.GATE}):")
    for on in (False, True):
        sitetypes.rule_site_types.cache_clear()
        with sitetypes.learned(on):
            res = evaluate(validation=True)
        print(f"  {'rules + tagger' if on else 'rules':16}" + "".join(
            f"  {s} {res[s]['site_types']['precision']:.3f}/{res[s]['site_types']['recall']:.3f}/"
            f"{res[s]['site_types']['f1']:.3f}" for s in res["splits"]))


def speed(repeats: int = 3) -> None:
    """Extraction over the bundled corpus, CPU seconds, with the tagger off and on (interleaved, best of)."""
    docs = []
    for p in corpus_files():
        try:
            docs.append(load_document(str(p.relative_to(ROOT))))
        except IngestError:  # a file the reader rejects is not part of this measure
            continue
    ls.load_tagger()
    runs = {"rules": (False, "every"), **{f"rules + tagger, {g}": (True, g) for g in ls.GATES}}
    best = dict.fromkeys(runs, 1e9)
    for _ in range(repeats):
        for name, (on, gate) in runs.items():
            sitetypes.rule_site_types.cache_clear()
            was, ls.GATE = ls.GATE, gate
            with sitetypes.learned(on):
                t0 = time.process_time()
                for d in docs:
                    extract_obligations(d)
                best[name] = min(best[name], time.process_time() - t0)
            ls.GATE = was
    print(f"speed ({len(docs)} docs, best of {repeats}, interleaved): " + "; ".join(
        f"{name} {len(docs) / t:.1f} docs/CPU-s ({100 * (t / best['rules'] - 1):+.0f}% CPU)" for name, t in best.items()))


if __name__ == "__main__":
    main()
