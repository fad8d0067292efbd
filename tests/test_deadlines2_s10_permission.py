"""Deadlines, session 10 review: a fronted 在X前 whose clause grants a permission (可/可以/可自愿/能够 as the clause's
first modal) is no limit (deadline convention 16's analogy: leave to act early binds no one to a time); under a duty
(应/须/要) it stays an event limit (convention 3). Every sentence here is a constructed fixture, written for the test, not
copied from a policy document."""

from datetime import date

import pytest
from policykg.ingest.extract.deadlines import extract_deadlines

DOC = date(2023, 5, 1)


@pytest.mark.parametrize("text", [
    "在审批前，可以征求专家意见。",  # constructed fixture
    "在申报前，企业可自愿选择评估机构。",  # constructed fixture
    "在开工前，建设单位可委托第三方开展评估。",  # constructed fixture
    "在项目立项前，申请人能够通过平台查询进度。",  # constructed fixture
    "在登记前，材料不全的，可以补正后再行提交。",  # constructed fixture: a case clause between
    "在取得许可前，不可擅自开工。",  # constructed fixture: a ban written 不可 lasts until the event (as 不得)
])
def test_fronted_before_phrase_granting_a_permission_is_no_limit(text):
    assert extract_deadlines(text, DOC) == ()


@pytest.mark.parametrize(("text", "event"), [
    ("在审批前，应当征求专家意见。", "审批前"),  # constructed fixture: a duty
    ("在项目开工前，组织开展可行性论证。", "项目开工前"),  # constructed fixture: 可 inside a word, no modal
    ("在申报前，企业须完成自评，可以委托机构协助。", "申报前"),  # constructed fixture: the duty comes first
    ("在竣工前，应当消除不可抗力造成的隐患。", "竣工前"),  # constructed fixture: 不可抗力, a word, no ban
])
def test_fronted_before_phrase_under_a_duty_stays_a_limit(text, event):
    assert [(d.text, d.precision) for d in extract_deadlines(text, DOC)] == [(event, "event")]
