"""Deadlines, session 8: 如期 and 限期 on the obligation's own act are limits set elsewhere (gold deadline conventions
11 and 12); 限期 in an order to another party, a condition or a system's name is none. Every sentence here is a
constructed fixture, written for the test, not copied from a policy document."""

from datetime import date

import pytest
from policykg.ingest.extract.deadlines import extract_deadlines

DOC = date(2021, 3, 1)


def _read(text):
    return [(d.text, d.date, d.precision) for d in extract_deadlines(text, DOC)]


@pytest.mark.parametrize("text, word", [
    ("确保改造工程如期完工。", "如期"),  # constructed fixture: the convention's own example
    ("各区要确保治理任务如期完成。", "如期"),  # constructed fixture
    ("确保工程按期完工。", "按期"),  # constructed fixture: convention 13's own example
    ("发现的问题由各街镇限期整改。", "限期"),  # constructed fixture: the convention's own example
    ("发现问题的，由各街镇限期整改。", "限期"),  # constructed fixture: a case, then the unit that does the work
    ("对群众反映的问题，各部门要限期答复、限期办结。", "限期"),  # constructed fixture: once per obligation
])
def test_a_limit_set_elsewhere_on_the_own_act_is_unknown(text, word):
    assert _read(text) == [(word, None, "unknown")]


@pytest.mark.parametrize("text", [
    "发现问题的，由区应急局责令限期整改。",  # constructed fixture: an order to another party
    "责令停止违法行为，限期改正。",  # constructed fixture: the order governs the next clause
    "督促相关企业限期整改到位。",  # constructed fixture: a demand on another party
    "对限期整改不到位的，予以通报批评。",  # constructed fixture: a condition
    "对不能如期完成的单位进行约谈。",  # constructed fixture: a violation
    "督促有关人员按期参加培训。",  # constructed fixture: an order to another party
    "在按期建成一期工程的基础上，启动二期建设。",  # constructed fixture: a past act
    "建立健全限期整改制度。",  # constructed fixture: the name of a system
    "工作推进不力的，予以通报批评并限期整改。",  # constructed fixture: the response to a case binds the party at fault
    "在限期消除期间，监督管理部门应当加强检查。",  # constructed fixture: a period a duty holds through
    "逾期未改正的，依法处理。",  # constructed fixture: 逾期 is no 限期
])
def test_a_limit_in_an_order_a_condition_or_a_name_is_none(text):
    assert _read(text) == []


def test_a_written_date_wins_over_a_limit_set_elsewhere():
    # constructed fixture: 如期 beside the date the obligation writes says no more than that date
    assert _read("11月底前完成改造，确保如期完工。") == [("11月底前", date(2021, 11, 30), "month")]
