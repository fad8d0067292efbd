"""The bad-file set through the CLI beside good files: one reason per bad file, the good files land, peak
memory and CPU per file against the limits.

Good files are real corpus documents: seeds as .txt, a law as .md, a seed's lines as a .docx, and a seed
under a 255-byte name (the longest a Linux file name can be; a longer one can only arrive as an upload, so
it goes through POST /documents, in process). The bad set (issue 15): an empty file, whitespace only,
binary bytes, a PNG named .txt, a .docx and a PDF cut in half, a zip bomb named .docx (1.5 GiB of zeros in
1.5 MB, its directory honest), one whose directory lies (declares 4,000 bytes for 256 MiB), JSON of the
wrong types and nested 200,000 deep, and 64 MB of text.

``policykg ingest`` runs as a child process with the default limits (hash encoder: the index is not what
is measured); the process tree is sampled every 50 ms for peak RSS. Then each file is parsed alone in a
parse worker, and its CPU time read from /proc, against ``Limits.cpu_seconds``.
Usage: python benchmarks/bad_files.py [--big-mb 64] [--bomb-mb 1536] [--keep DIR]
"""

from __future__ import annotations

import argparse
import io
import json
import os
import shutil
import struct
import subprocess
import sys
import tempfile
import threading
import time
import zipfile
import zlib
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")

ROOT = Path(__file__).resolve().parents[1]
SEEDS = sorted((ROOT / "corpus" / "documents" / "seeds").glob("*.txt"))
LAW = min((ROOT / "corpus" / "documents" / "laws").rglob("*.md"))
NAME_MAX = 255


def _docx_of(text: str) -> bytes:
    import docx

    document = docx.Document()
    for line in text.splitlines():
        document.add_paragraph(line)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _pdf() -> bytes:
    from fpdf import FPDF

    pdf = FPDF()
    for _ in range(3):
        pdf.add_page()
        pdf.set_font("helvetica", size=12)
        pdf.multi_cell(0, 10, "Article 1. Every unit shall inspect its fire exits. " * 20)
    return bytes(pdf.output())


def zip_bomb(uncompressed_mb: int, declared: int | None = None) -> bytes:
    """A .docx whose document part inflates to ``uncompressed_mb`` MiB of zeros; with ``declared``, its zip
    directory and local header declare that many bytes instead (with the CRC of that many zeros)."""
    import docx

    blank = io.BytesIO()
    docx.Document().save(blank)
    buf = io.BytesIO()
    with zipfile.ZipFile(blank) as src, zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        for item in src.infolist():
            if item.filename != "word/document.xml":
                z.writestr(item.filename, src.read(item))
        with z.open("word/document.xml", "w", force_zip64=uncompressed_mb >= 2048) as part:
            zeros = bytes(1 << 20)
            for _ in range(uncompressed_mb):
                part.write(zeros)
    if declared is None:
        return buf.getvalue()
    data = bytearray(buf.getvalue())
    name = b"word/document.xml"
    local, central = data.index(name) - 30, data.rindex(name) - 46
    assert data[local:local + 4] == b"PK\x03\x04" and data[central:central + 4] == b"PK\x01\x02"
    crc = zlib.crc32(bytes(declared))
    for offset, size_at in ((local + 14, local + 22), (central + 16, central + 24)):
        struct.pack_into("<I", data, offset, crc)
        struct.pack_into("<I", data, size_at, declared)
    return bytes(data)


def corpus_text(megabytes: float) -> bytes:
    """Corpus .txt files joined and repeated to ``megabytes`` of UTF-8."""
    block = b"\n\n".join(p.read_bytes() for p in sorted((ROOT / "corpus" / "documents").rglob("*.txt")))
    want = int(megabytes * 1_000_000)
    return (block * (want // len(block) + 1))[:want]


def long_name(suffix: str = ".txt", size: int = NAME_MAX) -> str:
    """A Chinese file name of exactly ``size`` bytes of UTF-8."""
    stem = "关于进一步加强消防安全工作的通知"
    name = stem * (size // len(stem.encode()) + 1)
    while len((name + suffix).encode()) > size:
        name = name[:-1]
    return name + "_" * (size - len((name + suffix).encode())) + suffix


def write_file_set(folder: Path, big_mb: float = 64.0, bomb_mb: int = 1536) -> tuple[list[str], dict[str, str]]:
    """Write the good files and the bad set into ``folder``; returns (the good file names, {bad file name: a
    fragment its reason must hold})."""
    folder.mkdir(parents=True, exist_ok=True)
    good: dict[str, bytes] = {SEEDS[i].name: SEEDS[i].read_bytes() for i in range(3)}
    good["law.md"] = LAW.read_bytes()
    good["notice.docx"] = _docx_of(SEEDS[3].read_text(encoding="utf-8"))
    good[long_name()] = SEEDS[4].read_bytes()
    docx_bytes, pdf_bytes = good["notice.docx"], _pdf()
    bad: dict[str, tuple[bytes, str]] = {
        "empty.txt": (b"", "empty file"),
        "blank.txt": (b" \n\t\n", "empty file"),
        "binary.txt": (bytes(range(256)) * 64, "binary content"),
        "image.txt": (b"\x89PNG\r\n\x1a\n" + bytes(4000), "a PNG image"),
        "cut.docx": (docx_bytes[: len(docx_bytes) // 2], "truncated or corrupt .docx"),
        "cut.pdf": (pdf_bytes[: len(pdf_bytes) // 2], "truncated PDF"),
        "bomb.docx": (zip_bomb(bomb_mb), "zip bomb"),
        "liar.docx": (zip_bomb(256, declared=4000), "declares"),
        "wrong-types.json": (b'{"chapters":[{"articles":5}]}', "JSON without a recognised document structure"),
        "wrong-articles.json": (b'{"law_name":"x","chapters":[{"articles":5}]}', "chapters[0].articles is a number"),
        "deep.json": (b"[" * 200_000 + b"]" * 200_000, "nested too deeply"),
        "big.txt": (corpus_text(big_mb), "too large"),
    }
    for name, data in good.items():
        (folder / name).write_bytes(data)
    for name, (data, _) in bad.items():
        (folder / name).write_bytes(data)
    return sorted(good), {name: fragment for name, (_, fragment) in bad.items()}


# ---- measuring ---------------------------------------------------------------------------------------------

def _children(pid: int) -> list[int]:
    """``pid`` and its descendants, from /proc."""
    parents: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat", "rb") as fh:
                    ppid = int(fh.read().rsplit(b")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            parents.setdefault(ppid, []).append(int(entry))
    tree, todo = [], [pid]
    while todo:
        p = todo.pop()
        tree.append(p)
        todo.extend(parents.get(p, ()))
    return tree


def _status_kib(pid: int, field: str) -> int:
    try:
        with open(f"/proc/{pid}/status") as fh:
            for line in fh:
                if line.startswith(field + ":"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


class TreeSampler(threading.Thread):
    """Samples a process tree's memory: each process's peak RSS (VmHWM) and the tree's largest total RSS."""

    def __init__(self, pid: int, every_s: float = 0.05):
        super().__init__(daemon=True)
        self.pid, self.every_s = pid, every_s
        self.peak_kib: dict[int, int] = {}
        self.total_kib = 0
        self.stop = threading.Event()

    def run(self) -> None:
        while not self.stop.is_set():
            total = 0
            for p in _children(self.pid):
                self.peak_kib[p] = max(self.peak_kib.get(p, 0), _status_kib(p, "VmHWM"))
                total += _status_kib(p, "VmRSS")
            self.total_kib = max(self.total_kib, total)
            self.stop.wait(self.every_s)


def run_cli(folder: Path, data: Path) -> dict:
    """``policykg ingest --json folder`` in a child process: its report, exit code, time and memory."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("POLICYKG_")}
    env.update(POLICYKG_DATA=str(data), POLICYKG_ENCODER="hash", OMP_NUM_THREADS="1")
    started = time.monotonic()
    child = subprocess.Popen([sys.executable, "-m", "policykg.api.cli", "ingest", "--json", str(folder)],
                             env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    sampler = TreeSampler(child.pid)
    sampler.start()
    out, err = child.communicate()
    sampler.stop.set()
    sampler.join()
    cli_kib = sampler.peak_kib.get(child.pid, 0)
    workers = [kib for pid, kib in sampler.peak_kib.items() if pid != child.pid]
    return {"code": child.returncode, "wall_s": time.monotonic() - started, "report": json.loads(out),
            "stderr": err, "cli_peak_mib": cli_kib / 1024, "worker_peak_mib": max(workers, default=0) / 1024,
            "workers": len(workers), "tree_peak_mib": sampler.total_kib / 1024}


def cpu_per_file(folder: Path) -> dict[str, tuple[float | None, str]]:
    """Each file parsed alone in one parse worker under the default limits: (CPU seconds, outcome)."""
    from policykg.ingest.limits import Limits
    from policykg.ingest.model import IngestError
    from policykg.ingest.workers import ParsePool, ParseTask, process_cpu_seconds

    pool = ParsePool(Limits(workers=1))
    list(pool.parse([ParseTask(str(SEEDS[0]))]))  # the worker started and warm
    out: dict[str, tuple[float | None, str]] = {}
    for path in sorted(folder.iterdir()):
        (pid,) = pool.worker_pids()
        before = process_cpu_seconds(pid)
        ((_, result),) = pool.parse([ParseTask(str(path))])
        after = process_cpu_seconds(pid) if pool.worker_pids() == [pid] else None
        cpu = after - before if after is not None and before is not None else None
        out[path.name] = (cpu, result.reason if isinstance(result, IngestError) else "parsed")
    for pid in pool.worker_pids():
        os.kill(pid, 9)
    return out


def upload_long_name(data: Path) -> dict:
    """POST /documents of a real seed under a 300-byte name, in process: status and the stored name's bytes."""
    from dataclasses import replace

    from fastapi.testclient import TestClient
    from policykg.api.app import create_app
    from policykg.api.service import Service
    from policykg.api.settings import Settings

    env = {k: v for k, v in os.environ.items() if not k.startswith("POLICYKG_")}
    env.update(POLICYKG_DATA=str(data), POLICYKG_ENCODER="hash")
    settings = replace(Settings.from_env(env), token="bench")
    client = TestClient(create_app(settings, Service(settings)), raise_server_exceptions=False)
    name = long_name(size=300)
    r = client.post("/documents", files={"file": (name, SEEDS[1].read_bytes())},
                    headers={"Authorization": "Bearer bench"})
    stored = [p.name for p in (data / "uploads").iterdir()] if (data / "uploads").is_dir() else []
    return {"name_bytes": len(name.encode()), "status": r.status_code, "data_path_shown": str(data) in r.text,
            "stored_bytes": max((len(s.encode()) for s in stored), default=0)}


def main() -> None:
    """Write the set, ingest it through the CLI, print the figures."""
    from policykg.ingest.limits import DEFAULT_LIMITS

    ap = argparse.ArgumentParser()
    ap.add_argument("--big-mb", type=float, default=64.0)
    ap.add_argument("--bomb-mb", type=int, default=1536)
    ap.add_argument("--keep", type=Path, help="write the set and data here and keep them")
    args = ap.parse_args()
    root = args.keep or Path(tempfile.mkdtemp(prefix="bad-files-"))
    try:
        folder = root / "in"
        good, bad = write_file_set(folder, args.big_mb, args.bomb_mb)
        sizes = {p.name: p.stat().st_size for p in folder.iterdir()}
        cli = run_cli(folder, root / "data")
        report = cli["report"]
        reasons: dict[str, list[str]] = {}
        for f in report["failed"]:
            reasons.setdefault(Path(f["path"]).name, []).append(f["reason"])
        landed = {d["source"] for d in report["documents"] if d.get("status") in ("added", "replaced")}
        cpu = cpu_per_file(folder)
        upload = upload_long_name(root / "upload-data")
        limit = DEFAULT_LIMITS.cpu_seconds
        print(f"defaults: max_file_bytes {DEFAULT_LIMITS.describe_bytes(DEFAULT_LIMITS.max_file_bytes)}, max_chars "
              f"{DEFAULT_LIMITS.max_chars:,}, cpu_seconds {limit:g}, worker memory "
              f"{DEFAULT_LIMITS.describe_bytes(DEFAULT_LIMITS.memory_bytes)}, workers {DEFAULT_LIMITS.workers}")
        print(f"{'file':<28} {'bytes':>13} {'CPU-s':>6}  outcome through the CLI")
        for name in sorted(sizes):
            shown = name if len(name) <= 28 else name[:12] + f"…({len(name.encode())} B)"
            seconds = cpu[name][0]
            outcome = ("landed" if name in landed else "; ".join(reasons.get(name, ["(no reason, not landed)"])))
            print(f"{shown:<28} {sizes[name]:>13,} {'-' if seconds is None else f'{seconds:.2f}':>6}  {outcome[:110]}")
        one_reason = [n for n in bad if len(reasons.get(n, [])) == 1 and bad[n] in reasons[n][0]]
        cpu_max = max((c for c, _ in cpu.values() if c is not None), default=0.0)
        print(f"CLI exit {cli['code']} in {cli['wall_s']:.1f} s wall; good files landed {len(set(good) & landed)}/"
              f"{len(good)}; bad files with one expected reason {len(one_reason)}/{len(bad)}; other failures "
              f"{sorted(set(reasons) - set(bad))}")
        print(f"peak RSS: CLI process {cli['cli_peak_mib']:.0f} MiB, largest of {cli['workers']} parse workers "
              f"{cli['worker_peak_mib']:.0f} MiB, whole tree at once {cli['tree_peak_mib']:.0f} MiB")
        print(f"CPU per file: largest {cpu_max:.2f} s against the limit of {limit:g} s; stopped at the limit: "
              f"{sorted(n for n, (c, _) in cpu.items() if c is None)}")
        print(f"upload of a {upload['name_bytes']}-byte name: HTTP {upload['status']}, stored name "
              f"{upload['stored_bytes']} bytes, data path shown: {upload['data_path_shown']}")
    finally:
        if args.keep is None:
            shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
