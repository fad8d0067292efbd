"""Extraction quality against the hand-annotated gold (tests/gold/obligations/), per split.

The figures come from benchmarks/extraction.py (same matching and scoring). Seed and dev floors hold the
level reached; the issue's held-out targets that are not met yet are strict xfails, so meeting one
shows up as a failure to be turned into a test.
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
GOLD = REPO / "tests" / "gold" / "obligations"


def _benchmark():
    spec = importlib.util.spec_from_file_location("extraction_benchmark", REPO / "benchmarks" / "extraction.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def bench():
    return _benchmark()


@pytest.fixture(scope="module")
def result(bench):
    return bench.evaluate()


def test_gold_is_broad_enough():
    files = [json.loads(p.read_text(encoding="utf-8")) for p in GOLD.glob("*.json")]
    assert len(files) >= 8
    assert sum("/seeds/" in f["source"] for f in files) >= 2
    assert sum("/shanghai/district/" in f["source"] or "/shanghai/township/" in f["source"]
               or "街道" in f["source"] for f in files if f["obligations"]) >= 2
    assert len({f["level"] for f in files}) >= 4
    assert any(not f["obligations"] for f in files), "a document without tasks keeps the extractor honest"


def test_splits_follow_the_written_rule(bench):
    for name, gold, split in bench.load_gold():
        if gold.get("schema", 1) >= 2 and split != "seed":
            assert gold["split"] == bench.rule_split(gold["source"]), name


def test_rule_split_is_the_readme_formula(bench):
    import hashlib

    src = "corpus/documents/seeds/000_f83188a21079f2d3.txt"
    expect = "heldout" if int(hashlib.sha1(src.encode()).hexdigest()[:8], 16) % 3 == 0 else "dev"
    assert bench.rule_split(src) == expect


def test_failures_never_show_heldout(bench):
    result = bench.evaluate(failures=True)
    held = {n for n, d in result["documents"].items() if d["split"] == "heldout"}
    assert not {m["file"] for m in result["misses"]} & held


_SCHEMA2_SEEDS = "seed gold re-annotated to schema 2 (written labels, mentions): not reached yet"


@pytest.mark.parametrize("field,floor", [
    ("obligations", 0.97), ("targets", 0.95),
    ("deadline_dates", 0.935),  # 0.938 since the seventeenth adjudication merged seed002's report schedule (347c068), code unchanged
    ("agency_role", 0.95),  # reached again (0.954) when the body's subjects beside a clause read the whole list
    pytest.param("site_types", 0.93, marks=pytest.mark.xfail(strict=True, reason=_SCHEMA2_SEEDS)),
])
def test_seed_floors(result, field, floor):
    assert result["seed"][field]["f1"] >= floor, result["seed"][field]


@pytest.mark.parametrize("split,field,floor", [
    ("seed", "agency_role", 0.945), ("seed", "site_types", 0.89), ("seed", "task", 0.86),  # 0.866 -> 0.854 when the sixteenth adjudication (c0a34b7) merged a seed002 paragraph, code unchanged; 0.8649 again once the paragraph after a last implementation item is one unit (d21b113), floor 0.86 below it
    # issue 13 round 9 (gold of the seventh 2026-12-06 session: 112 dev documents, 4 of them new central-sheet rows,
    # role conventions 12-19 adjudicated), at the level reached on them (dev F1: obligations 0.959, task 0.845,
    # agency_role 0.899, mention 0.913, deadlines 0.852, targets 0.890, sites 0.759); session 8 added four dev
    # documents of a style no rule was written on (gov-cn fourth round, 18ba759) and the fifth round four more
    # (0079ed6), dev F1 on 120 documents: obligations 0.954, task 0.834, agency_role 0.889, mention 0.904,
    # deadlines 0.841, targets 0.878, sites 0.756; after the fourth and fifth adjudications (d990227, bd84347: level
    # lists one entry per tier, lists of kinds one mention each) task 0.829, agency_role 0.885, mention 0.902
    # the sixth gov-cn round (0e4ad61) and the sixth to eighth adjudications, with session 8's rules (dev: 126
    # documents): obligations 0.940, task 0.819, agency_role 0.887, mention 0.900, deadlines 0.841, targets 0.882,
    # sites 0.744; session 9's central-sheet fourth round (316b5a1, 8 new dev documents annotated by a helper who
    # never ran the extractor; code unchanged at d63827e): obligations 0.924, task 0.808, agency_role 0.882,
    # mention 0.894, sites 0.739 (deadlines and targets still above their floors); session 10's sixth round
    # (2c538a3: 12 central rows of batch A annotated by a helper who never ran the extractor, 10 of them dev;
    # code at eb48549, one deadline rule after 4198e01): dev (155 documents) obligations 0.912, task 0.806,
    # agency_role 0.882, mention 0.893, deadlines 0.806, targets 0.856, sites 0.727; with batch B (8305ab9..8e5c9e5,
    # another helper who never ran the extractor; code at 9663e1a): dev (160 documents) obligations 0.906, task
    # 0.799, agency_role 0.876, mention 0.887, deadlines 0.808, targets 0.857, sites 0.721; raised at session 10's
    # close (rules and reviews 4198e01..ee95665, gold through the thirteenth adjudication, dev 162 documents):
    # obligations 0.915, task 0.817, agency_role 0.886, mention 0.896, deadlines 0.834, targets 0.862, sites 0.722.
    # Session 11's eighth and ninth rounds (a36c034, e52f920: 18 short and long sheet rows annotated by helpers who never
    # ran the extractor, 11 of them dev) and the fourteenth adjudication (unit 2 read per paragraph in 16 older files);
    # code at c2908f9: dev (173 documents) obligations 0.890, task 0.795, agency_role 0.881, mention 0.892, deadlines
    # 0.828, targets 0.852, sites 0.708. Floors lowered for the new gold with margin for the fifteenth adjudication;
    # to be raised at the session's close.
    # Raised at session 11's close (rules and reviews 2e756b5..e055b95, gold through the sixteenth adjudication, dev 173
    # documents): obligations 0.898, task 0.802, agency_role 0.885, mention 0.896, deadlines 0.842, targets 0.853,
    # sites 0.713.
    # Session 13's tenth round (4751672: eight sheet rows over 30,000 or under 1,000 characters, annotated by helpers who
    # never ran the extractor, five of them dev) and the eighteenth adjudication (c7d8648..9e92a4a); code at d94fa2a:
    # dev (186 documents) obligations 0.893, task 0.800, agency_role 0.884, mention 0.893, deadlines 0.855, targets 0.780,
    # sites 0.706. The targets floor follows the new gold down (0.845 -> 0.77, a dev-check report of past results whose
    # figures are read as targets); the others still hold.
    ("dev", "obligations", 0.89), ("dev", "task", 0.795), ("dev", "agency_role", 0.878), ("dev", "mention", 0.89),
    ("dev", "deadline_dates", 0.835), ("dev", "targets", 0.77), ("dev", "site_types", 0.705),
    ("seed", "targets", 0.97),
])
def test_level_reached(result, split, field, floor):
    """The level reached on seed and dev documents (issue 13, round 2), so that a change that loses it shows."""
    assert result[split][field]["f1"] >= floor, result[split][field]


def test_better_than_role_blind_baseline(result):
    for split in ("seed", "dev"):
        assert result[split]["agency_role"]["f1"] > result["baseline_agency_role"][split]["f1"] + 0.4, split


def test_documents_without_tasks_stay_empty(result):
    for name, scores in result["documents"].items():
        if "no_tasks" in name:
            assert scores["obligations"]["fp"] == 0, name


def test_intervals_hold_the_point_estimate(bench, result):
    """The document bootstrap (issue 13, measure honestly): every scored field of every split gets an
    interval around its F1, the same on a second call (fixed seed), and a real width on held-out."""
    iv = bench.intervals(result)
    assert iv == bench.intervals(result)
    for split in result["splits"]:
        for field in bench.FIELDS:
            x, b = result[split][field], iv["splits"][split][field]
            if x["tp"] + x["fp"] + x["fn"] == 0:
                assert b is None, (split, field)
                continue
            assert b["low"] <= x["f1"] <= b["high"], (split, field, b)
    task = iv["splits"]["heldout"]["task"]
    assert 0.01 < task["high"] - task["low"] < 0.5, task


def test_by_source_never_names_a_hidden_document(bench, result, capsys):
    """--by-source prints folders and figures: no held-out or dev-check file name, gold or source (like
    test_failures_never_show_heldout for --failures)."""
    hidden = set()
    for name, gold, split in bench.load_gold():
        if split == "heldout" or (split == "dev" and bench.validation_split(gold["source"]) == "dev-check"):
            for path in (Path(name), Path(gold["source"])):  # a short stem ("1") is no name: its file name is
                hidden |= {path.name, path.stem} if len(path.stem) >= 6 else {path.name}
    bs = bench.by_source(result)
    bench._print_by_source(result, bs)
    shown = capsys.readouterr().out + json.dumps(bs, ensure_ascii=False)
    leaked = [h for h in hidden if h in shown]
    assert not leaked, f"{len(leaked)} hidden document names shown"  # the count only, never the names
    held = [d for d in result["documents"].values() if d["split"] == "heldout"]
    assert sum(x["documents"] for x in bs["heldout"].values()) == len(held)
    assert sum(x["gold_obligations"] for x in bs["heldout"].values()) == (
        result["heldout"]["obligations"]["tp"] + result["heldout"]["obligations"]["fn"])
    # no row's figures are one or two documents' own (a one-document folder would print that document's F1)
    assert all(x["documents"] >= bench.MIN_FOLDER_DOCS or set(x["f1"].values()) == {None}
               for split in bs.values() for x in split.values())
