"""`similar` from an obligation IRI is a symmetric "same measure" search: its text encoded as a passage (as the
units are), compared with the obligations of other regions only; free text stays a query (hybrid, every unit)."""

from __future__ import annotations

import numpy as np
import pytest
from policykg.graph.kg import KnowledgeGraph
from policykg.ingest.pipeline import parse_file
from policykg.search.fusion import make_fusion
from policykg.search.index import SearchIndex
from policykg.search.results import _region_group, similar_units
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
