"""The body's own subjects beside a responsibility clause that names a lead (gold README roles 8, 14, 15): the
predicate that makes a subject's duty its own is read after the whole subject list (公安、司法等部门要…), and
a verb of doing that opens the predicate (X依托…开展…, X牵头…) states the duty as a modal does. Every sentence
here is a constructed fixture (written for the test, no policy document's words)."""

from __future__ import annotations

from policykg.ingest.extract.roles import assign_agencies
from policykg.ingest.model import Document, Region, RegionRef

ZHEJIANG = RegionRef("浙江省", "330000000000", "provincial")
NINGBO = Region("宁波市", "330200000000", "city", (ZHEJIANG,))
PROVINCE = Region("浙江省", "330000000000", "provincial", ())


def roles(text: str, region: Region = NINGBO) -> set[tuple[str, str]]:
    doc = Document("t", "t", "0", "utf-8", text, region=region)
    return {(a.text, a.role) for a in assign_agencies(text, doc, 0)}


def test_every_member_of_a_subject_list_takes_the_modal_after_the_list():
    # constructed fixture: the modal follows 等部门, after the last member, not after each member
    assert roles("公安、司法、民政等部门要加强协作，做好安置工作。（牵头单位：市卫健委）") == {
        ("市卫健委", "lead"), ("公安", "lead"), ("司法", "lead"), ("民政", "lead")}
    # constructed fixture: members joined by 和 / 与, the modal after the last one
    assert roles("市公安局和市民政局要加强夜间巡查。（牵头单位：市卫健委）") == {
        ("市卫健委", "lead"), ("市公安局", "lead"), ("市民政局", "lead")}


def test_a_verb_of_doing_after_the_subject_states_its_own_duty():
    # constructed fixtures: 依托…开展, 积极探索, 牵头: the plan states the act as the subject's own
    assert roles("各区县市政府依托现有平台开展技能培训。（牵头单位：市人社局）") == {
        ("市人社局", "lead"), ("各区县市政府", "collective")}
    assert roles("各区县市应急管理局积极探索基层应急资源共享模式。（牵头单位：市发改委）") == {
        ("市发改委", "lead"), ("各区县市应急管理局", "collective")}
    assert roles("各行业部门、乡镇街道分别负责督促本系统单位落实。（牵头单位：市应急局）") >= {
        ("市应急局", "lead"), ("各行业部门", "collective")}


def test_a_kind_written_once_after_a_list_names_every_member_in_a_provincial_text():
    # constructed fixture: in a provincial text 公安、财政等部门 names the kind at every level (roles 14), not
    # the clause's 省公安厅
    assert roles("公安、财政等部门要加强资金监管。（责任单位：省公安厅、省财政厅）", PROVINCE) == {
        ("省公安厅", "lead"), ("省财政厅", "lead"), ("公安", "lead"), ("财政", "lead")}


def test_a_power_and_a_topic_still_take_no_entry():
    # constructed fixtures: 可以 grants a power (roles 15); a unit before a noun is no subject of an act
    assert roles("各区县市政府可以适当放宽申请条件。（牵头单位：市人社局）") == {("市人社局", "lead")}
    assert roles("各级服务大厅综合窗口比例达到90%以上。（牵头单位：市政务办）") == {("市政务办", "lead")}


def test_a_verb_before_de_is_an_attribute_not_the_subjects_act():
    # constructed fixtures (review rv2 of fcbc9a0): X建立的Y / X组织的Y / X推进的Y: X's act modifies a noun, the
    # sentence's act is the noun's; X is no subject of a duty beside the clause's lead
    assert roles("市公安局建立的数据平台要向社会开放。（牵头单位：市大数据局）") == {("市大数据局", "lead")}
    assert roles("市教育局组织的培训纳入考核。（牵头单位：市人社局）") == {("市人社局", "lead")}
    assert roles("市财政局推进的改革试点取得成效。（牵头单位：市发改委）") == {("市发改委", "lead")}
    # the verb of doing that opens a predicate still gives the subject its act
    assert roles("市公安局建立数据共享平台。（牵头单位：市大数据局）") == {("市大数据局", "lead"), ("市公安局", "lead")}
