"""Load corpus documents for the extraction benchmark and tests: the ingest pipeline when it is there,
else a plain Document from the file text with the date and region the gold file records."""

from __future__ import annotations

import hashlib
from datetime import date
from pathlib import Path

from policykg.ingest.model import Document, Region, RegionRef

ROOT = Path(__file__).resolve().parent.parent


def region_from(meta: dict | None) -> Region | None:
    """A Region from the gold file's {name, code, level, parents: [[name, code, level]]}."""
    if not meta:
        return None
    parents = tuple(RegionRef(*p) for p in meta.get("parents", []))
    return Region(meta["name"], meta["code"], meta["level"], parents, rule="gold")


def load_document(rel_path: str, meta: dict | None = None) -> Document:
    """The Document for a corpus file (``rel_path`` relative to the repository root)."""
    path = ROOT / rel_path
    try:
        from policykg.ingest.pipeline import parse_file
    except ImportError:
        parse_file = None
    if parse_file is not None:
        doc = parse_file(path)
        if meta and doc.region is None:
            from dataclasses import replace

            doc = replace(doc, region=region_from(meta.get("region")))
        return doc
    data = path.read_bytes()
    meta = meta or {}
    d = meta.get("date")
    return Document(source=path.name, path=str(path), sha256=hashlib.sha256(data).hexdigest(), encoding="utf-8",
                    text=data.decode("utf-8"), date=date.fromisoformat(d) if d else None,
                    region=region_from(meta.get("region")))
