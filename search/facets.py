"""What filters need about every unit, as compact columns: a million units cost a few tens of MB here,
while the units themselves stay on disk (``policykg.search.unitstore``).

Document facts (level, date, region chain) are held once per distinct document record and reached
through one int32 per unit; a unit's kind (obligation, passage ...) is a small code per unit into the table
of kinds; agencies and site types are (row, value id) pairs over their distinct strings. Filters answer
exactly as ``policykg.search.query.allowed_rows`` does over unit objects, and raise the same
``SearchInputError``s. ``FACETS_VERSION`` names the saved layout; an older one is migrated on opening.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from policykg.ingest.model import LEVELS
from policykg.search.query import Filters, SearchInputError, _known, _parse_date, _region_key, _variants
from policykg.search.units import Unit

# 1 (files without "version"): no kind column, kinds were read from the units; 2: the kind column
FACETS_VERSION = 2


class FacetsOutdated(ValueError):
    """The columns were saved by an older version and lack one (``FACETS_VERSION``); ``UnitFacets.load`` with
    the kind of every row migrates them."""


@dataclass(frozen=True)
class DocFacts:
    """The document facts a unit carries (one record per distinct combination)."""

    doc_iri: str
    level: str
    date: str
    region: str
    region_code: str
    regions: tuple[str, ...]
    region_codes: tuple[str, ...]

    @classmethod
    def of(cls, unit: Unit) -> DocFacts:
        """The facts of ``unit``'s document as the unit states them."""
        return cls(unit.doc_iri, unit.level, unit.date, unit.region, unit.region_code, tuple(unit.regions),
                   tuple(unit.region_codes))


class _Values:
    """Distinct strings and (row, value id) pairs: which rows carry which value."""

    def __init__(self, values: list[str], rows: np.ndarray, ids: np.ndarray):
        self.values, self.rows, self.ids = values, rows, ids

    def rows_matching(self, n: int, match) -> np.ndarray:
        """Bool per row: carries at least one value for which ``match(value)`` holds."""
        wanted = np.fromiter((bool(match(v)) for v in self.values), bool, len(self.values))
        out = np.zeros(n, dtype=bool)
        out[self.rows[wanted[self.ids]]] = True
        return out


class UnitFacets:
    """Filter columns over all rows of a unit table."""

    def __init__(self, docs: list[DocFacts], doc_of: np.ndarray, agencies: _Values, site_types: _Values,
                 kinds: list[str], kind_of: np.ndarray):
        self.docs, self.doc_of = docs, doc_of
        self.agencies, self.site_types = agencies, site_types
        self.kinds, self.kind_of = kinds, kind_of  # the kind of row r is kinds[kind_of[r]]

    def __len__(self) -> int:
        return len(self.doc_of)

    def _by_doc(self, test) -> np.ndarray:
        per_doc = np.fromiter((bool(test(d)) for d in self.docs), bool, len(self.docs))
        return per_doc[self.doc_of] if len(self.docs) else np.zeros(len(self), bool)

    def kind_mask(self, kind: str) -> np.ndarray:
        """Per row: is the unit of ``kind``? (no row for a kind the table lacks)"""
        if kind not in self.kinds:
            return np.zeros(len(self), bool)
        return self.kind_of == self.kinds.index(kind)

    def region_mask(self, region: str) -> np.ndarray:
        """Per row: does it lie in ``region`` or a sub-region? Raises when no row does."""
        wanted = region.strip()
        key = _region_key(wanted)
        hits = self._by_doc(lambda d: wanted in d.region_codes or wanted in d.regions
                            or any(_region_key(n) == key for n in d.regions))
        if not hits.any():
            raise SearchInputError("region", f"unknown region {region!r}; known: "
                                             f"{_known({n for d in self.docs for n in d.regions})}")
        return hits

    def outside(self, doc_iri: str, region: str) -> np.ndarray:
        """Per row: from another document and, when ``region`` is given, another region (similar_units)."""
        return self._by_doc(lambda d: d.doc_iri != doc_iri and (not region or region not in (d.region_code, d.region)))

    def allowed(self, filters: Filters) -> np.ndarray | None:
        """Row ids that pass ``filters`` (None when unfiltered); unknown filter values raise."""
        if filters.is_empty():
            return None
        n = len(self)
        keep = np.ones(n, dtype=bool)
        if filters.level:
            if filters.level not in LEVELS:
                raise SearchInputError("level", f"unknown level {filters.level!r}; use one of {', '.join(LEVELS)}")
            keep &= self._by_doc(lambda d: d.level == filters.level)
        if filters.region:
            keep &= self.region_mask(filters.region)
        if filters.agency:
            name = filters.agency.strip()
            variants = _variants(name, "agencies.tsv")
            hits = self.agencies.rows_matching(n, lambda a: any(v in a or a == name for v in variants))
            if not hits.any():
                raise SearchInputError("agency", f"unknown agency {name!r}; known: {_known(set(self.agencies.values))}")
            keep &= hits
        if filters.site_type:
            name = filters.site_type.strip()
            variants = _variants(name, "site_types.tsv")
            hits = self.site_types.rows_matching(n, lambda s: any(v == s or v in s for v in variants))
            if not hits.any():
                raise SearchInputError("site_type", f"unknown site type {name!r}; known: "
                                                    f"{_known(set(self.site_types.values))}")
            keep &= hits
        start, end = _parse_date("date_from", filters.date_from), _parse_date("date_to", filters.date_to)
        if start and end and start > end:
            raise SearchInputError("date_from", f"date_from {start} is after date_to {end}")
        if start:
            keep &= self._by_doc(lambda d: bool(d.date) and d.date >= start)
        if end:
            keep &= self._by_doc(lambda d: bool(d.date) and d.date <= end)
        return np.flatnonzero(keep)

    # ---- persistence ----------------------------------------------------------------------------
    def save(self, folder: Path) -> None:
        """Write ``facets.npz`` and ``facets.json`` into ``folder``, each replacing its old copy whole; the json,
        which holds the version, last (a reader that sees the new json finds the new arrays)."""
        folder = Path(folder)
        arrays = folder / "facets.npz.new"
        with open(arrays, "wb") as fh:
            np.savez(fh, doc_of=self.doc_of, agency_rows=self.agencies.rows, agency_ids=self.agencies.ids,
                     site_rows=self.site_types.rows, site_ids=self.site_types.ids, kind_of=self.kind_of)
        os.replace(arrays, folder / "facets.npz")
        text = json.dumps({"version": FACETS_VERSION,
                           "docs": [[d.doc_iri, d.level, d.date, d.region, d.region_code, d.regions, d.region_codes]
                                    for d in self.docs],
                           "agencies": self.agencies.values, "site_types": self.site_types.values,
                           "kinds": self.kinds}, ensure_ascii=False)
        (folder / "facets.json.new").write_text(text, encoding="utf-8")
        os.replace(folder / "facets.json.new", folder / "facets.json")

    @classmethod
    def load(cls, folder: Path, kinds_of_rows: Sequence[str] | None = None) -> UnitFacets:
        """Read what ``save`` wrote; raises OSError / ValueError / KeyError when it is damaged, FacetsOutdated
        when an older version wrote it and ``kinds_of_rows`` (the kind of every row) is not given to migrate."""
        folder = Path(folder)
        meta = json.loads((folder / "facets.json").read_text(encoding="utf-8"))
        version = meta.get("version", 1)
        if not isinstance(version, int) or not 1 <= version <= FACETS_VERSION:
            raise ValueError(f"facets: version {version!r}, this version reads 1 to {FACETS_VERSION}")
        docs = [DocFacts(i, lv, dt, r, rc, tuple(rs), tuple(rcs)) for i, lv, dt, r, rc, rs, rcs in meta["docs"]]
        with np.load(folder / "facets.npz", allow_pickle=False) as data:
            arrays = {k: data[k] for k in data.files}
        if version < 2:
            if kinds_of_rows is None:
                raise FacetsOutdated(f"facets: version {version} has no kind column")
            if len(kinds_of_rows) != len(arrays["doc_of"]):
                raise ValueError(f"facets: {len(kinds_of_rows)} kinds for {len(arrays['doc_of'])} rows")
            kinds, arrays["kind_of"] = _codes(kinds_of_rows)
        else:
            kinds = meta["kinds"]
        facets = cls(docs, arrays["doc_of"], _Values(meta["agencies"], arrays["agency_rows"], arrays["agency_ids"]),
                     _Values(meta["site_types"], arrays["site_rows"], arrays["site_ids"]), kinds, arrays["kind_of"])
        if len(docs) and int(facets.doc_of.max(initial=0)) >= len(docs):
            raise ValueError("facets: a row points past the document table")
        kind_of = facets.kind_of
        if kind_of.dtype.kind not in "iu" or len(kind_of) != len(facets) or int(kind_of.min(initial=0)) < 0 \
                or int(kind_of.max(initial=0)) >= max(len(kinds), 1):
            raise ValueError("facets: the kind column does not match the rows or the kind table")
        return facets


def _codes(values: Sequence[str]) -> tuple[list[str], np.ndarray]:
    """(distinct values in order of first sight, the code of each value): a column of a few distinct strings."""
    ids: dict[str, int] = {}
    codes = [ids.setdefault(v, len(ids)) for v in values]
    return list(ids), _code_array(codes, len(ids))


def _code_array(codes: list[int], distinct: int) -> np.ndarray:
    return np.asarray(codes, np.uint8 if distinct <= 256 else np.int32)


class FacetBuilder:
    """Collects facet columns row by row while a unit table is written."""

    def __init__(self):
        self._doc_id: dict[DocFacts, int] = {}
        self._doc_of: list[int] = []
        self._kind_id: dict[str, int] = {}
        self._kind_of: list[int] = []
        self._values: dict[str, tuple[dict[str, int], list[int], list[int]]] = {
            "agencies": ({}, [], []), "site_types": ({}, [], [])}

    def add(self, unit: Unit) -> None:
        """Record the next row's facets."""
        row = len(self._doc_of)
        self._doc_of.append(self._doc_id.setdefault(DocFacts.of(unit), len(self._doc_id)))
        self._kind_of.append(self._kind_id.setdefault(unit.kind, len(self._kind_id)))
        for name, values in (("agencies", unit.agencies), ("site_types", unit.site_types)):
            ids, rows, vids = self._values[name]
            for v in dict.fromkeys(values):
                rows.append(row)
                vids.append(ids.setdefault(v, len(ids)))

    def finish(self) -> UnitFacets:
        """The collected columns."""
        def values(name: str) -> _Values:
            ids, rows, vids = self._values[name]
            return _Values(list(ids), np.asarray(rows, np.int32), np.asarray(vids, np.int32))

        return UnitFacets(list(self._doc_id), np.asarray(self._doc_of, np.int32), values("agencies"),
                          values("site_types"), list(self._kind_id),
                          _code_array(self._kind_of, len(self._kind_id)))


def facets_of(units: Iterable[Unit]) -> UnitFacets:
    """Facet columns of ``units`` in order (tests and small tools)."""
    builder = FacetBuilder()
    for unit in units:
        builder.add(unit)
    return builder.finish()

