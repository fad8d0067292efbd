"""Who acts where the unit is not at the clause start: a body that a sentence sets up and defines (its head,
its members, its short name) and then gives a remit. Every sentence here is a constructed fixture (written
for the test, no policy document's words); the Documents around them carry only the text and the region."""

from __future__ import annotations

from policykg.ingest.extract.roles import assign_agencies
from policykg.ingest.model import Document, Region, RegionRef

SHANGHAI = RegionRef("上海市", "310000000000", "provincial")
SONGJIANG = Region("松江区", "310117000000", "county", (SHANGHAI,))


def roles(text: str, region: Region | None = SONGJIANG) -> set[tuple[str, str]]:
    doc = Document("t", "t", "0", "utf-8", text, region=region)
    return {(a.text, a.role) for a in assign_agencies(text, doc, 0)}


def test_a_body_defined_by_its_heads_after_its_name_takes_its_remit():
    # constructed fixture: 成立X，由…任组长，…为成员，统筹协调…: the group defined is the subject of 统筹协调
    # (the members written in the definition are not this rule's question: only the body is asserted)
    assert ("区城市更新工作领导小组", "lead") in roles(
        "成立区城市更新工作领导小组，由区长任组长，分管副区长任副组长，各相关部门负责人为成员，统筹协调全区城市更新工作。")


def test_a_body_defined_by_its_members_before_its_name_takes_its_remit():
    # constructed fixture: 建立由…任组长，…参加的X，协调解决…; 成立由…组成的X，为…提供…
    assert ("区物流体系建设领导小组", "lead") in roles(
        "建立由副区长任组长，区有关部门负责人参加的区物流体系建设领导小组，协调解决物流体系建设中的重大问题。")
    assert roles("成立由高校、企业和行业协会代表联合组成的区数据治理委员会，为数据开放提供咨询意见。") == {
        ("区数据治理委员会", "lead")}


def test_a_body_named_by_an_aside_takes_the_act_after_it():
    # constructed fixture: 设立X（以下简称Y），受理…: the body named by the aside receives the calls
    assert roles("区人民政府设立区公共服务热线中心（以下简称热线中心），受理市民的咨询和投诉。") == {
        ("区人民政府", "lead"), ("区公共服务热线中心", "lead")}


def test_a_body_set_up_without_a_definition_leaves_the_acts_to_its_founder():
    # constructed fixtures: 成立…工作组，建立…机制 is the founder's next act; a defining clause runs to its comma
    # (担任总指挥 holds no remit 指挥); an expert body takes no entry (gold README roles 20)
    assert roles("区政府成立由分管副区长任组长的专项工作组，建立定期会商机制。") == {("区政府", "lead")}
    assert roles("区水务局应当设立防汛指挥所，由主要负责人担任总指挥，根据需要配备工作人员。") == {("区水务局", "lead")}
    assert roles("成立由高校和科研院所人员组成的区产业专家委员会，为重大决策提供咨询意见。") == set()


def test_a_role_noun_equal_to_a_unit_gives_the_unit_the_roles_duty():
    # constructed fixtures: …主体为X，统筹…; …部门为X，负责…: the text names the unit that holds the role
    assert roles("该项目的建设主体为区城管执法局，统筹开展项目建设和工程验收等工作。") == {("区城管执法局", "lead")}
    assert roles("区级审核部门为区住房城乡建设管理委，负责审核发证。") == {("区住房城乡建设管理委", "lead")}


def test_a_copula_that_describes_the_subjects_role_leaves_the_subject():
    # constructed fixtures: 是 describes the subject's own role; 为 before no unit names none
    assert roles("区建设管理委是本区地下空间管理的综合协调部门，负责本办法的组织实施。") == {("区建设管理委", "lead")}
    assert roles("区应急局为本项目的管理人，负责项目的具体组织实施。") == {("区应急局", "lead")}


def test_units_whose_heads_sit_on_a_body_are_its_written_members():
    # constructed fixture: gold role convention 26 as amended by the sixth adjudication (4e08c62): X负责人参加的Y
    # names X as a member unit of Y, and Y's work is X's too (the persons get no entry)
    assert roles("建立由副区长任组长，区有关部门负责人参加的区物流体系建设领导小组，协调解决物流体系建设中的重大问题。") == {
        ("区物流体系建设领导小组", "lead"), ("区有关部门", "collective")}
    # a unit that composes a body itself keeps its act (由A、B组成X，开展…)
    assert roles("由区应急局、区公安分局组成联合检查组，开展专项检查。") == {("区应急局", "lead"), ("区公安分局", "lead")}

def test_a_named_unit_made_equal_to_a_role_keeps_its_duty():
    # constructed fixture (review of 663014d): a named unit or a kind before 为 + a role noun is the standard
    # designation wording of regulations; the complement names the subject's role, not another unit
    assert ("区市场监管局", "lead") in roles("区市场监管局为本区食品安全监督管理部门，负责全区食品安全监督管理工作。")
    assert ("区应急管理部门", "lead") in roles("区应急管理部门为本区安全生产综合监督管理部门，负责综合监督管理工作。")
    # the role noun before 为 still gives its duty to the unit named after it
    assert ("区应急局", "lead") in roles("项目建设主体为区应急局，统筹开展项目建设工作。")
