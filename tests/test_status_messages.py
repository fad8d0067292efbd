"""The start's failures in Chinese (issue 16): /status keeps each file's English ``reason`` for programs and
adds a ``code`` and a Chinese ``message``; the status page shows the Chinese, never the English."""

from __future__ import annotations

import ast
import io
import re
import shutil
import threading
import time
from dataclasses import replace
from pathlib import Path

from conftest import REPO, SEEDS, make_settings
from fastapi.testclient import TestClient
from policykg.api.app import create_app
from policykg.api.routes.messages import ingest_failure
from policykg.api.routes.status import WRITES
from policykg.api.service import Service
from policykg.api.startup import StartupProgress, first_start

# the modules whose reasons reach the start's error list (IngestError(path, reason) or reason=... in a report)
REASON_SOURCES = ["ingest/read.py", "ingest/formats.py", "ingest/pipeline.py", "ingest/workers.py",
                  "graph/kg.py", "graph/kg_ingest.py", "api/commands/ingest.py"]
LATIN_WORD = re.compile(r"[A-Za-z]{4,}")


def _reason_heads(path: Path) -> list[str]:
    """The fixed text each reason written in ``path`` starts with (up to its first substituted value)."""
    heads = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        reason = None
        if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "IngestError" and len(node.args) == 2:
            reason = node.args[1]
        elif isinstance(node, ast.keyword) and node.arg == "reason":
            reason = node.value
        elif isinstance(node, ast.Dict):
            for key, value in zip(node.keys, node.values):
                if isinstance(key, ast.Constant) and key.value == "reason":
                    reason = value
        while isinstance(reason, ast.Call) and isinstance(reason.func, ast.Attribute):  # f"…".splitlines()[0]
            reason = reason.func.value
        if isinstance(reason, ast.Subscript):
            reason = reason.value
            while isinstance(reason, ast.Call) and isinstance(reason.func, ast.Attribute):
                reason = reason.func.value
        if isinstance(reason, ast.Constant) and isinstance(reason.value, str):
            heads.append(reason.value)
        elif isinstance(reason, ast.JoinedStr) and reason.values and isinstance(reason.values[0], ast.Constant):
            heads.append(str(reason.values[0].value))
    return heads


def test_every_reason_written_in_the_code_has_a_code_and_a_chinese_message():
    heads = [(source, head) for source in REASON_SOURCES for head in _reason_heads(REPO / source)]
    assert len(heads) > 30, heads  # the walk found the reasons (read.py alone writes over 25)
    unknown = [(source, head) for source, head in heads if ingest_failure(head + " …")[0] == "other"]
    assert not unknown, f"reasons without a Chinese message (add them to messages.INGEST_FAILURES): {unknown}"
    for _, head in heads:
        code, message = ingest_failure(head + " …")
        assert re.fullmatch(r"[a-z_]+", code) and re.search(r"[\u4e00-\u9fff]", message), (head, code, message)


def test_field_extraction_failures_and_unknown_reasons():
    assert ingest_failure("deadlines extraction failed: ValueError: x")[0] == "extract_failed"
    assert ingest_failure("something new")[0] == "other"


def _page_text(html: str) -> str:
    """The words a reader sees: tags, attributes, scripts and styles dropped."""
    html = re.sub(r"(?s)<(script|style)\b.*?</\1>", "", html)
    return re.sub(r"<[^>]+>", " ", html)


def test_files_that_fail_the_first_start_are_explained_in_chinese(tmp_path):
    corpus = tmp_path / "corpus" / "documents"
    shutil.copytree(SEEDS, corpus / "seeds")
    # minimal fixtures for two refusals of the reader (not policy documents): an empty file, a text-less PDF
    (corpus / "空文件.txt").write_bytes(b"")
    (corpus / "扫描件.pdf").write_bytes(b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
                                     b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n")
    settings = replace(make_settings(tmp_path / "data"), corpus_dir=corpus.parent, catch_up_s=0)
    service = Service(settings)
    app = create_app(settings, service)
    progress = app.state.startup = StartupProgress()
    first_start(service, settings, io.StringIO(), progress, app.state.lock.write)
    client = TestClient(app)

    status = client.get("/status").json()
    assert status["phase"] == "ready"
    errors = {Path(e["path"]).name: e for e in status["errors"]}
    assert set(errors) == {"空文件.txt", "扫描件.pdf"}
    assert errors["空文件.txt"]["reason"] == "empty file" and errors["空文件.txt"]["code"] == "empty"
    assert errors["空文件.txt"]["message"] == "文件为空"
    assert errors["扫描件.pdf"]["code"] in ("no_text", "corrupt") and "PDF" in errors["扫描件.pdf"]["message"]

    page = client.get("/status-ui").text
    shown = _page_text(page)
    assert "空文件.txt：文件为空" in shown and errors["扫描件.pdf"]["message"] in shown
    for e in errors.values():  # the English stays in the JSON (and a tooltip), not in the page's text
        assert e["reason"] not in shown
    listed = _page_text(page.split('id="status-errors"', 1)[1].split("</ul>", 1)[0])
    assert "扫描件.pdf" in listed and not LATIN_WORD.search(listed.replace("PDF", "")), listed


def test_a_start_that_fails_says_so_in_chinese(tmp_path, monkeypatch):
    settings = replace(make_settings(tmp_path / "data"), corpus_dir=tmp_path / "no-corpus", catch_up_s=0)
    service = Service(settings)
    app = create_app(settings, service)
    progress = app.state.startup = StartupProgress()

    def broken():
        raise OSError("disk on fire")

    monkeypatch.setattr(service.kg, "outdated_sources", broken)
    first_start(service, settings, io.StringIO(), progress)
    client = TestClient(app)
    status = client.get("/status").json()
    assert status["phase"] == "failed" and status["message"] == "OSError: disk on fire"  # programs: unchanged
    assert "启动未完成" in status["message_zh"] and status["errors"][0]["message"] == status["message_zh"]
    shown = _page_text(client.get("/status-ui").text)
    assert "启动未完成" in shown and "disk on fire" not in shown


def test_a_document_the_start_cannot_rebuild_is_listed_in_chinese():
    progress = StartupProgress()
    progress.error("corpus/documents/旧文件.txt", "file gone: cannot rebuild, kept as it is")
    (entry,) = progress.to_json()["errors"]
    assert entry["code"] == "file_gone" and "无法重建" in entry["message"]


def test_every_writing_route_documents_the_503_of_a_start_still_running(tmp_path):
    app = create_app(make_settings(tmp_path / "data"))
    app.state.startup = StartupProgress()  # waiting: the start has not finished
    client = TestClient(app)
    paths = client.get("/openapi.json").json()["paths"]
    for method, path in WRITES:
        documented = paths[path][method.lower()]["responses"]["503"]
        assert documented["headers"]["Retry-After"]["schema"]["type"] == "integer"
        example = documented["content"]["application/json"]["example"]
        # what the documentation shows is what the route answers
        answer = client.request(method, path, files={"file": ("a.txt", b"x")})
        assert answer.status_code == 503 and answer.json()["error"] == example["error"] == "starting"
        wait = int(answer.headers["retry-after"])
        schema = documented["headers"]["Retry-After"]["schema"]
        assert schema["minimum"] <= wait <= schema["maximum"]
    reads = [(m, p) for p, item in paths.items() for m in item if "503" in item[m]["responses"]
             and (m.upper(), p) not in WRITES and item[m]["responses"]["503"].get("content", {})
             .get("application/json", {}).get("example", {}).get("error") == "starting"]
    assert not reads, f"routes that are never held back document the start's 503: {reads}"


class _Server:
    """Stands in for a LocalServer: answers /status with ``status`` (or fails)."""

    url = "http://127.0.0.1:8000"

    def __init__(self, status):
        self.status = status

    def get(self, path, params=None, timeout=None):
        from policykg.api.local_server import ServerUnavailable

        if isinstance(self.status, Exception):
            raise self.status
        if path != "/status":
            raise ServerUnavailable("unexpected path")
        return self.status


def test_a_command_beside_a_starting_server_says_its_answer_covers_what_is_written():
    from policykg.api.cli import _start_note
    from policykg.api.local_server import ServerAnswerError, ServerUnavailable

    starting = StartupProgress()
    starting.enter("ingesting")
    starting.count("documents", 23, 127)
    note = _start_note(_Server(starting.to_json()))
    assert note and "23/127" in note and "/status-ui" in note and "\n" not in note
    assert _start_note(_Server(StartupProgress.ready().to_json())) is None
    assert _start_note(_Server(ServerUnavailable("down"))) is None
    assert _start_note(_Server(ServerAnswerError(404, "not_found", "no /status"))) is None


def test_the_terminal_of_serve_gets_progress_lines_while_the_start_runs():
    from policykg.api.startup import progress_line, report_progress

    progress = StartupProgress()
    progress.enter("encoding")
    progress.start_counting("units", 0, 10310)
    progress.count("units", 2048, 10310)
    out, stop = io.StringIO(), threading.Event()
    ticker = threading.Thread(target=report_progress, args=(progress, out, stop, 0.02))
    ticker.start()
    time.sleep(0.2)
    progress.count("units", 4096, 10310)
    time.sleep(0.2)
    stop.set()
    ticker.join(5)
    lines = out.getvalue().splitlines()
    assert lines[0].startswith("  progress: search units encoded 2048/10310")
    assert any("4096/10310" in line for line in lines) and len(lines) == len(set(lines)) == 2  # only changes
    assert "left" in lines[-1]
    progress.enter("checking")
    assert progress_line(progress.to_json()).startswith("  progress: checking")


def test_no_time_left_is_guessed_from_the_first_few_documents():
    from policykg.api.startup import progress_line

    progress = StartupProgress()
    progress.enter("ingesting")
    progress.start_counting("documents", 0, 127)
    progress.count("documents", 1, 127)
    assert "left" not in progress_line(progress.to_json())
    progress.count("documents", 38, 127)
    assert "left" in progress_line(progress.to_json())
