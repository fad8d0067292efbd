"""Deadline grammar: shapes the rules read wrongly before (issue 13, session 6).

Every sentence here is a constructed fixture, written for the test, not copied from a policy document.
"""

from datetime import date

import pytest
from policykg.ingest.extract.deadlines import extract_deadlines

DOC = date(2021, 3, 15)


@pytest.mark.parametrize("text", [
    "对近3个月内需要续贷的小微企业开展走访。",  # constructed: the firms a measure picks
    "按照该设备投用后2年内节能收益的20%给予奖励。",  # constructed: the base an award is counted on
    "依照项目验收后1年内实际产值的5%核定补助。",  # constructed
])
def test_a_span_inside_the_phrase_a_preposition_governs_is_no_limit(text):
    """Convention 4: a span that picks the cases or the base of a measure (对/按照/依照 …内…的X) is no limit."""
    assert extract_deadlines(text, DOC) == ()


@pytest.mark.parametrize("text,written", [
    ("按照规定在15日内报送有关材料。", "15日内"),  # constructed: a new act (在…报送) after the preposition's object
    ("对收到的申请，在5个工作日内作出决定。", "5个工作日内"),  # constructed: the span is in another clause
    ("对申请材料，自受理之日起10日内审查完毕。", "受理之日起10日内"),  # constructed
])
def test_a_span_of_an_act_after_a_prepositions_object_stays_a_limit(text, written):
    found = extract_deadlines(text, DOC)
    assert [(d.text, d.precision) for d in found] == [(written, "relative")]


@pytest.mark.parametrize("text", [
    "情节严重的，吊销其资格证书，3年内不予受理其申请。",  # constructed: 不予 bans for the span
    "政府有关部门可以限制其二年内参加政府采购活动。",  # constructed: a restriction a penalty imposes
    "经评估，该办法需继续实施，有效期延长至2030年6月30日。",  # constructed: a validity term, extended
])
def test_the_span_of_a_penalty_or_an_extended_validity_term_is_no_limit(text):
    """Convention 4: spans of a ban (不予, 限制其…) and validity terms (有效期延长至) are not time limits."""
    assert extract_deadlines(text, DOC) == ()


def test_a_limit_before_a_refusal_stays_a_limit():
    found = extract_deadlines("对不符合条件的，应当在5个工作日内作出不予许可的决定。", DOC)  # constructed
    assert [(d.text, d.precision) for d in found] == [("5个工作日内", "relative")]


@pytest.mark.parametrize("text,written,duration", [
    ("各级部门逐级报送情况，每级报送的时间不得超过4小时。", "每级报送的时间不得超过4小时", "PT4H"),  # constructed
    ("补充材料受理时间为20天。", "补充材料受理时间为20天", "P20D"),  # constructed
    ("投诉处理时限一般不超过15个工作日。", "投诉处理时限一般不超过15个工作日", "P15D;WORKDAYS"),  # constructed
])
def test_the_time_an_act_may_take_is_a_relative_limit(text, written, duration):
    """Convention 5: the time a due act may take, written as its measure (X的时间不得超过N), limits the act."""
    found = extract_deadlines(text, DOC)
    assert [(d.text, d.precision, d.date, d.recurrence) for d in found] == [(written, "relative", None, duration)]


@pytest.mark.parametrize("text", [
    "特殊情况下可以延期，但延长的时间最长不超过15日。",  # constructed: the cap of an extension
    "临时封存期限不得超过一个月。",  # constructed: a term a state lasts
    "笔试时间为90分钟。",  # constructed: how long an event lasts, no act falls due
])
def test_an_extension_a_term_or_an_events_length_is_no_act_time(text):
    assert extract_deadlines(text, DOC) == ()


@pytest.mark.parametrize("text,event", [
    ("各级部门逐级报送情况，每级报送的时间不得超过4小时。", "报送"),  # constructed
    ("每件投诉办理时间不超过10个工作日。", "投诉办理"),  # constructed
    ("补充材料受理时间为20天。", "补充材料受理"),  # constructed
])
def test_the_event_of_an_act_time_is_the_act_without_its_distributive(text, event):
    """每级/每件 say which acts the limit applies to; the act the limit counts from is the rest (报送, 投诉办理)."""
    assert [d.event for d in extract_deadlines(text, DOC)] == [event]


# constructed (gold deadline convention 8): 按时 on the act itself is a limit set elsewhere, unknown precision; not
# after a negation, 能 or 对 (a violation, a condition, whom a measure covers), not 按时间/按时限, and not beside a limit
# the text writes
@pytest.mark.parametrize("text, found", [
    ("确保按时完成测试整改。", [("按时", "unknown")]),
    ("按时将测试材料报送测试中心。", [("按时", "unknown")]),
    ("严查测试机构不按时结算问题。", []),
    ("测试企业不能按时兑付的，要协调解决。", []),
    ("对按时还款的测试企业给予贴息。", []),
    ("按时间节点推进测试工作。", []),
    ("11月底前完成测试平台建设，按时上线。", [("11月底前", "month")]),
])
def test_on_time_is_a_limit_set_elsewhere(text, found):
    assert [(d.text, d.precision) for d in extract_deadlines(text, date(2020, 1, 1))] == found
