"""Resolution of citations to documents, stubs, and stubs merging whatever the order (issue 4)."""

from __future__ import annotations

from dataclasses import replace

import pytest
from policykg.graph import ids
from policykg.graph.kg import KnowledgeGraph
from policykg.graph.resolve import citations_json, resolve_citations
from policykg.ingest.extract.citations import extract_citations
from policykg.ingest.model import Document, Span
from policykg.ingest.pipeline import parse_file

from tests.conftest import CORPUS_DOCUMENTS, SEEDS

YANGGAO = next(SEEDS.glob("004_*.txt"))
QINGFENG = next(SEEDS.glob("001_*.txt"))
LIUSHI = next(SEEDS.glob("003_*.txt"))
FIRE_LAW = CORPUS_DOCUMENTS / "laws/lawrefbook/行政法/消防法(2021-04-29).md"
REG61 = CORPUS_DOCUMENTS / "laws/firesage/backend/data/raw/regulation61.md"
SH = CORPUS_DOCUMENTS / "shanghai"
JIADING_REWARD = SH / "district/关于印发《嘉定区应急管理局安全生产举报奖励实施办法》的通知.md"
SH_REWARD = SH / "municipal/上海市应急管理局 上海市财政局关于印发上海市应急管理局安全生产举报奖励办法的通知.md"
# a district plan (dev-read) based on the municipal plan it follows
JIADING_PLAN = SH / "district/上海市嘉定区人民政府办公室关于转发《上海市嘉定区突发事件人员转移安置和应急避难场所启用预案》的通知.md"
SH_PLAN = SH / "municipal/上海市人民政府办公厅关于同意《上海市突发事件人员转移安置和应急避难场所启用预案》的通知.md"


def _kg(*paths) -> KnowledgeGraph:
    kg = KnowledgeGraph.open(None)
    for p in paths:  # one add per file: every step resolves on its own, as separate ingests would
        kg.add_documents([parse_file(p)])
    return kg


def _quads(kg: KnowledgeGraph) -> set[str]:
    # no blank nodes anywhere in our graphs, so equal quad sets are isomorphic datasets; the change
    # records (<doc>/record graphs) are the write history, which the order of writes rightly changes
    return {q for q in kg.store.dump_nquads().decode("utf-8").splitlines() if not q.endswith("/record> .")}


def _cits(kg: KnowledgeGraph, path) -> list[dict]:
    return citations_json(kg, kg.find_document(path.name))


def test_yanggao_links_resolve_laws_and_stub_the_plans():
    kg = _kg(FIRE_LAW, REG61, YANGGAO)
    cits = _cits(kg, YANGGAO)
    legal = {c["title"]: c for c in cits if c["relation"] == "legal_basis"}
    assert legal["中华人民共和国消防法"]["resolved"] and legal["中华人民共和国消防法"]["target"] == \
        kg.find_document(FIRE_LAW.name)
    assert legal["机关、团体、企业、事业单位消防安全管理规定"]["target"] == kg.find_document(REG61.name)
    basis = [c for c in cits if c["relation"] == "basis"]
    targets = {c["target"] for c in basis}
    assert len(basis) == 6 and len(targets) == 5  # 平顺县's 实施方案 and 行动方案 are one document
    assert all(c["stub"] and not c["resolved"] for c in basis)
    placed = [(kg.document_json(t)["level"], (kg.document_json(t)["region"] or {}).get("name")) for t in targets]
    assert sorted(placed) == sorted([("city", "长治市"), ("city", "长治市"), ("county", "平顺县"),
                                     ("county", "平顺县"), ("provincial", "山西省")])
    numbered = next(c for c in basis if c["doc_number"])
    assert numbered["doc_number"] == "平消专委〔2024〕2号"
    assert kg.document_json(numbered["target"])["doc_number"] == "平消专委〔2024〕2号"


def test_qingfeng_basis_stub_is_county_level():
    kg = _kg(QINGFENG)
    c = next(c for c in _cits(kg, QINGFENG) if c["doc_number"] == "永防发〔2022〕4号")
    assert c["relation"] == "basis" and c["stub"]
    stub = kg.document_json(c["target"])
    assert stub["level"] == "county" and stub["region"]["name"] == "永川区" and stub["stub"]
    assert "永川区消防安全委员会办公室" in stub["issuer"]["name"]


@pytest.mark.parametrize("first,second", [(YANGGAO, FIRE_LAW), (JIADING_REWARD, SH_REWARD), (JIADING_PLAN, SH_PLAN)])
def test_stub_merges_whatever_the_order(first, second):
    a, b = _kg(first, second), _kg(second, first)
    assert _quads(a) == _quads(b)
    target = kg_doc = a.find_document(second.name)
    assert any(c["target"] == target and c["resolved"] for c in _cits(a, first))
    # no stub is left standing in for the ingested document: one document per title, no lost link
    title = a.document_json(kg_doc)["title"]
    rows = a.select(f"""SELECT ?d WHERE {{ ?d dcterms:title ?t FILTER(STR(?t) = "{title}") }}""")
    assert [r["d"] for r in rows] == [target]


def test_stub_then_document_drops_the_stub_graph():
    kg = _kg(JIADING_REWARD)
    stub = next(c for c in _cits(kg, JIADING_REWARD) if c["title"] == "上海市应急管理局安全生产举报奖励办法")
    assert stub["stub"]
    kg.add_documents([parse_file(SH_REWARD)])
    assert kg.document_json(stub["target"]) is None  # merged: the stub's graph is gone
    again = next(c for c in _cits(kg, JIADING_REWARD) if c["title"] == "上海市应急管理局安全生产举报奖励办法")
    assert again["resolved"] and again["target"] == kg.find_document(SH_REWARD.name)


def test_resolution_is_idempotent():
    kg = _kg(YANGGAO, FIRE_LAW)
    before = _quads(kg)
    report = resolve_citations(kg, [])
    assert _quads(kg) == before and report["links_rewritten"] == 0 and report["stubs_created"] == 0


def test_self_citation_is_reported():
    # minimal fixture (not a policy document): a text citing its own 文号
    text = "关于测试的通知\n根据《关于测试的通知》（测发〔2024〕1号）执行。"
    doc = Document(source="self.txt", path="self.txt", sha256="1", encoding="utf-8", text=text,
                   title="测试通知", doc_number="测发〔2024〕1号", body_span=Span(0, len(text)))
    doc = replace(doc, citations=extract_citations(doc))
    kg = KnowledgeGraph.open(None)
    kg.add_documents([doc])
    report = resolve_citations(kg, [])
    assert report["self_citations"] and report["self_citations"][0]["doc"] == kg.find_document("self.txt")
    cit = citations_json(kg, kg.find_document("self.txt"))[0]
    assert cit["self_citation"] and not cit["resolved"]
    assert not kg.select("SELECT ?d WHERE { ?d eli:based_on ?d }")


def test_removing_a_document_turns_links_to_it_back_into_a_stub():
    kg = _kg(JIADING_REWARD, SH_REWARD)
    kg.remove_document(kg.find_document(SH_REWARD.name))
    resolve_citations(kg, [])
    c = next(c for c in _cits(kg, JIADING_REWARD) if c["title"] == "上海市应急管理局安全生产举报奖励办法")
    assert c["stub"] and not c["resolved"]
    # as if the removed document had never come (the shared agency/region graph only ever grows)
    shared = str(ids.shared_graph_iri())
    assert {q for q in _quads(kg) if shared not in q} == {q for q in _quads(_kg(JIADING_REWARD)) if shared not in q}


def test_same_title_prefers_the_citing_documents_own_region_chain():
    # minimal rows (not policy documents): one title issued in two provinces
    from policykg.graph.matching import gazetteer
    from policykg.graph.resolver import CitationRow, DocumentRow, Resolver

    g = gazetteer()
    zj, sd = g.find("浙江省"), g.find("山东省")
    docs = [DocumentRow("urn:zj", "安全生产条例", None, None, "2016-07-29", None, zj),
            DocumentRow("urn:sd", "安全生产条例", None, None, "2021-12-03", None, sd)]
    citing = DocumentRow("urn:c", "某通知", None, None, "2022-01-01", None, g.find("杭州市"))
    cit = CitationRow("urn:c/citation/1", "urn:c", "安全生产条例", None, None, "legal_basis")
    target, how = Resolver(docs).resolve(cit, citing)
    assert target.iri == "urn:zj" and how == "title"


def test_fuzzy_candidates_by_bigram_index_match_scoring_every_document(corpus_service):
    # the prefix filter only skips documents that cannot reach FUZZY_MIN: same links as scoring them all
    from policykg.graph import resolve, resolver

    kg = corpus_service.kg
    real = [d for d in resolve._documents(kg) if not d.stub]
    citations = resolve._citations(kg)
    indexed = resolver.Resolver(real)
    brute = resolver.Resolver(real)
    brute._candidates = lambda grams: brute.docs
    fuzzy = [c for c in citations if c.title and not c.number]
    assert fuzzy, "the corpus has title-only citations"
    by_iri = {d.iri: d for d in real}
    assert indexed.resolve_all(citations, by_iri) == brute.resolve_all(citations, by_iri)
    some = next(c for c in fuzzy if c.doc in by_iri)
    grams = resolver.bigrams(some.title)
    assert len(indexed._candidates(grams)) < len(real) / 2  # the index prunes most documents


def test_resolution_does_not_depend_on_the_order_documents_are_read_in(corpus_service):
    import random

    from policykg.graph import resolve, resolver

    kg = corpus_service.kg
    real = [d for d in resolve._documents(kg) if not d.stub]
    citations = resolve._citations(kg)
    by_iri = {d.iri: d for d in real}
    expected = resolver.Resolver(real).resolve_all(citations, by_iri)
    for seed in range(3):
        shuffled = real[:]
        random.Random(seed).shuffle(shuffled)
        assert resolver.Resolver(shuffled).resolve_all(citations, by_iri) == expected


def test_incremental_resolution_equals_a_full_pass_at_every_step(tmp_path):
    """Writes resolve only the citations they can affect. After every step (documents added a few at a
    time, a file whose 文号 changes so its old document goes, documents removed) a full pass over
    every citation must find nothing to change."""
    import random
    import shutil

    paths = sorted(SH.rglob("*.md")) + [FIRE_LAW, REG61, YANGGAO, QINGFENG]
    moved = tmp_path / SH_REWARD.name  # a copy whose 文号 changes below
    shutil.copy(SH_REWARD, moved)
    paths = [moved if p == SH_REWARD else p for p in paths]
    rng = random.Random(7)
    rng.shuffle(paths)
    kg = KnowledgeGraph.open(None)

    def full_pass_changes_nothing() -> None:
        before = _quads(kg)
        report = resolve_citations(kg, [], full=True)
        assert (report["links_rewritten"], report["stubs_created"], report["stubs_merged"]) == (0, 0, 0)
        assert _quads(kg) == before

    steps = 0
    while paths:
        k = rng.randint(1, 8)
        kg.add_documents([parse_file(p) for p in paths[:k]])
        paths = paths[k:]
        full_pass_changes_nothing()
        steps += 1
    jiading = kg.find_document(JIADING_REWARD.name)
    old = kg.find_document("沪应急行规〔2024〕3号")
    assert any(c["target"] == old and c["resolved"] for c in citations_json(kg, jiading))
    moved.write_text(moved.read_text(encoding="utf-8").replace("沪应急行规〔2024〕3号", "沪应急行规〔2024〕9号"),
                     encoding="utf-8")
    kg.add_documents([parse_file(moved)])
    assert kg.find_document(old) is None
    full_pass_changes_nothing()
    # the same file now holds another document altogether: what cited the old one falls back to a stub
    moved.write_bytes(LIUSHI.read_bytes())
    kg.add_documents([parse_file(moved)])
    full_pass_changes_nothing()
    assert not any(c["resolved"] and "举报奖励办法" in (c["target_title"] or "") for c in citations_json(kg, jiading))
    docs = sorted(d["iri"] for d in kg.list_documents() if not d.get("stub"))
    for iri in rng.sample(docs, 4):
        kg.remove_document(iri)
        full_pass_changes_nothing()
    assert steps > 5
