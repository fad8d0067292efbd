"""Targets, session 8: a bound inside the noun phrase a grant is given to says who qualifies (gold target convention 9),
no target; a bound that sizes the grant itself stays one."""

import pytest
from policykg.ingest.extract.targets import extract_targets


@pytest.mark.parametrize("text", [
    # constructed fixture: two conditions joined by 、, closed by 的 and the noun granted to
    "各地可对单笔金额300万元及以下、年费率不超过2%的保险业务给予适当补贴。",
    # constructed fixture: conditions joined across a comma by 且, the grant in the next clause
    "年贷款额不低于20万元(含20万元)，且不超过500万元（含500万元）的技改贷款，可按实际利息申请贴息。",
])
def test_a_bound_that_says_who_qualifies_is_no_target(text):
    assert extract_targets(text) == ()


@pytest.mark.parametrize("text,value,unit", [
    ("按不超过实际投资额30%的比例给予补助。", 30, "%"),  # constructed fixture: the grant's rate
    ("对认定的示范项目给予不超过50万元的补助。", 50, "万元"),  # constructed fixture: the grant's amount
])
def test_a_bound_that_sizes_the_grant_stays(text, value, unit):
    (t,) = extract_targets(text)
    assert (t.value, t.unit, t.comparator) == (value, unit, "<=")
