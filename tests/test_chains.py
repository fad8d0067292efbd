"""Citation chains: trace up to the roots and down, cycles reported, SPARQL property path (issue 4)."""

from __future__ import annotations

import json
from dataclasses import replace

from policykg.api.cli import main
from policykg.api.routes.chain_view import chain_context
from policykg.graph.chains import (
    in_penalty_clause,
    trace_downstream,
    trace_upstream,
    upstream_query,
    upstream_sparql,
)
from policykg.graph.kg import KnowledgeGraph
from policykg.ingest.extract.citations import extract_citations
from policykg.ingest.model import Document, Span
from policykg.ingest.pipeline import parse_bytes, parse_file

from tests.conftest import CORPUS_DOCUMENTS, SEEDS

YANGGAO = next(SEEDS.glob("004_*.txt"))
FIRE_LAW = CORPUS_DOCUMENTS / "laws/lawrefbook/行政法/消防法(2021-04-29).md"
REG61 = CORPUS_DOCUMENTS / "laws/firesage/backend/data/raw/regulation61.md"
LEVELS = ["township", "county", "city", "provincial", "national"]
# 虹口区 举报奖励办法: based on 安全生产法/消防法/…, and cites 治安管理处罚法 only in its penalty clause (第十三条)
HONGKOU = CORPUS_DOCUMENTS / "shanghai/district/关于印发《虹口区安全生产和消防安全隐患举报奖励实施办法（试行）》的通知.md"
HAZCHEM = CORPUS_DOCUMENTS / "laws/lawrefbook/行政法规/危险化学品安全管理条例(2013-12-07).md"
COAL = CORPUS_DOCUMENTS / "laws/lawrefbook/行政法规/煤矿安全生产条例(2024-01-24).md"
# constructed fixture, not a policy document: a purpose clause (为…查处力度) after the bases ends the look
PURPOSE_FIXTURE = ("# 某镇小型建设工程管理办法（试行）\n\n"
                   "根据《中华人民共和国建筑法》《建设工程安全生产管理条例》等文件精神，为加大对违法违规建设行为的"
                   "查处力度，结合本镇实际，制定本办法。\n\n第一条 本办法适用于本镇的小型建设工程。\n")


def _kg(*paths) -> KnowledgeGraph:
    kg = KnowledgeGraph.open(None)
    kg.add_documents([parse_file(p) for p in paths])
    return kg


def test_upstream_reaches_every_level_up_to_national():
    kg = _kg(YANGGAO, FIRE_LAW, REG61)
    doc = kg.find_document(YANGGAO.name)
    chain = trace_upstream(kg, doc)
    assert chain["nodes"][0]["iri"] == doc and chain["nodes"][0]["level"] == "township"
    levels = [n["level"] for n in chain["nodes"]]
    assert set(LEVELS) <= set(levels)
    # ordered from the document towards the national roots
    ranks = [LEVELS.index(lv) for lv in levels if lv]
    assert ranks == sorted(ranks)
    by_iri = {n["iri"]: n for n in chain["nodes"]}
    assert by_iri[kg.find_document(FIRE_LAW.name)]["in_corpus"] is True
    assert any(n["level"] == "provincial" and not n["in_corpus"] for n in chain["nodes"])
    edge = next(e for e in chain["edges"] if e["target"] == kg.find_document(FIRE_LAW.name))
    assert edge["source"] == doc and edge["relation"] == "legal_basis" and "依照《中华人民共和国消防法》" in edge["cue"]
    assert chain["cycles"] == []
    # roots are where the known chain ends: national laws, or stubs whose own sources are unknown
    assert chain["roots"] and all(by_iri[r]["level"] == "national" or not by_iri[r]["in_corpus"]
                                  for r in chain["roots"])
    reg = kg.find_document(REG61.name)  # a two-step chain: the regulation is itself based on the law
    assert any(e["source"] == reg and e["target"] == kg.find_document(FIRE_LAW.name) for e in chain["edges"])


def test_downstream_lists_what_implements_the_law():
    kg = _kg(YANGGAO, FIRE_LAW, REG61)
    down = trace_downstream(kg, kg.find_document(FIRE_LAW.name))
    iris = {n["iri"] for n in down["nodes"]}
    assert {kg.find_document(YANGGAO.name), kg.find_document(REG61.name)} <= iris


def test_sparql_property_path_agrees_with_networkx():
    kg = _kg(YANGGAO, FIRE_LAW, REG61)
    doc = kg.find_document(YANGGAO.name)
    via_sparql = set(upstream_sparql(kg, doc))
    via_nx = {n["iri"] for n in trace_upstream(kg, doc)["nodes"]} - {doc}
    assert via_sparql == via_nx and len(via_sparql) >= 8
    assert "eli:based_on+" in upstream_query(doc)


def _fixture(name: str, number: str, cites: str) -> Document:
    # minimal fixture (not a policy document): two notices citing each other by 文号
    text = f"关于{name}的通知\n根据《关于{cites}的通知》（{cites}〔2024〕1号）要求，制定本通知。"
    doc = Document(source=f"{name}.txt", path=f"{name}.txt", sha256=name, encoding="utf-8", text=text,
                   title=f"关于{name}的通知", doc_number=f"{number}〔2024〕1号", body_span=Span(0, len(text)))
    return replace(doc, citations=extract_citations(doc))


def test_cycle_is_reported_not_looped():
    kg = KnowledgeGraph.open(None)
    kg.add_documents([_fixture("甲", "甲发", "乙发"), _fixture("乙", "乙发", "甲发")])
    a, b = kg.find_document("甲.txt"), kg.find_document("乙.txt")
    up = trace_upstream(kg, a)
    assert {n["iri"] for n in up["nodes"]} == {a, b}
    assert len(up["cycles"]) == 1 and set(up["cycles"][0]) == {a, b}
    assert set(upstream_sparql(kg, a)) == {a, b}  # the property path terminates on a cycle too


def test_trace_command_json(cli_env, capsys):
    assert main(["trace", YANGGAO.name, "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert {"nodes", "edges", "cycles"} <= out.keys()
    assert out["nodes"][0]["level"] == "township" and len(out["edges"]) >= 7
    assert main(["trace", "消防法(2021-04-29).md", "--down", "--json"]) == 0
    down = json.loads(capsys.readouterr().out)
    assert any(n["title"] and "阳高乡" in n["title"] for n in down["nodes"])
    assert main(["trace", "no-such-document.txt"]) == 1


def _penalty_by_title(path_or_doc) -> dict[str, set[bool]]:
    """For each title a file (or a parsed document) cites as an authority: whether each of its citations is in
    a penalty clause."""
    doc = path_or_doc if isinstance(path_or_doc, Document) else parse_file(path_or_doc)
    out: dict[str, set[bool]] = {}
    for c in doc.citations:
        if c.relation in ("basis", "legal_basis", "implements") and c.title:
            out.setdefault(c.title, set()).add(in_penalty_clause(c.cue, c.span.end - c.cue_span.start))
    return out


def test_penalty_clauses_are_told_from_bases_on_real_citations():
    hazchem = _penalty_by_title(HAZCHEM)  # 依照《中华人民共和国邮政法》的规定处罚。
    assert hazchem["中华人民共和国邮政法"] == {True}
    assert hazchem["中华人民共和国港口法"] == {True, False}  # also 依照《港口法》的规定取得…许可证的: a condition
    coal = _penalty_by_title(COAL)  # 依照《生产安全事故报告和调查处理条例》的规定组织调查处理: an investigation
    assert False in coal["生产安全事故报告和调查处理条例"]
    hongkou = _penalty_by_title(HONGKOU)
    assert hongkou["中华人民共和国治安管理处罚法"] == {True}  # 按照《…》的规定，移送公安机关追究法律责任
    assert hongkou["中华人民共和国消防法"] == {False}  # 根据《…》等相关法律法规，…制定本办法
    purpose = _penalty_by_title(parse_bytes(PURPOSE_FIXTURE.encode("utf-8"), "fixture-purpose.md"))
    assert set(purpose) == {"中华人民共和国建筑法", "建设工程安全生产管理条例"}  # 根据《…》等文件精神
    assert all(v == {False} for v in purpose.values()), purpose  # 为…加大…查处力度: a purpose, not a penalty
    assert _penalty_by_title(YANGGAO)["中华人民共和国消防法"] == {False}  # 依照《消防法》…制定并落实…制度


def test_a_law_cited_only_in_a_penalty_clause_is_listed_apart_not_drawn():
    kg = _kg(HONGKOU, FIRE_LAW)
    doc, fire_law = kg.find_document(HONGKOU.name), kg.find_document(FIRE_LAW.name)
    chain = trace_upstream(kg, doc)
    titles = {n["iri"]: n["title"] for n in chain["nodes"]}
    by_target = {(e["source"], titles[e["target"]]): e for e in chain["edges"]}
    police = by_target[(doc, "中华人民共和国治安管理处罚法")]
    assert police["penalty"] and "追究法律责任" in police["cue"]
    assert by_target[(doc, "中华人民共和国消防法")]["penalty"] is False
    assert by_target[(fire_law, "中华人民共和国治安管理处罚法")]["penalty"]  # 消防法 第六十二条 …的规定处罚

    view = chain_context(chain, doc, lambda n: "/doc/" + n["iri"].rsplit("/", 1)[-1])
    drawn = {b.iri for b in view["g"]["boxes"]}
    assert fire_law in drawn and police["target"] not in drawn
    assert view["edge_count"] == len(view["g"]["edges"]) < len(chain["edges"])
    listed = {t["label"] for s in view["penalty"] for t in s["targets"]}
    assert "中华人民共和国治安管理处罚法" in listed
    assert all("中华人民共和国治安管理处罚法" not in {t["label"] for t in s["targets"]}
               for s in view["sources"] + view["legal"])
    assert all(s["source"] in drawn for s in view["penalty"])
