"""Deadlines, session 9: a point of each cycle that names no day — an event in the cycle (每年…编报预算之前) or the
middle and the end of each year (年中和年末) — is recurring with no date (gold deadline conventions 1 and 14); a dated
point of a cycle keeps its first due date. Every sentence here is a constructed fixture, written for the test, not
copied from a policy document."""

from datetime import date

import pytest
from policykg.ingest.extract.deadlines import extract_deadlines

DOC = date(2021, 3, 1)


@pytest.mark.parametrize(("text", "written"), [
    ("主管部门应在每年编制下一年度预算之前公布标准。", "在每年编制下一年度预算之前"),  # constructed fixture
    ("各区应于每季度召开联席会议前报送进展。", "于每季度召开联席会议前"),  # constructed fixture
    ("各部门要在年中和年末向市政府报告执行情况。", "在年中和年末"),  # constructed fixture: convention 14's example
])
def test_cycle_point_naming_no_day_is_recurring_without_date(text, written):
    assert [(d.text, d.date, d.precision) for d in extract_deadlines(text, DOC)] == [(written, None, "recurring")]


def test_dated_cycle_points_keep_their_first_due_date():
    # constructed fixtures: a day, a month or a part of the year named in the cycle is read by the date rules
    assert [(d.date, d.precision) for d in extract_deadlines("各区应于每年4月底前报送。", DOC)] == [(date(2021, 4, 30), "recurring")]
    assert [(d.date, d.precision) for d in extract_deadlines("各区应于每年年底前报送。", DOC)] == [(date(2021, 12, 31), "recurring")]
    assert [d.text for d in extract_deadlines("各区应于年末完成评估。", DOC)] == ["年末"]


def test_a_festival_or_the_start_of_the_cycle_is_a_time_left_to_its_own_rule():
    # constructed fixtures: 每年(的)元旦前 names a festival the calendar dates; 每年年初前 the start of the cycle
    assert [(d.date, d.rule) for d in extract_deadlines("各区应于每年的元旦前制定计划。", DOC)] == [
        (date(2021, 12, 31), "festival:calendar")]
    assert [d.rule for d in extract_deadlines("各区应于每年年初前制定计划。", DOC)] == ["recurring_part"]


def test_the_cycle_written_as_a_year_term_is_no_part_of_the_event():
    # constructed fixture: 每年度 is the cycle; the event is what comes in it
    assert [d.event for d in extract_deadlines("应在每年度开始前制定计划。", DOC)] == ["开始"]
