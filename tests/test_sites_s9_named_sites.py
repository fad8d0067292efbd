"""A single named site is recorded by its kind: the place name that opens it is dropped when a kind is left (gold
site-type convention 12: 济南—青岛人工智能创新应用先导区 -> 人工智能创新应用先导区)."""

import pytest
from policykg.ingest.extract.sitetypes import find_site_types


# constructed fixture
@pytest.mark.parametrize("text, label", [
    ("高标准建设青岛海洋经济产业先导区。", "海洋经济产业先导区"),
    ("优先布局淄博坑口电厂。", "坑口电厂"),
    ("推进济南新旧动能转换先行区建设。", "新旧动能转换先行区"),
    ("建设青岛人工智能计算中心。", "人工智能计算中心"),
])
def test_a_named_site_is_recorded_by_its_kind(text, label):
    assert label in find_site_types(text)


# constructed fixture
@pytest.mark.parametrize("text", [
    "支持崂山实验室开展研究。",  # a name with no kind left (and 实验室 is a research body, convention 9)
    "区档案馆负责整理档案。",  # a unit of a level of government
])
def test_a_name_with_no_kind_left_is_no_site(text):
    assert not find_site_types(text)
