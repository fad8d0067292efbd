"""Readers on real seed texts: every encoding and format is MADE from a seed with a library at test time."""

from __future__ import annotations

import io
import random
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from policykg.ingest.model import IngestError
from policykg.ingest.read import read_bytes, read_file

SEEDS = Path(__file__).resolve().parents[1] / "corpus" / "documents" / "seeds"
XINGHUA = next(SEEDS.glob("000_*.txt"))
LIUSHI = next(SEEDS.glob("003_*.txt"))


def seed_text(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def nonblank(text: str) -> list[str]:
    return [ln.strip() for ln in text.splitlines() if ln.strip()]


def squash(text: str) -> str:
    return re.sub(r"\s", "", text)


def test_txt_is_normalised():
    r = read_file(LIUSHI)
    assert r.encoding == "utf-8" and r.format == "txt"
    assert "\r" not in r.text and "\u3000" not in r.text and "\u00a0" not in r.text
    assert "\n\n\n" not in r.text and r.text == r.text.strip()
    assert r.text.startswith("柳市镇人民政府文件")


def test_word_bookmark_artefact_removed():
    r = read_file(next(SEEDS.glob("002_*.txt")))
    assert "[bookmark:" not in r.text and "常德市消防安全专项整治三年行动" in r.text


@pytest.mark.parametrize("encoding, expected", [
    ("utf-8-sig", "utf-8-sig"),
    ("utf-16", "utf-16-le"),  # Python writes a little-endian BOM
    ("utf-16-be-bom", "utf-16-be"),
    ("gb18030", "gb18030"),
    ("gbk", "gb18030"),  # GBK is a subset: decoded by the GB18030 codec, reported as such
])
def test_encodings_detected(encoding, expected):
    text = seed_text(XINGHUA).replace("\n", "\r\n")
    data = ("\ufeff" + text).encode("utf-16-be") if encoding == "utf-16-be-bom" else text.encode(encoding)
    r = read_bytes(data, "seed.txt")
    assert r.encoding == expected
    assert r.text == read_file(XINGHUA).text


def test_utf16_without_bom_is_detected_and_named():
    r = read_bytes(seed_text(XINGHUA).encode("utf-16-le"), "seed.txt")
    assert r.encoding == "utf-16-le (no BOM)" and "兴消委办〔2021〕6号" in r.text


def test_markdown_entities_inline_html_and_front_matter():
    r = read_file(SEEDS.parent / "national/aegean-docs/1.md")
    assert "&emsp;" not in r.text and "<div" not in r.text and "**" not in r.text and "lang:" not in r.text
    assert "3月17日至21日，国务院安委会明查暗访检查组" in r.text
    r = read_file(SEEDS.parent / "national/aegean-docs/3.md")  # no gold file (2.md is held-out)
    assert "安委办[2024]1号" in nonblank(r.text)  # the red-header <p> became its own line


def test_lawrefbook_info_block_is_marked():
    r = read_file(SEEDS.parent / "laws/lawrefbook/行政法/消防法(2021-04-29).md")
    assert r.text[r.marks["md_title"].start:r.marks["md_title"].end] == "中华人民共和国消防法"
    info = r.text[r.marks["info"].start:r.marks["info"].end]
    assert info.startswith("1998年4月29日") and "第二次修正" in info and "第一章" not in info


def test_json_law_file():
    r = read_file(SEEDS.parent / "laws/firesage/backend/data/responsibility87.json")
    assert r.fields["doc_number"] == "国办发〔2017〕87号" and r.fields["issuer"] == "国务院办公厅"
    assert r.text.startswith("消防安全责任制实施办法") and "第一条 为深入贯彻" in r.text


def _html_from(text: str) -> bytes:
    from bs4 import BeautifulSoup

    soup = BeautifulSoup("<html><head><meta charset='utf-8'><title>t</title></head><body></body></html>",
                         "html.parser")
    table = None
    for line in text.splitlines():
        if "\t" in line:
            if table is None:
                table = soup.new_tag("table")
                soup.body.append(table)
            tr = soup.new_tag("tr")
            for cell in line.split("\t"):
                td = soup.new_tag("td")
                td.string = cell.replace(" ", "&nbsp;")
                tr.append(td)
            table.append(tr)
        else:
            table = None
            p = soup.new_tag("p")
            p.string = line
            soup.body.append(p)
    return str(soup).replace("&amp;nbsp;", "&nbsp;").encode("utf-8")


def test_html_made_from_seed_keeps_paragraphs_and_table_rows():
    r = read_bytes(_html_from(seed_text(LIUSHI)), "liushi.html")
    assert r.format == "html"
    assert nonblank(r.text) == nonblank(read_file(LIUSHI).text)


def _docx_from(text: str) -> bytes:
    import docx

    d = docx.Document()
    rows: list[list[str]] = []

    def flush():
        if rows:
            table = d.add_table(rows=0, cols=max(len(r) for r in rows))
            for r in rows:
                cells = table.add_row().cells
                for cell, value in zip(cells, r):
                    cell.text = value
            rows.clear()

    for line in text.splitlines():
        if "\t" in line:
            rows.append(line.split("\t"))
            continue
        flush()
        d.add_paragraph(line)
    flush()
    d.add_paragraph("（docx 末段：表格之后的段落）")  # checks document order after the last table
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def test_docx_made_from_seed_keeps_tables_in_document_order():
    data = _docx_from(seed_text(LIUSHI))
    r = read_bytes(data, "liushi.docx")
    assert r.format == "docx"
    expected = nonblank(read_file(LIUSHI).text) + ["（docx 末段：表格之后的段落）"]
    got = nonblank(r.text)
    # the reader pads short rows of a 3-column table, so compare cells without trailing tabs
    assert [g.rstrip("\t") for g in got] == [e.rstrip("\t") for e in expected]


def _cjk_font() -> Path | None:
    if shutil.which("fc-list"):
        out = subprocess.run(["fc-list", ":lang=zh", "file"], capture_output=True, text=True, check=False).stdout
        for line in out.splitlines():
            path = Path(line.split(":")[0].strip())
            if path.suffix.lower() in (".ttf", ".ttc", ".otf") and path.exists():
                return path
    return None


def _pdf_from(text: str, font: Path) -> bytes:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    kwargs = {"collection_font_number": 0} if font.suffix.lower() == ".ttc" else {}
    pdf.add_font("cjk", fname=str(font), **kwargs)
    pdf.set_font("cjk", size=10)
    for line in text.splitlines():
        pdf.multi_cell(0, 6, line or " ", new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


@pytest.fixture(scope="module")
def xinghua_pdf() -> bytes:
    font = _cjk_font()
    if font is None:
        pytest.skip("no CJK font installed (Debian package fonts-wqy-microhei provides one)")
    return _pdf_from(seed_text(XINGHUA), font)


def test_pdf_made_from_seed_reads_back(xinghua_pdf):
    r = read_bytes(xinghua_pdf, "xinghua.pdf")
    assert r.format == "pdf"
    assert squash(r.text) == squash(seed_text(XINGHUA))


def test_pdf_metadata_survives(xinghua_pdf):
    from policykg.ingest.pipeline import parse_bytes

    doc = parse_bytes(xinghua_pdf, "xinghua.pdf")
    assert doc.doc_number == "兴消委办〔2021〕6号" and doc.date.isoformat() == "2021-04-26"


# --- bad input: one IngestError each, a one-line reason naming the file -----------------------------

def _docx_bytes() -> bytes:
    return _docx_from(seed_text(LIUSHI))


BROKEN = {
    "empty.txt": (lambda: b"", "empty"),
    "blank.txt": (lambda: b" \r\n\t\n", "empty"),
    "empty.docx": (lambda: b"", "empty"),
    "empty.pdf": (lambda: b"", "empty"),
    "junk.txt": (lambda: random.Random(7).randbytes(4096), "binary"),
    "junk-no-nul.txt": (lambda: bytes(b for b in random.Random(7).randbytes(4096) if b), "undecodable"),
    "junk.md": (lambda: b"\x89PNG\r\n\x1a\n" + random.Random(1).randbytes(200), "binary"),
    "nul.txt": (lambda: b"abc\x00\x01\x02\xff" * 100, "binary"),
    "cut.docx": (lambda: _docx_bytes()[: len(_docx_bytes()) // 2], "truncated"),
    "notzip.docx": (lambda: "这不是一个docx文件".encode(), "truncated or corrupt"),
    "cut.pdf": (lambda: b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog", "truncated"),
    "garbage.pdf": (lambda: b"%PDF-1.4\n" + random.Random(3).randbytes(500) + b"\n%%EOF\n", "PDF"),
    "latin1.txt": (lambda: "Caf\u00e9 na\u00efve r\u00e9sum\u00e9 \u00a9 \u00ae \u00b1".encode("latin-1") * 20,
                   "undecodable"),
    "bad.json": (lambda: b'{"law_name": "x", ', "invalid JSON"),
    "other.json": (lambda: b'{"a": 1}', "recognised document structure"),
    "x.xlsx": (lambda: b"PK\x03\x04", "unsupported"),
}


@pytest.mark.parametrize("name", sorted(BROKEN))
def test_broken_files_give_one_line_reason(name):
    make, fragment = BROKEN[name]
    with pytest.raises(IngestError) as info:
        read_bytes(make(), name)
    err = info.value
    assert err.path == name and fragment in err.reason
    assert "\n" not in str(err) and str(err).startswith(name)


def test_truncated_utf8_names_the_byte():
    text = seed_text(XINGHUA)
    head = text[:300].encode("utf-8")
    cut = head + b"\xe5" + text[300:].encode("utf-8")  # a stray lead byte in the middle
    with pytest.raises(IngestError) as info:
        read_bytes(cut, "cut.txt")
    assert f"invalid UTF-8 at byte {len(head)}" in info.value.reason
