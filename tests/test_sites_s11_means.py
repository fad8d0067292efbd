"""A noun list after 通过 that 等 closes names the means of the work, no sites (gold site-type conventions 10, 11)."""

import pytest
from policykg.ingest.extract.sitetypes import find_site_types


# constructed fixture: the channels or instruments the work goes through; the work is done on something else
@pytest.mark.parametrize("text, label", [
    ("通过老年大学、养老服务机构、社区教育机构等，采取线上线下相结合的方式开展教育。", "养老服务机构"),
    ("教育部通过中国高校科技成果交易会等方式加强推广。", "高校"),
    ("通过试点示范、重大工程等，加快补齐短板。", "重大工程"),
])
def test_a_kind_in_the_means_after_通过_is_no_site(text, label):
    assert label not in find_site_types(text)


# constructed fixture: work on the kind written after 通过 (建设), a verb that governs the list, or a list not closed by
# 等 keeps the kinds
@pytest.mark.parametrize("text, label", [
    ("通过智能车间/工厂建设，带动智能制造装备研制。", "工厂"),
    ("通过加强学校、医院等，开展检查。", "学校"),
    ("通过学校、医院等人员密集场所开展宣传。", "医院"),
])
def test_work_on_the_kind_after_通过_keeps_it(text, label):
    assert label in find_site_types(text)


# constructed fixture: a preposition after 通过 (对, 针对) makes the list the object of the act, worked on: its kinds stay
@pytest.mark.parametrize(("text", "sites"), [
    ("通过对加油站、加气站等进行安全检查，消除火灾隐患。", ("加油站", "加气站")),
    ("通过对学校、医院等开展消防检查，督促整改隐患。", ("学校", "医院")),
])
def test_a_list_after_tongguo_and_a_preposition_keeps_its_kinds(text, sites):
    assert all(s in find_site_types(text) for s in sites)
