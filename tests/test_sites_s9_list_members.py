"""Members of a list of sites are sites (gold site-type conventions 4 and 16): the list's first member is read after
the preposition or verb that takes the whole list as its object, and an abbreviation (通信|盲区) is a noun."""

import pytest
from policykg.ingest.extract.sitetypes import find_site_types


# constructed fixture
@pytest.mark.parametrize("text, label", [
    ("各镇要加强对住宅区、老旧建筑、群租房的消防检查。", "住宅区"),
    ("加强对产盐区、食品加工区等重点区域的监测。", "产盐区"),
    ("对学校、医院、通信盲区等场所开展排查。", "通信盲区"),
])
def test_the_first_member_and_abbreviations_are_members(text, label):
    assert label in find_site_types(text)


# constructed fixture
def test_a_list_of_acts_before_a_site_has_no_member():
    assert find_site_types("组织检查、维修物流园区。") == ("物流园区",)
