"""Derived data catches up with the store: change records, lag, catch-up, and kills at the points where an
ingest used to leave the search index or the checks behind for good. Small temporary data directories;
the documents are real corpus seeds."""

from __future__ import annotations

import json
import os
import random
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


# ---- kills at random points ----------------------------------------------------------------------------
# The fixed points above are where an ingest used to leave derived data behind; these kills land anywhere:
# before a random one of the many calls an ingest makes that write or read the store, the index files or
# the checks (``call:N``), or after a random delay from the start of the ingest, inside any call
# (``delay:S``). The writes go through the bulk loader's journal in half of them. The seed is random per
# run and printed with every failure; CRASH_TEST_SEED=<seed> repeats a run, CRASH_TEST_KILLS sets how many.
RANDOM_DRIVER = r"""
import itertools, json, os, pathlib, shutil, signal, sys, threading, time
import numpy
from policykg.api.cli import main
from policykg.graph import store
from policykg.graph.kg import KnowledgeGraph
from policykg.graph.store import OxigraphStore
from policykg.search.consistency_graph import GraphChecker
from policykg.search.index import SearchIndex

mode, report, bulk = sys.argv[1], sys.argv[2], sys.argv[3] == "bulk"
if bulk:  # every write group through the bulk loader and its journal, as large groups go
    store.BULK_MIN_QUADS = 0
calls = itertools.count(1)
names = []
kill_at = int(mode.split(":")[1]) if mode.startswith("call:") else 0

def die(where):
    sys.stderr.write(f"killed at {where}\n")
    sys.stderr.flush()
    os.kill(os.getpid(), signal.SIGKILL)

def hook(owner, name):
    original = getattr(owner, name)
    label = f"{getattr(owner, '__name__', owner)}.{name}"
    def patched(*args, **kwargs):
        n = next(calls)
        if n == kill_at:
            die(f"call {n}: {label}")
        if mode == "count":
            names.append(label)
        return original(*args, **kwargs)
    setattr(owner, name, patched)

for name in ("write", "add_to_graph", "drop_graph", "query", "flush", "optimize"):
    hook(OxigraphStore, name)
for name in ("_write_group", "resolve_links", "clear_derived_pending", "ensure_records"):
    hook(KnowledgeGraph, name)
for name in ("update", "rebuild", "_index_units", "save"):
    hook(SearchIndex, name)
hook(GraphChecker, "check")
for owner, name in ((os, "replace"), (os, "fsync"), (shutil, "rmtree"), (shutil, "copy2"), (numpy, "save"),
                    (numpy, "savez"), (pathlib.Path, "unlink"), (pathlib.Path, "rename"),
                    (pathlib.Path, "write_text"), (pathlib.Path, "mkdir")):
    hook(owner, name)
if mode.startswith("delay:"):
    delay = float(mode.split(":")[1])
    timer = threading.Timer(delay, die, [f"{delay:.2f} s"])
    timer.daemon = True
    timer.start()
started = time.monotonic()
code = main(["ingest", *sys.argv[4:]])
if mode == "count":
    pathlib.Path(report).write_text(json.dumps({"names": names, "seconds": time.monotonic() - started}))
sys.exit(code)
"""
CRASH_KILLS = int(os.environ.get("CRASH_TEST_KILLS") or 10)
CRASH_SEED = int(os.environ.get("CRASH_TEST_SEED") or random.SystemRandom().randrange(1 << 32))


def _random_child(data: Path, folder: Path, mode: str, report: Path, bulk: bool) -> subprocess.CompletedProcess:
    args = [sys.executable, "-c", RANDOM_DRIVER, mode, str(report), "bulk" if bulk else "default", str(folder)]
    return subprocess.run(args, env=_env(data), capture_output=True, text=True, timeout=300, check=False)


def _quads(service: Service) -> list[str]:
    """The store as sorted N-Quads without the write history: the change records (their versions and times
    depend on the order of writes) and the time stamps of checks."""
    lines = service.kg.store.dump_nquads().decode("utf-8").splitlines()
    return sorted(q for q in lines if not q.endswith("/record> .") and "#checkedAt>" not in q
                  and "/checkedAt>" not in q)


def _found_by_search(service: Service) -> dict[str, list[str]]:
    """/search for each document's title: the documents of the results, in order."""
    from fastapi.testclient import TestClient
    from policykg.api.app import create_app

    client = TestClient(create_app(service.settings, service), raise_server_exceptions=False)
    titles = {r["doc"]: r["title"] for r in service.kg.select(
        "SELECT ?doc ?title WHERE { ?doc a pkg:PolicyDocument ; pkg:sha256 ?sha ; dcterms:title ?title }")}
    out = {}
    for doc, title in sorted(titles.items()):
        r = client.get("/search", params={"q": title, "limit": 20})
        assert r.status_code == 200, r.text
        out[doc] = [hit["document"]["iri"] for hit in r.json()["results"]]
    return out


@pytest.fixture(scope="module")
def random_crash_setup(crash_setup, tmp_path_factory):
    """The crash setup, the store, store quads and search answers of an uninterrupted ingest, and the hook
    calls an uninterrupted ingest in a child makes (the range random kills are drawn from)."""
    base, v2, expected = crash_setup
    root = tmp_path_factory.mktemp("random-crash")
    counts = {}
    for bulk in (False, True):
        data, report = root / f"count-{bulk}", root / f"count-{bulk}.json"
        shutil.copytree(base, data)
        done = _random_child(data, v2, "count", report, bulk)
        assert done.returncode == 0, done.stderr[-2000:]
        counts[bulk] = json.loads(report.read_text())
        if bulk:  # the reference: the uninterrupted run in a child, bulk loader and all
            service = Service(make_settings(data))
            assert _state(service) == expected
            quads, found = _quads(service), _found_by_search(service)
            assert set(found) == set(expected["docs"])
            for doc, hits in found.items():  # /search finds every document by its title
                assert doc in hits, (doc, hits)
    return base, v2, expected, quads, found, counts


@pytest.mark.parametrize("kill", range(CRASH_KILLS))
def test_ingest_killed_at_a_random_point_is_repaired(random_crash_setup, tmp_path, kill):
    base, v2, expected, quads, found, counts = random_crash_setup
    rng = random.Random(f"{CRASH_SEED}-{kill}")
    bulk = rng.random() < 0.5
    names, seconds = counts[bulk]["names"], counts[bulk]["seconds"]
    mode = f"call:{rng.randint(1, len(names))}" if kill % 3 != 2 else f"delay:{rng.uniform(0, seconds):.2f}"
    data = tmp_path / "data"
    shutil.copytree(base, data)
    done = _random_child(data, v2, mode, tmp_path / "report.json", bulk)
    where = (f"CRASH_TEST_SEED={CRASH_SEED} kill {kill}: {mode} bulk={bulk} "
             f"({done.stderr.strip().splitlines()[-1] if done.stderr.strip() else 'no output'})")
    print(where)
    if mode.startswith("call:"):
        assert done.returncode == -9, f"{where}: not killed, exit {done.returncode}: {done.stderr[-2000:]}"
    else:  # a loaded machine may finish first, or stop it before the ingest began
        assert done.returncode in (0, -9), f"{where}: exit {done.returncode}: {done.stderr[-2000:]}"
    service = Service(make_settings(data))
    report = service.ingest([v2])
    assert not report.failed, f"{where}: {report.failed}"
    assert _state(service) == expected, where
    assert _quads(service) == quads, where
    assert _found_by_search(service) == found, where
