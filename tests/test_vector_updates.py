"""Vector indexes changed in place (rows removed and added) answer as the same index built again would.

Vectors are random points around random centres (no documents involved), as in test_ann.py.
"""

from __future__ import annotations

import numpy as np
import pytest
from policykg.search.ann import build_vectors, rows_path
from policykg.search.exact import StackedRows, exact_top
from policykg.search.vector_updates import TOMBSTONE_SHARE, update_vectors
from policykg.search.vectors import load_vector_index, vector_kind_holds, vector_setting_matches

DIM = 32


def _clustered(n: int, seed: int = 0) -> np.ndarray:
    rng = np.random.default_rng(seed)
    c = rng.normal(size=(40, DIM))
    x = (c[rng.integers(0, 40, n)] + 1.2 * rng.normal(size=(n, DIM))).astype(np.float32)
    return x / np.linalg.norm(x, axis=1, keepdims=True)


def _widest(index):
    """Search every IVF list / a wide HNSW walk, so that results do not hang on how the index was grown."""
    if index._ivf is not None:
        index._ivf.nprobe = index._ivf.nlist
    if index._hnsw is not None:
        index._hnsw.efSearch = 512
    return index


def _queries(rows: np.ndarray, count: int = 40, seed: int = 1) -> np.ndarray:
    rng = np.random.default_rng(seed)
    q = rows[rng.choice(len(rows), count, replace=False)] + 0.3 * rng.normal(size=(count, DIM))
    return (q / np.linalg.norm(q, axis=1, keepdims=True)).astype(np.float32)


@pytest.fixture(scope="module")
def points():
    return _clustered(3_400)


@pytest.mark.parametrize("setting", ["flat", "ivf", "hnsw:16"])
def test_an_update_answers_as_a_full_rebuild_over_the_same_rows(points, setting, tmp_path):
    base, added = points[:3000], points[3000:3300]
    built = _widest(build_vectors(setting, base, DIM))
    before = built.search(points[:5], 10)
    rng = np.random.default_rng(2)
    removed = rng.choice(len(base), 200, replace=False)
    kept = np.setdiff1d(np.arange(len(base)), removed)
    updated = _widest(update_vectors(built, kept, added))
    rows = np.concatenate([base[kept], added])
    rebuilt = _widest(build_vectors(setting, rows, DIM))
    assert len(updated) == len(rows) == len(rebuilt)
    assert updated.info["since_build"] == {"added": 300, "removed": 200}
    # changed in place, not built again: HNSW keeps the removed as tombstones, IVF drops them from its lists
    assert updated.index.ntotal == {"flat": 3100, "ivf": 3100, "hnsw:16": 3300}[setting]
    queries = _queries(rows)
    truth_i = exact_top(rows, queries, 10)[1]
    for allowed in (None, np.sort(rng.choice(len(rows), 600, replace=False)),
                    np.sort(rng.choice(len(rows), 25, replace=False))):
        got_s, got_i = updated.search(queries, 10, allowed)
        want_s, want_i = rebuilt.search(queries, 10, allowed)
        assert np.array_equal(got_i, want_i) and np.allclose(got_s, want_s, atol=1e-5)
        if allowed is not None:
            assert np.isin(got_i, allowed).all()
    assert np.array_equal(updated.search(queries, 10)[1], truth_i)
    # an added vector is found at its new row
    assert updated.search(added[:3], 1)[1][:, 0].tolist() == [len(kept), len(kept) + 1, len(kept) + 2]
    # the index being searched was not touched
    assert len(built) == 3000 and np.array_equal(built.search(points[:5], 10)[1], before[1])

    # a second update over the first, then saved and read back
    again = _widest(update_vectors(updated, np.arange(50, len(rows)), points[3300:3400]))
    rows2 = np.concatenate([rows[50:], points[3300:3400]])
    assert again.info["since_build"] == {"added": 400, "removed": 250}
    again.save(tmp_path / "v.faiss")
    loaded = _widest(load_vector_index(tmp_path / "v.faiss", again.info))
    assert rows_path(tmp_path / "v.faiss").exists() == (setting != "flat")
    queries = _queries(rows2, seed=4)
    assert np.array_equal(loaded.search(queries, 10)[1], exact_top(rows2, queries, 10)[1])
    assert np.array_equal(loaded.search(queries, 10)[1], again.search(queries, 10)[1])
    assert vector_setting_matches(setting, loaded, len(rows2))  # reopened, the setting is still the build's


@pytest.mark.parametrize("setting", ["ivf", "hnsw:16"])
def test_many_removals_or_doubling_ask_for_a_rebuild(points, setting):
    base = points[:2000]
    built = build_vectors(setting, base, DIM)
    too_many = int(len(base) * TOMBSTONE_SHARE) + 50
    assert update_vectors(built, np.arange(too_many, len(base)), np.zeros((0, DIM), np.float32)) is None
    assert update_vectors(built, np.arange(len(base)), points[:2001]) is None  # more added than built over
    assert update_vectors(built, np.arange(10, len(base)), points[2000:2100]) is not None
    flat = build_vectors("flat", base, DIM)  # a flat index always changes in place
    assert len(update_vectors(flat, np.arange(1500, 2000), points[:10])) == 510
    with pytest.raises(IndexError):
        update_vectors(built, np.array([len(base)]), points[:1])
    with pytest.raises(ValueError):
        update_vectors(built, np.array([3, 3]), points[:1])


def test_auto_setting_crossing_its_size_threshold_is_built_again(points):
    flat = build_vectors("auto:2500", points[:2000], DIM)
    assert vector_kind_holds("auto:2500", flat, 2400)
    assert not vector_kind_holds("auto:2500", flat, 2600)  # HNSW from here on
    assert not vector_kind_holds("ivf", flat, 2000)


def test_stacked_rows_read_as_one_array(points, tmp_path):
    np.save(tmp_path / "a.npy", points[:10])
    from policykg.search.exact import NpyRows

    stacked = StackedRows([NpyRows(tmp_path / "a.npy"), points[10:15], points[:0]])
    assert stacked.shape == (15, DIM) and len(stacked) == 15
    assert np.array_equal(stacked[[14, 0, 9, 10]], points[[14, 0, 9, 10]])
    assert np.array_equal(stacked[:], points[:15]) and np.array_equal(stacked[3:12], points[3:12])
    with pytest.raises(IndexError):
        stacked[[15]]
