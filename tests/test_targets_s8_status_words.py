"""Targets, session 8: the status words that mark a report of what is (截止2022年底, 发生火灾3起) are read as words:
截止日/截止时间 names a deadline and 新发生 what will newly arise, so a bound after them stays a target."""

import pytest
from policykg.ingest.extract.targets import extract_targets


@pytest.mark.parametrize("text,value,unit,cmp", [
    ("从通知发布日到申报截止日不少于30天。", 30, "天", ">="),  # constructed fixture: 截止日, a deadline noun
    ("新发生的小额贷款业务收取的费率不超过1.5%；", 1.5, "%", "<="),  # constructed fixture: 新发生, from now on
])
def test_a_status_word_inside_a_compound_reports_nothing(text, value, unit, cmp):
    (t,) = extract_targets(text)
    assert (t.value, t.unit, t.comparator) == (value, unit, cmp)


@pytest.mark.parametrize("text", [
    "截止2022年底，全区已建成充电桩300个。",  # constructed fixture: a report of what is
    "今年以来共发生火灾3起。",  # constructed fixture
])
def test_a_status_word_standing_alone_still_reports(text):
    assert extract_targets(text) == ()
