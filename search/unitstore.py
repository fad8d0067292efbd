"""Units off the heap: unit records in a JSON-lines file, one row read (pread) and decoded only when a hit
needs it; filter columns (``policykg.search.facets``) and an IRI hash index beside them.

Files in the table's folder:

- ``units.jsonl``: one unit per line (``Unit.to_json``), in row order;
- ``units.offsets.npy``: int64 byte offset of every line, plus the file's length (n + 1 values);
- ``tokens.jsonl``: each unit's tokens, one JSON list per line, read only when the index is rebuilt;
- ``iris.npz``: sorted 64-bit hashes of the unit IRIs and their rows (IRI -> row without a dict);
- ``facets.npz`` / ``facets.json``: filter columns; columns saved before the kind column are given it from
  ``units.jsonl`` on opening and saved again (``policykg.search.facets.FACETS_VERSION``).

A million units cost ~40 MB of memory this way (the columns and offsets); the texts stay in the page
cache, which the kernel may drop, instead of the Python heap. Rows are read with pread rather than a
memory map, whose fault-around would make most of the file resident after a few hundred queries.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import overload

import numpy as np
from policykg.search.facets import FacetBuilder, FacetsOutdated, UnitFacets
from policykg.search.units import Unit

log = logging.getLogger(__name__)

FILES = ("units.jsonl", "units.offsets.npy", "tokens.jsonl", "iris.npz", "facets.npz", "facets.json")


class UnitTableCorrupt(ValueError):
    """The table's files disagree with each other or cannot be read."""


def iri_hash(iri: str) -> int:
    """64-bit hash of an IRI (the IRI index's key)."""
    return int.from_bytes(hashlib.blake2b(iri.encode(), digest_size=8).digest(), "little")


def _migrated_facets(folder: Path) -> UnitFacets:
    """Facets saved before the kind column, given it from the units (one read of units.jsonl) and saved again
    where the folder allows (otherwise migrated again at the next opening)."""
    with open(folder / "units.jsonl", "rb") as fh:
        kinds = [json.loads(line)["kind"] for line in fh]
    facets = UnitFacets.load(folder, kinds)
    try:
        facets.save(folder)
        log.info("unit table at %s: facets given their kind column (%d rows)", folder, len(facets))
    except OSError as exc:
        log.warning("unit table at %s: facets migrated in memory only, not saved (%s)", folder, exc)
    return facets


class UnitTable(Sequence[Unit]):
    """Read-only rows of units on disk; ``table[row]`` decodes one unit, ``len`` and facets cost nothing."""

    def __init__(self, folder: Path, offsets: np.ndarray, fd: int | None, facets: UnitFacets,
                 hashes: np.ndarray, hash_rows: np.ndarray):
        self.folder = Path(folder)
        self._offsets, self._fd = offsets, fd
        self.facets = facets
        self._hashes, self._hash_rows = hashes, hash_rows

    # ---- writing and opening --------------------------------------------------------------------
    @classmethod
    def write(cls, folder: Path, rows: Iterable[tuple[Unit, Sequence[str]]]) -> UnitTable:
        """Write units and their tokens into ``folder`` (created; existing table files replaced)."""
        folder = Path(folder)
        folder.mkdir(parents=True, exist_ok=True)
        offsets, hashes, facets = [0], [], FacetBuilder()
        with open(folder / "units.jsonl", "wb") as units_fh, open(folder / "tokens.jsonl", "wb") as tokens_fh:
            for unit, tokens in rows:
                line = json.dumps(unit.to_json(), ensure_ascii=False).encode() + b"\n"
                units_fh.write(line)
                offsets.append(offsets[-1] + len(line))
                tokens_fh.write(json.dumps(list(tokens), ensure_ascii=False).encode() + b"\n")
                hashes.append(iri_hash(unit.iri))
                facets.add(unit)
        np.save(folder / "units.offsets.npy", np.asarray(offsets, np.int64))
        keys = np.asarray(hashes, np.uint64)
        order = np.argsort(keys, kind="stable")
        np.savez(folder / "iris.npz", hashes=keys[order], rows=order.astype(np.int64))
        facets.finish().save(folder)
        return cls.open(folder)

    @classmethod
    def open(cls, folder: Path) -> UnitTable:
        """Open a table written by ``write``; raises UnitTableCorrupt when its files disagree."""
        folder = Path(folder)
        try:
            offsets = np.load(folder / "units.offsets.npy", allow_pickle=False)
            size = (folder / "units.jsonl").stat().st_size
            n = len(offsets) - 1
            if offsets.ndim != 1 or n < 0 or offsets[0] != 0 or offsets[-1] != size or (
                    n and not bool(np.all(np.diff(offsets) > 0))):
                raise UnitTableCorrupt(f"units.jsonl ({size} bytes) does not match its offsets")
            fd = os.open(folder / "units.jsonl", os.O_RDONLY) if size else None
            with np.load(folder / "iris.npz", allow_pickle=False) as iris:
                hashes, hash_rows = iris["hashes"], iris["rows"]
            try:
                facets = UnitFacets.load(folder)
            except FacetsOutdated:
                facets = _migrated_facets(folder)
            if not (len(hashes) == len(hash_rows) == len(facets) == n):
                raise UnitTableCorrupt(f"{n} units, {len(hashes)} IRIs, {len(facets)} facet rows")
            if not (folder / "tokens.jsonl").exists():
                raise UnitTableCorrupt("tokens.jsonl is missing")
            table = cls(folder, offsets, fd, facets, hashes, hash_rows)
            if n:
                table[0], table[n - 1]  # the first and last lines must decode
            return table
        except UnitTableCorrupt:
            raise
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise UnitTableCorrupt(f"{type(exc).__name__}: {exc}") from exc

    # ---- reading --------------------------------------------------------------------------------
    def __len__(self) -> int:
        return len(self._offsets) - 1

    @overload
    def __getitem__(self, row: int) -> Unit: ...

    @overload
    def __getitem__(self, row: slice) -> list[Unit]: ...

    def __getitem__(self, row):
        """The unit at ``row`` (decoded from disk), or a list for a slice."""
        if isinstance(row, slice):
            return [self[i] for i in range(*row.indices(len(self)))]
        n = len(self)
        row = int(row)
        if row < 0:
            row += n
        if not 0 <= row < n:
            raise IndexError(f"unit row {row} out of range (0..{n - 1})")
        assert self._fd is not None
        start, end = int(self._offsets[row]), int(self._offsets[row + 1])
        return Unit.from_json(json.loads(os.pread(self._fd, end - start, start)))

    def __iter__(self) -> Iterator[Unit]:
        for row in range(len(self)):
            yield self[row]

    def row_of(self, iri: str) -> int | None:
        """The row of the unit with this IRI, or None."""
        key = np.uint64(iri_hash(iri))
        lo, hi = np.searchsorted(self._hashes, key, "left"), np.searchsorted(self._hashes, key, "right")
        for row in self._hash_rows[lo:hi]:
            if self[int(row)].iri == iri:
                return int(row)
        return None

    def tokens(self) -> Iterator[list[str]]:
        """Every row's tokens, in row order (one sequential read)."""
        count = 0
        with open(self.folder / "tokens.jsonl", encoding="utf-8") as fh:
            for line in fh:
                count += 1
                yield json.loads(line)
        if count != len(self):
            raise UnitTableCorrupt(f"tokens.jsonl has {count} rows, the table {len(self)}")

    def __del__(self):
        if getattr(self, "_fd", None) is not None:
            os.close(self._fd)

    def files(self) -> list[Path]:
        """The table's files (to move it into a saved index)."""
        return [self.folder / name for name in FILES]
