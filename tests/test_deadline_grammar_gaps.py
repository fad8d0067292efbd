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
