"""Departments named by their part in one case or procedure are collectives (gold README roles 3 and 25).

Every text here is a constructed fixture for one rule, not a policy document."""

from __future__ import annotations

import pytest
from fixture_docs import fixture_document
from policykg.ingest.extract.obligations import extract_obligations


def _agencies(text: str) -> list[tuple[str, str]]:
    obs = extract_obligations(fixture_document(text))
    assert len(obs) == 1
    return [(a.text, a.role) for a in obs[0].agencies]


@pytest.mark.parametrize("text, mention", [
    # constructed fixtures: the business department of the matter, the sharing, receiving, reviewing department
    ("业务部门要在某某方面发挥主体作用。", "业务部门"),
    ("共享部门应按授权范围使用某某资源。", "共享部门"),
    ("受理部门应当及时告知某某结果。", "受理部门"),
    ("审查部门要及时反馈某某意见。", "审查部门"),
    ("市业务主管部门要加强某某指导。", "市业务主管部门"),
])
def test_a_unit_named_by_its_part_in_a_case_is_a_collective(text, mention):
    """Whichever unit holds that part each time is meant: an open set, collective (roles 25), as 项目实施部门 already was."""
    assert _agencies(text) == [(mention, "collective")]


def test_units_named_by_a_sector_or_function_stay_kinds():
    """A sector or a standing function before the head names a kind: lead (roles 1, 25)."""
    # constructed fixture
    assert _agencies("信息化部门要加强某某建设。") == [("信息化部门", "lead")]
    # constructed fixture
    assert _agencies("安全生产监督管理部门要加强某某检查。") == [("安全生产监督管理部门", "lead")]


@pytest.mark.parametrize("text, mention", [
    # constructed fixtures: the unit in charge of one platform or system, the department that proposed one project
    ("平台主管单位负责做好某某注册工作。", "平台主管单位"),
    ("系统主管单位要及时整改某某隐患。", "系统主管单位"),
    ("项目提出部门负责该项目的具体组织实施。", "项目提出部门"),
])
def test_the_unit_in_charge_of_one_thing_of_the_case_is_a_collective(text, mention):
    """X主管单位 of one platform, system or project, and the department that proposed the project, are named by their part
    in that case (roles 25 and its amendment): collective."""
    assert _agencies(text) == [(mention, "collective")]

