"""The command line beside a running `policykg serve`: read commands answer through the server that
holds the store, with the same JSON as on their own; everything else fails in one line, never a traceback.

Real processes: the store lock is per process, so the server and each command run as their own.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from conftest import SEEDS
from policykg.api.local_server import (
    ANNOUNCE_FILE,
    DATA_HEADER,
    LocalServer,
    ServerUnavailable,
    candidate_urls,
    data_fingerprint,
)

SEED = "001_68136cc265473cb2.txt"  # the 青峰镇 seed: a document with a chain, obligations and agencies
# each read command with --json, as a user would type it beside the server
READS = [
    ["docs"],
    ["show", SEED],
    ["show", "柳政发[2020]36号"],
    ["trace", SEED],
    ["trace", SEED, "--down"],
    ["tasks", "--agency", "消防救援大队"],
    ["search", "电动自行车 充电", "--limit", "5"],
    ["search", "消防", "--level", "township", "--limit", "3"],
    ["similar", "电动自行车集中充电", "--limit", "3"],
    ["check"],
]


def _env(data_dir: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("POLICYKG_")}
    env.update(POLICYKG_DATA=str(data_dir), POLICYKG_ENCODER="hash", OMP_NUM_THREADS="1", **extra)
    return env


def policykg(data_dir: Path, *argv: str, **extra: str) -> subprocess.CompletedProcess:
    """Run the console script in its own process."""
    return subprocess.run([sys.executable, "-m", "policykg.api.cli", *argv], env=_env(data_dir, **extra),
                          capture_output=True, text=True, timeout=300, check=False)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory) -> Path:
    """The five seed documents ingested into a fresh data directory (index included)."""
    data = tmp_path_factory.mktemp("beside-server") / "data"
    done = policykg(data, "ingest", str(SEEDS))
    assert done.returncode == 0, done.stderr
    return data


@pytest.fixture(scope="module")
def alone(data_dir) -> dict[tuple[str, ...], object]:
    """Each read command's JSON while no server runs (the store opened by the command itself)."""
    answers = {}
    for argv in READS:
        done = policykg(data_dir, *argv, "--json")
        assert done.returncode == 0, (argv, done.stderr)
        answers[tuple(argv)] = json.loads(done.stdout)
    # the comparison means something only where there is something to compare
    assert answers[("tasks", "--agency", "消防救援大队")]
    assert answers[("search", "电动自行车 充电", "--limit", "5")]["results"]
    assert answers[("trace", SEED)]["edges"]
    return answers


@pytest.fixture(scope="module")
def server(data_dir, alone):
    """`policykg serve` on a free port, holding the store; yields (url, process)."""
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    process = subprocess.Popen([sys.executable, "-m", "policykg.api.cli", "serve", "--port", str(port)],
                               env=_env(data_dir), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 180
    try:
        while True:
            assert process.poll() is None, process.stderr.read() if process.stderr else "serve exited"
            assert time.monotonic() < deadline, "policykg serve did not answer within 180 s"
            try:
                with urllib.request.urlopen(url + "/openapi.json", timeout=2) as answer:
                    assert answer.headers[DATA_HEADER] == data_fingerprint(data_dir)
                    break
            except OSError:
                time.sleep(0.3)
        yield url, process
    finally:
        process.terminate()
        try:
            process.wait(20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(10)


@pytest.mark.parametrize("argv", READS, ids=[" ".join(a) for a in READS])
def test_read_commands_answer_through_the_server(server, data_dir, alone, argv):
    url, _ = server
    done = policykg(data_dir, *argv, "--json", POLICYKG_SERVER=url)
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    assert json.loads(done.stdout) == alone[tuple(argv)]


def test_text_output_through_the_server(server, data_dir):
    url, _ = server
    done = policykg(data_dir, "tasks", "--agency", "消防救援大队", POLICYKG_SERVER=url)
    assert done.returncode == 0 and done.stdout.startswith("["), done.stderr


def test_the_server_announces_itself(server, data_dir):
    """`policykg serve` writes its address into the data directory: no POLICYKG_SERVER needed."""
    url, process = server
    announced = json.loads((data_dir / ANNOUNCE_FILE).read_text(encoding="utf-8"))
    assert announced == {"url": url, "pid": process.pid}
    assert candidate_urls(data_dir, {})[0] == url
    done = policykg(data_dir, "docs")
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[-1] == "5 documents"


def _one_line_failure(done: subprocess.CompletedProcess, code: int | None = None) -> str:
    assert done.returncode != 0 if code is None else done.returncode == code, (done.returncode, done.stderr)
    assert "Traceback" not in done.stderr, done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    return lines[0]


def test_no_server_found_is_one_line(server, data_dir, tmp_path):
    # nothing listens on a fresh port, the announcement is hidden, and the default port is not this server
    announced = data_dir / ANNOUNCE_FILE
    hidden = announced.rename(tmp_path / ANNOUNCE_FILE)
    try:
        line = _one_line_failure(policykg(data_dir, "tasks", "--agency", "消防救援大队",
                                          POLICYKG_SERVER=f"http://127.0.0.1:{_free_port()}"))
    finally:
        hidden.rename(announced)
    assert "in use by another process" in line and "POLICYKG_SERVER" in line


def test_a_server_of_another_data_directory_is_not_asked(server, tmp_path):
    url, _ = server
    other = tmp_path / "other"
    done = policykg(other, "ingest", str(SEEDS / SEED))
    assert done.returncode == 0, done.stderr
    # `other` is not locked: the command opens its own store and never asks the server
    done = policykg(other, "docs", POLICYKG_SERVER=url)
    assert done.returncode == 0 and done.stdout.splitlines()[-1] == "1 document"
    with pytest.raises(ServerUnavailable, match="another data directory"):
        LocalServer(url, other).get("/documents")


def test_write_commands_say_what_to_do(server, data_dir):
    line = _one_line_failure(policykg(data_dir, "ingest", str(SEEDS / SEED)), 1)
    assert "POST /documents" in line
    line = _one_line_failure(policykg(data_dir, "sparql", "SELECT * WHERE { ?s ?p ?o } LIMIT 1"), 1)
    assert "/sparql" in line


def test_errors_from_the_server_are_one_line(server, data_dir):
    url, _ = server
    line = _one_line_failure(policykg(data_dir, "show", "no-such-document.txt", POLICYKG_SERVER=url), 1)
    assert "no-such-document.txt" in line
    _one_line_failure(policykg(data_dir, "search", "消防", "--region", "火星", POLICYKG_SERVER=url), 2)
