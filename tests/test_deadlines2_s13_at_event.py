"""Deadlines, session 13: a point at an event the act falls on — a work's completion, its acceptance, a term's end (在项目
完成时…应, 应当在分项工程验收时…) — is the time the act must be done by: gold deadline convention 3 (a point at an event, as
在限期届满时复查 and 在报送申报表的同时, is ``event``, no date). Only where a duty cue governs it: in a permission (在…验收时，可以
委托…) or a condition (未在…完成时…的) nothing falls due, and 时间 is a noun (在活动结束时间内: no point). Every sentence here is
a constructed fixture, written for the test, not copied from a policy document."""

from datetime import date

import pytest
from policykg.ingest.extract.deadlines import extract_deadlines

DOC = date(2023, 5, 1)


@pytest.mark.parametrize(("text", "written"), [
    ("申报企业应建有研发机构，在项目完成时研发投入强度应达到规定水平。", "在项目完成时"),  # constructed fixture: cue after
    ("建设单位在申请验收时应当提交检测报告。", "在申请验收时"),  # constructed fixture: cue right after
    ("施工单位应当在主体工程竣工验收时，要求供应单位确认数量。", "在主体工程竣工验收时"),  # constructed fixture: cue before
])
def test_a_point_at_an_event_under_a_duty_is_an_event_limit(text, written):
    assert [(d.text, d.date, d.precision) for d in extract_deadlines(text, DOC)] == [(written, None, "event")]


@pytest.mark.parametrize("text", [
    "主管部门在消防设计审查、验收时，可以委托技术服务机构。",  # constructed fixture: a permission
    "未在项目完成时提交报告的，不予验收。",  # constructed fixture: a condition
    "各单位在活动结束时间内完成清点。",  # constructed fixture: 时间 is a noun
])
def test_a_point_at_an_event_without_a_duty_is_none(text):
    assert [d for d in extract_deadlines(text, DOC) if d.rule == "at_event"] == []
