"""A vector index changed in place when documents change, instead of built again over every unit.

Rows are renumbered as the unit table is (the kept rows in their new order, then the added ones); faiss
ids are not: an added vector takes the next id, a removed one leaves its id unused, and the index keeps
the faiss id of each row (``FaissVectors.id_of_row``). How each kind changes:

- flat: the kept vectors and the new ones copied into a fresh exact index (no training, no tuning);
- IVF: removed ids deleted from their lists, added vectors assigned to the trained lists;
- HNSW: added vectors linked into the graph; removed ones stay in it as tombstones that searches skip
  (faiss cannot unlink a node) and whose walks they still pass through.

Past ``TOMBSTONE_SHARE`` of unused ids, once more rows were added than it was built over, when the
setting picks another kind for the new size, or for a kind not listed above, the caller builds it again,
trained and tuned. Otherwise the tuned nprobe/efSearch and the recall measured at the build are kept;
``info["since_build"]`` counts what changed since. The index being searched is never touched: the change
is made on a copy, which the caller swaps in.
"""

from __future__ import annotations

import numpy as np
from policykg.search.ann import FaissVectors, _faiss
from policykg.search.exact import StackedRows

TOMBSTONE_SHARE = 0.2  # unused ids (removed rows) past which an update builds the index again


def update_vectors(current: FaissVectors, kept_rows: np.ndarray, added: np.ndarray) -> FaissVectors | None:
    """The index whose rows are ``current``'s ``kept_rows`` (in that order) then ``added``; None when it
    should be built again instead (too many removed rows, or a kind that cannot change in place)."""
    faiss = _faiss()
    kept_rows = np.asarray(kept_rows, np.int64).reshape(-1)
    added = np.ascontiguousarray(added, dtype=np.float32).reshape(-1, current.dim)
    if len(kept_rows) and (kept_rows.min() < 0 or kept_rows.max() >= len(current)):
        raise IndexError(f"kept rows outside the index's {len(current)} rows")
    if len(np.unique(kept_rows)) != len(kept_rows):
        raise ValueError("a row is kept twice")
    before = dict(current.info.get("since_build") or {"added": 0, "removed": 0})
    built_over = len(current) - before["added"] + before["removed"]
    since = {"added": before["added"] + len(added), "removed": before["removed"] + len(current) - len(kept_rows)}
    if current.kind == "flat":
        kept = current.index.reconstruct_batch(kept_rows) if len(kept_rows) else np.zeros((0, current.dim), np.float32)
        index = faiss.IndexFlatIP(current.dim)
        index.add(np.concatenate([kept, added]))
        return FaissVectors(index, {**_info(current), "since_build": since})
    if current.kind not in ("ivf", "hnsw") or current.exact is None:
        return None
    ids = kept_rows if current.id_of_row is None else current.id_of_row[kept_rows]
    first_new = len(current.exact)  # ids handed out so far; the exact rows are stored by id
    unused = first_new - len(ids)
    if unused > TOMBSTONE_SHARE * (first_new + len(added)) or since["added"] > built_over:
        return None  # many tombstones, or twice the rows its lists / graph and tuning were made for
    index = faiss.clone_index(current.index)  # searches go on over the current one meanwhile
    new_ids = np.arange(first_new, first_new + len(added), dtype=np.int64)
    if current.kind == "ivf":
        live = np.arange(len(current)) if current.id_of_row is None else current.id_of_row
        gone = np.setdiff1d(live, ids)
        if len(gone):
            index.remove_ids(faiss.IDSelectorBatch(gone))
        if len(added):
            index.add_with_ids(added, new_ids)
    else:
        if index.ntotal != first_new:
            raise ValueError(f"HNSW holds {index.ntotal} vectors, its float rows {first_new}")
        if len(added):
            index.add(added)  # takes ids first_new, first_new + 1, ...
    id_of_row = np.concatenate([ids, new_ids])
    identity = len(id_of_row) == index.ntotal and (id_of_row == np.arange(len(id_of_row))).all()
    exact = StackedRows([current.exact, added]) if len(added) else current.exact
    info = {**_info(current), "since_build": since, "unused_ids": int(unused)}
    return FaissVectors(index, info, exact, None if identity else id_of_row)


def _info(current: FaissVectors) -> dict:
    """The build's settings, tuning and recall, without what ``FaissVectors`` sets itself."""
    return {k: v for k, v in current.info.items() if k not in ("kind", "since_build", "unused_ids")}
