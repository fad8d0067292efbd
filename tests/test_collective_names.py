"""A collective's name is its written form (gold README roles 13); the set it belongs to links it.

有关部门, 相关部门 and 各部门 name no unit, so the extractor names them as written, with no region and no
dictionary set put in place of the words; the dictionary's set (各有关部门) stays in the key and ``link_name``,
by which the graph keeps one node per region and set and a query for the set finds every written form.
Every sentence here is a constructed fixture.
"""

from __future__ import annotations

from policykg.graph import nt
from policykg.graph.agency_names import query_forms
from policykg.graph.obligations import _agency_iri, obligation_triples
from policykg.ingest.extract.roles import assign_agencies
from policykg.ingest.model import Document, Obligation, Region, RegionRef, Span
from policykg.ontology.namespace import SKOS

SHANGHAI = RegionRef("上海市", "310000000000", "provincial")
SONGJIANG = Region("松江区", "310117000000", "county", (SHANGHAI,))
JIADING = Region("嘉定区", "310114000000", "county", (SHANGHAI,))
ZHELIN = Region("柘林镇", "310120103000", "township", (RegionRef("奉贤区", "310120000000", "county"), SHANGHAI))


def _doc(text: str, region: Region = SONGJIANG) -> Document:
    return Document("fixture.txt", "fixture.txt", "0", "utf-8", text, region=region)


def mentions(text: str, region: Region = SONGJIANG) -> dict[str, tuple[str, str, str]]:
    """written form -> (name, role, link_name) of every agency ``text`` gives work to."""
    return {a.text: (a.name, a.role, a.link_name) for a in assign_agencies(text, _doc(text, region), 0)}


def test_a_collective_is_named_as_written_not_by_its_dictionary_set():
    # constructed fixture: all departments are not the relevant departments; each keeps its words
    assert mentions("各部门要加强协调配合。")["各部门"] == ("各部门", "collective", "各有关部门")
    assert mentions("有关部门要按照职责做好保障。")["有关部门"] == ("有关部门", "collective", "各有关部门")
    assert mentions("各地要结合实际制定办法。")["各地"] == ("各地", "collective", "各地区")
    assert mentions("区应急局会同相关部门开展检查。")["相关部门"] == ("相关部门", "collective", "各有关部门")


def test_a_collective_gets_no_region():
    # constructed fixture: a level word before a set stays as written (区有关部门, not 松江区有关部门 or 各有关部门)
    assert mentions("区有关部门要做好保障。")["区有关部门"][:2] == ("区有关部门", "collective")
    assert mentions("镇相关职能科室负责检查。", ZHELIN)["镇相关职能科室"][:2] == ("镇相关职能科室", "collective")


def test_a_kind_in_a_sets_dictionary_row_is_its_own_unit():
    # constructed fixture: 居委会 is every residents' committee (a kind, roles 1), linked by its own name
    assert mentions("居委会负责排查。")["居委会"] == ("居委会", "lead", "居委会")


def test_a_head_a_list_writes_once_is_written_out_in_a_sets_name():
    # constructed fixture: 等部门 closes the list, its head belongs to the set member (roles 3 amendment, 13(a))
    assert mentions("各级税务等部门要做好落实。")["各级税务"][:2] == ("各级税务部门", "collective")
    assert mentions("本区相关部门、单位要做好保障。", JIADING)["本区相关部门、单位"][:2] == ("本区相关部门、单位",
                                                                                   "collective")


def test_shared_words_of_a_list_of_tiers_are_still_written_out():
    # constructed fixture: roles 13(a) — one entry per tier, the shared 政府 written out for each
    text = "各市、县（区）政府要做好保障。"
    assert {a.name for a in assign_agencies(text, _doc(text), 0)} == {"各市政府", "各县（区）政府"}


def test_the_graph_keeps_one_node_per_set_and_region_with_every_written_form():
    # constructed fixture: two written forms of one set in one district plan hang on one node, named by the set
    text = "有关部门要做好保障。区应急局会同相关部门开展检查。"
    doc = _doc(text)
    found = [a for a in assign_agencies(text, doc, 0) if a.role == "collective"]
    assert {a.text for a in found} == {"有关部门", "相关部门"} and len({_agency_iri(a) for a in found}) == 1
    ob = Obligation(text, Span(0, len(text)), "", tuple(found))
    g = nt.to_graph(obligation_triples(Document("fixture.txt", "fixture.txt", "0", "utf-8", text, region=SONGJIANG,
                                                obligations=(ob,)), "https://w3id.org/policykg/id/doc/fixture"))
    node = _agency_iri(found[0])
    assert {str(o) for o in g.objects(node, SKOS.prefLabel)} == {"各有关部门"}
    assert {str(o) for o in g.objects(node, SKOS.altLabel)} == {"有关部门", "相关部门"}


def test_a_query_for_a_written_form_also_names_its_set():
    # constructed fixture: asking 各部门 finds the set's node, as it did when the name was the set
    labels, _ = query_forms("各部门")
    assert {"各部门", "各有关部门"} <= labels


def test_the_store_answers_for_a_collective_by_its_set_and_keeps_the_written_forms(tmp_path):
    # constructed fixture: what the graph's readers give for a collective named as written (tasks --agency and the
    # agency page, show --json, the search facet's values): one set, reached by any of its written forms
    from policykg.graph.agency_names import agencies_named
    from policykg.graph.kg import KnowledgeGraph
    from policykg.graph.obligation_queries import obligations_json, tasks_for_agency
    from policykg.search.units import load_units

    parts = ["有关部门要做好保障。", "区应急局会同相关部门开展检查。"]
    text = "".join(parts)
    found = assign_agencies(text, _doc(text), 0)
    obs, at = [], 0
    for part in parts:
        obs.append(Obligation(part, Span(at, at + len(part)), "",
                              tuple(a for a in found if at <= a.span.start < at + len(part))))
        at += len(part)
    kg = KnowledgeGraph.open(tmp_path)
    kg.add_documents([Document("fixture.txt", "fixture.txt", "0", "utf-8", text, region=SONGJIANG,
                               obligations=tuple(obs))])
    both = [("各有关部门", "有关部门"), ("各有关部门", "相关部门")]
    for asked in ("有关部门", "相关部门", "各有关部门"):
        assert sorted((r["agency"], r["mention"]) for r in tasks_for_agency(kg, asked)) == both, asked
    named = agencies_named(kg, "相关部门", 5)
    assert [(a["name"], a["aliases"], a["obligations"]) for a in named] == [("各有关部门", ["有关部门", "相关部门"], 2)]
    shown = obligations_json(kg, kg.find_document("fixture.txt"))
    assert [[(a["name"], a["mention"], a["role"]) for a in o["agencies"]] for o in shown] == [
        [("各有关部门", "有关部门", "collective")],
        [("松江区应急管理局", "区应急局", "lead"), ("各有关部门", "相关部门", "collective")]]
    assert [set(u.agencies) for u in load_units(kg) if u.agencies] == [
        {"各有关部门", "有关部门"}, {"区应急局", "松江区应急管理局", "各有关部门", "相关部门"}]
