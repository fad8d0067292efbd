"""Works that build an information system or a platform are no site (gold site-type conventions 7 and 9)."""

import pytest
from policykg.ingest.extract.sitetypes import find_site_types


# constructed fixture
@pytest.mark.parametrize("text", [
    "加强电子政务建设项目的绩效评估。",
    "推进市级信息化建设项目验收。",
    "实施公共服务平台能力建设项目。",
    "推进应用场景建设项目落地。",
    "实施国家审判信息系统工程。",  # constructed fixture (review): an information system
])
def test_works_that_build_a_system_or_a_platform_are_no_site(text):
    assert find_site_types(text) == ()


# constructed fixture
@pytest.mark.parametrize("text, label", [
    ("推进危险废物建设项目审批。", "危险废物建设项目"),
    ("加快重大项目建设。", "重大项目"),
    ("推进智能化技术改造重大项目。", "智能化技术改造重大项目"),
    ("推进城区排水系统改造工程。", "城区排水系统改造工程"),  # constructed fixture (review): a system of pipes is built works
    ("实施供水系统改造项目。", "供水系统改造项目"),  # constructed fixture (review)
])
def test_works_of_a_kind_stay(text, label):
    assert label in find_site_types(text)
