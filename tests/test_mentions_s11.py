"""Agency mentions inside found obligations: session 11 rules (issue 13).

Every text here is a constructed fixture for one rule, not a policy document."""

from __future__ import annotations

from fixture_docs import fixture_document
from policykg.ingest.extract.obligations import extract_obligations


def _agencies(text: str) -> list[list[tuple[str, str]]]:
    return [[(a.text, a.role) for a in o.agencies] for o in extract_obligations(fixture_document(text))]


def test_basic_telecom_operators_are_a_kind_of_state_enterprise():
    """基础电信企业 (the operators of the public networks, state enterprises) written by kind as doing a task are a set
    the plan addresses, as 国有企业 is (gold README roles 4 and 17: a collective), in the body and in a 责任单位 list."""
    # constructed fixture
    assert _agencies("一、各基础电信企业要保留线下服务渠道。") == [[("各基础电信企业", "collective")]]
    assert _agencies("二、推进网络建设。（责任单位：省通信管理局，各基础电信企业）") == [
        [("省通信管理局", "lead"), ("各基础电信企业", "collective")]]
    # an enterprise of no such kind stays a regulated party, no agency (roles 4)
    assert _agencies("三、各企业要落实主体责任。") == [[]]


def test_a_kind_doing_a_plan_s_act_is_its_subject():
    """An institution or zone named by its kind and followed by a verb of doing (试点地区完成…, 国家级开发区制定…) is the
    subject of a plan's declarative duty, as after 要 or 负责 (gold README roles 15 and 17); before 的 the act only
    describes the kind (高校开展的研究), and a kind after a verb is that verb's object (授权自贸试验区制定…: roles 10)."""
    # constructed fixture
    assert _agencies("一、2030年底前，试点地区完成网站集约化工作。") == [[("试点地区", "collective")]]
    assert _agencies("二、国家级开发区制定考核办法时要将招商成果纳入。") == [[("国家级开发区", "lead")]]
    assert _agencies("三、高校开展的研究要加强转化。") == [[]]
    assert _agencies("四、授权自贸试验区制定相关管理办法。") == [[]]


def test_a_set_marker_and_place_written_once_cover_the_departments_listed_after_them():
    """各地X部门、Y部门: 各地 written once before a list of departments named by kind covers every member (gold README roles
    3: a set marker before a coordinated pair covers both; roles 13(a), 22: words written once belong to each member), so
    the bare member is the same open set; a member with a level of its own, or another tier, keeps its reading."""
    # constructed fixture
    assert _agencies("一、各地工业和信息化主管部门、市场监管部门要加强协同配合。") == [
        [("各地工业和信息化主管部门", "collective"), ("市场监管部门", "collective")]]
    assert _agencies("二、各地工业和信息化主管部门、市公安局要加强协同。") == [
        [("各地工业和信息化主管部门", "collective"), ("市公安局", "lead")]]
    assert _agencies("三、各级人民政府、街道办事处应当建立值守制度。") == [[("各级人民政府", "collective"), ("街道办事处", "lead")]]
    # constructed fixture: a member named with a place of its own (济南市, 上海市) is one unit, not a member of the set
    assert _agencies("四、各地市场监管部门、济南市市场监督管理局要加强协同。") == [
        [("各地市场监管部门", "collective"), ("济南市市场监督管理局", "lead")]]
    assert _agencies("五、各地工业和信息化主管部门、上海市通信管理局要加强协同。") == [
        [("各地工业和信息化主管部门", "collective"), ("上海市通信管理局", "lead")]]


def test_a_kind_before_the_state_of_an_act_is_no_subject():
    """A verb of doing before a noun of its state or outcome (完成情况, 落实情况, 推进进度) names what is checked, not the
    act of the kind written before it: the kind stays a topic (gold README roles 10 and 17)."""
    # constructed fixture
    assert _agencies("一、试点地区完成情况纳入年度考核。") == [[]]
    assert _agencies("二、国家级开发区落实情况由省商务厅牵头督查。") == [[("省商务厅", "lead")]]
