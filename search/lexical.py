"""BM25 over jieba tokens, through bm25s."""

from __future__ import annotations

import logging
import shutil
from collections.abc import Sequence
from pathlib import Path

import numpy as np

logging.getLogger("bm25s").setLevel(logging.ERROR)


class BM25Index:
    """Lucene-variant BM25 over pre-tokenised units; rows follow the order they were given in."""

    def __init__(self, k1: float = 1.2, b: float = 0.75):
        self.k1, self.b = k1, b
        self._bm25 = None
        self._vocab: dict[str, int] = {}
        self.size = 0

    def build(self, token_lists: Sequence[Sequence[str]]) -> None:
        """Index the token lists (replacing what was there)."""
        import bm25s

        self.size = len(token_lists)
        if not token_lists:
            self._bm25, self._vocab = None, {}
            return
        self._bm25 = bm25s.BM25(k1=self.k1, b=self.b, method="lucene")
        self._bm25.index([list(t) for t in token_lists], show_progress=False)
        self._vocab = self._bm25.vocab_dict

    def scores(self, query_tokens: Sequence[str]) -> np.ndarray:
        """BM25 score of every row for one tokenised query (zeros when nothing matches)."""
        known = [t for t in query_tokens if t in self._vocab]
        if self._bm25 is None or not known:
            return np.zeros(self.size, dtype=np.float32)
        return np.asarray(self._bm25.get_scores(known), dtype=np.float32)

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
        shutil.rmtree(folder, ignore_errors=True)
        tmp.rename(folder)

    @classmethod
    def load(cls, folder: Path) -> BM25Index:
        """Read an index written by ``save``; raises OSError/ValueError when it is missing or damaged."""
        import bm25s

        folder = Path(folder)
        index = cls()
        index.size = int((folder / "size").read_text())
        if index.size:
            # postings stay on disk, paged in for the query terms (a million units' postings are ~0.5 GB)
            index._bm25 = bm25s.BM25.load(str(folder), show_progress=False, verbosity=0, mmap=True)
            index._vocab = index._bm25.vocab_dict
            index.k1, index.b = index._bm25.k1, index._bm25.b
        return index
