"""Exact inner-product search, recall against it, and float vectors read from disk row by row: what the
approximate indexes (``policykg.search.ann``) are measured against and re-rank with."""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np

EXACT_CHUNK = 65_536


def exact_top(vectors: np.ndarray, queries: np.ndarray, k: int, rows: np.ndarray | None = None
              ) -> tuple[np.ndarray, np.ndarray]:
    """(scores, ids) of the exact ``k`` best rows per query, over ``rows`` (all when None), chunk by chunk."""
    n = len(vectors) if rows is None else len(rows)
    best_s = np.full((len(queries), 0), -np.inf, np.float32)
    best_i = np.zeros((len(queries), 0), np.int64)
    for start in range(0, n, EXACT_CHUNK):
        ids = np.arange(start, min(n, start + EXACT_CHUNK)) if rows is None else rows[start:start + EXACT_CHUNK]
        block = vectors[ids] if rows is not None else vectors[start:start + len(ids)]
        scores = queries @ np.asarray(block, np.float32).T
        best_s = np.concatenate([best_s, scores], axis=1)
        best_i = np.concatenate([best_i, np.broadcast_to(np.asarray(ids, np.int64), scores.shape)], axis=1)
        if best_s.shape[1] > k:
            keep = np.argpartition(-best_s, k - 1, axis=1)[:, :k]
            best_s, best_i = np.take_along_axis(best_s, keep, 1), np.take_along_axis(best_i, keep, 1)
    order = np.argsort(-best_s, axis=1, kind="stable")
    return np.take_along_axis(best_s, order, 1), np.take_along_axis(best_i, order, 1)


def recall_against_exact(found: np.ndarray, truth_scores: np.ndarray, found_true_scores: np.ndarray,
                         k: int = 10) -> float:
    """Share of the approximate top-k whose exact score reaches the exact k-th score (ties count as hits)."""
    kth = truth_scores[:, k - 1:k]
    hits = (found[:, :k] >= 0) & (found_true_scores[:, :k] >= kth - 1e-5)
    return float(hits.sum() / (len(found) * k)) if len(found) else 1.0


def npy_header(path: Path) -> tuple[tuple[int, ...], bool, np.dtype, int]:
    """Shape, Fortran order, dtype and the data's byte offset of a .npy file, read from its header only."""
    with open(path, "rb") as fh:
        version = np.lib.format.read_magic(fh)
        read_header = (np.lib.format.read_array_header_1_0 if version == (1, 0)
                       else np.lib.format.read_array_header_2_0)
        shape, fortran, dtype = read_header(fh)
        return shape, fortran, dtype, fh.tell()


class NpyRows:
    """Rows of a 2-D float32 .npy file read with pread: the page cache keeps them, this process maps
    nothing (a memory map's fault-around made every page of a 1.5 GB file resident after ~50 queries)."""

    def __init__(self, path: Path):
        shape, fortran, dtype, self.offset = npy_header(path)
        if len(shape) != 2 or fortran or dtype != np.float32:
            raise ValueError(f"{Path(path).name}: not a 2-D C-order float32 array")
        self.shape, self.row_bytes = shape, shape[1] * 4
        self._fd = os.open(path, os.O_RDONLY)

    def __len__(self) -> int:
        return int(self.shape[0])

    def __getitem__(self, rows) -> np.ndarray:
        if isinstance(rows, slice):
            start, stop, _ = rows.indices(len(self))
            data = os.pread(self._fd, max(0, stop - start) * self.row_bytes, self.offset + start * self.row_bytes)
            return np.frombuffer(data, np.float32).reshape(-1, self.shape[1])
        rows = np.asarray(rows, np.int64).reshape(-1)
        out = np.empty((len(rows), self.shape[1]), np.float32)
        view = memoryview(out).cast("B")
        for i, row in enumerate(rows.tolist()):
            if not 0 <= row < self.shape[0]:
                raise IndexError(f"row {row} out of range")
            view[i * self.row_bytes:(i + 1) * self.row_bytes] = os.pread(self._fd, self.row_bytes,
                                                                         self.offset + row * self.row_bytes)
        return out

    def __del__(self):
        try:
            os.close(self._fd)
        except (AttributeError, OSError):
            pass


class StackedRows:
    """Row blocks (arrays or ``NpyRows``) read as one: the float vectors of an index grown by updates,
    the saved rows left on disk and the added ones held until the next save."""

    def __init__(self, parts: list):
        self.parts = [p for p in parts if len(p)]
        self.starts = np.cumsum([0] + [len(p) for p in self.parts])
        dim = self.parts[0].shape[1] if self.parts else 0
        self.shape = (int(self.starts[-1]), int(dim))

    def __len__(self) -> int:
        return self.shape[0]

    def __getitem__(self, rows) -> np.ndarray:
        if isinstance(rows, slice):
            rows = np.arange(*rows.indices(len(self)))
        rows = np.asarray(rows, np.int64).reshape(-1)
        if len(rows) and not (0 <= rows.min() and rows.max() < len(self)):
            raise IndexError(f"rows outside 0..{len(self) - 1}")
        out = np.empty((len(rows), self.shape[1]), np.float32)
        part = np.searchsorted(self.starts, rows, side="right") - 1
        for p in np.unique(part).tolist():
            at = np.flatnonzero(part == p)
            local = rows[at] - self.starts[p]
            block = self.parts[p]
            if isinstance(block, NpyRows) and len(local) == len(block) and (local == np.arange(len(block))).all():
                out[at] = block[:]  # the whole saved block at once (a save), not row by row
            else:
                out[at] = np.asarray(block[local], np.float32)
        return out
