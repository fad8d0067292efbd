"""不超 before a number is a cap (<=), not 超 (>=) with a negation left out (issue 13, gold target convention 6).

Constructed fixtures (written for this test, not copied from a policy document)."""

import pytest
from policykg.ingest.extract.targets import extract_targets


@pytest.mark.parametrize("text,value,unit,cmp", [
    ("每户补贴不超3万元。", 3, "万元", "<="),       # constructed fixture
    ("每校推荐不超 5 个项目。", 5, "个", "<="),     # constructed fixture
    ("补助资金超3万元。", 3, "万元", ">="),  # constructed fixture: 超 alone stays >=
    ("单个项目补助不超过3万元。", 3, "万元", "<="),  # constructed fixture: 不超过 unchanged
])
def test_not_over_is_a_cap(text, value, unit, cmp):
    (t,) = extract_targets(text)
    assert (t.value, t.unit, t.comparator) == (value, unit, cmp)
    assert text[t.span.start:t.span.end] == t.text
