"""The command line in-process: ingest (with bad files), sparql, docs, show."""

from __future__ import annotations

import csv
import io
import json
import shutil

import pytest
from conftest import SEEDS
from policykg.api.cli import main


def _run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out = capsys.readouterr()
    return code, out.out, out.err


def test_docs_json_lists_the_corpus(cli_env, capsys):
    code, out, _ = _run(capsys, "docs", "--json")
    docs = json.loads(out)
    assert code == 0 and len(docs) >= 100
    assert {"iri", "source", "title", "doc_number", "date", "level"} <= set(docs[0])


def test_show_json_by_doc_number(cli_env, capsys):
    code, out, _ = _run(capsys, "show", "柳政发[2020]36号", "--json")
    doc = json.loads(out)
    assert code == 0
    assert doc["source"] == "003_172d98bbcb68533c.txt"
    assert doc["issuer"]["name"] == "柳市镇人民政府" and doc["issuer"]["iri"].startswith("http")
    assert doc["region"] == {"name": "柳市镇", "code": doc["region"]["code"], "iri": doc["region"]["iri"],
                             "parents": ["乐清市", "温州市", "浙江省"]}
    assert isinstance(doc["obligations"], list) and isinstance(doc["citations"], list)


def test_show_by_iri_and_text_output(cli_env, capsys):
    _, out, _ = _run(capsys, "show", "001_68136cc265473cb2.txt", "--json")
    iri = json.loads(out)["iri"]
    code, out, _ = _run(capsys, "show", iri)
    assert code == 0 and "青峰府发〔2022〕47号" in out and "青峰镇 < 永川区 < 重庆市" in out


def test_show_unknown_document(cli_env, capsys):
    code, _, err = _run(capsys, "show", "无此文件.txt", "--json")
    assert code == 1 and "无此文件.txt" in err


def test_sparql_formats(cli_env, capsys):
    query = "SELECT ?level (COUNT(?d) AS ?n) WHERE { ?d a pkg:PolicyDocument ; pkg:level/skos:notation ?level } GROUP BY ?level ORDER BY ?level"
    code, out, _ = _run(capsys, "sparql", query, "--format", "json")
    result = json.loads(out)
    assert code == 0 and result["head"]["vars"] == ["level", "n"]
    levels = {b["level"]["value"] for b in result["results"]["bindings"]}
    assert {"national", "provincial", "county", "township"} <= levels
    code, out, _ = _run(capsys, "sparql", query, "--format", "csv")
    rows = list(csv.reader(io.StringIO(out)))
    assert rows[0] == ["level", "n"] and len(rows) == len(levels) + 1
    code, out, _ = _run(capsys, "sparql", query)
    assert "township" in out and out.strip().endswith("rows")


def test_sparql_from_file_and_refusals(cli_env, capsys, tmp_path):
    path = tmp_path / "q.rq"
    path.write_text("ASK { ?d eli:id_local \"柳政发〔2020〕36号\" }", encoding="utf-8")
    code, out, _ = _run(capsys, "sparql", f"@{path}", "--format", "json")
    assert code == 0 and json.loads(out)["boolean"] is True
    code, _, err = _run(capsys, "sparql", "DELETE WHERE { ?s ?p ?o }")
    assert code == 2 and "not allowed" in err
    code, _, err = _run(capsys, "sparql", "SELECT ?s WHERE { ?s ?p }")
    assert code == 2 and "syntax error" in err
    code, _, err = _run(capsys, "sparql", f"@{tmp_path / 'missing.rq'}")
    assert code == 2 and "missing.rq" in err


@pytest.fixture
def fresh_data(tmp_path, monkeypatch):
    monkeypatch.setenv("POLICYKG_DATA", str(tmp_path / "data"))
    monkeypatch.setenv("POLICYKG_ENCODER", "hash")
    return tmp_path


def test_ingest_reports_bad_files_and_keeps_the_good(fresh_data, capsys):
    folder = fresh_data / "in"
    folder.mkdir()
    shutil.copy(SEEDS / "003_172d98bbcb68533c.txt", folder / "good.txt")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.pdf").write_bytes(b"\x00\x01\x02 not a pdf \xff\xfe" * 40)
    code, out, err = _run(capsys, "ingest", str(folder), str(fresh_data / "absent.txt"))
    assert code == 1
    failed_lines = [line for line in err.splitlines() if line.startswith("failed: ")]
    named = {line.split(":")[1].strip() for line in failed_lines}
    assert {"empty.txt", "binary.pdf", "absent.txt"} <= named
    assert "1 document" in out and "3 files failed" in out
    code, out, _ = _run(capsys, "show", "good.txt", "--json")
    assert code == 0 and json.loads(out)["doc_number"] == "柳政发〔2020〕36号"

    code, out, _ = _run(capsys, "ingest", str(folder / "good.txt"), "--json")
    report = json.loads(out)
    assert code == 0 and report["documents"][0]["status"] == "unchanged" and report["failed"] == []
