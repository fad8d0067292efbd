"""Writes on a remote store are recoverable (issue 17): an ingest into a real Oxigraph server is killed at
random points, the client or the server, and afterwards no half-written document is visible, every
document is absent or complete, and the search index agrees with the store.

Each kill starts from the same store (three seeds written by an uninterrupted ingest, the server's database
copied) and ingests a later state of the folder: one document changed, one whose 文号 changed (a new
document, the old one removed), new ones. Every document is its own write group, so the kills land between
groups and inside them. A kill stops, at random: the client before its Nth Graph Store request, the server
before the client's Nth request, or either after a random delay (inside any request). The seed is random per
run and printed with every failure; REMOTE_KILL_SEED=<seed> repeats a run, REMOTE_KILLS sets how many.
"""

from __future__ import annotations

import json
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from dataclasses import replace
from pathlib import Path

import pytest
from conftest import SEEDS, make_settings
from policykg.api.service import Service
from policykg.graph import changes, ids
from policykg.graph.kg import KnowledgeGraph
from policykg.search.results import search_units
from rdflib import Graph
from rdflib.compare import graph_diff, isomorphic, to_isomorphic
from sparql_servers import _wait_until_answering, free_port, oxigraph_binary

SEED_FILES = sorted(SEEDS.glob("*.txt"))
LIUSHI = next(s for s in SEED_FILES if s.name.startswith("003_"))  # 柳政发〔2020〕36号
KILLS = int(os.environ.get("REMOTE_KILLS") or 8)
KILL_SEED = int(os.environ.get("REMOTE_KILL_SEED") or random.SystemRandom().randrange(1 << 32))

# The ingest in a child process; it kills itself or the server at the chosen point (tests only: nothing in
# the package reads this).
DRIVER = r"""
import itertools, json, os, pathlib, signal, sys, threading, time
from policykg.api.cli import main
from policykg.graph import kg, nt
from policykg.graph.remote import RemoteStore

mode, report, server_pid = sys.argv[1], sys.argv[2], int(sys.argv[3])
kg.WRITE_QUADS = 1  # every document its own write group
what, _, at = mode.partition(":")
calls, seen = itertools.count(1), []

def stop(target, where):
    sys.stderr.write(f"killed {target} {where}\n")
    sys.stderr.flush()
    os.kill(os.getpid() if target == "client" else server_pid, signal.SIGKILL)

original = RemoteStore._graph_request
def patched(self, method, graph, triples=None):
    n = next(calls)
    seen.append(f"{method} {graph}")
    if method == "PUT" and triples is not None:  # what this child sends as a document's graph: a whole version
        triples = list(triples)
        lines = list(nt.lines(triples))
        if any("#sha256>" in line for line in lines):
            with open(report + ".sent", "a", encoding="utf-8") as sent:
                sent.write(json.dumps({"graph": graph, "lines": lines}, ensure_ascii=False) + "\n")
    if what in ("client", "server") and n == int(at):
        stop(what, f"before request {n}: {method} {graph}")
    return original(self, method, graph, triples)
RemoteStore._graph_request = patched
if what.endswith("-delay"):
    timer = threading.Timer(float(at), stop, [what.split("-")[0], f"after {float(at):.2f} s"])
    timer.daemon = True
    timer.start()
started = time.monotonic()
code = main(["ingest", *sys.argv[4:]])
if what == "count":
    pathlib.Path(report).write_text(json.dumps({"requests": seen, "seconds": time.monotonic() - started}))
sys.exit(code)
"""


class Server:
    """``oxigraph serve`` on one port and database folder, killed and started again as the test says."""

    def __init__(self, folder: Path, port: int | None = None):
        self.folder, self.port = folder, port or free_port()
        self.process: subprocess.Popen | None = None
        base = f"http://127.0.0.1:{self.port}"
        self.backend = f"{base}/query {base}/store"

    def start(self) -> Server:
        self.folder.mkdir(parents=True, exist_ok=True)
        log = self.folder / "oxigraph.log"
        with open(log, "ab") as out:
            self.process = subprocess.Popen([oxigraph_binary(), "serve", "--location", str(self.folder / "db"),
                                             "--bind", f"127.0.0.1:{self.port}", "--union-default-graph"],
                                            stdout=out, stderr=subprocess.STDOUT)
        _wait_until_answering(f"http://127.0.0.1:{self.port}/query", self.process, log)
        return self

    def alive(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def stop(self) -> None:
        if self.alive():
            self.process.terminate()
            self.process.wait(20)


def _env(data: Path, backend: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("POLICYKG_")}
    env.update(POLICYKG_DATA=str(data), POLICYKG_STORE=backend, POLICYKG_ENCODER="hash",
               POLICYKG_PARSE_WORKERS="0", OMP_NUM_THREADS="1")
    return env


def _child(data: Path, server: Server, folder: Path, mode: str, report: Path) -> subprocess.CompletedProcess:
    args = [sys.executable, "-c", DRIVER, mode, str(report), str(server.process.pid), str(folder)]
    return subprocess.run(args, env=_env(data, server.backend), capture_output=True, text=True, timeout=300,
                          check=False)


def _service(data: Path, backend: str) -> Service:
    """A service that parses in this process: every document this test process writes or takes as a reference
    is mapped by the same code (parse workers would load the working tree as it is when they start)."""
    settings = make_settings(data)
    return Service(replace(settings, store_backend=backend, ingest_limits=replace(settings.ingest_limits, workers=0)))


def _graphs(kg: KnowledgeGraph) -> dict[str, tuple[str, Graph]]:
    """Every stored document's content hash and graph, by IRI."""
    out = {}
    for row in kg.select("SELECT ?doc ?sha WHERE { ?doc a pkg:PolicyDocument ; pkg:sha256 ?sha }"):
        answer = kg.query(f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{ids.graph_iri(row['doc'])}> {{ ?s ?p ?o }} }}",
                          timeout=60, max_rows=None)
        out[row["doc"]] = (row["sha"], Graph().parse(data=answer["ntriples"], format="nt"))
    return out


def _write_v1(folder: Path) -> None:
    folder.mkdir()
    for seed in (*SEED_FILES[:2], LIUSHI):
        shutil.copy(seed, folder / seed.name)


def _write_v2(folder: Path) -> None:
    """One document changed, one whose 文号 changed (another document now), two new."""
    with open(folder / SEED_FILES[0].name, "a", encoding="utf-8") as fh:
        fh.write("\n补充说明：本通知自印发之日起施行。\n")
    text = (folder / LIUSHI.name).read_text(encoding="utf-8")
    (folder / LIUSHI.name).write_text(text.replace("36号", "37号", 1), encoding="utf-8")
    for seed in SEED_FILES[2:]:
        if not (folder / seed.name).exists():
            shutil.copy(seed, folder / seed.name)


@pytest.fixture(scope="module")
def setup(tmp_path_factory):
    """The server database and data directory holding v1, the folder at v2, the documents' graphs of v1 and
    of v2 (an uninterrupted ingest on the embedded store), and an uninterrupted ingest's requests."""
    if oxigraph_binary() is None:
        pytest.fail("the oxigraph command is missing: it is in the test extras (pip install -e '.[test]')")
    root = tmp_path_factory.mktemp("remote-recovery")
    folder = root / "docs"
    _write_v1(folder)
    reference = _service(root / "reference", "oxigraph")
    reference.kg.ingest([folder], limits=reference.settings.ingest_limits)
    v1 = _graphs(reference.kg)
    base = Server(root / "base").start()
    try:
        service = _service(root / "base" / "data", base.backend)
        assert not service.ingest([folder]).failed
        service.kg.close()
        _write_v2(folder)
        written, errors = reference.kg.ingest([folder], limits=reference.settings.ingest_limits)
        assert not errors and sorted(w["status"] for w in written) == ["added"] * 3 + ["replaced", "unchanged"]
        v2 = _graphs(reference.kg)
        counting = root / "count"
        shutil.copytree(root / "base", counting)
        base.stop()
        server = Server(counting, base.port).start()
        done = _child(counting / "data", server, folder, "count", root / "count.json")
        assert done.returncode == 0, done.stderr[-2000:]
        count = json.loads((root / "count.json").read_text())
        assert _graphs(_service(counting / "data", server.backend).kg).keys() == v2.keys()
        server.stop()
    finally:
        base.stop()
    return root / "base", folder, v1, v2, count


def _sent(report: Path) -> dict[str, list[tuple[str, Graph]]]:
    """The document graphs the child sent, by IRI: whole versions too, written by the code the child loaded
    (the working tree may change under a long test run; the references are what this process's code writes)."""
    out: dict[str, list[tuple[str, Graph]]] = {}
    sent = report.with_name(report.name + ".sent")
    for line in sent.read_text(encoding="utf-8").splitlines() if sent.is_file() else []:
        put = json.loads(line)
        graph = Graph().parse(data="\n".join(put["lines"]), format="nt")
        sha = next(str(o) for _, p, o in graph if str(p).endswith("#sha256"))
        out.setdefault(put["graph"], []).append((sha, graph))
    return out


def _assert_complete_or_pending(kg: KnowledgeGraph, v1: dict, v2: dict, where: str,
                                sent: dict | None = None) -> set[str]:
    """Every document the store shows as complete (listed without ``pending``) is whole: its graph is the v1 or
    v2 graph of that document (or one the child sent) and its change record names that content. The documents
    shown complete."""
    listed = {d["iri"]: d for d in kg.list_documents()}
    records = kg.change_records()
    graphs = _graphs(kg)
    complete = set()
    for iri, doc in listed.items():
        if doc.get("pending"):
            assert kg.document_json(iri).get("pending") is True, where
            continue
        sha, graph = graphs[iri]
        versions = [ref for ref in (v1.get(iri), v2.get(iri), *(sent or {}).get(iri, [])) if ref and ref[0] == sha]
        assert any(isomorphic(version[1], graph) for version in versions), \
            f"{where}: {iri} shown complete, its graph is not a whole version of it: {_difference(versions, graph)}"
        assert iri in records and not records[iri].deleted and records[iri].content_hash == sha, \
            f"{where}: {iri} shown complete, its change record does not name its content"
        complete.add(iri)
    return complete


def _difference(versions: list, graph: Graph) -> str:
    if not versions:
        return "its content hash is neither version's"
    _, missing, extra = graph_diff(to_isomorphic(versions[0][1]), to_isomorphic(graph))
    return f"lacks {sorted(missing)[:3]}, has {sorted(extra)[:3]} ({len(missing)}/{len(extra)})"


def _assert_index_agrees(service: Service, where: str) -> None:
    records = service.kg.change_records()
    live = {iri: r.version for iri, r in records.items() if not r.deleted}
    stored = {r["doc"] for r in service.kg.select("SELECT ?doc WHERE { ?doc a pkg:PolicyDocument ; pkg:sha256 ?s }")}
    assert set(live) == stored, f"{where}: live records {sorted(live)} but documents {sorted(stored)}"
    assert service.index.documents == live, f"{where}: the index holds other versions than the store"
    assert {u.doc_iri for u in service.index.units} == stored, where
    for doc in service.kg.list_documents():
        hits = search_units(service.index, doc["title"], limit=20)["results"]
        assert doc["iri"] in {h["document"]["iri"] for h in hits}, f"{where}: search misses {doc['iri']}"


@pytest.mark.parametrize("kill", range(KILLS))
def test_ingest_into_a_server_killed_at_a_random_point_is_recovered(setup, tmp_path, kill):
    base, folder, v1, v2, count = setup
    rng = random.Random(f"{KILL_SEED}-{kill}")
    target = ("client", "server")[kill % 2]
    requests = len(count["requests"])
    mode = (f"{target}:{rng.randint(1, requests)}" if kill % 4 < 2
            else f"{target}-delay:{rng.uniform(0.5, 0.5 + count['seconds']):.2f}")
    shutil.copytree(base, tmp_path / "run")
    server = Server(tmp_path / "run").start()
    try:
        done = _child(tmp_path / "run" / "data", server, folder, mode, tmp_path / "report.json")
        last = done.stderr.strip().splitlines()[-1] if done.stderr.strip() else "no output"
        where = f"REMOTE_KILL_SEED={KILL_SEED} kill {kill}: {mode} ({last})"
        print(where)
        if mode.startswith("client:"):
            assert done.returncode == -signal.SIGKILL, f"{where}: not killed: {done.stderr[-2000:]}"
        if mode.startswith("server:"):
            assert not server.alive() and done.returncode != -signal.SIGKILL, f"{where}: {done.stderr[-2000:]}"
        if not server.alive():
            server.start()
        service = _service(tmp_path / "run" / "data", server.backend)
        kg = service.kg
        # the state the kill left, read before anything recovers: nothing half-written shows as complete
        sent = _sent(tmp_path / "report.json")
        _assert_complete_or_pending(kg, v1, v2, where, sent)
        if kill % 3 == 0:  # a serve start: finished or rolled back, every document absent or complete
            service.catch_up()
            assert not changes.pending_marks(kg), where
            assert not any(d.get("pending") for d in kg.list_documents()), where
            _assert_complete_or_pending(kg, v1, v2, where, sent)
            _assert_index_agrees(service, where)
        report = service.ingest([folder])  # the next ingest: recovers, then writes what is missing
        assert not report.failed, f"{where}: {report.failed}"
        assert not changes.pending_marks(kg), where
        assert _assert_complete_or_pending(kg, v1, v2, where, sent) == set(v2), where
        for iri, (sha, graph) in _graphs(kg).items():
            assert sha == v2[iri][0] and any(isomorphic(graph, version) for h, version in [v2[iri], *sent.get(iri, [])]
                                             if h == sha), f"{where}: {iri} not the v2 document"
        _assert_index_agrees(service, where)
        assert service.lag()["level"], f"{where}: {service.lag()}"
    finally:
        server.stop()


def test_a_pending_mark_of_a_live_writer_is_left_alone(setup, tmp_path):
    """A mark whose writer still runs (here: this process, writing now) is not recovered under it; once the
    writer is gone it is."""
    base, _, v1, _, _ = setup
    shutil.copytree(base, tmp_path / "run")
    server = Server(tmp_path / "run").start()
    try:
        kg = _service(tmp_path / "run" / "data", server.backend).kg
        doc = next(iter(v1))
        mark = changes.begin_write(kg.store, [changes.PendingDocument(doc, removal=True)])
        assert kg.recover_pending() == {"finished": [], "rolled_back": [], "kept": []}
        assert kg.document_json(doc)["pending"] is True
        assert [d.get("pending") for d in kg.list_documents() if d["iri"] == doc] == [True]
        changes.end_write(None, mark)  # the writer failed: its mark stays in the store, nobody writes it now
        assert kg.recover_pending()["finished"] == [doc]  # the removal is finished
        assert doc not in {d["iri"] for d in kg.list_documents()} and kg.change_records()[doc].deleted
        assert not changes.pending_marks(kg)
        # a mark of another host is abandoned only after ABANDONED_AFTER_S
        other = changes.PendingMark("urn:x", "elsewhere:1", time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()), ())
        assert not other.abandoned()
        assert changes.PendingMark("urn:x", "elsewhere:1", "2020-01-01T00:00:00Z", ()).abandoned()
    finally:
        server.stop()


@pytest.mark.parametrize("name", ["oxigraph", "virtuoso"])
def test_a_write_whose_writer_died_after_its_graphs_is_finished_on_each_server(tmp_path, monkeypatch, name):
    """The mark's triple count is what each server counts in the graph (Virtuoso too), so a whole write is
    finished rather than rolled back; the document is shown pending until then."""
    from sparql_servers import oxigraph_server, virtuoso_binaries, virtuoso_server

    if name == "virtuoso" and virtuoso_binaries() is None:
        pytest.skip("Virtuoso is not installed (Debian virtuoso-opensource; .ci/setup-browser installs it)")
    folder = tmp_path / "docs"
    folder.mkdir()
    for seed in SEED_FILES[:2]:
        shutil.copy(seed, folder / seed.name)
    with (oxigraph_server if name == "oxigraph" else virtuoso_server)(tmp_path / name) as server:
        kg = _service(tmp_path / "data", server["backend"]).kg
        end_write = changes.end_write
        monkeypatch.setattr(changes, "end_write", lambda store, mark: end_write(None, mark))  # dies before
        written, _ = kg.ingest([folder], limits=replace(make_settings(tmp_path).ingest_limits, workers=0))
        monkeypatch.undo()
        docs = {w["iri"] for w in written}
        assert len(docs) == 2 and [d.get("pending") for d in kg.list_documents()] == [True, True]
        for iri in docs:  # as if it died after the documents' graphs, before their records
            kg.store.drop_graph(str(changes.record_graph_iri(iri)))
        assert sorted(kg.recover_pending()["finished"]) == sorted(docs)
        records = kg.change_records()
        assert not changes.pending_marks(kg) and not any(d.get("pending") for d in kg.list_documents())
        assert {iri: records[iri].content_hash for iri in docs} == {w["iri"]: w["sha256"] for w in written}
