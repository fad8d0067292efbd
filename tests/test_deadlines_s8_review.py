"""Deadlines, session 8 review: what the programme-span and on-time rules must not read. Every sentence here is a
constructed fixture, written for the test, not copied from a policy document."""

from datetime import date

import pytest
from policykg.ingest.extract.deadlines import extract_deadlines

DOC = date(2021, 3, 1)


@pytest.mark.parametrize("text", [
    "从2021年起，实施5年一次的普查。",  # constructed fixture: a cycle (every five years), no span to finish in
    "从2021年1月起，开展6个月一轮的轮岗交流。",  # constructed fixture: a cycle in months
    "从2018年开始，已连续开展3年专项行动。",  # constructed fixture: a report of a span already run
])
def test_a_cycle_or_a_span_already_run_is_no_programme(text):
    assert [d for d in extract_deadlines(text, DOC) if d.rule == "programme_span"] == []


def test_a_programme_from_a_written_start_still_ends_with_its_span():
    # constructed fixture: the rule's own case stays
    (d,) = [d for d in extract_deadlines("从2021年1月1日起，实施三年行动计划。", DOC) if d.rule == "programme_span"]
    assert (d.start, d.date) == (date(2021, 1, 1), date(2023, 12, 31))


@pytest.mark.parametrize("text", [
    "按时段实施交通管制。",  # constructed fixture: 按时段, by time period
    "临时停车按时长收费。",  # constructed fixture: 按时长, by duration
    "停车服务按时计费。",  # constructed fixture: billed by the hour
    "各项工作按时序推进。",  # constructed fixture: in time order
])
def test_by_the_time_is_not_on_time(text):
    assert [d for d in extract_deadlines(text, DOC) if d.rule == "on_time"] == []


def test_on_time_on_the_act_stays():
    # constructed fixture: 按时 on the obligation's own act (gold deadline convention 8)
    assert [d.precision for d in extract_deadlines("各单位要按时报送统计报表。", DOC)] == ["unknown"]
