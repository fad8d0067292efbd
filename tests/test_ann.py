"""Vector indexes: the size-chosen approximate index, its recall against exact search, filters, persistence.

Vectors here are random points around random centres (no documents involved): what matters is the
geometry an encoder produces, clusters with spread, not any text.
"""

from __future__ import annotations

import numpy as np
import pytest
from policykg.search.ann import AUTO_FLAT_BELOW, FaissVectors, VectorSetting, build_vectors, probe_texts
from policykg.search.exact import NpyRows, exact_top
from policykg.search.vectors import EmbeddingCache, load_vector_index, vector_setting_matches


def _clustered(n: int, dim: int = 48, centres: int = 60, spread: float = 1.2, seed: int = 0) -> np.ndarray:
    rng = np.random.default_rng(seed)
    c = rng.normal(size=(centres, dim))
    x = (c[rng.integers(0, centres, n)] + spread * rng.normal(size=(n, dim))).astype(np.float32)
    return x / np.linalg.norm(x, axis=1, keepdims=True)


@pytest.fixture(scope="module")
def points():
    return _clustered(12_000)


def test_settings_parse_and_auto_picks_by_size():
    assert VectorSetting.parse("auto").factory(AUTO_FLAT_BELOW - 1, 384) == "Flat"
    assert VectorSetting.parse("auto").factory(1_000_000, 384) == "HNSW16,SQ8"
    assert VectorSetting.parse("auto:100").factory(10_000, 384) == "HNSW16,SQ8"
    assert VectorSetting.parse("ivf").factory(1_000_000, 384) == "IVF1000,SQ8"
    assert VectorSetting.parse("ivf:64").factory(10_000, 384) == "IVF64,SQ8"
    assert VectorSetting.parse("ivf").factory(100, 384) == "IVF2,SQ8"  # too few points for many lists
    assert VectorSetting.parse("hnsw").factory(10, 384) == "HNSW16,SQ8"
    assert VectorSetting.parse("faiss:IVF8,PQ4").factory(10, 384) == "IVF8,PQ4"
    assert VectorSetting.parse("ivf").factory(0, 384) == "Flat"
    for bad in ("annoy", "flat:3", "ivf:x", "faiss:", "hnsw:-2"):
        with pytest.raises(ValueError, match="vector index"):
            VectorSetting.parse(bad)


@pytest.mark.parametrize("setting", ["ivf", "hnsw:16"])
def test_approximate_index_reaches_the_recall_target_against_exact(points, setting):
    index = build_vectors(setting, points, points.shape[1])
    assert index.kind == setting.split(":")[0]
    assert index.info["recall@10"] >= 0.95 and index.info["recall_sample"] == 200
    # measured again on held-out queries (perturbed points), not the ones the tuning saw
    rng = np.random.default_rng(7)
    queries = points[rng.choice(len(points), 100, replace=False)] + 0.05 * rng.normal(size=(100, points.shape[1]))
    queries = (queries / np.linalg.norm(queries, axis=1, keepdims=True)).astype(np.float32)
    truth_s, _ = exact_top(points, queries, 10)
    _, ids = index.search(queries, 10)
    true = np.einsum("qd,qkd->qk", queries, points[ids])
    assert (true >= truth_s[:, 9:10] - 1e-5).mean() >= 0.93


@pytest.mark.parametrize("setting", ["flat", "ivf", "hnsw:16"])
def test_selective_filters_still_fill_k_and_stay_inside_the_allowed_rows(points, setting):
    index = build_vectors(setting, points, points.shape[1])
    rng = np.random.default_rng(3)
    queries = points[:8]
    for size in (5, 37, 400, 6000):
        allowed = np.sort(rng.choice(len(points), size, replace=False))
        _, ids = index.search(queries, 20, allowed)
        want = min(20, size)
        assert (ids[:, :want] >= 0).all() and np.isin(ids[:, :want], allowed).all()
        assert (ids[:, want:] < 0).all()
        if size <= 400:  # small sets are scanned exactly
            _, exact = exact_top(points, queries, want, allowed)
            overlap = np.mean([len(set(a) & set(b)) / want for a, b in zip(ids[:, :want], exact)])
            assert overlap >= 0.9
    assert (index.search(queries, 5, np.array([], np.int64))[1] < 0).all()


def test_candidates_are_reranked_with_the_exact_vectors_kept_on_disk(points, tmp_path):
    index = build_vectors("ivf", points, points.shape[1])
    index._ivf.nprobe = index._ivf.nlist  # every list: only the 8-bit codes stand between it and exact
    queries = points[:50]
    exact_s, exact_i = exact_top(points, queries, 10)
    scores, ids = index.search(queries, 10)
    assert np.array_equal(ids, exact_i) and np.allclose(scores, exact_s, atol=1e-5)
    codes_only = FaissVectors(index.index, dict(index.info))
    assert not np.array_equal(codes_only.search(queries, 10)[1], exact_i)  # what re-ranking repairs
    index.save(tmp_path / "v.faiss")
    again = load_vector_index(tmp_path / "v.faiss", index.info)
    assert isinstance(again.exact, NpyRows) and np.array_equal(again.search(queries, 10)[1], exact_i)
    assert np.array_equal(again.exact[[5, 0, 5]], points[[5, 0, 5]]) and np.array_equal(again.exact[2:4], points[2:4])
    allowed = np.arange(0, len(points), 97)  # the exact fallback reads the kept rows from disk too
    assert np.isin(again._exact_subset(queries[:2], 10, allowed)[1], allowed).all()


def test_tuning_on_query_probes_reports_them(points):
    rng = np.random.default_rng(5)
    probes = points[rng.choice(len(points), 50, replace=False)] + 0.3 * rng.normal(size=(50, points.shape[1]))
    probes = (probes / np.linalg.norm(probes, axis=1, keepdims=True)).astype(np.float32)
    index = build_vectors("ivf", points, points.shape[1], probes=probes)
    assert index.info["recall_probes"] == "query-like snippets" and index.info["recall@10"] >= 0.97
    assert probe_texts(["  消防 车通道畅通  ", "短"] * 3, count=4) and all(
        1 <= len(t) <= 20 for t in probe_texts(["一二三四五六七八九十" * 5], count=1))


def test_saved_index_keeps_its_tuning_and_answers(points, tmp_path):
    index = build_vectors("ivf", points, points.shape[1])
    index.save(tmp_path / "v.faiss")
    again = load_vector_index(tmp_path / "v.faiss", index.info)
    assert isinstance(again, FaissVectors) and again._ivf.nprobe == index._ivf.nprobe
    assert np.array_equal(again.search(points[:4], 10)[1], index.search(points[:4], 10)[1])
    assert vector_setting_matches("ivf", again, len(points))
    assert not vector_setting_matches("flat", again, len(points))
    assert not vector_setting_matches("ivf:7", again, len(points))


def test_empty_and_tiny_indexes(points):
    empty = build_vectors("ivf", np.zeros((0, 8), np.float32), 8)
    assert len(empty) == 0 and (empty.search(np.ones((2, 8), np.float32), 5)[1] < 0).all()
    tiny = build_vectors("ivf", points[:30], points.shape[1])
    assert tiny.search(points[:1], 50)[1].shape == (1, 30)


def test_embedding_cache_encodes_only_new_text_and_survives_reopening(tmp_path):
    calls: list[list[str]] = []

    def encode(texts):
        calls.append(list(texts))
        return np.stack([np.full(4, len(t), np.float32) for t in texts])

    cache = EmbeddingCache(tmp_path, "enc", 4)
    first = cache.lookup_or_encode(["a", "bb", "a"], encode)
    assert calls == [["a", "bb"]] and first[:, 0].tolist() == [1, 2, 1]
    cache.save()
    again = EmbeddingCache(tmp_path, "enc", 4)
    second = again.lookup_or_encode(["bb", "ccc"], encode)
    assert calls[-1] == ["ccc"] and second[:, 0].tolist() == [2, 3] and len(again) == 3
    assert len(EmbeddingCache(tmp_path, "enc", 5)) == 0  # another width: nothing reused


@pytest.mark.parametrize("setting", ["ivf", "hnsw:16"])
def test_deep_candidate_lists_stay_close_to_exact(points, setting):
    # fusion takes 200 dense candidates: the tail of the list matters, not only the first ten
    index = build_vectors(setting, points, points.shape[1])
    queries = points[100:130]
    _, exact = exact_top(points, queries, 200)
    _, ids = index.search(queries, 200)
    assert np.mean([len(set(a) & set(b)) / 200 for a, b in zip(ids, exact)]) >= 0.95
