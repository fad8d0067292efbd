"""Targets, session 8: a rate's goal written without a counting unit — a change in percentage points after a verb of
change, a coefficient's value after a verb of reaching or a bound — is a target; a reported change is not."""

import pytest
from policykg.ingest.extract.targets import extract_targets


@pytest.mark.parametrize("text,value,unit,cmp", [
    ("确保小微企业贷款平均利率较上年再降0.3个百分点。", 0.3, "个百分点", "="),  # constructed fixture
    ("力争研发投入强度至少提高1.5个百分点。", 1.5, "个百分点", ">="),  # constructed fixture
    ("新建数据中心电能利用效率降到1.25以下。", 1.25, "", "<="),  # constructed fixture: a coefficient
])
def test_a_rate_goal_without_a_counting_unit(text, value, unit, cmp):
    (t,) = extract_targets(text)
    assert (t.value, t.unit, t.comparator) == (value, unit, cmp)


@pytest.mark.parametrize("text", [
    "全区工业增加值同比下降2.1个百分点。",  # constructed fixture: a report of what changed
    "去年不良贷款率比上年提高0.4个百分点。",  # constructed fixture
])
def test_a_reported_change_is_no_target(text):
    assert extract_targets(text) == ()
