"""A kind inside a list that 等 closes with a head naming directions, needs or business activities is no site: the members
name topics of the measure (gold site-type conventions 9 and 11: a kind named only to say what is meant)."""

import pytest
from policykg.ingest.extract.sitetypes import find_site_types


# constructed fixture: the kinds only say which solution, need or activity the list names
@pytest.mark.parametrize("text, label", [
    ("围绕智能健身器材、智慧体育场馆解决方案和运动健身平台等方向，征集一批典型案例。", "体育场馆"),
    ("推动工厂网络设计、建设、运营等业务活动数字化。", "工厂"),
    ("结合智能仓库、数字化车间等建设需求，研发管理系统。", "仓库"),
])
def test_a_kind_in_a_list_of_topics_is_no_site(text, label):
    assert label not in find_site_types(text)


# constructed fixture: a list closed by 等 and a kind of site, or a topic head that does not close the kind's list, keeps it
@pytest.mark.parametrize("text, label", [
    ("加强学校、医院等场所需求调查，完善应急避难场所布局。", "医院"),
    ("推进老旧小区改造，满足居民出行等需求。", "老旧小区"),
    ("围绕智能工厂建设方向，推进生产车间改造。", "智能工厂"),  # (no 等 closes a list before 方向)
])
def test_a_kind_outside_a_list_of_topics_stays(text, label):
    assert label in find_site_types(text)
