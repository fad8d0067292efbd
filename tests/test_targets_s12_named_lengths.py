"""The length a funded work's period or a publicity period is equated with is a target (issue 13).

Gold deadline convention 15 (a grant's length written as a count, 资助期限为3年, stays a target) and convention 10 (公示期为5天:
the length of a state is a target). A period that names no funded work (还本期限, a bare 周期) and a rule's validity (有效期) stay
unread. Constructed fixtures (written for this test, not copied from a policy document)."""

import pytest
from policykg.ingest.extract.targets import extract_targets


@pytest.mark.parametrize("text,value,unit", [
    ("本项目资助期限为3年，请按时填写申请书。", 3, "年"),  # constructed fixture
    ("示范工程建设期为2年。", 2, "年"),  # constructed fixture
    ("评审结果公示期为5天。", 5, "天"),  # constructed fixture
])
def test_a_named_length_is_a_target(text, value, unit):
    (t,) = extract_targets(text)
    assert (t.value, t.unit, t.comparator) == (value, unit, "=")
    assert text[t.span.start:t.span.end] == t.text


@pytest.mark.parametrize("text", [
    "本办法有效期为5年。",  # constructed fixture: a rule's validity
    "贷款还本期限为5年。",  # constructed fixture: no funded work named
    "资助期限为2027年。",  # constructed fixture: a year, no length
])
def test_other_periods_are_no_target(text):
    assert extract_targets(text) == ()
