"""Serve at once (issue 16): the first start's work runs behind a server that already answers, shows its
progress at /status, lets documents be read and found by their words as soon as they are written, holds
writes back with 503, and resumes after a kill instead of starting over."""

from __future__ import annotations

import io
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
import urllib.request
from dataclasses import replace
from pathlib import Path

import pytest
from conftest import CORPUS_DOCUMENTS, SEEDS, make_settings
from fastapi.testclient import TestClient
from policykg.api.app import create_app
from policykg.api.routes.status import WRITES
from policykg.api.service import Service
from policykg.api.startup import StartupProgress, first_start, read_marker
from policykg.ingest.pipeline import iter_files
from policykg.search.encoders import HashEncoder
from policykg.search.index import SearchIndex

# routes that take POST for reading (a SPARQL query may be long): never held back by a start
READS_BY_POST = {("POST", "/sparql")}


def _corpus(root: Path, *sources: Path) -> Path:
    """A corpus folder holding a copy of the documents of ``sources`` (real ones: folders of the bundled corpus)."""
    for source in sources:
        shutil.copytree(source, root / "corpus" / "documents" / source.name)
    return root / "corpus"


def _settings(tmp_path: Path, source: Path = SEEDS):
    return replace(make_settings(tmp_path / "data"), corpus_dir=_corpus(tmp_path, source), catch_up_s=0)


def _word_of(title: str) -> str:
    """A word of a document's title that search can match (its first four CJK characters)."""
    chars = [c for c in title if "\u4e00" <= c <= "\u9fff"]
    return "".join(chars[:4])


def _start_holding_encoding(monkeypatch, service, settings, app, progress):
    """Run the first start in a thread that stops when it reaches encoding: (thread, reached, release)."""
    release, encoding = threading.Event(), threading.Event()
    original = SearchIndex.encode_pending

    def held(index, *args, **kwargs):
        encoding.set()
        assert release.wait(120)
        return original(index, *args, **kwargs)

    monkeypatch.setattr(SearchIndex, "encode_pending", held)
    worker = threading.Thread(target=first_start, args=(service, settings, io.StringIO(), progress,
                                                        app.state.lock.write))
    worker.start()
    return worker, encoding, release


def test_documents_are_read_and_found_by_words_while_the_units_wait_for_encoding(tmp_path, monkeypatch):
    settings = _settings(tmp_path)
    service = Service(settings)
    app = create_app(settings, service)
    progress = app.state.startup = StartupProgress()
    client = TestClient(app, raise_server_exceptions=False)
    # nothing started yet: the port answers, and so does the status
    waiting = client.get("/status").json()
    assert waiting["phase"] == "waiting" and waiting["running"]

    # hold encoding until the checks below are done
    worker, encoding, release = _start_holding_encoding(monkeypatch, service, settings, app, progress)
    try:
        assert encoding.wait(300), "the first start never reached encoding"
        status = client.get("/status").json()
        seeds = len(list(SEEDS.iterdir()))
        assert status["phase"] == "encoding" and status["running"]
        assert status["documents"]["done"] == status["documents"]["total"] == seeds
        assert status["units"]["total"] > status["units"]["done"] == 0
        assert status["search"]["mode"] == "lexical" and status["search"]["unencoded"] > 0
        # browsable and found by their words
        docs = client.get("/documents").json()["documents"]
        assert len(docs) == seeds
        title = next(d["title"] for d in docs if d.get("title") and len(_word_of(d["title"])) == 4)
        answer = client.get("/search", params={"q": _word_of(title), "limit": 5}).json()
        assert answer["mode"] == "lexical" and answer["results"]
        assert all("dense" not in r["components"] for r in answer["results"])
        page = client.get("/", params={"q": _word_of(title)}, headers={"accept": "text/html"}).text
        assert 'id="startup-banner"' in page and 'id="search-mode"' in page and "仅关键词" in page
        ui = client.get("/status-ui", headers={"accept": "text/html"}).text
        assert "编码检索单元" in ui and "location.reload" in ui
        # writes wait for the start: 503 with Retry-After and a Chinese reason
        upload = client.post("/documents", files={"file": ("x.txt", b"x")})
        assert upload.status_code == 503 and int(upload.headers["retry-after"]) >= 5
        assert upload.json()["error"] == "starting" and "首次启动" in upload.json()["detail"]
    finally:
        release.set()
        worker.join(300)
    status = client.get("/status").json()
    assert status["phase"] == "ready" and not status["running"] and status["errors"] == []
    assert status["units"]["done"] == status["units"]["total"] > 0
    assert status["search"]["mode"] == "hybrid" and status["derived"]["level"]
    answer = client.get("/search", params={"q": _word_of(title), "limit": 5}).json()
    assert answer["mode"] == "hybrid" and any("dense" in r["components"] for r in answer["results"])
    assert client.post("/documents", files={"file": ("x.txt", b"x")}).status_code == 403  # no token: as ever
    assert 'id="startup-banner"' not in client.get("/", headers={"accept": "text/html"}).text
    assert SearchIndex.exists(settings.data_dir) and read_marker(settings.data_dir)["state"] == "done"
    service.kg.close()


def test_encoding_resumes_from_the_embedding_cache(tmp_path, monkeypatch):
    settings = _settings(tmp_path)
    encoded: list[int] = []
    original = HashEncoder.encode_passages

    def stops_after_one_chunk(self, texts):  # as a kill after the first chunk: the cache holds that one
        if encoded:
            raise RuntimeError("stopped")
        encoded.append(len(texts))
        return original(self, texts)

    monkeypatch.setattr(HashEncoder, "encode_passages", stops_after_one_chunk)
    monkeypatch.setattr("policykg.search.index.ENCODE_CHUNK", 64)
    service = Service(settings)
    progress = first_start(service, settings, io.StringIO())
    assert progress.phase == "failed" and "stopped" in progress.message
    total = progress.counts["units"][1]
    assert encoded == [64] and total > 64, "the seeds give more than one chunk of units"
    # an index without its vectors is never saved: the one on disk is still the empty one of the start
    assert SearchIndex.saved_documents(settings.data_dir) == {}
    service.kg.close()

    again: list[int] = []

    def counted(self, texts):
        again.append(len(texts))
        return original(self, texts)

    monkeypatch.setattr(HashEncoder, "encode_passages", counted)
    service = Service(settings)
    log = io.StringIO()
    progress = first_start(service, settings, log)
    assert progress.phase == "ready", log.getvalue()
    assert "first start" not in log.getvalue()  # the corpus was written: not ingested again
    assert progress.counts["units"] == [total, total] and sum(again) == total - 64
    assert service.index.mode == "hybrid" and SearchIndex.exists(settings.data_dir)
    service.kg.close()


def _get(url: str) -> dict:
    with urllib.request.urlopen(url, timeout=10) as answer:
        return json.load(answer)


def _serve(data: Path, corpus: Path, port: int, log: Path) -> subprocess.Popen:
    env = {k: v for k, v in os.environ.items() if not k.startswith("POLICYKG_")}
    env.update(POLICYKG_DATA=str(data), POLICYKG_CORPUS=str(corpus), POLICYKG_ENCODER="hash",
               POLICYKG_CATCH_UP_S="0", OMP_NUM_THREADS="1")
    return subprocess.Popen([sys.executable, "-m", "policykg.api.cli", "serve", "--port", str(port)], env=env,
                            stdout=subprocess.DEVNULL, stderr=open(log, "w"))


def _free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_a_killed_first_start_resumes_and_leaves_written_documents_alone(tmp_path):
    # the whole bundled corpus: a few folders were written in one slice (3 s) on a quiet machine, before
    # the first look, so the kill never landed mid-ingest
    corpus = _corpus(tmp_path, *sorted(p for p in CORPUS_DOCUMENTS.iterdir() if p.is_dir()))
    total = len(iter_files([corpus / "documents"]))  # documents, not their .meta.json sidecars
    data, port = tmp_path / "data", _free_port()
    url = f"http://127.0.0.1:{port}"
    started = time.monotonic()
    server = _serve(data, corpus, port, tmp_path / "first.log")
    seen: list[str] = []
    try:
        answered = None
        while time.monotonic() - started < 240:
            assert server.poll() is None, (tmp_path / "first.log").read_text()
            try:
                status = _get(url + "/status")
            except OSError:
                time.sleep(0.1)
                continue
            answered = answered or time.monotonic() - started
            seen = [d["iri"] for d in _get(url + "/documents?limit=1000")["documents"]]
            if seen or not status["running"]:
                break
            time.sleep(0.2)
        assert answered is not None and answered < 30, "the port did not answer at once"
        assert 0 < len(seen) < total, f"caught {len(seen)} of {total} documents written: no kill mid-ingest"
    finally:
        server.send_signal(signal.SIGKILL)
        server.wait(30)
    assert read_marker(data)["state"] == "ingesting"

    server = _serve(data, corpus, port, tmp_path / "second.log")
    try:
        deadline = time.monotonic() + 300
        status: dict = {}
        while time.monotonic() < deadline:
            assert server.poll() is None, (tmp_path / "second.log").read_text()
            try:
                status = _get(url + "/status")
            except OSError:
                time.sleep(0.2)
                continue
            if not status["running"]:
                break
            time.sleep(0.5)
        assert status.get("phase") == "ready", status
        assert status["resumed"] and status["documents"]["done"] == total
        before = re.search(r"(\d+) written before", (tmp_path / "second.log").read_text())
        assert before and len(seen) <= int(before.group(1)) < total
    finally:
        server.terminate()
        server.wait(30)
    assert read_marker(data)["state"] == "done"
    service = Service(replace(make_settings(data), corpus_dir=corpus))
    records = service.kg.change_records()
    assert len(records) == total and not any(r.deleted for r in records.values())
    # written before the kill: the same write (the first versions), not written again
    assert all(records[iri].version <= len(seen) for iri in seen)
    assert service.lag()["level"]
    service.kg.close()


def test_every_writing_route_waits_for_the_start(tmp_path):
    app = create_app(make_settings(tmp_path / "data"))
    writing = {(method.upper(), path) for path, item in app.openapi()["paths"].items() for method in item
               if method not in ("get", "head", "options")}
    assert ("POST", "/sparql") in writing, "the schema lists POST routes"
    assert writing - READS_BY_POST == WRITES


@pytest.mark.slow
def test_the_start_is_visible_in_a_browser(tmp_path, monkeypatch):
    """The status page and the search page during a first start, in Chromium with outside network blocked."""
    from playwright.sync_api import sync_playwright
    from test_browser import ARGS, ARTIFACTS, CHROMIUM, offline_page, serving

    settings = _settings(tmp_path)
    service = Service(settings)
    app = create_app(settings, service)
    progress = app.state.startup = StartupProgress()
    worker, encoding, release = _start_holding_encoding(monkeypatch, service, settings, app, progress)
    ARTIFACTS.mkdir(exist_ok=True)
    outside: list[str] = []
    try:
        assert encoding.wait(300), "the first start never reached encoding"
        title = next(d["title"] for d in service.kg.list_documents() if len(_word_of(d["title"] or "")) == 4)
        with serving(app) as url, sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
            page = offline_page(browser, outside)
            page.goto(url + "/status-ui")
            assert "编码检索单元" in page.locator("#status-phase").inner_text()
            assert page.locator("#status-documents progress").get_attribute("value") == str(len(list(
                SEEDS.iterdir())))
            page.screenshot(path=str(ARTIFACTS / "status-first-start.png"), full_page=True)
            page.goto(url + "/?q=" + _word_of(title))
            assert page.locator("#startup-banner").is_visible()
            assert "仅关键词" in page.locator("#search-mode").inner_text()
            page.screenshot(path=str(ARTIFACTS / "search-during-first-start.png"), full_page=True)
            browser.close()
    finally:
        release.set()
        worker.join(300)
    assert outside == [] and progress.phase == "ready"
    service.kg.close()
