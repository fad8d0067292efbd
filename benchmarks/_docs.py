"""Load corpus documents for the extraction benchmark and tests exactly as the product reads them:
``parse_file``, the file's metadata sidecar included (``x.txt.meta.json``: the date a dataset records for a
text without a date line). A gold file's own meta.date is the annotator's and never reaches the extractors;
only its region, where the text names none, is added afterwards (the benchmark reads it back)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from policykg.ingest.model import Document, Region, RegionRef
from policykg.ingest.pipeline import parse_file

ROOT = Path(__file__).resolve().parent.parent


def region_from(meta: dict | None) -> Region | None:
    """A Region from the gold file's {name, code, level, parents: [[name, code, level]]}."""
    if not meta:
        return None
    parents = tuple(RegionRef(*p) for p in meta.get("parents", []))
    return Region(meta["name"], meta["code"], meta["level"], parents, rule="gold")


def load_document(rel_path: str, meta: dict | None = None) -> Document:
    """The Document for a corpus file (``rel_path`` relative to the repository root), as parse_file reads it."""
    doc = parse_file(ROOT / rel_path)
    if meta and doc.region is None:
        doc = replace(doc, region=region_from(meta.get("region")))
    return doc
