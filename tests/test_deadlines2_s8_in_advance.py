"""Deadlines, session 8: 事先 on the obligation's own act is a limit before an event (gold deadline convention 14);
事先 in a condition is none. Every sentence here is a constructed fixture, written for the test, not copied from a
policy document."""

from datetime import date

import pytest
from policykg.ingest.extract.deadlines import extract_deadlines

DOC = date(2021, 3, 1)


@pytest.mark.parametrize("text", [
    "各部门负责人出国，应事先报告。",  # constructed fixture: the convention's own example
    "进行明火作业的单位，应当事先办理审批手续。",  # constructed fixture
])
def test_in_advance_on_the_own_act_is_an_event_limit(text):
    assert [(d.text, d.date, d.precision) for d in extract_deadlines(text, DOC)] == [("事先", None, "event")]


@pytest.mark.parametrize("text", [
    "（二）举报内容事先未被职能部门掌握的；",  # constructed fixture: a condition of a reward
    "事先已经取得许可的，可以免于备案。",  # constructed fixture: a condition
])
def test_in_advance_in_a_condition_is_none(text):
    assert extract_deadlines(text, DOC) == ()


def test_in_advance_as_an_attribute_of_a_noun_is_no_limit():
    # constructed fixtures (second review of 7a28409): 事先V的N dates what was agreed before, nothing falls due
    for text in ("（一）施工单位应当按照事先确定的施工方案组织施工。", "服务机构应当按事先约定的标准收取费用。"):
        assert [d.text for d in extract_deadlines(text, DOC)] == []
    assert [d.text for d in extract_deadlines("外出参加培训的，应当事先向所在单位报告。", DOC)] == ["事先"]
