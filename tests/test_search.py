"""Search over a graph built from real corpus documents, with the deterministic hash encoder."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import numpy as np
import pytest
from policykg.graph.kg import KnowledgeGraph
from policykg.ingest.extract.sitetypes import concept_of
from policykg.ingest.model import Document, Region, RegionRef
from policykg.search.fusion import Ranked, ReciprocalRankFusion, make_fusion
from policykg.search.index import SearchIndex
from policykg.search.query import MAX_QUERY_CHARS, SearchInputError, snippet
from policykg.search.results import search_units, similar_units

CORPUS = Path(__file__).resolve().parent.parent / "corpus" / "documents"
SHANGHAI = RegionRef("上海市", "310000000000", "provincial")
ZHEJIANG, WENZHOU = RegionRef("浙江省", "330000000000", "provincial"), RegionRef("温州市", "330300000000", "city")
HUNAN = RegionRef("湖南省", "430000000000", "provincial")
# Real documents; their region records are the gazetteer entries their issuers belong to.
DOCS = {
    "seeds/002_703e075b325a6c8c.txt": (Region("常德市", "430700000000", "city", (HUNAN,)), "city"),
    "seeds/003_172d98bbcb68533c.txt": (Region("柳市镇", "330382114000", "township", (
        RegionRef("乐清市", "330382000000", "county"), WENZHOU, ZHEJIANG)), "township"),
    "shanghai/district/关于印发《2026年虹口区为老旧小区内既有的40个电动自行车集中充电（停放）场所加装消防设施的消防为.md":
        (Region("虹口区", "310109000000", "county", (SHANGHAI,)), "county"),
    "shanghai/district/上海市长宁区人民政府办公室印发《关于进一步加强长宁区公共消防安全的工作意见》的通知.md":  # no gold file
        (Region("长宁区", "310105000000", "county", (SHANGHAI,)), "county"),
    "shanghai/municipal/上海市消防条例.md": (Region("上海市", "310000000000", "provincial"), "provincial"),
}


def _document(rel: str) -> Document:
    path = CORPUS / rel
    raw = path.read_bytes()
    region, level = DOCS[rel]
    return Document(source=path.name, path=str(path), sha256=hashlib.sha256(raw).hexdigest(), encoding="utf-8",
                    text=raw.decode("utf-8"), title=path.stem, region=region, level=level)


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    data = tmp_path_factory.mktemp("data")
    kg = KnowledgeGraph.open(None)
    kg.add_documents([_document(rel) for rel in DOCS])
    index = SearchIndex.open(data, kg, encoder="hash", fusion="rrf")
    return data, kg, index


def test_index_holds_passages_that_point_back_into_the_graph(built):
    _, kg, index = built
    assert len(index.units) > 100
    answer = search_units(index, "消防车通道", limit=5)
    assert answer["results"]
    top = answer["results"][0]
    assert "消防车通道" in top["text"] and "<mark>" in top["snippet"]
    assert set(top) >= {"iri", "text", "snippet", "score", "document", "components"}
    ask = kg.query(f"ASK {{ <{top['document']['iri']}> ?p <{top['iri']}> }}")
    assert ask["boolean"] is True
    assert top["document"]["source"] in {Path(r).name for r in DOCS}


def test_region_filter_includes_sub_regions_and_level_filter(built):
    _, _, index = built
    shanghai = search_units(index, "电动自行车充电", region="上海市", limit=20)["results"]
    assert shanghai and all("上海市" in index.unit(r["iri"]).regions for r in shanghai)
    assert {r["document"]["region"] for r in shanghai} & {"虹口区", "长宁区"}  # sub-regions come along
    hongkou = search_units(index, "电动自行车充电", region="虹口", limit=20)["results"]
    assert hongkou and {r["document"]["region"] for r in hongkou} == {"虹口区"}
    by_code = search_units(index, "电动自行车充电", region="310109000000", limit=20)["results"]
    assert [r["iri"] for r in by_code] == [r["iri"] for r in hongkou]
    township = search_units(index, "消防", level="township", limit=20)["results"]
    assert township and {r["document"]["level"] for r in township} == {"township"}


@pytest.mark.parametrize("kwargs, field", [
    ({"query": "   "}, "query"),
    ({"query": "消防", "level": "galactic"}, "level"),
    ({"query": "消防", "region": "火星市"}, "region"),
    ({"query": "消防", "agency": "不存在的管理局"}, "agency"),
    ({"query": "消防", "site_type": "月球基地"}, "site_type"),
    ({"query": "消防", "limit": 0}, "limit"),
    ({"query": "消防", "limit": 1000}, "limit"),
    ({"query": "消防", "date_from": "2024-13-45"}, "date_from"),
])
def test_bad_input_raises_a_specific_error(built, kwargs, field):
    _, _, index = built
    with pytest.raises(SearchInputError) as err:
        search_units(index, **kwargs)
    assert err.value.field == field and str(err.value)


def test_long_query_is_truncated_with_a_notice(built):
    _, _, index = built
    answer = search_units(index, "电动自行车集中充电场所消防设施" * 40, limit=3)
    assert len(answer["query"]) == MAX_QUERY_CHARS
    assert any("truncated" in n for n in answer["notices"])
    assert answer["results"]


def test_similar_gives_best_match_per_region_outside_the_excluded_one(built):
    _, _, index = built
    answer = similar_units(index, "电动自行车集中充电场所建设", exclude_region="上海市", limit=5)
    regions = [r["document"]["region"] for r in answer["results"]]
    assert regions and len(regions) == len(set(regions))
    assert not {"上海市", "虹口区", "长宁区"} & set(regions)
    source = next(u for u in index.units if u.region == "虹口区" and "充电" in u.text)
    by_iri = similar_units(index, source.iri, limit=5)
    assert by_iri["source"] == source.iri
    assert all(r["document"]["iri"] != source.doc_iri for r in by_iri["results"])
    with pytest.raises(SearchInputError):
        similar_units(index, source.iri + "-missing")


def test_corrupt_or_missing_index_is_rebuilt(built, tmp_path):
    data, kg, index = built
    copy = tmp_path / "data"
    shutil.copytree(data, copy)
    (copy / "search" / "units.jsonl").write_text("{not json")
    reopened = SearchIndex.open(copy, kg, encoder="hash")
    assert len(reopened.units) == len(index.units) and reopened.notices
    shutil.rmtree(copy / "search")
    assert len(SearchIndex.open(copy, kg, encoder="hash").units) == len(index.units)


def test_update_replaces_units_of_changed_documents_and_reuses_cached_vectors(built, tmp_path, monkeypatch):
    data, kg, _ = built
    copy = tmp_path / "data"
    shutil.copytree(data, copy)
    reopened = SearchIndex.open(copy, kg, encoder="hash")
    encoded: list[int] = []
    original = reopened.encoder.encode_passages
    monkeypatch.setattr(reopened.encoder, "encode_passages", lambda texts: encoded.append(len(texts)) or original(texts))
    doc_iri = reopened.units[0].doc_iri
    count = sum(u.doc_iri == doc_iri for u in reopened.units)
    assert reopened.update([doc_iri]) == count
    assert sum(encoded) == 0  # same text: every vector came from the cache
    kg.remove_document(doc_iri)
    try:
        reopened.update([])  # not named as changed: still dropped, the graph no longer has it
        assert not any(u.doc_iri == doc_iri for u in reopened.units)
        assert len(SearchIndex.open(copy, kg, encoder="hash").units) == len(reopened.units)
    finally:
        kg.add_documents([_document(rel) for rel in DOCS])


def test_rrf_fuses_both_sides_and_rewards_agreement():
    lexical = Ranked(np.array([1, 2, 3]), np.array([9.0, 5.0, 1.0]))
    dense = Ranked(np.array([3, 1, 4]), np.array([0.9, 0.8, 0.7]))
    fused = ReciprocalRankFusion(k=60).fuse(lexical, dense, limit=4)
    assert [f.row for f in fused] == [1, 3, 2, 4]
    assert fused[0].components == {"bm25": 9.0, "bm25_rank": 1, "dense": 0.8, "dense_rank": 2}
    assert make_fusion("linear:0.3").name == "linear:0.3"
    with pytest.raises(ValueError):
        make_fusion("borda")


def test_snippet_escapes_html_and_marks_terms():
    text = "各单位<b>要</b>清理消防车通道" + "。" * 300
    out = snippet(text, ["消防车通道"], width=60)
    assert "<mark>消防车通道</mark>" in out and "&lt;b&gt;" in out and out.endswith("…")


def test_snippet_breaks_ties_by_query_order_and_centres_on_the_densest_terms():
    # jieba's search mode gives overlapping words of one length: the earlier one in the query wins
    assert snippet("确定消防安全重点部位", ["消防", "安全", "全重", "重点"]) == \
        "确定<mark>消防</mark><mark>安全</mark><mark>重点</mark>部位"
    assert snippet("确定消防安全重点部位", ["全重", "安全"]) == "确定消防安<mark>全重</mark>点部位"
    text = "充电" + "。" * 200 + "电动自行车集中充电场所" + "。" * 200
    out = snippet(text, ["电动自行车", "充电", "场所"], width=40)
    assert out.startswith("…") and "<mark>电动自行车</mark>集中<mark>充电</mark><mark>场所</mark>" in out


def test_cli_search_and_similar_json(built, tmp_path, monkeypatch, capsys):
    from policykg.api.cli import main
    from policykg.api.service import Service
    from policykg.api.settings import Settings

    monkeypatch.setenv("POLICYKG_DATA", str(tmp_path / "cli"))
    monkeypatch.setenv("POLICYKG_ENCODER", "hash")
    service = Service(Settings.from_env())
    written = service.kg.add_documents([_document(rel) for rel in DOCS])
    service.after_change([w["iri"] for w in written])
    service.kg.close()
    assert main(["search", "电动自行车", "--region", "上海市", "--limit", "3", "--json"]) == 0
    answer = json.loads(capsys.readouterr().out)
    assert len(answer["results"]) == 3
    assert set(answer["results"][0]["document"]) >= {"iri", "source", "title", "region", "level"}
    assert main(["similar", "电动自行车集中充电", "--exclude-region", "上海市", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["results"]
    assert main(["search", "消防", "--limit", "0", "--json"]) == 2
    assert "limit" in capsys.readouterr().err


def test_results_do_not_repeat_text_of_the_same_document(built):
    _, _, index = built
    results = search_units(index, "电动自行车集中充电场所消防设施", limit=20)["results"]
    for i, a in enumerate(results):
        for b in results[:i]:
            if a["document"]["iri"] == b["document"]["iri"]:
                assert a["text"] not in b["text"] and b["text"] not in a["text"]


def test_gold_queries_are_enough_balanced_and_point_at_real_text():
    import re

    gold = json.loads((Path(__file__).parent / "gold" / "search_queries.json").read_text(encoding="utf-8"))
    queries = gold["queries"]
    styles = [q["style"] for q in queries]
    assert len(queries) >= 40 and styles.count("verbatim") >= 20 and styles.count("reworded") >= 20
    assert len({q["query"] for q in queries}) == len(queries)
    strip = re.compile(r"[\W_]+")
    files = {p.name: strip.sub("", p.read_text(encoding="utf-8", errors="replace"))
             for p in CORPUS.rglob("*") if p.is_file()}
    for q in queries:
        assert any(j["grade"] == 3 for j in q["judgements"]), q["id"]
        for j in q["judgements"]:
            want = strip.sub("", j["contains"])
            assert any(j["source"] in name and want in text for name, text in files.items()), (q["id"], j)


def _narrower_of(concept: str | None, site_types: list[str]) -> bool:
    """Whether one of these site types (keys or labels) is a concept under ``concept`` (skos:broader)."""
    from policykg.ingest.extract.sitetypes import load_site_types

    scheme = load_site_types()
    for key in site_types:
        while key in scheme and scheme[key].broader:
            key = scheme[key].broader
            if key == concept:
                return True
    return False


def test_obligations_carry_agencies_and_site_types_for_filters(corpus_service):
    index = corpus_service.index
    obligations = [u for u in index.units if u.kind == "obligation"]
    assert obligations and any(u.agencies for u in obligations) and any(u.site_types for u in obligations)
    with_site = next(u for u in obligations if any("\u4e00" <= c <= "\u9fff" for s in u.site_types for c in s))
    label = next(s for s in with_site.site_types if any("\u4e00" <= c <= "\u9fff" for c in s))
    hits = search_units(index, with_site.text[:40], site_type=label, limit=10)["results"]
    # the filter follows skos:broader: 住宅小区 also finds 老旧小区, a narrower concept
    assert hits and all(label in r["site_types"] or _narrower_of(concept_of(label), r["site_types"]) for r in hits)
    assert any(label in r["site_types"] for r in hits)
    housing = [u for u in obligations if any("住房和城乡建设" in a for a in u.agencies)]
    if housing:  # an alias of the agency dictionary reaches the full name
        hits = search_units(index, housing[0].text[:40], agency="住建局", limit=10)["results"]
        assert hits and all(any("住房和城乡建设" in a or "住建" in a for a in r["agencies"]) for r in hits)
    name = next(a for u in obligations for a in u.agencies if len(a) >= 4)
    hits = search_units(index, "工作", agency=name, limit=10)["results"]
    assert hits and all(any(name in a for a in r["agencies"]) for r in hits)


def test_concurrent_searches_share_encoder_calls_and_match_serial_answers(built):
    from concurrent.futures import ThreadPoolExecutor

    from policykg.search.batching import BatchingEncoder

    data, kg, _ = built
    index = SearchIndex.open(data, kg, encoder="hash")
    queries = ["电动自行车集中充电", "消防车通道", "消防安全责任制", "老旧小区消防设施", "楼道 充电",
               "消防救援机构 监督检查", "单位 主要负责人", "火灾隐患 整改"]
    serial = [search_units(index, q, limit=5)["results"] for q in queries]
    assert all(serial)
    index.query_cache.clear()
    assert index.query_encoder is index.encoder  # the CLI path: no batching wrapper
    index.batch_queries(max_batch=4)
    wrapper = index.query_encoder
    assert isinstance(wrapper, BatchingEncoder)
    index.batch_queries(max_batch=4)
    assert index.query_encoder is wrapper  # asking again keeps the wrapper (and its queue)
    with ThreadPoolExecutor(8) as pool:
        concurrent = list(pool.map(lambda q: search_units(index, q, limit=5)["results"], queries * 3))
    assert concurrent == serial * 3
    assert wrapper.callers <= len(queries) * 3 and wrapper.calls <= wrapper.callers


def test_filter_rows_are_reused_until_the_units_change(built, tmp_path):
    from policykg.search.query import Filters

    data, kg, _ = built
    copy = tmp_path / "data"
    shutil.copytree(data, copy)
    index = SearchIndex.open(copy, kg, encoder="hash")
    shanghai = Filters(region="上海市")
    rows = index.allowed(shanghai)
    assert rows is not None and index.allowed(shanghai) is rows and not rows.flags.writeable
    assert all("上海市" in index.units[r].regions for r in rows)
    with pytest.raises(SearchInputError):
        index.allowed(Filters(region="火星"))
    doc_iri = next(u.doc_iri for u in index.units if u.region == "虹口区")
    kg.remove_document(doc_iri)
    try:
        index.update([doc_iri])
        after = index.allowed(shanghai)
        assert after is not rows and len(after) < len(rows)
        assert all(index.units[r].doc_iri != doc_iri for r in after)
    finally:
        kg.add_documents([_document(rel) for rel in DOCS])


def test_filter_rows_kept_stay_within_a_byte_budget(built, monkeypatch):
    import policykg.search.index as index_module
    from policykg.search.query import Filters

    _, _, index = built
    index._filter_cache.clear()
    broad, narrow = Filters(region="上海市"), Filters(region="虹口")
    rows = index.allowed(broad)
    assert rows is not None and len(rows) > 10
    monkeypatch.setattr(index_module, "FILTER_CACHE_BYTES", rows.nbytes + 8)
    index.allowed(narrow)
    assert list(index._filter_cache) == [narrow]  # the older rows pushed out by the budget, the newest kept
    monkeypatch.setattr(index_module, "FILTER_CACHE_BYTES", 1)
    again = index.allowed(broad)
    assert list(index._filter_cache) == [broad] and again.tolist() == rows.tolist()
    index._filter_cache.clear()


def test_http_search_and_similar_answer_503_when_the_encoder_is_too_busy(built, tmp_path, monkeypatch):
    from fastapi.testclient import TestClient
    from policykg.api.app import create_app
    from policykg.api.service import Service
    from policykg.api.settings import Settings

    data, _, _ = built
    copy = tmp_path / "data"
    shutil.copytree(data, copy)
    settings = Settings(data_dir=copy, encoder="hash")
    service = Service(settings)
    client = TestClient(create_app(settings, service))
    assert client.get("/search", params={"q": "消防车通道"}).status_code == 200

    def too_busy(queries):
        raise TimeoutError("query encoding: no free encoder slot within 30 s (7 callers queued)")

    monkeypatch.setattr(service.serving_index, "query_vectors", too_busy)
    for path, params in (("/search", {"q": "消防车通道"}), ("/similar", {"text": "电动自行车集中充电"})):
        answer = client.get(path, params=params)
        assert answer.status_code == 503, answer.text
        assert answer.json()["error"] == "service_unavailable" and "no free encoder slot" in answer.json()["detail"]


def test_approximate_vector_index_is_saved_with_its_recall_and_filters_still_fill_the_limit(built, tmp_path):
    data, kg, index = built
    copy = tmp_path / "data"
    shutil.copytree(data, copy)
    ivf = SearchIndex.open(copy, kg, encoder="hash", vector_index="ivf")
    assert ivf.notices and "vector index" in ivf.notices[0]  # built as flat: rebuilt for the new setting
    meta = json.loads((copy / "search" / "meta.json").read_text())
    assert meta["vectors"]["kind"] == "ivf" and meta["vectors"]["recall@10"] >= 0.95
    reopened = SearchIndex.open(copy, kg, encoder="hash", vector_index="ivf")
    assert not reopened.notices and reopened.vectors.info["nprobe"] == meta["vectors"]["nprobe"]
    # a selective filter (one small district) still gets a full page from the approximate index
    unfiltered = search_units(reopened, "消防设施", limit=10)["results"]
    hongkou = search_units(reopened, "消防设施", region="虹口区", limit=10)["results"]
    assert len(unfiltered) == len(hongkou) == 10 and {r["document"]["region"] for r in hongkou} == {"虹口区"}
    assert [r["iri"] for r in search_units(index, "消防设施", region="虹口区", limit=10)["results"]][:3] == \
        [r["iri"] for r in hongkou][:3]


def test_units_stay_on_disk_and_filter_columns_answer_like_the_unit_objects(built, tmp_path):
    import dataclasses
    import tracemalloc

    from policykg.search.facets import facets_of
    from policykg.search.query import Filters, allowed_rows
    from policykg.search.tokenize import synonym_groups
    from policykg.search.unitstore import UnitTable

    _, _, index = built
    assert isinstance(index.units, UnitTable)
    objects = list(index.units)
    # the fixture's documents carry no extracted obligations: give units agency and site-type values
    # taken from the extractors' dictionaries, so that those columns are exercised too
    housing = next(sorted(g, key=len) for g in synonym_groups("agencies.tsv") if "住建局" in g)
    names = [housing[-1], *sorted({max(g, key=len) for g in synonym_groups("agencies.tsv")})[:3]]
    sites = sorted({max(g, key=len) for g in synonym_groups("site_types.tsv")})[:3]
    docs = sorted({u.doc_iri for u in objects})
    dates = {d: ("", "2019-04-01", "2021-06-30", "2023-03-15")[i % 4] for i, d in enumerate(docs)}
    objects = [dataclasses.replace(u, agencies=[names[i % 4], names[(i // 4) % 4]][: 1 + i % 2],
                                   site_types=[sites[i % 3]] if i % 5 == 0 else [], date=dates[u.doc_iri])
               for i, u in enumerate(objects)]
    facets = facets_of(objects)
    agency, site = names[1], sites[0][1:]
    cases = [Filters(region="上海市"), Filters(region="310109000000"), Filters(region="乐清"),
             Filters(level="county"), Filters(level="township", region="浙江省"), Filters(agency=agency),
             Filters(agency="住建局"), Filters(site_type=site), Filters(date_from="2021-06-30"),
             Filters(date_to="2021-06-30", region="上海"), Filters(level="provincial", agency=agency)]
    for filters in cases:
        try:
            expected = allowed_rows(objects, filters)
        except SearchInputError as exc:
            with pytest.raises(SearchInputError) as err:
                facets.allowed(filters)
            assert (err.value.field, str(err.value)) == (exc.field, str(exc))
            continue
        assert np.array_equal(facets.allowed(filters), expected), filters
        assert expected is None or 0 < len(expected) < len(objects), filters  # each case selects something
    assert np.array_equal(index.facets.allowed(Filters(region="上海市")), allowed_rows(list(index.units),
                                                                                     Filters(region="上海市")))
    for bad in (Filters(region="火星"), Filters(agency="不存在的管理局"), Filters(level="galactic"),
                Filters(date_from="2024-02-30"), Filters(site_type="月球基地")):
        with pytest.raises(SearchInputError) as expected_err:
            allowed_rows(objects, bad)
        with pytest.raises(SearchInputError) as err:
            facets.allowed(bad)
        assert (err.value.field, str(err.value)) == (expected_err.value.field, str(expected_err.value))
    # IRI lookup, negative rows, slices, tokens
    objects = list(index.units)
    last = objects[-1]
    assert index.unit(last.iri) == last and index.units[-1] == last and index.unit(last.iri + "x") is None
    assert index.units[1:4] == objects[1:4]
    tokens = list(index.units.tokens())
    assert len(tokens) == len(objects) and tokens[0] == index.tokenizer.tokens(objects[0].text)
    # opening keeps the texts out of the heap: what it allocates is far smaller than the texts
    many = [(dataclasses.replace(u, iri=f"{u.iri}-{n}"), t) for n in range(20) for u, t in zip(objects, tokens)]
    UnitTable.write(tmp_path / "many", many)
    text_bytes = sum(len(u.text.encode()) for u, _ in many)
    tracemalloc.start()
    table = UnitTable.open(tmp_path / "many")
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert len(table) == len(many) and peak < text_bytes / 5, (peak, text_bytes)  # ~33 bytes a unit
    assert table.row_of(many[-1][0].iri) == len(many) - 1


def test_a_damaged_unit_table_is_refused(built, tmp_path):
    from policykg.search.unitstore import UnitTable, UnitTableCorrupt

    data, _, _ = built
    copy = tmp_path / "search"
    shutil.copytree(data / "search", copy)
    assert len(UnitTable.open(copy)) > 100
    raw = (copy / "units.jsonl").read_bytes()
    (copy / "units.jsonl").write_bytes(raw[:-10])
    with pytest.raises(UnitTableCorrupt, match="offsets"):
        UnitTable.open(copy)
    (copy / "units.jsonl").write_bytes(b"x" * len(raw))
    with pytest.raises(UnitTableCorrupt):
        UnitTable.open(copy)
    (copy / "units.jsonl").write_bytes(raw)
    (copy / "facets.npz").unlink()
    with pytest.raises(UnitTableCorrupt):
        UnitTable.open(copy)


def test_units_given_with_tokens_and_vectors_are_indexed_without_the_encoder(built, tmp_path, monkeypatch):
    _, _, index = built
    units = list(index.units)[:200]
    tokens = list(index.units.tokens())[:200]
    vectors = index.encoder.encode_passages([u.text for u in units])
    fresh = SearchIndex(tmp_path / "search", None, encoder="hash", vector_index="ivf")
    fresh.tokenizer = index.tokenizer
    monkeypatch.setattr(fresh.encoder, "encode_passages", lambda texts: pytest.fail("passages re-encoded"))
    fresh.index_units(units, None, tokens, vectors)
    fresh.save()
    assert fresh.vectors.info["kind"] == "ivf" and len(fresh.units) == 200
    assert list(fresh.units.tokens()) == tokens
    top = search_units(fresh, units[17].text[:30], limit=3)["results"][0]
    assert top["iri"] == units[17].iri


@pytest.mark.parametrize("setting", ["flat", "hnsw"])
def test_update_changes_the_vector_index_in_place_with_the_results_of_a_rebuild(built, tmp_path, monkeypatch,
                                                                                setting):
    import policykg.search.index as index_module

    data, kg, _ = built
    copy = tmp_path / "data"
    shutil.copytree(data, copy)
    index = SearchIndex.open(copy, kg, encoder="hash", vector_index=setting)
    queries = index.query_vectors(["消防车通道", "电动自行车充电", "消防安全责任制", "高层建筑"])

    def dense_hits(ix):
        if ix.vectors._hnsw is not None:
            ix.vectors._hnsw.efSearch = 1024  # as wide as the index: no answer hangs on how it was grown
        scores, rows = ix.vectors.search(queries, 10)
        return [[(ix.units[r].iri, round(float(s), 5)) for s, r in zip(qs, qr)] for qs, qr in zip(scores, rows)]

    def rebuilt():
        fresh = tmp_path / f"fresh-{len(list(tmp_path.iterdir()))}"
        return SearchIndex.open(fresh, kg, encoder="hash", vector_index=setting)

    doc_iri = next(u.doc_iri for u in index.units if u.region == "虹口区")
    kg.remove_document(doc_iri)
    try:
        with monkeypatch.context() as m:  # not built again: changed in place
            m.setattr(index_module, "build_vector_index", lambda *a, **k: pytest.fail("vector index rebuilt"))
            index.update([doc_iri])
        assert index.vectors.info["since_build"]["removed"] > 0
        assert dense_hits(index) == dense_hits(rebuilt())
    finally:
        kg.add_documents([_document(rel) for rel in DOCS])
    with monkeypatch.context() as m:
        m.setattr(index_module, "build_vector_index", lambda *a, **k: pytest.fail("vector index rebuilt"))
        index.update([doc_iri])  # back again: its units are added
    assert dense_hits(index) == dense_hits(rebuilt())
    reopened = SearchIndex.open(copy, kg, encoder="hash", vector_index=setting)
    assert not reopened.notices and dense_hits(reopened) == dense_hits(index)


def _mapped_files() -> set[str]:
    with open("/proc/self/maps") as fh:
        return {line.split()[-1] for line in fh if len(line.split()) > 5}


def test_loaded_bm25_scores_as_bm25s_does_and_maps_no_postings(built, tmp_path):
    import bm25s
    from policykg.search.lexical import BM25Index

    data, _, index = built
    folder = data / "search" / "bm25"
    loaded = BM25Index.load(folder)
    reference = bm25s.BM25.load(str(folder), mmap=False, show_progress=False, verbosity=0)
    tokens = list(index.units.tokens())
    queries = [tokens[0][:4], tokens[7] + tokens[7][:2], ["消防", "消防", "不在词表里的词"], ["不在词表里的词"], []]
    for query in queries:
        known = [t for t in query if t in reference.vocab_dict]
        expected = (np.asarray(reference.get_scores(known), np.float32) if known
                    else np.zeros(len(index.units), np.float32))
        # the same sums, bit for bit: repeated terms counted again, unknown ones left out
        assert loaded.scores(query).tobytes() == expected.tobytes() == index.lexical.scores(query).tobytes()
        assert [a.tolist() for a in loaded.top(query, 20)] == [a.tolist() for a in index.lexical.top(query, 20)]
    # postings are read, not mapped: nothing of them stays in the process between queries
    assert not any(str(folder) in name for name in _mapped_files())
    # a loaded index saved again is the same index, also once the folder it came from is gone (a save
    # replaces it) and saved twice
    shutil.copytree(folder, tmp_path / "source")
    moved = BM25Index.load(tmp_path / "source")
    shutil.rmtree(tmp_path / "source")
    moved.save(tmp_path / "again")
    moved.save(tmp_path / "twice")
    for name in ("again", "twice"):
        assert sorted(p.name for p in (tmp_path / name).iterdir()) == sorted(p.name for p in folder.iterdir())
        assert all((tmp_path / name / p.name).read_bytes() == p.read_bytes() for p in folder.iterdir())
        again = BM25Index.load(tmp_path / name)
        assert again.scores(queries[1]).tobytes() == loaded.scores(queries[1]).tobytes()


def test_damaged_bm25_postings_are_refused_and_the_index_rebuilt(built, tmp_path):
    from policykg.search.lexical import BM25Index

    data, kg, index = built
    copy = tmp_path / "data"
    shutil.copytree(data, copy)
    postings = copy / "search" / "bm25" / "data.csc.index.npy"
    postings.write_bytes(postings.read_bytes()[:-40])
    with pytest.raises(ValueError, match="shorter"):
        BM25Index.load(copy / "search" / "bm25")
    reopened = SearchIndex.open(copy, kg, encoder="hash")
    assert reopened.notices and len(reopened.units) == len(index.units)
    assert search_units(reopened, "消防车通道", limit=3)["results"]


def test_a_loaded_index_saved_twice_reopens_with_the_same_answers(built, tmp_path):
    data, kg, _ = built
    copy = tmp_path / "data"
    shutil.copytree(data, copy)
    index = SearchIndex.open(copy, kg, encoder="hash")
    before = search_units(index, "电动自行车充电", limit=10)["results"]
    index.save()  # replaces the folder its BM25 files were read from
    index.save()
    assert search_units(index, "电动自行车充电", limit=10)["results"] == before
    reopened = SearchIndex.open(copy, kg, encoder="hash")
    assert not reopened.notices and search_units(reopened, "电动自行车充电", limit=10)["results"] == before
