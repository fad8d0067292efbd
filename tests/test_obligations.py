"""Obligations end to end on real corpus documents: items, tables, roles, graph triples and `tasks`."""

from __future__ import annotations

from pathlib import Path

import pytest
from fixture_docs import fixture_document
from policykg.graph import nt
from policykg.graph.obligation_queries import tasks_for_agency
from policykg.graph.obligations import obligation_triples, site_type_scheme
from policykg.ingest.extract.obligations import extract_obligations
from policykg.ingest.extract.sitetypes import concepts_of, find_site_types, load_site_types
from policykg.ingest.model import Document
from policykg.ingest.pipeline import parse_bytes, parse_file
from policykg.ontology.namespace import ONTOLOGY_DIR, ORG, PKG, SKOS, TIME
from rdflib import Graph, Literal

REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO / "corpus" / "documents" / "seeds"
XINGHUA, CHANGDE, LIUSHI = (SEEDS / "000_f83188a21079f2d3.txt", SEEDS / "002_703e075b325a6c8c.txt",
                            SEEDS / "003_172d98bbcb68533c.txt")
YANGGAO = SEEDS / "004_79996aa73383e184.txt"
NO_TASKS = (REPO / "corpus/documents/shanghai/municipal/"
            "上海市住房和城乡建设管理委员会关于批准《城市综合体消防技术标准》为上海市工程建设规范的通知.md")


@pytest.fixture(scope="module")
def changde():
    return parse_file(CHANGDE)


@pytest.fixture(scope="module")
def liushi():
    return parse_file(LIUSHI)


def test_pipeline_attaches_obligations(changde):
    assert changde.obligations and changde.obligations == extract_obligations(changde)


def test_responsibility_clause_roles_and_region(changde):
    ob = next(o for o in changde.obligations if "单位和住宅小区按标准划线管理" in o.text)
    assert ob.section.endswith("（一）/1")
    pairs = {(a.name, a.role) for a in ob.agencies}
    assert ("常德市住房和城乡建设局", "lead") in pairs
    assert ("常德市消防救援支队", "cooperate") in pairs
    # the clause's 区县市、街道乡镇政府 are kinds of unit beside a named lead: cooperate (gold README, role
    # conventions 1 and 2, 2026-12-06; they were one collective before)
    assert ("区县市", "cooperate") in pairs and ("街道乡镇政府", "cooperate") in pairs
    assert [d.date.isoformat() for d in ob.deadlines] == ["2020-12-31"]
    assert changde.text[ob.span.start:ob.span.end] == ob.text


def test_goals_are_not_obligations(changde):
    goal = changde.text.index("——消防安全突出风险得到明显整治")
    assert not any(o.span.start <= goal < o.span.end for o in changde.obligations)


def test_task_table_rows_with_repeated_header_and_misnumbered_row(liushi):
    rows = [o for o in liushi.obligations if o.source == "table"]
    assert len(rows) == 31  # the header repeated on every page is not a row
    flagged = [o for o in rows if o.flag]
    assert len(flagged) == 1 and "冬防结束前必须整改完毕" in flagged[0].text
    merged = next(o for o in rows if o.text.startswith("12月底前依托"))  # empty 责任单位 cell: units carry on
    assert ("柳市镇政法办（消防）", "lead") in {(a.name, a.role) for a in merged.agencies}
    assert merged.agencies[0].rule.startswith("table_row:inherited_units")


def test_malformed_row_is_kept_as_text_and_flagged():
    # minimal fixture for one parser edge case (a row without its task cell), not a policy document
    text = "序号\t工作内容\t责任单位\n1\t开展消防安全检查。\t政法办\n2\t\n"
    doc = fixture_document(text)
    obs = extract_obligations(doc)
    assert [o.flag for o in obs] == [None, "malformed_row"]
    assert obs[1].text == "2"


def test_notice_whose_only_act_is_its_closing_formula():
    """A notice approving a standard gives no task but the closing 由X负责管理，Y负责解释 (gold unit convention 7:
    a closing formula that writes an act is an obligation; it was none before the convention)."""
    obs = parse_file(NO_TASKS).obligations
    assert [o.text for o in obs] == ["本规范由上海市住房和城乡建设管理委员会负责管理，上海建筑设计研究院有限公司负责解释。"]


def test_site_types_link_and_scheme_in_step():
    assert set(concepts_of(find_site_types("以高层建筑、大型商业综合体、“三合一”“九小场所”、群租房、老旧小区为重点"))) == {
        "high_rise", "commercial_complex", "multi_use", "nine_small", "group_rental", "old_residential"}
    on_disk = Graph().parse(ONTOLOGY_DIR / "site_types.ttl")
    assert set(on_disk) == set(site_type_scheme()), "run benchmarks/write_vocabularies.py"
    for st in load_site_types().values():
        assert st.label and st.label_en and st.definition


def test_triples_use_standard_terms(liushi):
    g = nt.to_graph(obligation_triples(liushi, "https://w3id.org/policykg/id/doc/test"))
    obs = list(g.subjects(None, PKG.Obligation))
    assert len(obs) == len(liushi.obligations)
    agencies = set(g.subjects(None, ORG.Organization))
    labels = {str(o) for a in agencies for o in g.objects(a, SKOS.prefLabel)}
    assert "柳市镇消防安全委员会办公室" in labels
    office = next(a for a in agencies if Literal("柳市镇消防安全委员会办公室", lang="zh") in set(g.objects(a, SKOS.prefLabel)))
    parent = g.value(office, ORG.subOrganizationOf)
    assert str(g.value(parent, SKOS.prefLabel)) == "柳市镇消防安全委员会"
    ends = {str(o) for o in g.objects(None, TIME.inXSDDate)}
    assert "2021-03-31" in ends


@pytest.fixture(scope="module")
def seed_kg(tmp_path_factory):
    from policykg.graph.kg import KnowledgeGraph

    kg = KnowledgeGraph.open(tmp_path_factory.mktemp("obligations-kg"))
    kg.add_documents([parse_file(p) for p in (XINGHUA, CHANGDE, LIUSHI)])
    return kg


def test_tasks_under_any_name(seed_kg):
    by_short = tasks_for_agency(seed_kg, "市住建局")
    by_full = tasks_for_agency(seed_kg, "常德市住房和城乡建设局")
    assert by_short and {r["obligation"] for r in by_short} == {r["obligation"] for r in by_full}
    r = by_short[0]
    assert r["document"]["source"] == CHANGDE.name and r["role"] in ("lead", "cooperate")
    assert set(r) >= {"document", "text", "role", "deadlines", "targets"}
    leads = tasks_for_agency(seed_kg, "市住建局", role="lead")
    assert leads and all(x["role"] == "lead" for x in leads) and len(leads) < len(by_short)
    assert tasks_for_agency(seed_kg, "市住建局", region="兴化") == []
    assert tasks_for_agency(seed_kg, "市住建局", region="常德")


def test_region_written_as_a_path_names_its_innermost_region(seed_kg):
    """--region 湖南省常德市 (outer to inner, as addresses are written) is 常德市, not nothing; a path ending
    in a region no document lies in gives nothing, never the whole outer region."""
    by_city = {r["obligation"] for r in tasks_for_agency(seed_kg, "市住建局", region="常德市")}
    assert by_city and {r["obligation"] for r in tasks_for_agency(seed_kg, "市住建局", region="湖南省常德市")} == by_city
    assert {r["obligation"] for r in tasks_for_agency(seed_kg, "市住建局", region="湖南常德")} == by_city
    assert tasks_for_agency(seed_kg, "市住建局", region="湖南省岳阳市") == []
    # the outer part must name the region's own ancestors, wholly; a level character alone names no region
    assert tasks_for_agency(seed_kg, "市住建局", region="广东省常德市") == []
    assert tasks_for_agency(seed_kg, "市住建局", region="湖南省常德市" * 3) == []
    assert tasks_for_agency(seed_kg, "市住建局", region="市") == []
    assert tasks_for_agency(seed_kg, "市住建局", region="南") == []


def test_a_short_name_abbreviates_a_full_name_word_by_word():
    """A full name asked finds the abbreviation a document wrote: every word gives its first character (the
    head its first or last), only 和/与/及/的/管理 may vanish; a dropped place or sector word is another unit."""
    from policykg.graph.abbreviations import abbreviates

    for short, full in (("银保监会", "银行保险监督管理委员会"), ("区应急局", "区应急管理局"),
                        ("市经济和信息化委", "市经济和信息化委员会"), ("住房城乡建设部", "住房和城乡建设部"),
                        ("省科技厅", "省科学技术厅"), ("市场监管总局", "市场监督管理总局"),
                        ("崂山区政府", "崂山区人民政府")):
        assert abbreviates(short, full), (short, full)
    for short, full in (("市应急管理局", "市普陀区应急管理局"), ("县级以上人民政府部门", "县级以上人民政府公安部门"),
                        ("公安分局", "公安嘉定分局"), ("卫生部门", "卫生健康部门")):
        assert not abbreviates(short, full), (short, full)


def test_a_national_unit_jieba_reads_as_one_word_keeps_its_own_first_character():
    """国家药品监督管理局 is one jieba word: 国管局 (国家机关事务管理局's abbreviation) holds its characters in order
    but is not its abbreviation; 药监局 after 国家 is."""
    from policykg.graph.abbreviations import abbreviates

    assert not abbreviates("国管局", "国家药品监督管理局") and not abbreviates("国管局", "国家外汇管理局")
    assert abbreviates("国家药监局", "国家药品监督管理局")


def test_words_an_abbreviation_may_leave_out():
    """The 政府 of a level's 人民政府 before its department, the body before an office, 监督管理 before a committee
    and a 发展/开发 after the sector may vanish; a sector, place or kind word never does."""
    from policykg.graph.abbreviations import abbreviates

    for short, full in (("市国资委", "市人民政府国有资产监督管理委员会"), ("扶贫办", "扶贫开发领导小组办公室"),
                        ("网信办", "网络安全和信息化委员会办公室"), ("市委金融办", "市委金融委员会办公室"),
                        ("市大数据局", "市大数据发展管理局")):
        assert abbreviates(short, full), (short, full)
    for short, full in (("市政府", "市人民政府办公厅"), ("市办", "市委金融委员会办公室"),
                        ("数据局", "市大数据发展管理局"), ("市资产委", "市人民政府国有资产监督管理委员会")):
        assert not abbreviates(short, full), (short, full)


def test_a_full_name_finds_abbreviations_of_its_own_region_only():
    """国家发展和改革委员会 is the 发展改革委 a national document writes (a kind, stated in the national
    region), never a city's 市发展改革委; 济南市发展和改革委员会 is the city's, never the national kind."""
    from policykg.graph.agency_names import NameTable

    # minimal name table (two agency nodes, not policy documents): the store's rows, as NameTable reads them
    table = NameTable.__new__(NameTable)
    table.agencies = {
        "nation": {"pref": "发展改革部门", "alts": {"发展改革委"}, "key": "development_reform", "generic": True},
        "city": {"pref": "济南市发展和改革委员会", "alts": {"发展和改革委员会", "市发展改革委"},
                 "key": "development_reform", "generic": False}}
    table.region = {"nation": "中华人民共和国", "city": "济南市"}
    table.regions = [("r-city", "济南市"), ("r-nation", "中华人民共和国")]
    assert table.abbreviated("国家发展和改革委员会", {"development_reform"}) == {"nation"}
    assert table.abbreviated("济南市发展和改革委员会", {"development_reform"}) == {"city"}
    assert table.abbreviated("河南省发展和改革委员会", {"development_reform"}) == set()


def test_a_branch_written_after_its_national_parent_is_its_region_unit():
    """国家税务总局河南省税务局 is the 税务局/省税务局 a 河南省 document writes, never another province's 税务局 nor
    the national 税务总局."""
    from policykg.graph.agency_names import NameTable

    # minimal name table (agency nodes, not policy documents): the store's rows, as NameTable reads them
    table = NameTable.__new__(NameTable)
    table.agencies = {
        "henan": {"pref": "税务局", "alts": set(), "key": None, "generic": True},
        "henan-province": {"pref": "河南省税务局", "alts": {"省税务局"}, "key": None, "generic": False},
        "gansu": {"pref": "税务局", "alts": set(), "key": None, "generic": True},
        "nation": {"pref": "国家税务总局", "alts": {"税务总局"}, "key": None, "generic": False}}
    table.region = {"henan": "河南省", "henan-province": "河南省", "gansu": "甘肃省", "nation": "中华人民共和国"}
    table.regions = [("r-henan", "河南省"), ("r-gansu", "甘肃省"), ("r-nation", "中华人民共和国")]
    assert table.abbreviated("国家税务总局河南省税务局", set()) == {"henan", "henan-province"}


def test_a_city_bureau_branch_is_the_district_unit_its_documents_write():
    """上海市公安局虹口分局 is the 区公安分局 a 虹口区 document writes (the parent's sector after the district's
    level) or 公安虹口分局, never 普陀区's 区公安分局."""
    from policykg.graph.agency_names import NameTable

    # minimal name table (agency nodes, not policy documents): the store's rows, as NameTable reads them
    table = NameTable.__new__(NameTable)
    table.agencies = {
        "hongkou": {"pref": "区公安分局", "alts": set(), "key": None, "generic": False},
        "hongkou-written": {"pref": "公安虹口分局", "alts": set(), "key": None, "generic": False},
        "putuo": {"pref": "区公安分局", "alts": set(), "key": None, "generic": False}}
    table.region = {"hongkou": "虹口区", "hongkou-written": "虹口区", "putuo": "普陀区"}
    table.regions = [("r-sh", "上海市"), ("r-hk", "虹口区"), ("r-pt", "普陀区")]
    assert table.abbreviated("上海市公安局虹口分局", set()) == {"hongkou", "hongkou-written"}


def test_a_provincial_government_office_is_found_without_its_government():
    """河南省人民政府扶贫开发办公室 is the 扶贫办 a 河南省 document writes (人民政府 left out after the place, 开发 after
    the sector); 金融工作办公室 is written 金融办 (工作 before the office)."""
    from policykg.graph.abbreviations import abbreviates
    from policykg.graph.agency_names import NameTable

    assert abbreviates("市金融办", "市人民政府金融工作办公室") and not abbreviates("市工作办", "市金融工作办公室")
    # minimal name table (agency nodes, not policy documents): the store's rows, as NameTable reads them
    table = NameTable.__new__(NameTable)
    table.agencies = {"henan": {"pref": "扶贫办", "alts": set(), "key": None, "generic": False},
                      "hubei": {"pref": "扶贫办", "alts": set(), "key": None, "generic": False}}
    table.region = {"henan": "河南省", "hubei": "湖北省"}
    table.regions = [("r-henan", "河南省"), ("r-hubei", "湖北省")]
    assert table.abbreviated("河南省人民政府扶贫开发办公室", set()) == {"henan"}


def test_a_query_without_prefix_also_names_its_dictionary_canonical():
    """试点城市 is the dictionary's 试点城市政府: the node the grammar made from 试点城市政府落实 (no key) must be
    found too; a prefixed query (市住建局) stays with its own level, never the bare canonical of every level."""
    from policykg.graph.agency_names import query_forms

    assert "试点城市政府" in query_forms("试点城市")[0]
    labels, keys = query_forms("市住建局")
    assert keys == {"housing_construction": "市"} and "住房和城乡建设局" not in labels


def test_show_json_obligations(seed_kg):
    from policykg.graph.obligation_queries import obligations_json

    iri = seed_kg.find_document(LIUSHI.name)
    obs = obligations_json(seed_kg, iri)
    row = next(o for o in obs if "至少组织召开1次" in o["text"])
    assert row["deadlines"][0] == {"text": "2021年3月31日前", "date": "2021-03-31", "precision": "day"}
    assert row["targets"][0]["value"] == 1.0 and row["targets"][0]["comparator"] == ">="
    assert all(set(o) >= {"iri", "text", "section", "span", "agencies", "deadlines", "targets", "site_types"}
               for o in obs)


# role tests (guidance, item headings, helped units, persons) live in tests/test_roles.py


# -- goals are a kind of obligation: pkg:Goal in the graph, "kind" in show --json -------------------------

@pytest.fixture(scope="module")
def yanggao():
    return parse_file(YANGGAO)


def test_goals_are_typed_goal_and_obligation(yanggao):
    goals = [o for o in yanggao.obligations if o.kind == "goal"]
    assert goals and len(goals) < len(yanggao.obligations)
    g = nt.to_graph(obligation_triples(yanggao, "https://w3id.org/policykg/id/doc/test"))
    typed = set(g.subjects(None, PKG.Goal))
    assert typed <= set(g.subjects(None, PKG.Obligation))  # no inference in the store: both types written
    texts = {str(g.value(o, PKG.text)) for o in typed}
    assert texts == {o.text for o in goals}


def test_a_goal_without_its_obligation_type_breaks_the_shapes(yanggao):
    """With the ontology beside the data (as tests/test_shacl.py validates) a pkg:Goal is an Obligation by
    subclass; the store does no such inference, so the shapes ask for the type written out."""
    from policykg.graph.obligations import site_type_scheme
    from policykg.ontology.namespace import RDF, SHAPES_FILE, load_ontology
    from pyshacl import validate
    from rdflib import URIRef

    doc = "https://w3id.org/policykg/id/doc/test"
    g = nt.to_graph(obligation_triples(yanggao, doc)) + site_type_scheme()
    g.add((URIRef(doc), RDF.type, PKG.PolicyDocument))
    shapes = Graph().parse(SHAPES_FILE)
    assert validate(g, shacl_graph=shapes, ont_graph=load_ontology(), inference="none")[0]
    g.remove((next(g.subjects(None, PKG.Goal)), RDF.type, PKG.Obligation))
    conforms, _, report = validate(g, shacl_graph=shapes, ont_graph=load_ontology(), inference="none")
    assert not conforms and "HasValueConstraintComponent" in report


def test_show_json_gives_the_kind(tmp_path_factory, yanggao):
    from policykg.graph.kg import KnowledgeGraph
    from policykg.graph.obligation_queries import obligations_json

    kg = KnowledgeGraph.open(tmp_path_factory.mktemp("goal-kg"))
    (written,) = kg.add_documents([yanggao])
    obs = obligations_json(kg, written["iri"])
    assert {o["kind"] for o in obs} == {"goal", "task"}
    want = sorted(o.text for o in yanggao.obligations if o.kind == "goal")
    assert sorted(o["text"] for o in obs if o["kind"] == "goal") == want


# -- a heading that gives a kind of site its duties passes the site to its items ------------------------------

# constructed fixture, not a policy document: a heading naming a kind of site, then that site's duties
KEY_UNITS = ("# 某区消防安全责任制实施细则\n\n三、消防安全重点单位的职责\n"
             "（一）确定消防安全管理人，组织实施本单位的消防安全管理工作。\n"
             "（二）建立消防档案，确定消防安全重点部位。\n"
             "（三）推行单位消防安全户籍化管理，定期开展防火检查和巡查。\n"
             "四、其他\n（一）区应急局负责综合监管。\n")


def test_duty_holder_of_a_heading_is_the_site_of_its_items():
    from policykg.ingest.extract.obligations import _duty_holder_site

    assert _duty_holder_site("三、消防安全重点单位的职责") == ("消防安全重点单位",)
    assert _duty_holder_site("石油化工企业除履行上述职责外，还应当履行下列职责：") == ("石油化工企业",)
    assert _duty_holder_site("（三）加强高层建筑消防安全治理") == ()  # a topic, not a holder of duties
    doc = parse_bytes(KEY_UNITS.encode("utf-8"), "fixture-key-units.md")
    item = next(o for o in doc.obligations if o.text.startswith("（三）推行单位消防安全户籍化管理"))
    assert item.site_types == ("消防安全重点单位",) and item.site_type_concepts == ("key_unit",)
    other = next(o for o in doc.obligations if o.text.startswith("（一）区应急局"))
    assert other.site_types == ()  # the next heading names no site


# -- task-table columns give roles by kind: 牵头单位 leads, 责任单位 beside it and 配合单位 cooperate ----------

def _table_doc(text: str) -> Document:
    # minimal fixture for the column kinds of a task table (no corpus table has 牵头/配合 columns), not a
    # policy document
    return fixture_document(text)


def test_lead_responsible_and_cooperating_columns():
    text = ("序号\t工作任务\t牵头单位\t责任单位\t配合单位\t完成时限\n"
            "1\t开展消防安全检查。\t区应急局\t区应急局、区住建局\t各街镇\t2024年底前\n")
    (ob,) = extract_obligations(_table_doc(text))
    assert [(a.text, a.role) for a in ob.agencies] == [("区应急局", "lead"), ("区住建局", "cooperate"),
                                                        ("各街镇", "collective")]
    assert [d.date.isoformat() for d in ob.deadlines] == ["2024-12-31"]


def test_a_cooperating_column_cooperates_beside_a_responsible_one():
    text = "序号\t工作任务\t责任单位\t配合单位\n1\t开展消防安全检查。\t区应急局\t区公安分局、区住建局\n"
    (ob,) = extract_obligations(_table_doc(text))
    assert [(a.text, a.role) for a in ob.agencies] == [("区应急局", "lead"), ("区公安分局", "cooperate"),
                                                        ("区住建局", "cooperate")]


def test_one_unit_column_reads_its_own_marks():
    text = "序号\t工作任务\t责任单位\n1\t开展消防安全检查。\t区住建局牵头，区应急局\n2\t开展宣传。\t区应急局、区住建局\n"
    first, second = extract_obligations(_table_doc(text))
    assert {(a.text, a.role) for a in first.agencies} == {("区住建局", "lead"), ("区应急局", "cooperate")}
    assert {a.role for a in second.agencies} == {"lead"}  # a list of equals


def test_catch_alls_and_definitions_are_not_work():
    from policykg.ingest.extract.obligations import states_duty

    # quoted from readable documents: a catch-all item written in several corpus documents; 上海市地下空间安全使用管理办法
    # and 嘉定区转移安置预案 (dev-read)
    assert not states_duty("消防法律、法规、规章以及政策文件规定的其他职责。", numbered=True)
    assert not states_duty("法律、法规、规章规定的其他禁止性行为。", numbered=True)
    assert not states_duty("Ⅰ级（特大规模）转移安置行动，指需转移安置的人员在50万人以上。", numbered=True)
    assert states_duty("区应急局负责指导各街镇开展应急避难场所建设。")
    assert states_duty("按照区政府指令，指导街镇做好转移安置。", numbered=True)  # 指导 is work, not a definition
