"""`similar` from an obligation IRI is a symmetric "same measure" search: its text encoded as a passage (as the
units are), compared with the obligations of other regions only; free text stays a query (hybrid, every unit)."""

from __future__ import annotations

import json
import shutil

import numpy as np
import pytest
from policykg.graph.kg import KnowledgeGraph
from policykg.ingest.pipeline import parse_file
from policykg.search.facets import FACETS_VERSION, FacetsOutdated, UnitFacets
from policykg.search.fusion import make_fusion
from policykg.search.index import SearchIndex
from policykg.search.results import _region_group, same_measure_hits, similar_units
from policykg.search.unitstore import UnitTable, UnitTableCorrupt
from test_search import CORPUS, DOCS


class _Spy:
    """The index's encoder, with a record of which side each text was encoded on."""

    def __init__(self, inner):
        self.inner, self.name, self.dim = inner, inner.name, inner.dim
        self.calls: list[tuple[str, list[str]]] = []

    def encode_passages(self, texts):
        self.calls.append(("passage", list(texts)))
        return self.inner.encode_passages(texts)

    def encode_queries(self, texts):
        self.calls.append(("query", list(texts)))
        return self.inner.encode_queries(texts)


@pytest.fixture(scope="module")
def index(tmp_path_factory):
    kg = KnowledgeGraph.open(None)
    kg.add_documents([parse_file(CORPUS / rel) for rel in DOCS], resolve=False)  # real documents, extracted
    built = SearchIndex.open(tmp_path_factory.mktemp("data"), kg, encoder="hash", fusion="rrf")
    built._encoder = _Spy(built.encoder)
    return built


def _source(index):
    return next(u for u in index.units if u.kind == "obligation" and u.region == "虹口区" and "充电" in u.text)


def test_an_obligation_asks_with_its_passage_vector_among_obligations_of_other_regions(index):
    source, spy = _source(index), index.encoder
    spy.calls.clear()
    index.passage_cache.clear()
    answer = similar_units(index, source.iri, limit=10)
    assert spy.calls == [("passage", [" ".join(source.text.split())])]  # one model run, passage side, no query
    results = answer["results"]
    assert results and answer["source"] == source.iri and answer["mode"] == "hybrid"
    assert all(r["kind"] == "obligation" for r in results)
    assert all(r["document"]["iri"] != source.doc_iri and r["region"] != source.region for r in results)
    # the dense side is the cosine of the source's passage vector with each pick's own unit vector
    asked = index.encoder.inner.encode_passages([" ".join(source.text.split())])[0]
    picked = index.unit_vectors([index.unit(r["iri"]) for r in results]) @ asked
    assert [r["components"]["dense"] for r in results] == pytest.approx(picked.tolist(), abs=1e-5)
    spy.calls.clear()
    assert similar_units(index, source.iri, limit=10) == answer and spy.calls == []  # kept like a query


def test_dense_alone_picks_each_regions_obligation_nearest_the_source(index, monkeypatch):
    source = _source(index)
    monkeypatch.setattr(index, "fusion", make_fusion("dense"))
    results = similar_units(index, source.iri, limit=10)["results"]
    asked = index.encoder.inner.encode_passages([" ".join(source.text.split())])[0]
    rows = [i for i, u in enumerate(index.units) if u.kind == "obligation" and u.doc_iri != source.doc_iri
            and u.region != source.region]
    cosine = index.unit_vectors([index.units[i] for i in rows]) @ asked
    best: dict[str, tuple[float, str]] = {}
    for row, score in zip(rows, cosine.tolist()):
        group = _region_group(index.units[row])
        if score > best.get(group, (-2.0, ""))[0]:
            best[group] = (score, index.units[row].iri)
    top = sorted(best.values(), reverse=True)[:10]
    assert [r["score"] for r in results] == pytest.approx([s for s, _ in top], abs=1e-5)
    assert results[0]["iri"] == top[0][1]


def test_free_text_stays_a_query_over_every_unit(index):
    spy = index.encoder
    spy.calls.clear()
    index.query_cache.clear()
    answer = similar_units(index, "电动自行车集中充电场所建设", exclude_region="上海市", limit=10)
    assert spy.calls == [("query", ["电动自行车集中充电场所建设"])]
    assert answer["results"] and answer["source"] is None
    assert "passage" in {r["kind"] for r in answer["results"]}  # passages answer a query too


def test_while_units_wait_for_vectors_an_obligation_is_matched_by_its_words(index, monkeypatch):
    source = _source(index)
    monkeypatch.setattr(index, "vectors", None)
    answer = similar_units(index, source.iri, limit=10)
    assert answer["mode"] == "lexical" and answer["results"]
    assert all(r["kind"] == "obligation" and r["region"] != source.region for r in answer["results"])
    assert all(r["components"].get("bm25", 0) > 0 for r in answer["results"])
    assert np.all(np.diff([r["score"] for r in answer["results"]]) <= 0)


# ---- the kind column of the filter columns (search/facets.py) ----------------------------------------------


def _by_unit_kinds(index, source, keep):
    """same_measure_hits with the kind rows read from the unit objects themselves (as the filter did before the
    kind column)."""
    kinds = np.array([u.kind for u in index.units])
    return same_measure_hits(index, source, keep & (kinds == source.kind), any_kind=True)


def _assert_kinds_match_units(ix):
    kinds = np.array([u.kind for u in ix.units])
    assert sorted(ix.facets.kinds) == sorted(set(kinds.tolist())) == ["obligation", "passage"]
    for kind in ("obligation", "passage", "no-such-kind"):
        assert np.array_equal(ix.facets.kind_mask(kind), kinds == kind), kind


def _hits(hits):
    return [(h.row, round(h.score, 6)) for h in hits]


def _copy(index, tmp_path):
    data = tmp_path / "data"
    shutil.copytree(index.folder.parent, data)
    return data


def test_the_kind_column_filters_as_the_units_own_kinds(index):
    _assert_kinds_match_units(index)
    assert index.facets.kind_of.dtype == np.uint8
    obligation = _source(index)
    passage = next(u for u in index.units if u.kind == "passage" and u.region == "虹口区")
    for source in (obligation, passage):
        keep = index.facets.outside(source.doc_iri, source.region_code or source.region)
        hits = same_measure_hits(index, source, keep)
        assert hits and {index.units[h.row].kind for h in hits} == {source.kind}
        assert _hits(hits) == _hits(_by_unit_kinds(index, source, keep))


def test_an_update_keeps_the_kind_column_in_step(index, tmp_path):
    kg, source = index.kg, _source(index)
    copy = SearchIndex.open(_copy(index, tmp_path), kg, encoder="hash")
    before = copy.facets.kind_mask("obligation")
    keep = np.ones(len(copy.units), bool)
    assert _hits(same_measure_hits(copy, source, keep)) == _hits(same_measure_hits(index, source, keep))
    kg.remove_document(source.doc_iri)
    try:
        copy.update([source.doc_iri])
        after = copy.facets.kind_mask("obligation")
        assert len(after) < len(before) and not np.array_equal(after, before[: len(after)])  # rows moved
        _assert_kinds_match_units(copy)
    finally:
        kg.add_documents([parse_file(CORPUS / rel) for rel in DOCS], resolve=False)
    copy.update([source.doc_iri])  # back again, its units now at the end
    _assert_kinds_match_units(copy)
    keep = np.ones(len(copy.units), bool)
    moved = copy.unit(source.iri)
    assert _hits(same_measure_hits(copy, moved, keep)) == _hits(_by_unit_kinds(copy, moved, keep))
    reopened = SearchIndex.open(copy.folder.parent, kg, encoder="hash")  # saved with the index
    assert not reopened.notices
    _assert_kinds_match_units(reopened)


def _as_saved_before_the_kind_column(folder):
    """Rewrite the filter columns as the version before FACETS_VERSION 2 saved them."""
    meta = json.loads((folder / "facets.json").read_text(encoding="utf-8"))
    assert meta.pop("version") == FACETS_VERSION == 2 and meta.pop("kinds")
    (folder / "facets.json").write_text(json.dumps(meta, ensure_ascii=False), encoding="utf-8")
    with np.load(folder / "facets.npz") as saved:
        arrays = {k: saved[k] for k in saved.files if k != "kind_of"}
    np.savez(folder / "facets.npz", **arrays)


def test_an_index_saved_without_the_kind_column_is_migrated_on_opening(index, tmp_path):
    data = _copy(index, tmp_path)
    folder = data / "search"
    _as_saved_before_the_kind_column(folder)
    with pytest.raises(FacetsOutdated):
        UnitFacets.load(folder)
    source = _source(index)
    reopened = SearchIndex.open(data, index.kg, encoder="hash")
    assert not reopened.notices  # migrated, not rebuilt
    _assert_kinds_match_units(reopened)
    assert similar_units(reopened, source.iri, limit=10)["results"] == similar_units(index, source.iri, limit=10)[
        "results"]
    assert json.loads((folder / "facets.json").read_text())["version"] == FACETS_VERSION  # saved migrated
    assert np.array_equal(UnitFacets.load(folder).kind_of, reopened.facets.kind_of)


@pytest.mark.parametrize("damage", ["newer version", "code past the kind table", "kinds of another length"])
def test_a_damaged_kind_column_rebuilds_the_index(index, tmp_path, damage):
    data = _copy(index, tmp_path)
    folder = data / "search"
    meta = json.loads((folder / "facets.json").read_text(encoding="utf-8"))
    with np.load(folder / "facets.npz") as saved:
        arrays = {k: saved[k] for k in saved.files}
    if damage == "newer version":
        meta["version"] = FACETS_VERSION + 1
    elif damage == "code past the kind table":
        arrays["kind_of"][3] = len(meta["kinds"])
    else:
        arrays["kind_of"] = arrays["kind_of"][:-1]
    (folder / "facets.json").write_text(json.dumps(meta, ensure_ascii=False), encoding="utf-8")
    np.savez(folder / "facets.npz", **arrays)
    with pytest.raises(UnitTableCorrupt):
        UnitTable.open(folder)
    reopened = SearchIndex.open(data, index.kg, encoder="hash")
    assert reopened.notices and "search index rebuilt" in reopened.notices[0]
    _assert_kinds_match_units(reopened)
