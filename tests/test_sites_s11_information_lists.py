"""Members of a list closed by 等 and a head naming information say what it is about, no sites (site-type conventions 9, 11)."""

import pytest
from policykg.ingest.extract.sitetypes import find_site_types


# constructed fixture: the work (collecting, sharing, opening) is done on the information, not on the kinds listed
@pytest.mark.parametrize("text, label", [
    ("资源中心应包括车辆、站点、专用道、客运枢纽、地理空间数据等公共交通基础数据。", "客运枢纽"),
    ("推动将综合交通、公用设施、环境质量等信息资源向社会开放。", "公用设施"),
    ("加强港口、航运、陆运等物流信息的开发共享。", "港口"),
])
def test_a_kind_listed_before_an_information_head_is_no_site(text, label):
    assert label not in find_site_types(text)


# constructed fixture: a facility of information after 等 is built, and a kind of site between 等 and the information
# makes the list one of places
@pytest.mark.parametrize("text, label", [
    ("加快建设港口、机场等数据中心。", "机场"),
    ("加强学校、医院等信息基础设施建设。", "医院"),
    ("统计学校、医院等人员密集场所的消防信息。", "学校"),
])
def test_a_list_of_places_or_information_facilities_stays(text, label):
    assert label in find_site_types(text)


# constructed fixture: 信息化 (informatisation) after 等 is work done on the listed kinds, which stay
@pytest.mark.parametrize(("text", "sites"), [
    ("加快推进中小学校、医院等信息化建设。", ("中小学校", "医院")),
    ("推动港口、机场、客运枢纽等信息化改造。", ("港口", "机场", "客运枢纽")),
])
def test_a_list_of_what_is_informatised_keeps_its_members(text, sites):
    assert all(s in find_site_types(text) for s in sites)
