"""Fuzzing each format's reader: whatever the bytes, reading gives a text or one IngestError with a
one-line reason, never another exception. Bounded: a fixed number of examples per format, a few seconds."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from policykg.ingest.model import IngestError
from policykg.ingest.pipeline import parse_bytes
from policykg.ingest.read import ReadResult, read_bytes

SEED = next((Path(__file__).resolve().parents[1] / "corpus" / "documents" / "seeds").glob("003_*.txt"))
SEED_TEXT = SEED.read_text(encoding="utf-8")[:1500]

FUZZ = settings(max_examples=150, deadline=None, derandomize=True, database=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


def _read_or_reason(data: bytes, name: str) -> None:
    try:
        result = read_bytes(data, name)
    except IngestError as e:
        assert e.path == name and e.reason and "\n" not in str(e)
        return
    assert isinstance(result, ReadResult) and result.text.strip()


def _mutate(data: bytes, edits: list[tuple[int, int]], cut: int | None) -> bytes:
    buf = bytearray(data)
    for pos, byte in edits:
        buf[pos % len(buf)] = byte
    return bytes(buf[:cut] if cut else buf)


_edits = st.lists(st.tuples(st.integers(0, 1 << 20), st.integers(0, 255)), max_size=12)
_chinese = st.text(alphabet=st.sampled_from(list(SEED_TEXT) + list("<>&#;/\"'=|*-#[]()\n\t 　\r")), max_size=600)


@FUZZ
@given(st.binary(max_size=3000))
def test_txt_bytes(data):
    _read_or_reason(data, "f.txt")


@FUZZ
@given(_chinese, st.sampled_from(["utf-8", "gb18030", "utf-16"]))
def test_md(text, encoding):
    _read_or_reason(text.encode(encoding, "replace"), "f.md")


@FUZZ
@given(st.recursive(_chinese | st.just("<p>"), lambda inner: st.tuples(
    st.sampled_from(["p", "div", "table", "tr", "td", "h1", "title", "br", "script", "li"]), inner).map(
    lambda t: f"<{t[0]}>{t[1]}</{t[0]}>"), max_leaves=20))
def test_html(markup):
    _read_or_reason(markup.encode("utf-8"), "f.html")


_json_value = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | _chinese,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(
        st.sampled_from(["law_name", "title", "chapters", "chapter_title", "articles", "num", "text",
                        "authority", "document_no", "x"]), inner, max_size=5),
    max_leaves=25)


@FUZZ
@given(_json_value)
def test_json_structures(value):
    _read_or_reason(json.dumps(value, ensure_ascii=False).encode("utf-8"), "f.json")


@FUZZ
@given(st.text(alphabet="[]{}\"0:,", max_size=4000))
def test_json_syntax_and_depth(raw):
    _read_or_reason(raw.encode("utf-8"), "f.json")


def _docx_bytes() -> bytes:
    import docx

    document = docx.Document()
    for line in SEED_TEXT.splitlines():
        document.add_paragraph(line)
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "单位"
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


DOCX = _docx_bytes()


@FUZZ
@given(_edits, st.one_of(st.none(), st.integers(1, len(DOCX))))
def test_docx_mutated(edits, cut):
    _read_or_reason(_mutate(DOCX, edits, cut), "f.docx")


@FUZZ
@given(st.binary(max_size=2000), st.sampled_from(["word/document.xml", "[Content_Types].xml", "_rels/.rels"]))
def test_docx_parts_replaced(junk, part):
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(DOCX)) as src, zipfile.ZipFile(out, "w") as dst:
        for item in src.infolist():
            dst.writestr(item, junk if item.filename == part else src.read(item.filename))
    _read_or_reason(out.getvalue(), "f.docx")


def _pdf_bytes() -> bytes:
    fpdf = pytest.importorskip("fpdf")
    pdf = fpdf.FPDF()
    pdf.add_page()
    pdf.set_font("helvetica", size=12)
    pdf.multi_cell(0, 10, "Notice on fire safety. Article 1. All units shall inspect by 2024.")
    return bytes(pdf.output())


@FUZZ
@given(_edits, st.one_of(st.none(), st.integers(10, 4000)))
def test_pdf_mutated(edits, cut):
    _read_or_reason(_mutate(_pdf_bytes(), edits, cut), "f.pdf")


@settings(max_examples=25, deadline=None, derandomize=True, database=None)
@given(_chinese, st.sampled_from(["f.txt", "f.md", "f.html"]))
def test_whole_parse_of_text_gives_a_document_or_a_reason(text, name):
    """Layout, metadata and the extractors too: any text gives a Document or the file's reason."""
    try:
        doc = parse_bytes((SEED_TEXT[:200] + text).encode("utf-8"), name)
    except IngestError as e:
        assert "\n" not in e.reason
        return
    for ob in doc.obligations:
        assert 0 <= ob.span.start <= ob.span.end <= len(doc.text)
