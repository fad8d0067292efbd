"""The learned agency tagger (ingest/extract/learned_agencies.py) against the agency rules (issue 13).

    .venv/bin/python benchmarks/agency_tagger.py            # 5-fold document-grouped CV on seed + dev
    .venv/bin/python benchmarks/agency_tagger.py --train    # train on all seed + dev, write the model
    .venv/bin/python benchmarks/agency_tagger.py --heldout  # + held-out figures of the trained model
    .venv/bin/python benchmarks/agency_tagger.py --speed    # + extraction docs/CPU-s with and without it

Training examples: ``extract_obligations`` on each seed/dev gold document, predictions paired with gold
obligations by the extraction benchmark's own ``match``; each gold ``mention`` is located in the
predicted text (spaces ignored; where it occurs more than once, the occurrences the rules read as a unit,
else all of them) and its characters tagged B/I-role. Schema-1 files have no mention: the rules' mention
of the gold name, or the name itself, is located; an obligation with a gold unit found nowhere in its text
and not read by the rules from outside it is left out. Held-out documents are never trained on, and only
their figures are printed (no misses). The rules were fitted on dev, so cross-validation favours them.

What was tried (CV on seed + dev, 2026-12-06; the gold grew between runs, so compare rows of one run only):
- a tagger without the rules' decisions as features is far behind them (agency_role F1 0.61 vs 0.91);
  added to the rules it buys mention recall with more precision lost (rules + it: 0.886-0.901 vs 0.912);
- with them (stacking) it mostly copies the rules; replacing the rules' units inside the text loses
  (0.86-0.89 vs 0.89-0.93), re-deciding their roles loses (0.904 vs 0.912), dropping the units it
  doubts loses (0.880-0.910), adding its units where the rules read none ties at a confidence >= 0.9;
- the document's own units (what the rules read anywhere in it, its region names) as a feature helped
  the tagger alone (replace) by about 2 points, the combination by nothing on CV;
- training with the rules' labels on half the examples only ("dropout") makes it lean on them less:
  worse on CV than the stacked one.
Chosen on CV then: rules + stacked tagger, added units at confidence >= 0.9; held-out (rules b4f7acc, gold
e9cbf44) task 0.659 -> 0.662, mention 0.796 -> 0.813, at ~40 ms CPU per document. Not wired.

Retrained 2026-12-06 on the grown gold (seed + dev: 102 documents at gold 5a58e96, 113 at 17e153b) and the
rules of this session; CV figures per part too (seed+dev-read, where the rules were written, and
dev-check, figures only like held-out):
- CV at rules f1bdbb9 (gold 5a58e96, 102 documents), all / dev-check, task - agency_role - mention F1:
  rules .817/.782 - .894/.857 - .905/.867; add conf>=0.9 .818/.788 - .896/.864 - .908/.874; add conf>=0.95
  .818/.788 - .897/.864 - .908/.874 (mention P .941 -> .935); lists (a unit only in a 、/和/及 list with a
  unit the rules read, any confidence from 0.3 to 0.7, tagger's or the list's role) .817/.782 - .895/.857;
  task F1 of replace .767/.744, of add_roles .817/.786.
- new features (``EXTRA``): head-noun ends wherever jieba cuts (endhead), the rules' role of the nearest
  read item in the same list (lists), the document registry's full names in the document's units
  (registry), all three together: no gain on any combination (add conf>=0.9 .816/.787 - .896/.864; lists
  .818/.783 - .895/.858). Left out of the model (``EXTRA`` empty); jieba POS was not tried (its HMM pass
  alone would cost more CPU than the whole budget).
- Chosen on that CV: ``add conf>=0.95``, base features. Retrained at rules cf8c299 (gold 17e153b, 113
  documents, 3902 training obligations, 56.5 CPU-s, model 0.66 MB), CV all / seed+dev-read / dev-check:
  rules task .822/.858/.779, agency_role .897/.924/.860, mention .908/.935/.872 (P .945/.961/.922);
  add conf>=0.95 task .821/.856/.780, agency_role .897/.924/.860, mention .909/.935/.873 (P .942/.958/.920);
  behind the head gate identical; lists conf>=0.5 .822/.860/.779 - .897/.924/.859 - .910/.936/.873.
- Held-out, measured once for the chosen one (rules cf8c299, gold 17e153b), P/R/F1:
  rules      task .662/.675/.669  agency_role .827/.681/.747  mention .878/.722/.792
  add .95    task .662/.675/.669  agency_role .818/.688/.748  mention .874/.734/.798
- CPU (``--speed``, 203 corpus documents, 9689 obligations, shared 2-core machine): rules 12.6 ms/doc;
  + refine everywhere 34.0 ms/doc (+270%); behind the head gate (``may_name_a_unit``: a head noun the
  rules left unread, 69% of obligations) 26.4 ms/doc (+209%); behind the list gate (``may_extend_a_list``,
  2.4%) 1.4 ms/doc (+11%), where it adds nothing measurable.
Decision: not wired. It does not beat the rules by more than noise on held-out (task +0.000, agency_role
+0.001; mention recall +0.012 with mention precision lower), and it costs three times the rules' CPU;
the one combination that is cheap enough (lists behind the list gate) finds nothing the rules miss.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")
sys.path.insert(0, str(Path(__file__).resolve().parent))

import pycrfsuite
from _docs import ROOT, load_document
from extraction import (
    GoldCase,
    corpus_files,
    document_folds,
    field_counts,
    gold_agencies,
    gold_cases,
    match,
    score,
    validation_split,
)
from policykg.ingest.extract import learned_agencies as la
from policykg.ingest.extract.obligations import extract_obligations
from policykg.ingest.model import IngestError

FIELDS = ("task", "agency_role", "mention")
FOLDS = 5
PARAMS = {"c1": 0.05, "c2": 0.01, "max_iterations": 150, "feature.possible_transitions": True}


Case = GoldCase


def load_cases(splits: tuple[str, ...]) -> list[Case]:
    """Gold documents of ``splits`` with their documents and the rules' obligations."""
    return gold_cases(splits)


def locate(text: str, written: str) -> list[tuple[int, int]]:
    """Every (start, end) of ``written`` in ``text``, spaces ignored."""
    if not written:
        return []
    pattern = r"\s*".join(re.escape(c) for c in written)
    return [(m.start(), m.end()) for m in re.finditer(pattern, text)]


def gold_labels(case: Case, g: dict, p) -> list[str] | None:
    """B/I-role per character of the predicted text ``p`` from gold obligation ``g``, None when a gold unit
    cannot be placed."""
    text, start = p.text, p.span.start
    labels = ["O"] * len(text)
    rule_spans = {(a.span.start - start, a.span.end - start): a for a in p.agencies}
    outside = {a.name.replace(" ", "") for a in p.agencies
               if text[max(0, a.span.start - start):max(0, a.span.end - start)] != a.text}
    wanted = []
    for mention, name, role in gold_agencies(g):
        if case.schema < 2:
            by_rule = [a.text for a in p.agencies if a.name.replace(" ", "") == name]
            mention = by_rule[0] if by_rule else name
        wanted.append((mention, name, role))
    for mention, name, role in sorted(wanted, key=lambda w: -len(w[0])):
        occ = [o for o in locate(text, mention) if all(x == "O" for x in labels[o[0]:o[1]])]
        if not occ:
            if case.schema < 2 and name not in outside:
                return None  # a unit the text may name in a form we cannot place: not a clean example
            continue
        by_rules = [o for o in occ if o in rule_spans]
        for s, e in by_rules or occ:
            labels[s] = "B-" + role
            for i in range(s + 1, e):
                labels[i] = "I-" + role
    return labels


def featurize(cases: list[Case], extra: frozenset[str]) -> dict[str, list]:
    """Per case: the stacked features of each predicted obligation (None where its text is not the
    document's at its span), under the optional feature groups ``extra``."""
    out = {}
    for c in cases:
        known = la.document_units(c.doc, c.pred, extra)
        out[c.name] = [la.features(p.text, la.rule_labels(p.text, p.agencies, p.span.start), known, extra)
                       if la._aligned(c.doc, p) else None for p in c.pred]
    return out


def examples(cases: list[Case], feats: dict[str, list]) -> list[tuple[list[list[str]], list[str]]]:
    """(features, labels) of every matched, aligned obligation of ``cases``."""
    out = []
    for c in cases:
        index = {id(p): k for k, p in enumerate(c.pred)}
        for g, p in match(c.gold, c.pred):
            if g is None or p is None or feats[c.name][index[id(p)]] is None:
                continue
            y = gold_labels(c, g, p)
            if y is not None:
                out.append((feats[c.name][index[id(p)]], y))
    return out


def train(data: list, path: str) -> float:
    """Train a CRF on ``data`` into ``path``; CPU seconds spent."""
    t0 = time.process_time()
    trainer = pycrfsuite.Trainer(verbose=False)
    for x, y in data:
        trainer.append(x, y)
    trainer.set_params(PARAMS)
    trainer.train(path)
    return time.process_time() - t0


def counts(cases: list[Case], transform=None) -> dict[str, list[int]]:
    """[tp, fp, fn] per field over ``cases``, the predictions passed through ``transform(case)``."""
    total = {f: [0, 0, 0] for f in FIELDS}
    for c in cases:
        pred = transform(c) if transform else c.pred
        for g, p in match(c.gold, pred):
            fc = field_counts(g, p, c.schema)
            for f in FIELDS:
                if f == "mention" and c.schema < 2:
                    continue
                total[f] = [a + b for a, b in zip(total[f], fc[f])]
    return total


def _add(a: dict, b: dict) -> dict:
    return {f: [x + y for x, y in zip(a[f], b[f])] for f in a}


# combinations of the rules and the tagger, each measured from one tagging of the held-back documents
COMBOS: dict[str, dict] = {
    "rules": {},
    "replace": {"mode": "replace"},
    "add conf>=0.5": {"min_conf": 0.5},
    "add conf>=0.8": {"min_conf": 0.8},
    "add conf>=0.9": {"min_conf": 0.9},
    "add conf>=0.95": {"min_conf": 0.95},
    "add conf>=0.95, gate head": {"min_conf": 0.95, "gate": "head"},
    "lists conf>=0.5": {"min_conf": 2.0, "list_conf": 0.5},
    "lists conf>=0.5, its role, gate list": {"min_conf": 2.0, "list_conf": 0.5, "list_role": True, "gate": "list"},
    "add>=0.9 + lists>=0.5": {"min_conf": 0.9, "list_conf": 0.5},
    "add_roles conf>=0.9": {"mode": "add_roles", "min_conf": 0.9},
}
# feature sets: the model of the last run, and the new groups (learned_agencies.EXTRA)
FEATURE_SETS = {"base": frozenset(), "+endhead+lists+registry": frozenset({"endhead", "lists", "registry"})}


def tag_cases(tagger, cases: list[Case], feats: dict[str, list]) -> dict[str, list]:
    """Per case: ``la.decode`` of each obligation's features (None where there are none)."""
    return {c.name: [la.decode(tagger, x) if x is not None else None for x in feats[c.name]] for c in cases}


def combined(c: Case, found: list, combo: dict) -> tuple:
    """The case's predictions combined with the tagger's readings ``found`` as ``combo`` says."""
    if not combo:
        return c.pred
    return tuple(la.combine(c.doc, ob, f, combo.get("mode", "add"), combo.get("min_conf", 0.0),
                            combo.get("list_conf"), combo.get("list_role", False))
                 if f is not None and (not combo.get("gate") or la.GATES[combo["gate"]](ob)) else ob
                 for ob, f in zip(c.pred, found))


def part(c: Case) -> str:
    """seed+dev-read (the rules were written on them) or dev-check (figures only, like held-out)."""
    return "dev-check" if c.split == "dev" and validation_split(c.source) == "dev-check" else "seed+dev-read"


PARTS = ("seed+dev-read", "dev-check")


def evaluate(cases: list[Case], found: dict[str, list]) -> dict[str, dict]:
    """Counts per combination and part (``PARTS``, and both as ``all``) over ``cases`` given the tagger's
    readings."""
    out = {}
    for name, combo in COMBOS.items():
        for pt in PARTS:
            out[(name, pt)] = counts([c for c in cases if part(c) == pt],
                                     lambda c, combo=combo: combined(c, found[c.name], combo))
        out[(name, "all")] = _add(out[(name, PARTS[0])], out[(name, PARTS[1])])
    return out


def _tagger(path: str):
    t = pycrfsuite.Tagger()
    t.open(path)
    return t


def cross_validate(cases: list[Case], sets: dict[str, frozenset]) -> tuple[dict, float]:
    """Counts per feature set and combination over held-back folds (documents sorted by sha1 of their
    source, dealt round)."""
    total: dict = {}
    cpu = 0.0
    with tempfile.TemporaryDirectory() as tmp:
        for set_name, extra in sets.items():
            feats = featurize(cases, extra)
            for k, (train_cases, test_cases) in enumerate(document_folds(cases, FOLDS)):
                path = f"{tmp}/{k}.crfsuite"
                cpu += train(examples(train_cases, feats), path)
                got = evaluate(test_cases, tag_cases(_tagger(path), test_cases, feats))
                for (combo, pt), cnt in got.items():
                    key = (combo if combo == "rules" else f"{set_name}: {combo}", pt)
                    if combo == "rules" and set_name != next(iter(sets)):
                        continue
                    total[key] = _add(total[key], cnt) if key in total else cnt
    return total, cpu


def _row(name: str, cols: list[dict | None], width: int = 34) -> str:
    row = f"{name:{width}}"
    for sc in cols:
        for f in FIELDS:
            if sc is None:
                row += f"{'':>20}"
            else:
                x = sc[f]
                row += f"  {x['precision']:.3f} {x['recall']:.3f} {x['f1']:.3f}"
    return row


# paragraphs.py was split (one concept each): a change of any of them is a change of the segmentation rules
PARAGRAPH_FILES = ("ingest/extract/lines.py", "ingest/extract/headings.py", "ingest/extract/list_leads.py",
                   "ingest/extract/task_tables.py")
# and obligations.py's
OBLIGATION_FILES = ("ingest/extract/stretches.py", "ingest/extract/lead_ins.py",
                    "ingest/extract/task_rows.py")
RULE_FILES = ("ingest/extract/obligations.py", "ingest/extract/roles.py", "ingest/extract/role_*.py",
              "ingest/extract/agency_grammar.py", "ingest/extract/unit_*.py", "ingest/extract/units_at.py",
              "ingest/extract/agencies.py", "ingest/extract/agency_registry.py", "ingest/extract/paragraphs.py",
              *PARAGRAPH_FILES, *OBLIGATION_FILES)


def rules_version() -> str:
    """The commit the rules were last changed in, and whether the working tree changes them since."""
    import subprocess

    def git(*a: str) -> str:
        return subprocess.run(["git", *a], check=False, cwd=ROOT, capture_output=True, text=True).stdout.strip()

    dirty = git("status", "--short", "--", *RULE_FILES)
    gold = git("log", "-1", "--format=%h", "--", "tests/gold/obligations")
    return (f"rules: HEAD {git('rev-parse', '--short', 'HEAD')}, last rule commit "
            f"{git('log', '-1', '--format=%h', '--', *RULE_FILES)}" + (" + uncommitted changes" if dirty else "")
            + f"; gold {gold}")


def print_table(cols: dict[str, list], heads: list[str]) -> None:
    width = max(34, *(len(k) + 1 for k in cols))
    print(f"{'':{width}}" + "".join(f"{h:^60}" for h in heads))
    print(f"{'':{width}}" + "".join(f"{f:^20}" for _ in heads for f in FIELDS))
    print(f"{'':{width}}" + "".join(f"  {'P':>5} {'R':>5} {'F1':>5}" for _ in heads for _ in FIELDS))
    for name, sc in cols.items():
        print(_row(name, sc, width))


def chosen() -> dict:
    """The combination ``learned_agencies`` ships (MODE, MIN_CONF, LIST_CONF, LIST_ROLE, GATE)."""
    return {"mode": la.MODE, "min_conf": la.MIN_CONF, "list_conf": la.LIST_CONF, "list_role": la.LIST_ROLE,
            "gate": la.GATE}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--train", action="store_true", help="train on all seed + dev and write the model")
    ap.add_argument("--no-cv", action="store_true")
    ap.add_argument("--sets", default=",".join(FEATURE_SETS), help="feature sets to cross-validate (comma list)")
    ap.add_argument("--heldout", action="store_true",
                    help="held-out figures of the shipped model in the chosen combination (figures only)")
    ap.add_argument("--speed", action="store_true", help="extraction docs/CPU-s with and without the tagger")
    args = ap.parse_args()
    print(rules_version())
    cases = load_cases(("seed", "dev"))
    cols: dict[str, list] = {}
    if not args.no_cv:
        sets = {k: FEATURE_SETS[k] for k in args.sets.split(",")}
        cv, cpu = cross_validate(cases, sets)
        print(f"cross-validation: {FOLDS} folds by document, {cpu:.1f} CPU-s of training ({FOLDS * len(sets)} models)")
        for pt in ("all", *PARTS):
            print(f"\nCV, held-back documents of {pt}")
            print_table({name: [score(c)] for (name, p), c in cv.items() if p == pt}, ["CV " + pt])
        print()
    if args.train:
        feats = featurize(cases, la.EXTRA)
        data = examples(cases, feats)
        with tempfile.TemporaryDirectory() as tmp:
            cpu = train(data, f"{tmp}/m.crfsuite")
            la.MODEL_PATH.write_bytes(Path(f"{tmp}/m.crfsuite").read_bytes())
        print(f"trained on all seed + dev ({len(cases)} documents, {len(data)} obligations, features "
              f"{sorted(la.EXTRA) or 'base'}): {cpu:.1f} CPU-s, model {la.MODEL_PATH.stat().st_size / 1e6:.2f} MB; "
              f"wrote {la.MODEL_PATH.relative_to(ROOT)}")
    if args.heldout:
        la.load_tagger.cache_clear()
        held = load_cases(("heldout",))
        feats = featurize(held, la.EXTRA)
        found = tag_cases(la.load_tagger(), held, feats)
        ch = chosen()
        for name, combo in (("rules", {}), (f"chosen: {ch}", ch)):
            cols.setdefault(name, [])
            cols[name].append(score(counts(held, lambda c, combo=combo: combined(c, found[c.name], combo))))
    if cols:
        print_table(cols, ["held-out"])
    if args.speed:
        speed()


def speed() -> None:
    """Extraction over the bundled corpus, CPU seconds, with and without ``refine`` (the chosen combination,
    and behind each gate)."""
    docs = []
    for p in corpus_files():
        try:
            docs.append(load_document(str(p.relative_to(ROOT))))
        except IngestError:  # a file the reader rejects is not part of this measure
            continue
    extract_obligations(docs[0])
    la.load_tagger()
    t0 = time.process_time()
    obs = [extract_obligations(d) for d in docs]
    rules = time.process_time() - t0
    n = len(docs)
    print(f"speed ({n} docs, {sum(map(len, obs))} obligations): rules {n / rules:.1f} docs/CPU-s "
          f"({1000 * rules / n:.1f} ms/doc)")
    for gate in (la.GATE, *(g for g in la.GATES if g != la.GATE)):
        t1 = time.process_time()
        for d, o in zip(docs, obs):
            la.refine(d, o, gate=gate)
        extra = time.process_time() - t1
        asked = sum(1 for o in obs for ob in o if gate is None or la.GATES[gate](ob))
        print(f"  rules + refine, gate {gate}: {n / (rules + extra):.1f} docs/CPU-s (refine {1000 * extra / n:.1f} "
              f"ms/doc, +{100 * extra / rules:.0f}% extraction CPU; tagger asked on {asked} obligations)")


if __name__ == "__main__":
    main()
