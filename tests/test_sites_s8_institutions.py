"""Site types (session 8): a public institution by kind that is the subject of a duty does the work; it is no site.

Every sentence here is a constructed fixture, written for these tests in the shape of the pattern, never copied
from a policy document."""

from __future__ import annotations

import pytest
from policykg.ingest.extract.sitetypes import find_site_types


@pytest.mark.parametrize("text", [
    "第六条 中小学校、幼儿园应当将消防安全知识纳入教学内容。",  # constructed fixture
    "医疗机构、相关企业要完善预约挂号方式。",  # constructed fixture
    "二是县级公立医疗机构应优先使用中选药品。",  # constructed fixture
    "教育主管部门、教育部直属高校要及时总结经验。",  # constructed fixture
    "各级各类学校应当把应急知识教育纳入教学内容。",  # constructed fixture
])
def test_an_institution_that_is_the_subject_of_a_duty_is_no_site(text):
    assert find_site_types(text) == ()


@pytest.mark.parametrize(("text", "sites"), [
    ("加强中小学校、幼儿园消防安全检查。", ("中小学校", "幼儿园")),  # constructed fixture: the work is on them
    ("消防救援机构对学校要开展检查。", ("学校",)),  # constructed fixture: a preposition makes it the object
    ("在学校、医院要设置明显标志。", ("学校", "医院")),  # constructed fixture: where the work is done
    ("学校应当落实消防安全管理制度，定期开展防火检查。", ("学校",)),  # constructed fixture: work on its own premises
])
def test_an_institution_the_work_is_done_on_stays(text, sites):
    assert find_site_types(text) == sites
