"""Derived data catches up with the store: change records, lag, catch-up, and kills at the points where an
ingest used to leave the search index or the checks behind for good. Small temporary data directories;
the documents are real corpus seeds."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import make_settings
from policykg.api.service import Service
from policykg.graph import changes
from policykg.search.consistency_graph import list_findings

REPO = Path(__file__).resolve().parents[1]
SEEDS = sorted((REPO / "corpus" / "documents" / "seeds").glob("*.txt"))
LIUSHI = next(s for s in SEEDS if s.name.startswith("003_"))  # 柳政发〔2020〕36号

# Runs an ingest in a child process that SIGKILLs itself at one named point (tests only: the points are
# patched in here, nothing in the package reads them).
DRIVER = r"""
import os, signal, sys
from policykg.api.cli import main
from policykg.graph.kg import KnowledgeGraph
from policykg.graph.store import OxigraphStore
from policykg.search.consistency_graph import GraphChecker
from policykg.search.index import SearchIndex

point = sys.argv[1]

def die():
    os.kill(os.getpid(), signal.SIGKILL)

def after(cls, name):
    original = getattr(cls, name)
    def patched(*args, **kwargs):
        result = original(*args, **kwargs)
        die()
        return result
    setattr(cls, name, patched)

def before(cls, name):
    def patched(*args, **kwargs):
        die()
    setattr(cls, name, patched)

{"write_group": lambda: after(KnowledgeGraph, "_write_group"),
 "resolve": lambda: before(KnowledgeGraph, "resolve_links"),
 "final_flush": lambda: before(OxigraphStore, "flush"),
 "index_update": lambda: after(SearchIndex, "_index_units"),
 "index_save": lambda: after(SearchIndex, "save"),
 "first_check": lambda: after(GraphChecker, "check")}[point]()
sys.exit(main(["ingest", *sys.argv[2:]]))
"""
POINTS = ["write_group", "resolve", "final_flush", "index_update", "index_save", "first_check"]


def _env(data: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("POLICYKG_")}
    env.update(POLICYKG_DATA=str(data), POLICYKG_ENCODER="hash", POLICYKG_PARSE_WORKERS="0", OMP_NUM_THREADS="1")
    return env


def _ingest_in_child(data: Path, folder: Path, point: str | None = None) -> int:
    args = [sys.executable, "-c", DRIVER, point, str(folder)] if point else [
        sys.executable, "-m", "policykg.api.cli", "ingest", str(folder)]
    return subprocess.run(args, env=_env(data), capture_output=True, timeout=300, check=False).returncode


def _write_v1(folder: Path) -> None:
    """Two seeds."""
    folder.mkdir()
    for seed in SEEDS[:2]:
        shutil.copy(seed, folder / seed.name)


def _write_v2(folder: Path) -> None:
    """The same folder later: the first seed changed, the second as it was, two new ones."""
    with open(folder / SEEDS[0].name, "a", encoding="utf-8") as fh:
        fh.write("\n补充说明：本通知自印发之日起施行。\n")
    for seed in SEEDS[2:4]:
        shutil.copy(seed, folder / seed.name)


def _state(service: Service) -> dict:
    """What an uninterrupted ingest leaves: documents, index contents, checks, links, lag."""
    kg = service.kg
    docs = {r["doc"]: r["sha"] for r in kg.select("SELECT ?doc ?sha WHERE { ?doc a pkg:PolicyDocument ; "
                                                   "pkg:sha256 ?sha }")}
    index = service.index
    links = kg.select("SELECT ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } FILTER(STRENDS(STR(?g), '/links')) }")
    checked = {r["d"] for r in kg.select("SELECT ?d WHERE { GRAPH ?g { ?d pkg:checkedAt ?t } }")}
    return {"docs": docs, "indexed": sorted(index.documents), "units": sorted(u.iri for u in index.units),
            "unit_docs": sorted({u.doc_iri for u in index.units}), "checked": sorted(checked),
            "links": sorted(json.dumps(r, sort_keys=True) for r in links),
            "findings": sorted(json.dumps(f, sort_keys=True, ensure_ascii=False) for f in list_findings(kg)),
            "level": service.lag()["level"]}


@pytest.fixture(scope="module")
def crash_setup(tmp_path_factory):
    """A data directory holding v1 (built by a child process), the folders, and the state an uninterrupted
    ingest of v2 over it ends with."""
    root = tmp_path_factory.mktemp("crash")
    v2 = root / "docs"
    _write_v1(v2)
    base = root / "base"
    assert _ingest_in_child(base, v2) == 0
    _write_v2(v2)
    reference = root / "reference"
    shutil.copytree(base, reference)
    service = Service(make_settings(reference))
    report = service.ingest([v2])
    assert sorted(w["status"] for w in report.ingested) == ["added", "added", "replaced", "unchanged"]
    expected = _state(service)
    assert expected["level"] and len(expected["docs"]) == 4 and expected["units"]
    assert expected["indexed"] == sorted(expected["docs"]) and expected["checked"] == sorted(expected["docs"])
    return base, v2, expected


@pytest.mark.parametrize("point", POINTS)
def test_killed_ingest_is_repaired_by_the_next_one(crash_setup, tmp_path, point):
    base, v2, expected = crash_setup
    data = tmp_path / "data"
    shutil.copytree(base, data)
    assert _ingest_in_child(data, v2, point) == -9  # SIGKILL
    service = Service(make_settings(data))
    service.ingest([v2])
    assert _state(service) == expected


def test_killed_ingest_is_repaired_by_serve_start(crash_setup, tmp_path):
    from policykg.api.commands.serve import first_start

    base, v2, expected = crash_setup
    data = tmp_path / "data"
    shutil.copytree(base, data)
    assert _ingest_in_child(data, v2, "final_flush") == -9
    service = Service(make_settings(data))
    lag = service.lag()
    assert not lag["level"] and lag["index_behind"] >= 3  # the case: "N unchanged", 0 units indexed
    out = []

    class Out:
        def write(self, text):
            out.append(text)

        def flush(self):
            pass

    first_start(service, service.settings, Out())
    assert "caught up" in "".join(out)
    assert _state(service) == expected


def test_change_records_versions_tombstones_and_lag(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(LIUSHI, folder / "a.txt")
    service = Service(make_settings(tmp_path / "data"))
    service.ingest([folder])
    kg = service.kg
    (iri, first), = kg.change_records().items()
    assert first.version == 1 and not first.deleted and first.mapping_version > 0 and len(first.content_hash) == 64
    # the file now gives another document (its 文号 changed): the old one is recorded as removed
    text = (folder / "a.txt").read_text(encoding="utf-8")
    (folder / "a.txt").write_text(text.replace("36号", "37号", 1), encoding="utf-8")
    service.ingest([folder])
    records = kg.change_records()
    assert records[iri].deleted and len(records) == 2
    new = next(r for r in records.values() if not r.deleted)
    assert {new.version, records[iri].version} == {2, 3}  # one sequence for the store, never reused
    assert service.index.documents == {new.iri: new.version}
    assert service.lag()["level"] and not kg.derived_pending()


def test_lag_sees_a_deleted_index_and_a_dropped_checks_graph(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for seed in SEEDS[:2]:
        shutil.copy(seed, folder / seed.name)
    settings = make_settings(tmp_path / "data")
    Service(settings).ingest([folder])
    shutil.rmtree(tmp_path / "data" / "search")
    service = Service(settings)
    doc = min(service.kg.change_records())
    service.kg.store.drop_graph(f"{doc}/checks")
    lag = service.lag()
    assert lag["index_behind"] == 2 and lag["checks_behind"] == 1 and not lag["level"]
    done = service.catch_up()
    assert done["checks"] == {"checked": 1, "dropped": 0}
    assert service.lag()["level"] and len(service.index.documents) == 2


def test_a_store_without_records_gets_them(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(SEEDS[0], folder / "a.txt")
    service = Service(make_settings(tmp_path / "data"))
    service.ingest([folder])
    kg = service.kg
    (iri, _), = kg.change_records().items()
    kg.store.drop_graph(changes.record_graph_iri(iri))  # as a store written before records existed
    assert changes.read_records(kg) == {}
    assert kg.ensure_records() == 1 and iri in changes.read_records(kg)
    assert service.catch_up() is not None and service.lag()["level"]
