"""Target rules of session 7 (issue 13): numbers that say who a measure covers, and caps a rule allows.

Every sentence here is a constructed fixture, written for the rule it tests (no policy document copied).
"""

import pytest
from policykg.ingest.extract.targets import extract_targets


def _readings(text: str) -> list[tuple[float, str, str]]:
    return [(t.value, t.unit, t.comparator) for t in extract_targets(text)]


# A bound written right before 的 and an entity the noun phrase ends with is an attribute of that entity,
# however long the phrase: it selects who the measure covers (gold target convention 9), not what it sets.
@pytest.mark.parametrize("text", [
    "对从业人员超过200人的其他生产经营单位，应当设置安全生产管理机构。",  # constructed
    "对建筑高度超过100米的超高层公共建筑，应当配备专职消防安全管理人员。",  # constructed
    "对服务企业数量超过10家的服务机构给予奖励。",  # constructed: the entity before the measure's verb
    "对年营业收入不超过2000万元的人工智能领域科技型中小企业，给予贷款贴息。",  # constructed
])
def test_a_bound_that_describes_the_covered_entity_is_no_target(text):
    assert _readings(text) == []


@pytest.mark.parametrize("text,reading", [
    ("符合条件的人员可申请最高不超过15万元的创业担保贷款。", (15, "万元", "<=")),  # constructed: what is paid
    ("每年培育不少于10家的龙头企业。", (10, "家", ">=")),  # constructed: what a verb of making takes
    ("每月开展不少于一次的上门消防安全检查。", (1, "次", ">=")),  # constructed: no entity after 的
])
def test_a_bound_before_what_is_paid_or_made_stays(text, reading):
    assert reading in _readings(text)


# What a rule allows with 限/只/仅 and a verb of taking is at most its number (gold target convention 6: <=).
@pytest.mark.parametrize("text,reading", [
    ("每位项目负责人限申报1个项目。", (1, "个", "<=")),  # constructed
    ("培训补贴每人每年只享受一次。", (1, "次", "<=")),  # constructed
    ("每家单位仅限推荐2项成果。", (2, "项", "<=")),  # constructed
])
def test_a_number_a_rule_allows_is_at_most(text, reading):
    assert reading in _readings(text)


@pytest.mark.parametrize("text,reading", [
    ("合同期限3年以上。", (3, "年", ">=")),  # constructed: 期限 is no cap word
    ("每年组织1次演练。", (1, "次", "=")),  # constructed
])
def test_other_limits_keep_their_comparator(text, reading):
    assert reading in _readings(text)


# A value the text changes to another is the baseline; the value after 至/到 is what the measure sets.
@pytest.mark.parametrize("text,old,new", [
    ("将申领条件由参保36个月以上放宽至参保12个月以上。", (36, "个月", ">="), (12, "个月", ">=")),  # constructed
    ("补贴标准由每人1000元提高到每人2000元。", (1000, "元", "="), (2000, "元", "=")),  # constructed
    ("培训时长由每年8课时增至每年16课时。", (8, "课时", "="), (16, "课时", "=")),  # constructed
])
def test_the_value_a_measure_changes_from_is_no_target(text, old, new):
    readings = _readings(text)
    assert old not in readings and new in readings


# The time a due act or an exam may take is a time limit (a deadline) or an event's length, not a target; a minimum
# time a person must give stays.
@pytest.mark.parametrize("text", [
    "各部门逐级上报事故情况，每级上报的时间不得超过2小时。",  # constructed
    "（一）时间：上午9时，考试时间90分钟。",  # constructed
    "投诉的处理时限不超过15天。",  # constructed
])
def test_the_time_an_act_may_take_is_no_target(text):
    assert _readings(text) == []


def test_a_minimum_time_given_stays():
    assert (6, "个月", ">=") in _readings("项目负责人每年用于项目的工作时间不得少于6个月。")  # constructed


# A number word inside quotation marks names a slogan or a reform, whatever word stands before the quote
# (the quote is read at the number, not at the start of the words before it).
@pytest.mark.parametrize("text", [
    "深化“最多跑一次”改革。",  # constructed
    "建立健全“综合查一次”检查制度。",  # constructed
])
def test_a_count_inside_a_quoted_name_is_no_target(text):
    assert _readings(text) == []
