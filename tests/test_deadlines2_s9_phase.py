"""Deadlines, session 9: a phase of a project or a product within which a one-off act must be done is that act's limit
(gold deadline convention 16: event, no date); a phase through which a standing duty holds, or a case found in it, is
the duty's scope and no limit. Every sentence here is a constructed fixture, written for the test, not copied from a
policy document."""

from datetime import date

import pytest
from policykg.ingest.extract.deadlines import extract_deadlines

DOC = date(2023, 5, 1)


@pytest.mark.parametrize(("text", "phase"), [
    ("在方案设计阶段，应完成风险评估。", "在方案设计阶段"),  # constructed fixture: the convention's own example
    ("建设单位应当在项目立项阶段报请主管部门组织论证。", "在项目立项阶段"),  # constructed fixture
    ("企业应在样机研制过程中对系统功能进行安全评估。", "在样机研制过程中"),  # constructed fixture
])
def test_phase_a_one_off_act_must_be_done_in_is_an_event_limit(text, phase):
    assert [(d.text, d.date, d.precision) for d in extract_deadlines(text, DOC)] == [(phase, None, "event")]


@pytest.mark.parametrize("text", [
    "施工单位在施工阶段对工程进度进行控制。",  # constructed fixture: a standing duty through the phase
    "作业人员在作业过程中应当遵守操作规程。",  # constructed fixture
    "监理单位在监理过程中发现隐患的，应当组织评估。",  # constructed fixture: a case found in the phase
    "在项目实施过程中，如需调整，应当报请原审批机关批准。",  # constructed fixture: a case met in the phase
    "在疫情防控过程中，各地要加强评估。",  # constructed fixture: an assessment kept up through the phase
])
def test_phase_a_standing_duty_holds_through_is_no_limit(text):
    assert extract_deadlines(text, DOC) == ()
