"""A count a measure makes, written 建成/培育 N个以上的X, is a target, ``>=`` (gold target conventions 6 and 9): the 的 after
以上 makes the count an attribute of X, but after a verb of making (建成, 培育, 打造 …, non_targets._MAKES) the count is what the
measure commits to, not a threshold that says which X a rule covers (住宿人员达到10人及以上的自建房: no target, as before).
Every sentence here is a constructed fixture, written for this test, not copied from a policy document."""

import pytest
from policykg.ingest.extract.targets import extract_targets


@pytest.mark.parametrize(("text", "value", "unit"), [
    ("到2027年，建成30个以上的行业数据平台。", 30, "个"),  # constructed fixture
    ("培育50家以上的专精特新企业。", 50, "家"),  # constructed fixture
])
def test_a_count_made_before_de_is_a_lower_bound(text, value, unit):
    assert [(t.value, t.unit, t.comparator) for t in extract_targets(text)] == [(value, unit, ">=")]


@pytest.mark.parametrize("text", [
    "住宿人员达到10人及以上的自建房应当配置报警器。",  # constructed fixture: a threshold of what is covered
    "座位数300个以上的游览船舶应当配备灭火器材。",  # constructed fixture: a threshold of what is covered
])
def test_a_threshold_before_de_stays_no_target(text):
    assert extract_targets(text) == ()
