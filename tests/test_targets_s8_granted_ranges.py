"""Targets, session 8: a range a measure grants — paid (…的5—10%给予奖励) or allowed (可申请延期1—2个月) — is capped by
its upper bound (<=), as a range of money paid is (gold target convention 6); a range the plan commits to stays >=."""

import pytest
from policykg.ingest.extract.targets import extract_targets


@pytest.mark.parametrize("text,value,unit", [
    ("按项目合同额的3—8%给予奖励。", 8, "%"),  # constructed fixture: a share paid as a reward
    ("受影响的企业可申请延期1-3个月报送年报。", 3, "个月"),  # constructed fixture: a delay allowed
])
def test_a_range_granted_is_capped(text, value, unit):
    (t,) = extract_targets(text)
    assert (t.value, t.unit, t.comparator) == (value, unit, "<=")


@pytest.mark.parametrize("text", [
    "组织学员参加2至6个月的岗位实训。",  # constructed fixture: a range that says what is covered, no target
])
def test_a_range_that_defines_coverage_is_no_target(text):
    assert extract_targets(text) == ()


def test_a_range_committed_to_keeps_its_lower_bound():
    (t,) = extract_targets("每个区布局2—3家创新中心。")  # constructed fixture
    assert (t.value, t.unit, t.comparator) == (2, "家", ">=")


@pytest.mark.parametrize("text", [
    "图书馆开放时间延长1-2小时。",  # constructed fixture: an extension the text commits to, no cap
    "将试点期限延长3-6个月。",  # constructed fixture
])
def test_a_committed_extension_is_no_cap(text):
    assert not any(t.comparator == "<=" for t in extract_targets(text))


@pytest.mark.parametrize("text,value,unit", [
    ("准予延长3-6个月。", 6, "个月"),  # constructed fixture: an extension allowed (准予)
    ("确有困难的，可延长1-2个月。", 2, "个月"),  # constructed fixture: an extension allowed (可)
])
def test_an_extension_allowed_is_capped(text, value, unit):
    (t,) = extract_targets(text)
    assert (t.value, t.unit, t.comparator) == (value, unit, "<=")
