"""Deadlines, session 12: a point at the filing of a submission (提交…时, 在向…报送的同时) is an event limit (gold deadline
convention 3: 承接物业时, 在报送申报表的同时 are `event`, no date); a filing not made (未提交…时) is a condition, and 时 that
opens a noun (申报时间) is no point. Every sentence here is a constructed fixture, written for the test, not copied from a
policy document."""

from datetime import date

import pytest
from policykg.ingest.extract.deadlines import extract_deadlines

DOC = date(2023, 5, 1)


@pytest.mark.parametrize(("text", "written"), [
    ("提交年度报告时，应附审计意见。", "提交年度报告时"),  # constructed fixture
    ("各区在向市住建局报送的同时，抄送市财政局。", "在向市住建局报送的同时"),  # constructed fixture
    ("申请单位填报项目申请书时须如实填写预算。", "填报项目申请书时"),  # constructed fixture: no comma
    ("企业递交备案材料时，一并提交承诺书。", "递交备案材料时"),  # constructed fixture
])
def test_a_point_at_a_filing_is_an_event_limit(text, written):
    found = extract_deadlines(text, DOC)
    assert [(d.text, d.date, d.precision) for d in found] == [(written, None, "event")]


@pytest.mark.parametrize("text", [
    "未按规定提交材料时，不予受理。",  # constructed fixture: a filing not made is a condition
    "项目申报时间为两周。",  # constructed fixture: 时 opens a noun
    "发现问题时，及时处置。",  # constructed fixture: a case, no filing
])
def test_no_filing_point_is_no_limit(text):
    assert [d for d in extract_deadlines(text, DOC) if d.rule == "at_filing"] == []
