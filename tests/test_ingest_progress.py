"""`policykg ingest` shows its progress: a bar on a terminal (tqdm), plain lines otherwise (a log, CI)."""

from __future__ import annotations

import fcntl
import io
import os
import pty
import struct
import subprocess
import sys
import termios
from pathlib import Path

from conftest import SEEDS
from policykg.api.commands.ingest import on_terminal


def test_progress_is_a_bar_only_on_a_terminal_outside_ci():
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    assert on_terminal(Terminal(), {})
    assert not on_terminal(Terminal(), {"CI": "true"})
    assert not on_terminal(io.StringIO(), {})


def _ingest_env(data: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("POLICYKG_") and k != "CI"}
    env.update(POLICYKG_DATA=str(data), POLICYKG_ENCODER="hash", OMP_NUM_THREADS="1", COLUMNS="100")
    return env


def test_ingest_prints_plain_progress_lines_off_a_terminal(tmp_path):
    done = subprocess.run([sys.executable, "-m", "policykg.api.cli", "ingest", str(SEEDS)],
                          env=_ingest_env(tmp_path / "data"), capture_output=True, text=True, timeout=300,
                          check=False)
    assert done.returncode == 0, done.stderr
    seeds = len(list(SEEDS.iterdir()))
    lines = done.stderr.splitlines()
    assert f"parsed {seeds}/{seeds} documents" in lines
    encoded = [line for line in lines if line.startswith("encoded ")]
    assert encoded and encoded[-1].split()[1].split("/")[0] == encoded[-1].split()[1].split("/")[1]
    assert "\r" not in done.stderr and "%|" not in done.stderr


def test_ingest_draws_a_progress_bar_on_a_terminal(tmp_path):
    pid, fd = pty.fork()
    if pid == 0:  # the child: policykg ingest with its output on the pseudo-terminal
        os.execve(sys.executable, [sys.executable, "-m", "policykg.api.cli", "ingest", str(SEEDS)],
                  _ingest_env(tmp_path / "data"))
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 100, 0, 0))  # a terminal 100 columns wide
    output = b""
    while True:
        try:
            chunk = os.read(fd, 4096)
        except OSError:  # the child closed the terminal
            break
        if not chunk:
            break
        output += chunk
    _, code = os.waitpid(pid, 0)
    text = output.decode("utf-8", "replace")
    assert os.waitstatus_to_exitcode(code) == 0, text
    assert "parsed documents" in text and "%|" in text and "\r" in text
    assert "encoded search units" in text
