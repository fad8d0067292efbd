"""Deadlines, session 10: a limit the act goes by that the text leaves to another rule (按程序和时限办理, 按照规定时限完成,
严格按照时间要求报送) is recorded as gold deadline convention 6 says for 按照规定时限: unknown, no date; with 按时's exclusions
(convention 8: a negation, a condition, a violation, beside a written date) and no span a record is kept for (按照规定的期限保存,
convention 4). Every sentence here is a constructed fixture, written for the test, not copied from a policy document."""

from datetime import date

import pytest
from policykg.ingest.extract.deadlines import extract_deadlines

DOC = date(2023, 5, 1)


@pytest.mark.parametrize(("text", "written"), [
    ("对受理的申请要按程序和时限予以办结。", "按程序和时限"),  # constructed fixture
    ("各街镇要严格按照时间要求报送排查台账。", "按照时间要求"),  # constructed fixture
    ("各单位应按照规定时限完成隐患整改。", "按照规定时限"),  # constructed fixture
])
def test_the_limit_an_act_goes_by_is_unknown(text, written):
    assert [(d.text, d.date, d.precision) for d in extract_deadlines(text, DOC)] == [(written, None, "unknown")]


@pytest.mark.parametrize("text", [
    "巡查记录应当按照规定的期限保存。",  # constructed fixture: a span a record is kept
    "对不按规定期限完成整改的单位，予以通报。",  # constructed fixture: a violation
    "对按照规定时限完成整改的单位，给予奖励。",  # constructed fixture: whom a measure covers
    "发现隐患的，责令其按照规定期限改正。",  # constructed fixture: an order to another party
    "监测机构应按照规定时间间隔开展检测。",  # constructed fixture: 时间 opens a noun, an interval of a routine
    "各窗口按规定时间段受理业务。",  # constructed fixture: 时间 opens a noun, the hours of a routine
])
def test_a_set_limit_in_a_violation_a_condition_or_a_record_is_none(text):
    assert extract_deadlines(text, DOC) == ()


def test_a_written_date_for_the_act_is_the_limit():
    # constructed fixture: 按照规定时限 beside the date the text writes says no more than that date (convention 8)
    assert [(d.text, d.precision) for d in extract_deadlines("各区要在11月底前按照规定时限报送。", DOC)] == [("11月底前", "month")]
