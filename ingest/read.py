"""Bytes -> normalised text for .txt .md .html .docx .pdf .json, with the encoding found and why.

Encodings are detected, never guessed silently: a byte-order mark wins; otherwise strict UTF-8
(self-validating: GBK text is almost never valid UTF-8), then strict GB18030 checked for plausible
Chinese text. Anything else is an ``IngestError`` whose reason names what was tried.
"""

from __future__ import annotations

import copy
import io
import re
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path

from policykg.ingest import formats
from policykg.ingest.limits import DEFAULT_LIMITS, Limits, MiB
from policykg.ingest.model import IngestError, Span
from policykg.ingest.textnorm import join_lines, normalise_line

TEXT_SUFFIXES = {".txt", ".md", ".markdown", ".html", ".htm"}
SUFFIXES = TEXT_SUFFIXES | {".docx", ".pdf", ".json"}

# Magic numbers of binary formats that sometimes arrive with a text extension.
_MAGIC = (
    (b"PK\x03\x04", "a zip archive (.docx/.xlsx?)"),
    (b"%PDF", "a PDF"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"\xd0\xcf\x11\xe0", "an OLE file (.doc/.xls?)"),
    (b"\x7fELF", "an executable"),
)


@dataclass(frozen=True)
class ReadResult:
    """A file's normalised text, its encoding and what its own structure states."""

    text: str
    encoding: str
    format: str  # txt, md, html, docx, pdf, json
    fields: dict[str, str] = field(default_factory=dict)  # front matter, JSON fields, <title>
    marks: dict[str, Span] = field(default_factory=dict)  # md_title, info (lawrefbook header)


def _plausible(text: str) -> float:
    """Share of characters expected in Chinese administrative text."""
    if not text:
        return 0.0
    good = 0
    for ch in text:
        o = ord(ch)
        if (32 <= o < 127 or ch in "\t\n\r" or 0x4E00 <= o <= 0x9FFF or 0x3000 <= o <= 0x303F
                or 0xFF00 <= o <= 0xFFEF or 0x2000 <= o <= 0x206F or 0xA0 <= o <= 0xFF
                or 0x2460 <= o <= 0x24FF or 0xFE30 <= o <= 0xFE6F or 0x2150 <= o <= 0x218F):
            good += 1
    return good / len(text)


_CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b\x0e-\x1f]")


def _control_share(text: str) -> float:
    return len(_CONTROL_CHARS.findall(text)) / max(1, len(text))


def decode(data: bytes, path: str) -> tuple[str, str]:
    """Decode text bytes; returns (text, encoding) or raises IngestError naming what failed."""
    if not data.strip():
        raise IngestError(path, "empty file")
    for bom, enc in ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16")):
        if data.startswith(bom):
            try:
                text = data.decode(enc)
            except UnicodeDecodeError as e:
                raise IngestError(path, f"has a {enc} byte-order mark but is not valid {enc} "
                                        f"(byte {e.start}); truncated?") from None
            if enc == "utf-16":
                enc = "utf-16-le" if bom == b"\xff\xfe" else "utf-16-be"
            return _checked(text, enc, path)
    for magic, what in _MAGIC:
        if data.startswith(magic):
            raise IngestError(path, f"binary content: this is {what}, not text")
    if b"\x00" in data[:4096]:
        return _utf16_without_bom(data, path)
    try:
        return _checked(data.decode("utf-8"), "utf-8", path)
    except UnicodeDecodeError as e:
        utf8_error = f"invalid UTF-8 at byte {e.start}"
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError as e:
        raise IngestError(path, f"undecodable: {utf8_error}; invalid GB18030 at byte {e.start}; "
                                f"{_suggestion(data)}") from None
    if _plausible(text) >= 0.97 and _control_share(text) == 0:
        return text, "gb18030"
    raise IngestError(path, f"undecodable: {utf8_error}; decodes as GB18030 but not as plausible "
                            f"Chinese text; {_suggestion(data)}")


def _utf16_without_bom(data: bytes, path: str) -> tuple[str, str]:
    # NUL bytes at every other position are UTF-16 without a mark; accept only when one byte order
    # decodes strictly to plausible text, and say so in the encoding name.
    found = []
    for enc in ("utf-16-le", "utf-16-be"):
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            continue
        if _plausible(text) >= 0.97 and _control_share(text) == 0:
            found.append((text, enc + " (no BOM)"))
    if len(found) == 1:
        return found[0]
    raise IngestError(path, "binary content: NUL bytes and no consistent UTF-16 text")


def _suggestion(data: bytes) -> str:
    try:
        from charset_normalizer import from_bytes

        best = from_bytes(data[:65536]).best()
    except Exception:  # noqa: BLE001 - the suggestion only decorates an error message
        best = None
    return f"charset-normalizer suggests {best.encoding}, not accepted" if best else "no encoding fits"


def _checked(text: str, enc: str, path: str) -> tuple[str, str]:
    if _control_share(text) > 0.001:
        raise IngestError(path, f"binary content: decodes as {enc} but holds control characters")
    if not text.strip():
        raise IngestError(path, "empty file (whitespace only)")
    return text, enc


def check_size(size: int, path: str, limits: Limits = DEFAULT_LIMITS) -> None:
    """Refuse a file over the byte limit before anything reads it."""
    if size > limits.max_file_bytes:
        raise IngestError(path, f"too large: {limits.describe_bytes(size)}, over the limit of "
                                f"{limits.describe_bytes(limits.max_file_bytes)} per file")


def read_bytes(data: bytes, path: str, limits: Limits = DEFAULT_LIMITS) -> ReadResult:
    """Read one file's bytes according to its extension; any failure is an IngestError naming the file."""
    suffix = Path(path).suffix.lower()
    if suffix not in SUFFIXES:
        raise IngestError(path, f"unsupported file type {suffix or '(none)'}")
    if not data:
        raise IngestError(path, "empty file")
    check_size(len(data), path, limits)
    try:
        return _read(data, path, suffix, limits)
    except IngestError:
        raise
    except Exception as e:
        raise IngestError(path, f"cannot read this {suffix[1:]} file: {type(e).__name__}: {e}"
                          .splitlines()[0][:300]) from e


def _read(data: bytes, path: str, suffix: str, limits: Limits) -> ReadResult:
    if suffix == ".docx":
        lines, fields = _docx_lines(data, path, limits)
        return _finish(lines, "binary (docx)", "docx", fields, path, limits)
    if suffix == ".pdf":
        lines = _pdf_lines(data, path, limits)
        return _finish(lines, "binary (pdf)", "pdf", {}, path, limits)
    raw, enc = decode(data, path)
    if suffix == ".json":
        lines, fields = formats.json_lines(raw, path)
        return _finish(lines, enc, "json", fields, path, limits)
    if suffix in (".html", ".htm"):
        lines, fields = formats.html_lines(raw)
        return _finish(lines, enc, "html", fields, path, limits)
    if suffix in (".md", ".markdown"):
        lines, fields = formats.markdown_lines(raw)
        return _finish(lines, enc, "md", fields, path, limits)
    return _finish([(ln, "") for ln in raw.splitlines()], enc, "txt", {}, path, limits)


def read_file(path: str | Path, limits: Limits = DEFAULT_LIMITS) -> ReadResult:
    """Read a file from disk; raises IngestError when it cannot be read or decoded."""
    return read_bytes(file_bytes(path, limits), str(path), limits)


def file_bytes(path: str | Path, limits: Limits = DEFAULT_LIMITS) -> bytes:
    """A file's bytes, refused by its size before it is read."""
    p = Path(path)
    try:
        check_size(p.stat().st_size, str(path), limits)
        return p.read_bytes()
    except OSError as e:
        raise IngestError(str(path), f"cannot read: {e.strerror or type(e).__name__}") from None


def _finish(lines: list[tuple[str, str]], enc: str, fmt: str, fields: dict[str, str],
            path: str, limits: Limits = DEFAULT_LIMITS) -> ReadResult:
    text, marks = join_lines([(normalise_line(t), tag) for t, tag in lines])
    if not text.strip():
        raise IngestError(path, f"no text in this {fmt} file")
    if len(text) > limits.max_chars:
        raise IngestError(path, f"too long: {len(text):,} characters of text, over the limit of "
                                f"{limits.max_chars:,} per document")
    return ReadResult(text=text, encoding=enc, format=fmt, fields=fields, marks=marks)


def _check_zip(data: bytes, path: str, limits: Limits) -> None:
    """Refuse a zip bomb: first from the zip directory alone (cheap), then by inflating every member in
    bounded chunks against a running byte count and ratio, since a crafted directory can declare small sizes.
    A member that inflates to other than its declared size is refused, so a later reader (python-docx, which
    inflates each part in one call, bounded only by the declared size) inflates nothing unchecked."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as e:
        raise IngestError(path, f"truncated or corrupt .docx: {type(e).__name__}") from None
    total = 0
    for m in members:
        total += m.file_size
        if m.file_size > MiB and m.file_size > limits.max_unzip_ratio * max(1, m.compress_size):
            raise IngestError(path, f"refused as a zip bomb: member {m.filename[:60]!r} inflates "
                                    f"{m.file_size / max(1, m.compress_size):,.0f}-fold, over the limit of "
                                    f"{limits.max_unzip_ratio:g}")
    if total > limits.max_unzip_bytes:
        raise IngestError(path, f"refused as a zip bomb: {limits.describe_bytes(total)} uncompressed, over the "
                                f"limit of {limits.describe_bytes(limits.max_unzip_bytes)}")
    try:
        _inflate_members(archive, members, path, limits)
    except IngestError:
        raise
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, RuntimeError, NotImplementedError,
            zlib.error) as e:
        raise IngestError(path, f"truncated or corrupt .docx: {type(e).__name__}: {e}".splitlines()[0][:300]) from None


INFLATE_CHUNK = 256 * 1024  # bytes asked of the inflater at a time: its output per call is bounded by this


def _inflate_members(archive: zipfile.ZipFile, members: list[zipfile.ZipInfo], path: str, limits: Limits) -> None:
    """Inflate each member chunk by chunk, counting what comes out, and stop at the first limit passed."""
    inflated = 0
    for m in members:
        if m.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            raise IngestError(path, f"unsupported .docx: member {m.filename[:60]!r} uses compression method "
                                    f"{m.compress_type} (a .docx is stored or deflated)")
        # read up to the byte limit, not the declared size: zipfile would cut the member there unnoticed
        probe = copy.copy(m)
        probe.file_size = limits.max_unzip_bytes + 1
        out = 0
        with archive.open(probe) as member:
            while chunk := member.read(INFLATE_CHUNK):
                out += len(chunk)
                inflated += len(chunk)
                if out > m.file_size:
                    raise IngestError(path, f"refused as a zip bomb: member {m.filename[:60]!r} inflates past the "
                                            f"{limits.describe_bytes(m.file_size)} its zip directory declares")
                if inflated > limits.max_unzip_bytes:
                    raise IngestError(path, f"refused as a zip bomb: over {limits.describe_bytes(limits.max_unzip_bytes)}"
                                            f" uncompressed, the limit")
                if out > MiB and out > limits.max_unzip_ratio * max(1, m.compress_size):
                    raise IngestError(path, f"refused as a zip bomb: member {m.filename[:60]!r} inflates over "
                                            f"{limits.max_unzip_ratio:g}-fold, the limit")
        if out != m.file_size:
            raise IngestError(path, f"truncated or corrupt .docx: member {m.filename[:60]!r} inflates to "
                                    f"{out:,} bytes, its zip directory declares {m.file_size:,}")


def _docx_lines(data: bytes, path: str, limits: Limits = DEFAULT_LIMITS
                ) -> tuple[list[tuple[str, str]], dict[str, str]]:
    """Paragraphs and tables of a .docx in document order; a table row becomes tab-separated cells."""
    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise IngestError(path, "truncated or corrupt .docx: not a complete zip archive")
    _check_zip(data, path, limits)
    try:
        import docx
        from docx.table import Table as DocxTable
        from docx.text.paragraph import Paragraph

        document = docx.Document(io.BytesIO(data))
    except (KeyError, ValueError, zipfile.BadZipFile, OSError) as e:
        raise IngestError(path, f"corrupt .docx: {type(e).__name__}: {e}".splitlines()[0]) from None
    except Exception as e:  # noqa: BLE001 - python-docx/lxml raise many types on damaged parts
        raise IngestError(path, f"corrupt .docx: {type(e).__name__}".splitlines()[0]) from None
    lines: list[tuple[str, str]] = []
    for block in document.element.body.iterchildren():
        tag = block.tag.rsplit("}", 1)[-1]
        if tag == "p":
            lines.extend((ln, "") for ln in Paragraph(block, document).text.split("\n"))
        elif tag == "tbl":
            lines.append(("", ""))
            for row in DocxTable(block, document).rows:
                seen, cells = set(), []
                for cell in row.cells:
                    if id(cell._tc) in seen:  # a merged cell repeats; keep it once
                        continue
                    seen.add(id(cell._tc))
                    cells.append(re.sub(r"\s+", " ", cell.text).strip())
                lines.append(("\t".join(cells), ""))
            lines.append(("", ""))
    props = document.core_properties
    fields = {k: v for k, v in (("title", props.title or ""),) if v}
    return lines, fields


def _pdf_lines(data: bytes, path: str, limits: Limits = DEFAULT_LIMITS) -> list[tuple[str, str]]:
    """Text of a PDF via pdfminer; a file cut short (no %%EOF) is refused rather than half-read."""
    if not data.startswith(b"%PDF"):
        raise IngestError(path, "not a PDF (no %PDF header)")
    if b"%%EOF" not in data[-2048:]:
        raise IngestError(path, "truncated PDF: no %%EOF marker at the end")
    try:
        from pdfminer.high_level import extract_text
        from pdfminer.pdfpage import PDFPage

        pages = sum(1 for _ in PDFPage.get_pages(io.BytesIO(data), maxpages=limits.max_pdf_pages + 1))
        if pages > limits.max_pdf_pages:
            raise IngestError(path, f"too many pages: over the limit of {limits.max_pdf_pages} per PDF")
        text = extract_text(io.BytesIO(data))
    except IngestError:
        raise
    except Exception as e:  # noqa: BLE001 - pdfminer raises PDFSyntaxError, PSEOF, struct.error, ...
        raise IngestError(path, f"corrupt PDF: {type(e).__name__}") from None
    if not text.strip():
        raise IngestError(path, "PDF has no extractable text (scanned images?)")
    return [(ln, "") for ln in text.replace("\f", "\n").splitlines()]
