"""A document's metadata sidecar: ``<file name>.meta.json`` beside the file, the record's fields a
database or a spreadsheet keeps apart from the text (its date, title, issuer, 文号, level, region).

The text wins: a sidecar fills only the fields the text leaves empty, and provenance says so
("sidecar"). A sidecar that cannot be read is an ``IngestError`` for its document alone. A sidecar is
never a document itself (``is_sidecar``), though its name ends in .json.

A sidecar is part of its document: the digest the document is stored under (``document_sha256``) covers
it, so a re-ingest sees a sidecar written, edited or removed alone. Without a sidecar the digest is the
file's own SHA-256, as before sidecars existed, so stores written then are not rebuilt.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Any

from policykg.ingest.extract.metadata import Metadata, find_kind
from policykg.ingest.extract.regions import NATIONAL, Gazetteer
from policykg.ingest.model import LEVELS, IngestError, Level, Region

SIDECAR_SUFFIX = ".meta.json"
_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")  # the documented form only (no week dates, no times)
DATE_YEARS = (1900, 2100)  # a document date outside is a typing error, not a policy document's date
FIELDS = ("date", "title", "issuer", "issuers", "doc_number", "level", "region")
MAX_SIDECAR_BYTES = 64 * 1024  # a record's fields, never a document's text
# what a document-and-sidecar digest hashes begins so, so that it can never equal a lone file's SHA-256 input
DIGEST_TAG = b"policykg document with metadata sidecar v1\n"


@dataclass(frozen=True)
class Sidecar:
    """The fields one sidecar gives, as written (``region``: a place name or a 12-digit code)."""

    name: str  # the sidecar's file name, for provenance
    sha256: str  # of the sidecar's raw bytes: part of its document's digest
    date: date | None = None
    title: str | None = None
    issuers: tuple[str, ...] = ()
    doc_number: str | None = None
    level: Level | None = None
    region: str | None = None


def sidecar_path(path: str | Path) -> Path:
    """Where the sidecar of ``path`` lies: the same name with .meta.json added."""
    return Path(str(path) + SIDECAR_SUFFIX)


def is_sidecar(path: str | Path) -> bool:
    """True for a metadata sidecar, which is never ingested as a document."""
    return Path(path).name.lower().endswith(SIDECAR_SUFFIX)


def read_sidecar(path: str | Path) -> Sidecar | None:
    """The sidecar beside document ``path``; None when there is none; IngestError (naming the document
    and the sidecar) when it is unreadable, not a JSON object, or holds an unknown or ill-typed field."""
    side = sidecar_path(path)
    try:
        if not side.is_file():
            return None
    except OSError:  # e.g. a name at the length limit: no sidecar can be named beside it
        return None

    def bad(reason: str) -> IngestError:
        return IngestError(str(path), f"metadata sidecar {side.name}: {reason}")

    try:
        if side.stat().st_size > MAX_SIDECAR_BYTES:
            raise bad(f"too large (over {MAX_SIDECAR_BYTES // 1024} KiB)")
        raw = side.read_bytes()
        data = json.loads(raw.decode("utf-8-sig"))
    except OSError as e:
        raise bad(f"cannot read: {e.strerror or type(e).__name__}") from None
    except UnicodeDecodeError as e:
        raise bad(f"not UTF-8 (byte {e.start})") from None
    except json.JSONDecodeError as e:
        raise bad(f"not valid JSON: {e.msg} at line {e.lineno} column {e.colno}") from None
    except (RecursionError, ValueError):  # nesting deeper than the parser's stack, or a number it refuses
        raise bad("not valid JSON: nested too deeply or a value out of range") from None
    if not isinstance(data, dict):
        raise bad(f"must be a JSON object, not {type(data).__name__}")
    unknown = sorted(set(data) - set(FIELDS))
    if unknown:
        raise bad(f"unknown field {', '.join(map(repr, unknown))}; known: {', '.join(FIELDS)}")
    text = {k: _text(data, k, bad) for k in ("title", "issuer", "doc_number", "level", "region")}
    issuers = _issuers(data.get("issuers"), text["issuer"], bad)
    if text["level"] is not None and text["level"] not in LEVELS:
        raise bad(f"level {text['level']!r} is not one of {', '.join(LEVELS)}")
    return Sidecar(name=side.name, sha256=hashlib.sha256(raw).hexdigest(), date=_date(data.get("date"), bad), title=text["title"], issuers=issuers,
                   doc_number=text["doc_number"], level=text["level"], region=text["region"])  # type: ignore[arg-type]


def document_sha256(file_digest: str, sidecar_sha256: str | None) -> str:
    """The digest a document is stored under: its file's SHA-256 alone, or with a sidecar one over both
    files' digests, so that a sidecar's change alone is a change of the document."""
    if sidecar_sha256 is None:
        return file_digest
    return hashlib.sha256(DIGEST_TAG + f"{file_digest}\n{sidecar_sha256}\n".encode("ascii")).hexdigest()


def path_sha256(path: str | Path) -> str | None:
    """``document_sha256`` of the file at ``path`` and its sidecar, from their bytes without parsing them;
    None when either cannot be read (parsing it will say why)."""
    file_digest = file_sha256(Path(path))
    try:
        side = sidecar_path(path)
        has_sidecar = side.is_file()
    except OSError:  # as read_sidecar: a name at the length limit has no sidecar
        return file_digest
    if file_digest is None or not has_sidecar:
        return file_digest
    side_digest = file_sha256(side)
    return None if side_digest is None else document_sha256(file_digest, side_digest)


def file_sha256(path: Path) -> str | None:
    """SHA-256 of a file's bytes, read in 1 MiB blocks; None when it cannot be read."""
    digest = hashlib.sha256()
    try:
        with open(path, "rb") as f:
            for block in iter(lambda: f.read(1 << 20), b""):
                digest.update(block)
    except OSError:
        return None
    return digest.hexdigest()


def _text(data: dict[str, Any], key: str, bad: Any) -> str | None:
    value = data.get(key)
    if value is None:
        return None
    if not isinstance(value, str):
        raise bad(f"{key} must be a string, not {type(value).__name__}")
    return value.strip() or None


def _issuers(value: Any, issuer: str | None, bad: Any) -> tuple[str, ...]:
    if value is None:
        return (issuer,) if issuer else ()
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise bad("issuers must be a list of non-empty strings")
    issuers = tuple(v.strip() for v in value)
    if issuer and issuers and issuers[0] != issuer:
        raise bad(f"issuer {issuer!r} is not the first of issuers {list(issuers)!r}")
    return issuers


def _date(value: Any, bad: Any) -> date | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise bad(f"date must be an ISO date string (YYYY-MM-DD), not {type(value).__name__}")
    written = value.strip()
    try:
        if not _ISO_DAY.fullmatch(written):
            raise ValueError(written)
        day = date.fromisoformat(written)
    except ValueError:
        raise bad(f"date {value!r} is not an ISO date (YYYY-MM-DD)") from None
    if not DATE_YEARS[0] <= day.year <= DATE_YEARS[1]:  # later arithmetic (year ends, next year) stays in range
        raise bad(f"date {value!r} is outside {DATE_YEARS[0]}–{DATE_YEARS[1]}")
    return day


def sidecar_region(sidecar: Sidecar, path: str, context: str = "") -> Region | None:
    """The Region the sidecar names: by 12-digit code, or by a name the gazetteer knows (one place only)."""
    if not sidecar.region:
        return None
    written = sidecar.region
    if written in (NATIONAL.name, NATIONAL.code, "全国"):
        return replace(NATIONAL, rule="sidecar")
    gaz = Gazetteer.load()
    if written.isdigit():
        region = gaz.region_by_code(written.zfill(12), rule="sidecar") if len(written) <= 12 else None
    else:
        region = gaz.find(written, context, rule="sidecar")
    if region is None:
        raise IngestError(path, f"metadata sidecar {sidecar.name}: region {written!r} is no single place of the "
                                "gazetteer; give its 12-digit code")
    return region


def fill_from_sidecar(meta: Metadata, sidecar: Sidecar, path: str, text: str) -> Metadata:
    """``meta`` with each field the text left empty filled from the sidecar; provenance names it."""
    prov = dict(meta.provenance)
    filled: dict[str, Any] = {}
    for name in ("title", "doc_number", "issuers", "date"):
        value = getattr(sidecar, name)
        if value and not getattr(meta, name):
            filled[name] = value
            prov["issuer" if name == "issuers" else name] = "sidecar"
    if "title" in filled and not meta.kind and find_kind(filled["title"]):
        filled["kind"], prov["kind"] = find_kind(filled["title"]), "sidecar_title_suffix"
    if meta.region is None and sidecar.region:
        filled["region"] = sidecar_region(sidecar, path, context=" ".join((*sidecar.issuers, sidecar.title or "", text[:3000])))
        prov["region"] = "sidecar"
        if not meta.level and not sidecar.level:
            filled["level"], prov["level"] = filled["region"].level, "sidecar_region"
    if not meta.level and sidecar.level:
        filled["level"], prov["level"] = sidecar.level, "sidecar"
    if filled:
        prov["sidecar"] = sidecar.name
    return replace(meta, **filled, provenance=prov) if filled else meta
