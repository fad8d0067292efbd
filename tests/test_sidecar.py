"""Metadata sidecars (x.txt.meta.json): fill what the text leaves empty, never override it, a malformed one
fails its own document only, a sidecar is never a document, and a sidecar changed alone is a changed document.

The texts here are minimal fixtures for these cases (written for the test, not policy documents)."""

from __future__ import annotations

import hashlib
import json
from datetime import date
from pathlib import Path

import pytest
from policykg.ingest.model import IngestError
from policykg.ingest.pipeline import iter_files, parse_bytes, parse_file, parse_paths
from policykg.ingest.sidecar import is_sidecar, path_sha256, read_sidecar, sidecar_path

# FIXTURE: one numbered task with a month-only deadline, no title, date or issuer line
UNDATED = "一、工作任务\n各区县人民政府要于6月底前完成隐患排查整治。\n"
# FIXTURE: the same with a signature block that dates the text itself
DATED = UNDATED + "\n某某市人民政府\n2021年3月5日\n"


def _write(folder: Path, name: str, text: str, sidecar: object | None = None) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    if sidecar is not None:
        side = sidecar_path(path)
        side.write_text(sidecar if isinstance(sidecar, str) else json.dumps(sidecar, ensure_ascii=False),
                        encoding="utf-8")
    return path


def test_a_sidecar_fills_an_empty_date_and_the_deadline_year_follows(tmp_path):
    bare = parse_file(_write(tmp_path, "bare.txt", UNDATED))
    assert bare.date is None
    doc = parse_file(_write(tmp_path, "a.txt", UNDATED, {"date": "2023-03-01"}))
    assert doc.date == date(2023, 3, 1)
    assert doc.provenance["date"] == "sidecar" and doc.provenance["sidecar"] == "a.txt.meta.json"
    deadlines = [d for o in doc.obligations for d in o.deadlines]
    assert [(d.text, d.date) for d in deadlines] == [("6月底前", date(2023, 6, 30))]


def test_the_text_date_wins_over_the_sidecar(tmp_path):
    doc = parse_file(_write(tmp_path, "a.txt", DATED, {"date": "2023-03-01"}))
    assert doc.date == date(2021, 3, 5) and doc.provenance["date"] != "sidecar"
    assert "sidecar" not in doc.provenance  # it filled nothing


def test_a_sidecar_fills_title_issuer_number_and_region(tmp_path):
    doc = parse_file(_write(tmp_path, "a.txt", UNDATED, {
        "title": "关于开展隐患排查的通知", "issuer": "济南市人民政府", "doc_number": "济政字〔2023〕1号",
        "region": "济南市"}))
    assert doc.title == "关于开展隐患排查的通知" and doc.kind == "通知"
    assert doc.issuer == "济南市人民政府" and doc.issuers == ("济南市人民政府",)
    assert doc.doc_number == "济政字〔2023〕1号"
    assert doc.region is not None and doc.region.code == "370100000000" and doc.level == "city"
    assert {doc.provenance[k] for k in ("title", "issuer", "doc_number", "region")} == {"sidecar"}


@pytest.mark.parametrize("sidecar, reason", [
    ("{not json", "not valid JSON"),
    ("[1, 2]", "must be a JSON object"),
    ({"date": "6月底"}, "not an ISO date"),
    ({"date": 20230301}, "date must be an ISO date string"),
    ({"data": "2023-03-01"}, "unknown field 'data'"),
    ({"level": "state"}, "is not one of"),
    ({"issuers": "济南市人民政府"}, "issuers must be a list"),
    ({"region": "不存在的地方"}, "no single place"),
    ("[" * 20000 + "]" * 20000, "nested too deeply"),  # under the size limit, deeper than json's stack
    ({"date": "9999-12-31"}, "outside 1900"),
    ({"date": "2020-W01-1"}, "not an ISO date"),
])
def test_a_malformed_sidecar_fails_its_document_only(tmp_path, sidecar, reason):
    bad = _write(tmp_path, "bad.txt", UNDATED, sidecar)
    _write(tmp_path, "good.txt", UNDATED, {"date": "2023-03-01"})
    with pytest.raises(IngestError, match=reason) as caught:
        parse_file(bad)
    assert caught.value.path == str(bad) and "bad.txt.meta.json" in caught.value.reason
    docs, errors = parse_paths([tmp_path])
    assert [d.source for d in docs] == ["good.txt"] and [e.path for e in errors] == [str(bad)]


def test_a_sidecar_is_never_listed_as_a_document(tmp_path):
    a = _write(tmp_path, "a.txt", UNDATED, {"date": "2023-03-01"})
    notes = _write(tmp_path, "notes.json", '{"title": "x", "text": "一、各部门要落实责任。"}')
    assert is_sidecar(sidecar_path(a)) and not is_sidecar(notes)
    assert iter_files([tmp_path]) == [a, notes]
    assert iter_files([sidecar_path(a), a]) == [a]  # not even when named explicitly
    assert read_sidecar(notes) is None  # no sidecar beside it


def test_the_bundled_corpus_sidecars_each_belong_to_a_document():
    corpus = Path(__file__).resolve().parents[1] / "corpus" / "documents"
    sidecars = sorted(p for p in corpus.rglob("*") if is_sidecar(p))
    assert all(Path(str(p).removesuffix(".meta.json")).is_file() for p in sidecars)
    assert all(read_sidecar(Path(str(p).removesuffix(".meta.json"))) is not None for p in sidecars)


def test_the_gold_loader_reads_as_parse_file_and_never_takes_the_gold_date():
    import importlib.util

    repo = Path(__file__).resolve().parents[1]
    spec = importlib.util.spec_from_file_location("docs_loader", repo / "benchmarks" / "_docs.py")
    assert spec and spec.loader
    loader = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(loader)
    seed = next((repo / "corpus" / "documents" / "seeds").glob("003_*.txt"))
    doc = loader.load_document(str(seed.relative_to(repo)), {"date": "1999-01-01"})
    assert doc.date == parse_file(seed).date != date(1999, 1, 1)


def test_the_bundled_sidecars_date_texts_that_state_no_date_and_agree_with_those_that_do():
    corpus = Path(__file__).resolve().parents[1] / "corpus" / "documents"
    documents = [Path(str(p).removesuffix(".meta.json")) for p in sorted(corpus.rglob("*.meta.json"))]
    assert documents  # the sheet documents' dates (corpus/meta/write_sheet_dates.py), the 江西 portal pages' records
    from_sidecar = 0
    for path in documents:
        own = parse_bytes(path.read_bytes(), str(path), extractors=False).date
        doc = parse_file(path, extractors=False)
        sidecar = json.loads(Path(str(path) + ".meta.json").read_text(encoding="utf-8")).get("date")
        if own is None:  # the sidecar fills what the text leaves empty
            assert doc.date is not None and doc.provenance["date"] == "sidecar", path.name
            from_sidecar += 1
        else:  # the text wins, and no bundled record contradicts its text
            assert doc.date == own and doc.provenance["date"] != "sidecar", path.name
            assert sidecar is None or sidecar == own.isoformat(), path.name
    assert from_sidecar >= 40


def test_a_file_whose_name_leaves_no_room_for_a_sidecar_is_read_without_one(tmp_path):
    name = "通知" * 41 + ".txt"  # 250 bytes: the sidecar's name would pass the 255-byte limit of a file name
    doc = parse_file(_write(tmp_path, name, UNDATED))
    assert doc.date is None and "sidecar" not in doc.provenance


def test_a_document_without_a_sidecar_keeps_its_file_digest_and_one_with_a_sidecar_covers_both(tmp_path):
    bare = _write(tmp_path, "bare.txt", UNDATED)
    assert parse_file(bare).sha256 == hashlib.sha256(bare.read_bytes()).hexdigest() == path_sha256(bare)
    sided = _write(tmp_path, "a.txt", UNDATED, {"date": "2023-03-01"})
    digest = parse_file(sided).sha256
    assert digest == path_sha256(sided)  # what the first start compares is what the store holds
    assert digest not in (parse_file(bare).sha256, hashlib.sha256(sidecar_path(sided).read_bytes()).hexdigest())
    sidecar_path(sided).write_text('{"date": "2023-03-02"}', encoding="utf-8")
    assert parse_file(sided).sha256 == path_sha256(sided) != digest


def test_a_re_ingest_sees_a_sidecar_edited_written_or_removed_alone(tmp_path):
    from types import SimpleNamespace

    from policykg.api.startup import _written_digests
    from policykg.graph.kg import KnowledgeGraph

    kg = KnowledgeGraph.open(tmp_path / "kg")
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    path = _write(corpus, "a.txt", UNDATED, {"date": "2023-03-01"})

    iris = set()

    def ingest() -> tuple[str, str | None, bool]:
        """(status, stored date, whether the first start would now take the file as written)."""
        [entry] = kg.add_documents([parse_file(path)])
        iris.add(entry["iri"])
        written = path_sha256(path) in _written_digests(SimpleNamespace(kg=kg))
        return entry["status"], kg.document_json(entry["iri"])["date"], written

    try:
        assert ingest() == ("added", "2023-03-01", True)
        assert ingest() == ("unchanged", "2023-03-01", True)
        sidecar_path(path).write_text('{"date": "2024-05-06"}', encoding="utf-8")
        assert path_sha256(path) not in _written_digests(SimpleNamespace(kg=kg))  # the first start re-reads it
        assert ingest() == ("replaced", "2024-05-06", True)
        assert ingest() == ("unchanged", "2024-05-06", True)
        sidecar_path(path).unlink()
        assert ingest() == ("replaced", None, True)
        assert ingest() == ("unchanged", None, True)
        sidecar_path(path).write_text('{"date": "2023-03-01"}', encoding="utf-8")
        assert ingest() == ("replaced", "2023-03-01", True)
        assert len(iris) == 1 and len(kg.list_documents()) == 1  # the same document throughout
    finally:
        kg.close()


def test_a_moved_document_with_a_sidecar_is_found_by_its_name_and_digest(tmp_path):
    import shutil

    from policykg.graph.kg import KnowledgeGraph
    from policykg.graph.sources import locate_sources

    root = tmp_path / "corpus"
    (root / "sub").mkdir(parents=True)
    path = _write(root / "sub", "a.txt", UNDATED, {"date": "2023-03-01"})
    kg = KnowledgeGraph.open(tmp_path / "kg")
    try:
        assert [e["status"] for e in kg.add_documents([parse_file(path)], roots=[root])] == ["added"]
        flat = tmp_path / "flat"
        flat.mkdir()
        for moved in (path, sidecar_path(path)):  # a document moves with its sidecar
            shutil.move(moved, flat / moved.name)
        assert locate_sources(kg, ["sub/a.txt"], [flat]) == {"sub/a.txt": flat / "a.txt"}
    finally:
        kg.close()
