"""Files -> Documents: read, lay out, extract metadata, then the obligation and citation extractors.

``parse_paths`` is the batch entry point; a file that fails becomes an IngestError in the second
list and never stops the others. An extractor that crashes is reported with its stage named, so a
document is never dropped silently.
"""

from __future__ import annotations

import hashlib
import importlib
from dataclasses import replace
from pathlib import Path

from policykg.ingest import layout
from policykg.ingest.extract.metadata import extract_metadata
from policykg.ingest.limits import DEFAULT_LIMITS, Limits
from policykg.ingest.model import Document, IngestError
from policykg.ingest.read import SUFFIXES, file_bytes, read_bytes
from policykg.ingest.sidecar import Sidecar, document_sha256, fill_from_sidecar, is_sidecar, read_sidecar


def iter_files(paths: list[str | Path]) -> list[Path]:
    """Files named or found under folders (recursively), known extensions only, sorted, no duplicates;
    never a metadata sidecar (x.txt.meta.json), which belongs to its document, named or not."""
    found: set[Path] = set()
    for p in map(Path, paths):
        if p.is_dir():
            found.update(f for f in p.rglob("*") if f.is_file() and f.suffix.lower() in SUFFIXES
                         and not any(part.startswith(".") for part in f.relative_to(p).parts))
        else:
            found.add(p)  # a file named explicitly is tried whatever its extension, so it is reported
    return sorted(f for f in found if not is_sidecar(f))


def parse_bytes(data: bytes, path: str, display_name: str | None = None, extractors: bool = True,
                limits: Limits = DEFAULT_LIMITS, sidecar: Sidecar | None = None) -> Document:
    """One file's bytes -> Document; raises IngestError with a one-line reason, whatever went wrong.
    ``sidecar``: the record's own fields, filling what the text leaves empty (``parse_file`` finds it)."""
    try:
        return _parse(data, path, display_name, extractors, limits, sidecar)
    except IngestError:
        raise
    except Exception as e:
        raise IngestError(path, f"parse failed: {type(e).__name__}: {e}".splitlines()[0][:300]) from e


def _parse(data: bytes, path: str, display_name: str | None, extractors: bool, limits: Limits,
           sidecar: Sidecar | None) -> Document:
    read = read_bytes(data, path, limits)
    text = read.text
    lines = layout.lines_of(text)
    try:
        wrapper = layout.find_wrapper(text, lines)
        attachments = layout.find_attachments(lines, len(text))
        sections = layout.find_sections(lines, len(text), wrapper.body_span, attachments)
        tables = layout.find_tables(lines, attachments)
        meta = extract_metadata(text, lines, wrapper, read.fields, read.marks)
    except Exception as e:  # a bug in layout/metadata must name the file, not end the batch
        raise IngestError(path, f"layout/metadata stage failed: {type(e).__name__}: {e}".splitlines()[0]) from e
    if sidecar is not None:  # before the extractors: a deadline's year comes from the document's date
        meta = fill_from_sidecar(meta, sidecar, path, text)
    provenance = {"text": f"read:{read.format}", **meta.provenance}
    title = meta.title
    if not title:  # a text without a title line (a dataset's body column): its file name names it
        title = Path(display_name or path).stem
        provenance["title"] = "file_name"
    if wrapper.carried_title:
        provenance["carried_title"] = "notice_title"
        provenance["notice_span"] = "carried_title_line" if wrapper.notice_span else "none_found"
    doc = Document(
        source=display_name or Path(path).name, path=str(path),
        sha256=document_sha256(hashlib.sha256(data).hexdigest(), sidecar.sha256 if sidecar else None),
        encoding=read.encoding, text=text,
        title=title, doc_number=meta.doc_number,
        issuer=meta.issuers[0] if meta.issuers else None, issuers=meta.issuers,
        date=meta.date, region=meta.region, level=meta.level, kind=meta.kind,
        carried_title=wrapper.carried_title or meta.carried_title,  # metadata's where the layout found none
        notice_span=wrapper.notice_span, body_span=wrapper.body_span,
        sections=tuple(sections), tables=tuple(tables), attachments=tuple(attachments),
        provenance=provenance,
    )
    return _run_extractors(doc) if extractors else doc


def _run_extractors(doc: Document) -> Document:
    # imported here so that a broken extractor module is reported per file, as a stage failure
    stages = (("obligations", "policykg.ingest.extract.obligations", "extract_obligations"),
              ("citations", "policykg.ingest.extract.citations", "extract_citations"))
    for field_name, module, func in stages:
        try:
            mod = importlib.import_module(module)
            result = tuple(getattr(mod, func)(doc))
        except Exception as e:
            raise IngestError(doc.path, f"{field_name} extraction failed: {type(e).__name__}: {e}"
                              .splitlines()[0]) from e
        doc = replace(doc, **{field_name: result})
    return doc


def parse_file(path: str | Path, display_name: str | None = None, extractors: bool = True,
               limits: Limits = DEFAULT_LIMITS) -> Document:
    """Parse one file, with its metadata sidecar where it has one, into a Document; raises IngestError
    naming the file and the reason (a malformed sidecar included)."""
    data = file_bytes(path, limits)
    return parse_bytes(data, str(path), display_name, extractors, limits, read_sidecar(path))


def parse_paths(paths: list[str | Path], extractors: bool = True,
                limits: Limits = DEFAULT_LIMITS) -> tuple[list[Document], list[IngestError]]:
    """Parse every file under ``paths`` in this process: the documents, and one error per file that failed."""
    docs: list[Document] = []
    errors: list[IngestError] = []
    for f in iter_files(paths):
        try:
            docs.append(parse_file(f, extractors=extractors, limits=limits))
        except IngestError as e:
            errors.append(e)
    return docs, errors
