"""Deadlines, session 10: 在X前 fronted as a clause of its own (在X前，…) frames the sentence's act as a limit before the
event (gold deadline convention 3: event, no date), also where no duty cue follows (国务院在作出重大决策前，根据需要…听取) or
a case clause stands between (在X前，…的，应当…); run on into a noun or a verb it is part of a word or a name, and a ban
that lasts until the event is no limit. Every sentence here is a constructed fixture, written for the test, not copied from
a policy document."""

from datetime import date

import pytest
from policykg.ingest.extract.deadlines import extract_deadlines

DOC = date(2023, 5, 1)


@pytest.mark.parametrize(("text", "event"), [
    ("市政府在出台重要政策前，通过座谈会等形式听取各方意见。", "出台重要政策前"),  # constructed fixture: no cue
    ("在项目竣工验收前，组织开展一次消防检查。", "项目竣工验收前"),  # constructed fixture: an imperative plan item
    ("在车辆注册前，变更使用单位的，应当补充提交材料。", "车辆注册前"),  # constructed fixture: a case clause between
])
def test_fronted_before_phrase_is_an_event_limit(text, event):
    assert [(d.text, d.date, d.precision) for d in extract_deadlines(text, DOC)] == [(event, None, "event")]


@pytest.mark.parametrize("text", [
    "在教师职前培养中设置相关课程。",  # constructed fixture: 职前, a word
    "研发费用可在计算应纳税所得额前加计扣除。",  # constructed fixture: run on, no fronted clause
    "在新场所建成前，原场所不得拆除。",  # constructed fixture: a ban lasting until the event
    "在本办法施行前已经取得许可的，继续有效。",  # constructed fixture: a record
])
def test_before_phrase_run_on_or_a_ban_is_no_limit(text):
    assert extract_deadlines(text, DOC) == ()
