"""Extraction quality held at the level reached, against the hand-annotated gold (tests/gold/obligations/).

The figures come from benchmarks/extraction.py (same matching and scoring); known gaps are strict xfails.
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
def result():
    return _benchmark().evaluate()


def test_gold_is_broad_enough():
    files = [json.loads(p.read_text(encoding="utf-8")) for p in GOLD.glob("*.json")]
    assert len(files) >= 8
    assert sum("/seeds/" in f["source"] for f in files) >= 2
    assert sum("/shanghai/district/" in f["source"] or "/shanghai/township/" in f["source"]
               or "街道" in f["source"] for f in files if f["obligations"]) >= 2
    assert len({f["level"] for f in files}) >= 4
    assert any(not f["obligations"] for f in files), "a document without tasks keeps the extractor honest"


@pytest.mark.parametrize("field,floor", [
    ("obligations", 0.97), ("agency_role", 0.95), ("deadline_dates", 0.95), ("targets", 0.95), ("site_types", 0.95),
])
def test_f1_held(result, field, floor):
    assert result["fields"][field]["f1"] >= floor, result["fields"][field]


def test_brief_targets_met(result):
    assert result["fields"]["agency_role"]["f1"] >= 0.85
    assert result["fields"]["deadline_dates"]["f1"] >= 0.90


def test_better_than_role_blind_baseline(result):
    assert result["fields"]["agency_role"]["f1"] > result["baseline_agency_role"]["f1"] + 0.5


def test_documents_without_tasks_stay_empty(result):
    for name, scores in result["documents"].items():
        if "no_tasks" in name:
            assert scores["obligations"]["fp"] == 0, name


def test_heldout_agency_roles_reach_target(result):
    # measured 0.891 once town institutions, street aliases (古美路街道) and 在…指导下 roles were read
    assert result["heldout"]["agency_role"]["f1"] >= 0.89


@pytest.mark.xfail(strict=True, reason="held-out documents: a subject whose action comes late (各居委对…进行排摸), "
                   "units the dictionary lacks inside a list (医院), and the units of a reporting paragraph "
                   "without a duty cue are missed")
def test_heldout_agency_recall_reaches_090(result):
    assert result["heldout"]["agency_role"]["recall"] >= 0.90
