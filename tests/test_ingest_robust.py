"""No file can break or starve an ingest: every failure is that file's one-line reason, limits hold, and
the good files beside a bad one land (CLI, service and upload). Small temporary data directories only."""

from __future__ import annotations

import importlib.util
import io
import json
import resource
import struct
import time
import zipfile
import zlib
from dataclasses import replace
from pathlib import Path

import pytest
from conftest import make_settings
from fastapi.testclient import TestClient
from policykg.api.app import create_app
from policykg.api.cli import main
from policykg.api.routes.documents import MAX_NAME_BYTES, safe_name
from policykg.api.service import Service
from policykg.ingest import formats, pipeline
from policykg.ingest.limits import Limits
from policykg.ingest.model import IngestError
from policykg.ingest.read import read_bytes
from policykg.ingest.workers import ParseTask, parse_tasks

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO / "corpus" / "documents" / "seeds"
SEED = next(SEEDS.glob("003_*.txt"))  # a short real notice (柳政发〔2020〕36号)


def _zip_bomb(uncompressed: int) -> bytes:
    """A .docx whose document part inflates to ``uncompressed`` bytes of zeros (fixture made here)."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        with z.open("word/document.xml", "w", force_zip64=True) as part:
            chunk = b"\0" * (1 << 20)
            for _ in range(uncompressed >> 20):
                part.write(chunk)
    return buf.getvalue()


BAD_JSON = {
    "wrong-articles.json": (b'{"law_name": "x", "chapters": [{"articles": 5}]}', "chapters[0].articles is a number"),
    "wrong-chapter.json": (b'{"law_name": "x", "chapters": ["a"]}', "chapters[0] is text"),
    "wrong-text.json": (b'{"law_name": "x", "chapters": [{"articles": [{"text": {"a": 1}}]}]}',
                        "articles[0].text is an object"),
    "deep.json": (b"[" * 200_000 + b"]" * 200_000, "nested too deeply"),
    "deep-object.json": (b'{"law_name": "x", "chapters": [' + b'{"a":' * 50_000 + b"1" + b"}" * 50_000 + b"]}",
                         "nested too deeply"),
}


@pytest.mark.parametrize("name", sorted(BAD_JSON))
def test_json_of_wrong_types_or_depth_is_the_files_error(name):
    data, fragment = BAD_JSON[name]
    with pytest.raises(IngestError) as info:
        read_bytes(data, name)
    assert fragment in info.value.reason and "\n" not in str(info.value)


def test_any_reader_exception_becomes_the_files_reason(monkeypatch):
    def boom(raw):
        raise KeyError("surprise\nsecond line")

    monkeypatch.setattr(formats, "html_lines", boom)
    with pytest.raises(IngestError) as info:
        pipeline.parse_bytes(b"<p>x</p>", "page.html")
    assert info.value.reason.startswith("cannot read this html file: KeyError") and "\n" not in info.value.reason


def test_recursion_in_an_extractor_is_the_files_reason(monkeypatch):
    from policykg.ingest import layout

    def deep(*args):
        return deep(*args)

    monkeypatch.setattr(layout, "find_wrapper", deep)
    with pytest.raises(IngestError) as info:
        pipeline.parse_file(SEED)
    assert "RecursionError" in info.value.reason


def test_zip_bomb_is_refused_from_the_directory_cheaply():
    bomb = _zip_bomb(512 << 20)  # 512 MiB of zeros in about half a megabyte
    assert len(bomb) < 1_000_000
    before_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.process_time()
    with pytest.raises(IngestError) as info:
        read_bytes(bomb, "bomb.docx")
    assert "zip bomb" in info.value.reason
    assert time.process_time() - started < 1.0
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before_rss < 50_000  # KiB: nothing inflated
    with pytest.raises(IngestError, match="uncompressed, over the limit"):
        read_bytes(_zip_bomb(8 << 20), "small-bomb.docx", Limits(max_unzip_bytes=4 << 20, max_unzip_ratio=1e9))


def _lying_zip(uncompressed: int, declared: int) -> bytes:
    """A .docx whose document part inflates to ``uncompressed`` zero bytes while its directory (and
    local header) declare ``declared`` bytes with the CRC of that many zeros (fixture made here): the sizes
    zipfile trusts lie, and nothing in the directory looks like a bomb."""
    import docx

    blank = io.BytesIO()
    docx.Document().save(blank)  # python-docx's own empty document: a package it opens up to the part
    buf = io.BytesIO()
    with zipfile.ZipFile(blank) as src, zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        for item in src.infolist():
            if item.filename != "word/document.xml":
                z.writestr(item.filename, src.read(item))
        with z.open("word/document.xml", "w") as part:
            for _ in range(uncompressed >> 20):
                part.write(bytes(1 << 20))
    data = bytearray(buf.getvalue())
    crc = zlib.crc32(bytes(declared))
    name = b"word/document.xml"
    local = data.index(name) - 30  # the local header, its name right after its 30 fixed bytes
    assert data[local:local + 4] == b"PK\x03\x04"
    struct.pack_into("<I", data, local + 14, crc)
    struct.pack_into("<I", data, local + 22, declared)
    central = data.rindex(name) - 46  # the central directory entry, its name after 46 fixed bytes
    assert data[central:central + 4] == b"PK\x01\x02"
    struct.pack_into("<I", data, central + 16, crc)
    struct.pack_into("<I", data, central + 24, declared)
    return bytes(data)


def test_a_zip_whose_directory_lies_is_stopped_while_inflating():
    liar = _lying_zip(256 << 20, 4000)
    member = zipfile.ZipFile(io.BytesIO(liar)).getinfo("word/document.xml")
    assert member.file_size == 4000 and member.compress_size < 300_000  # the directory: nothing like a bomb
    before_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.process_time()
    with pytest.raises(IngestError) as info:
        read_bytes(liar, "liar.docx")
    assert "zip bomb" in info.value.reason and "declares" in info.value.reason, info.value.reason
    assert "word/document.xml" in info.value.reason
    assert time.process_time() - started < 1.0
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before_rss < 50_000  # KiB: inflated in chunks
    # an honest directory over the limits is refused from the directory; under them, by the running count
    with pytest.raises(IngestError, match="over 1.0 MiB uncompressed"):
        from policykg.ingest.read import _check_zip, _inflate_members

        archive = zipfile.ZipFile(io.BytesIO(_zip_bomb(8 << 20)))
        _inflate_members(archive, archive.infolist(), "x.docx", Limits(max_unzip_bytes=1 << 20, max_unzip_ratio=1e9))
    _check_zip(_zip_bomb(2 << 20), "ok.docx", Limits(max_unzip_ratio=1e9))  # whole and honest: passes


def test_a_member_shorter_than_declared_is_refused():
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("word/document.xml", "<w:document/>" * 100)
    data = bytearray(buf.getvalue())
    central = data.index(b"PK\x01\x02")
    struct.pack_into("<I", data, central + 24, 5000)  # declares more than there is
    with pytest.raises(IngestError, match="truncated or corrupt .docx"):
        read_bytes(bytes(data), "short.docx")


def test_size_and_length_limits_name_the_limit(tmp_path):
    big = tmp_path / "big.txt"
    big.write_bytes(SEED.read_bytes() * 40)
    with pytest.raises(IngestError, match="too large: .* over the limit"):
        pipeline.parse_file(big, limits=Limits(max_file_bytes=10_000))
    with pytest.raises(IngestError, match="too long: .* characters"):
        pipeline.parse_file(big, limits=Limits(max_chars=5_000))


def test_a_file_over_its_cpu_budget_is_stopped_and_the_others_parse(tmp_path):
    slow = tmp_path / "slow.txt"
    slow.write_bytes(SEED.read_bytes() * 400)  # seconds of CPU, against a budget of a fraction of one
    good = tmp_path / "good.txt"
    good.write_bytes(SEED.read_bytes())
    limits = Limits(cpu_seconds=0.3, workers=1)
    (_, warm), = parse_tasks([ParseTask(str(good))], limits)  # a fresh worker's first file may load dictionaries
    assert warm.doc_number == "柳政发〔2020〕36号"
    started = time.monotonic()
    results = dict(parse_tasks([ParseTask(str(slow)), ParseTask(str(good))], limits))
    assert isinstance(results[0], IngestError) and "over the CPU limit of 0.3 s" in results[0].reason
    assert results[1].doc_number == "柳政发〔2020〕36号"
    assert time.monotonic() - started < 60


def test_worker_memory_limit_makes_a_memory_error_the_files_reason(tmp_path):
    big = tmp_path / "big.txt"
    big.write_bytes(SEED.read_bytes() * 300)  # 5 MB: about 450 MiB to parse, against a limit of 350
    limits = Limits(memory_bytes=350 << 20, workers=1)  # a warm worker holds about 250 MiB of dictionaries
    (_, result), = parse_tasks([ParseTask(str(big))], limits)
    assert isinstance(result, IngestError) and ("out of memory: over the limit of 350.0 MiB per parse worker" in
                                               result.reason or "died" in result.reason), result.reason
    (_, again), = parse_tasks([ParseTask(str(SEED))], limits)
    assert again.doc_number == "柳政发〔2020〕36号"  # a fresh worker takes the next file


def _benchmark(name: str):
    spec = importlib.util.spec_from_file_location(f"{name}_benchmark", REPO / "benchmarks" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_cli_ingest_writes_the_good_files_beside_every_bad_one(tmp_path, monkeypatch, capsys):
    """benchmarks/bad_files.py's set, smaller (a 3 MB text against a 2 MiB limit, a 64 MiB bomb): one reason
    per bad file, every good file lands. The figures (64 MB, a 1.5 GiB bomb, memory, CPU) are the script's."""
    monkeypatch.setenv("POLICYKG_DATA", str(tmp_path / "data"))
    monkeypatch.setenv("POLICYKG_ENCODER", "hash")
    monkeypatch.setenv("POLICYKG_MAX_FILE_BYTES", str(2 << 20))
    good, bad = _benchmark("bad_files").write_file_set(tmp_path / "in", big_mb=3, bomb_mb=64)
    assert max(len(name.encode()) for name in good) == 255
    code = main(["ingest", str(tmp_path / "in")])
    out, err = capsys.readouterr()
    assert code == 1
    failed = [line.split(":", 2)[1:] for line in err.splitlines() if line.startswith("failed: ")]
    reasons = {name.strip(): reason for name, reason in failed}
    assert len(failed) == len(reasons) == len(bad) and set(reasons) == set(bad), err
    for name, fragment in bad.items():
        assert fragment in reasons[name] and str(tmp_path) not in reasons[name], (name, reasons[name])
    assert f"{len(good)} documents read ({len(good)} added)" in out and f"{len(bad)} files failed" in out
    for name in good:
        assert main(["show", name, "--json"]) == 0, name
        assert json.loads(capsys.readouterr().out)["source"] == name


@pytest.fixture
def upload_client(tmp_path) -> TestClient:
    settings = replace(make_settings(tmp_path / "data"), token="s3cret")
    return TestClient(create_app(settings, Service(settings)), raise_server_exceptions=False)


def _upload(client: TestClient, name: str, data: bytes):
    return client.post("/documents", files={"file": (name, data)}, headers={"Authorization": "Bearer s3cret"})


def test_upload_of_a_bad_file_is_4xx_with_its_reason(upload_client, tmp_path):
    for name in ("wrong-articles.json", "deep.json"):
        r = _upload(upload_client, name, BAD_JSON[name][0])
        assert r.status_code == 422, r.text
        assert BAD_JSON[name][1] in r.json()["detail"] and str(tmp_path) not in r.text
    r = _upload(upload_client, "bomb.docx", _zip_bomb(512 << 20))
    assert r.status_code == 422 and "zip bomb" in r.json()["detail"]


def test_upload_names_of_any_length_become_safe_stored_names(upload_client, tmp_path):
    long_name = "关于加强消防安全工作的通知" * 30 + ".txt"  # over 1,000 bytes
    assert len(long_name.encode()) > 255
    r = _upload(upload_client, long_name, SEED.read_bytes())
    assert r.status_code == 201, r.text
    assert str(tmp_path) not in r.text
    stored = [p.name for p in (tmp_path / "data" / "uploads").iterdir()]
    assert len(stored) == 1 and len(stored[0].encode()) <= MAX_NAME_BYTES and stored[0].endswith(".txt")
    r = _upload(upload_client, "坏" * 200 + ".txt", b"")
    assert r.status_code == 422 and str(tmp_path) not in r.text


@pytest.mark.parametrize("raw", ["../../etc/passwd", "a/b\\c.txt", "...", "", "x" * 300, "名" * 100 + "." + "y" * 40,
                                 "a\x00b.txt"])
def test_safe_name(raw):
    name = safe_name(raw)
    assert name and "/" not in name and "\\" not in name and "\x00" not in name and not name.startswith(".")
    assert len(name.encode()) <= MAX_NAME_BYTES
    assert safe_name(raw) == name
