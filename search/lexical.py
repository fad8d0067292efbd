"""BM25 over jieba tokens: built by bm25s (its eager index: one precomputed score per term and unit), scored
here from its postings, which a loaded index reads from disk term by term.

A loaded index keeps in memory only the vocabulary and each term's posting range (``indptr``); the postings
of a query's terms (unit rows and their scores) are read with pread into short-lived arrays. A memory map,
as bm25s loads them, left every page a query had touched resident in the process: at a million units the
postings of common terms (~380 MB in all) became ~340 MB of RSS within one pass of the gold queries. The
scores are summed exactly as bm25s sums them (``np.add.at`` term after term, in query order), so the ranking
and the scores are the same.
"""

from __future__ import annotations

import io
import json
import logging
import os
import shutil
from collections.abc import Sequence
from pathlib import Path

import numpy as np
from policykg.search.exact import npy_header

logging.getLogger("bm25s").setLevel(logging.ERROR)

# bm25s's file names inside a saved index folder
DATA, INDICES, INDPTR = "data.csc.index.npy", "indices.csc.index.npy", "indptr.csc.index.npy"
VOCAB, PARAMS, NONOCCURRENCE = "vocab.index.json", "params.index.json", "nonoccurrence_array.index.npy"


class NpyVector:
    """A 1-D .npy file whose slices ``[start:end]`` are read with pread (nothing mapped, nothing kept)."""

    def __init__(self, path: Path):
        shape, _, dtype, self.offset = npy_header(path)
        if len(shape) != 1 or dtype.hasobject:
            raise ValueError(f"{Path(path).name}: not a 1-D array of plain values")
        self.dtype, self.shape = np.dtype(dtype), shape
        if os.stat(path).st_size < self.offset + shape[0] * self.dtype.itemsize:
            raise ValueError(f"{Path(path).name}: shorter than its header says")
        self._fd = os.open(path, os.O_RDONLY)

    def __len__(self) -> int:
        return int(self.shape[0])

    def __getitem__(self, part: slice) -> np.ndarray:
        start, stop, step = part.indices(len(self))
        if step != 1:
            raise ValueError("only contiguous slices are read")
        out = np.empty(max(0, stop - start), self.dtype)
        view, at = memoryview(out).cast("B"), self.offset + start * self.dtype.itemsize
        while view.nbytes:
            got = os.preadv(self._fd, [view], at)
            if got <= 0:
                raise OSError(f"short read at byte {at}")
            view, at = view[got:], at + got
        return out

    def copy_to(self, path: Path) -> None:
        """Write the whole file (header and values) to ``path``, read through the open descriptor."""
        size, at = self.offset + len(self) * self.dtype.itemsize, 0
        with open(path, "wb") as out:
            while at < size:
                chunk = os.pread(self._fd, min(1 << 24, size - at), at)
                if not chunk:
                    raise OSError(f"short read at byte {at}")
                out.write(chunk)
                at += len(chunk)

    def __del__(self):
        try:
            os.close(self._fd)
        except (AttributeError, OSError):
            pass


class BM25Index:
    """Lucene-variant BM25 over pre-tokenised units; rows follow the order they were given in."""

    def __init__(self, k1: float = 1.2, b: float = 0.75):
        self.k1, self.b = k1, b
        self._bm25 = None  # the bm25s index while this one was built here (saved through it)
        self._saved: dict[str, bytes] = {}  # loaded: the small files as read (saved again as they were)
        self._vocab: dict[str, int] = {}
        self._data: np.ndarray | NpyVector | None = None  # per posting: its precomputed BM25 score
        self._indices: np.ndarray | NpyVector | None = None  # per posting: the unit row
        self._indptr = np.zeros(1, np.int64)  # term t's postings are [indptr[t], indptr[t + 1])
        self._nonoccurrence: np.ndarray | None = None  # BM25L / BM25+ only: a term's score where absent
        self._dtype = np.dtype(np.float32)
        self.size = 0

    def build(self, token_lists: Sequence[Sequence[str]]) -> None:
        """Index the token lists (replacing what was there)."""
        import bm25s

        self.size = len(token_lists)
        self._saved, self._nonoccurrence = {}, None
        if not token_lists:
            self._bm25, self._vocab, self._data, self._indices = None, {}, None, None
            return
        self._bm25 = bm25s.BM25(k1=self.k1, b=self.b, method="lucene")
        self._bm25.index([list(t) for t in token_lists], show_progress=False)
        scores = self._bm25.scores
        self._data, self._indices, self._indptr = scores["data"], scores["indices"], scores["indptr"]
        self._vocab = _with_postings(self._bm25.vocab_dict, len(self._indptr) - 1)
        self._nonoccurrence = getattr(self._bm25, "nonoccurrence_array", None)
        self._dtype = np.dtype(self._bm25.dtype)

    def scores(self, query_tokens: Sequence[str]) -> np.ndarray:
        """BM25 score of every row for one tokenised query (zeros when nothing matches)."""
        ids = [self._vocab[t] for t in query_tokens if t in self._vocab]
        if self._data is None or self._indices is None or not ids:
            return np.zeros(self.size, dtype=np.float32)
        scores = np.zeros(self.size, dtype=self._dtype)
        # term after term in query order, repeated terms again: the sums bm25s makes, bit for bit
        for term in ids:
            start, end = int(self._indptr[term]), int(self._indptr[term + 1])
            if end > start:
                np.add.at(scores, self._indices[start:end], self._data[start:end])
        if self._nonoccurrence is not None:
            scores += self._nonoccurrence[np.asarray(ids, np.int64)].sum()
        return np.asarray(scores, dtype=np.float32)

    def top(self, query_tokens: Sequence[str], k: int, allowed: np.ndarray | None = None
            ) -> tuple[np.ndarray, np.ndarray]:
        """(ids, scores) of up to ``k`` rows with a positive score, best first, within ``allowed`` rows."""
        scores = self.scores(query_tokens)
        if allowed is not None:
            mask = np.zeros(self.size, dtype=bool)
            mask[allowed] = True
            scores = np.where(mask, scores, 0.0)
        candidates = np.flatnonzero(scores > 0)
        if len(candidates) > k:
            candidates = candidates[np.argpartition(-scores[candidates], k - 1)[:k]]
        order = candidates[np.argsort(-scores[candidates], kind="stable")]
        return order, scores[order]

    def save(self, folder: Path) -> None:
        """Write the index into ``folder`` (replaced)."""
        folder = Path(folder)
        tmp = folder.with_name(folder.name + ".tmp")
        shutil.rmtree(tmp, ignore_errors=True)
        tmp.mkdir(parents=True)
        (tmp / "size").write_text(str(self.size))
        if self._bm25 is not None:
            self._bm25.save(str(tmp), show_progress=False)
        elif self._saved:
            # loaded, never rebuilt: written again from what it holds and its open files (which outlive the
            # folder they were read from: a save replaces that folder)
            for name, raw in self._saved.items():
                (tmp / name).write_bytes(raw)
            for name, column in ((DATA, self._data), (INDICES, self._indices)):
                assert isinstance(column, NpyVector)
                column.copy_to(tmp / name)
        shutil.rmtree(folder, ignore_errors=True)
        tmp.rename(folder)

    @classmethod
    def load(cls, folder: Path) -> BM25Index:
        """Read an index written by ``save``; raises OSError/ValueError when it is missing or damaged."""
        folder = Path(folder)
        index = cls()
        index.size = int((folder / "size").read_text())
        if not index.size:
            return index
        saved = {name: (folder / name).read_bytes() for name in (PARAMS, VOCAB, INDPTR, NONOCCURRENCE)
                 if name != NONOCCURRENCE or (folder / name).exists()}
        params, vocab = json.loads(saved[PARAMS]), json.loads(saved[VOCAB].decode("utf-8"))
        if not isinstance(vocab, dict) or params.get("num_docs") != index.size:
            raise ValueError(f"BM25 at {folder}: vocabulary or unit count ({params.get('num_docs')}) unreadable")
        index.k1, index.b = float(params["k1"]), float(params["b"])
        index._dtype = np.dtype(params.get("dtype", "float32"))
        index._indptr = np.load(io.BytesIO(saved[INDPTR]), allow_pickle=False)
        index._data, index._indices = NpyVector(folder / DATA), NpyVector(folder / INDICES)
        postings = len(index._data)
        terms = len(index._indptr) - 1
        if (index._data.dtype.kind != "f" or index._indices.dtype.kind not in "iu" or index._indptr.ndim != 1
                or terms < 1 or int(index._indptr[0]) != 0 or int(index._indptr[-1]) != postings
                or len(index._indices) != postings or (len(vocab) and max(vocab.values()) > terms)):
            raise ValueError(f"BM25 at {folder}: postings, their ranges and the vocabulary disagree")
        if NONOCCURRENCE in saved:
            index._nonoccurrence = np.load(io.BytesIO(saved[NONOCCURRENCE]), allow_pickle=False)
        index._vocab, index._saved = _with_postings(vocab, terms), saved
        return index


def _with_postings(vocab: dict[str, int], terms: int) -> dict[str, int]:
    """The vocabulary's terms that have a posting range: bm25s also names the empty token, one id past the
    last range, which no query token is (the tokenizer drops blanks)."""
    return {str(t): int(i) for t, i in vocab.items() if int(i) < terms}
