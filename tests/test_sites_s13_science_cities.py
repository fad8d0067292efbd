"""Cities of science (科学城, 科技城, 科创城) are zones a measure builds or develops, recorded by their kind: the words before
them name one zone (gold site-type conventions 9 and 12)."""

import pytest
from policykg.ingest.extract.sitetypes import find_site_types


# constructed fixture: a named city of science is recorded by its kind; an unnamed one as written
@pytest.mark.parametrize("text, label", [
    ("高标准建设甲乙科学城，完善配套设施。", "科学城"),
    ("重点推进中科院某市科创城建设。", "科创城"),
    ("发展科学城、科技城及各类创新载体。", "科技城"),
])
def test_a_city_of_science_is_a_zone_recorded_by_its_kind(text, label):
    assert label in find_site_types(text)


# constructed fixture: the place or body before the kind is no part of the label
@pytest.mark.parametrize("text, written", [
    ("高标准建设甲乙科学城。", "甲乙科学城"),
    ("重点推进中科院某市科创城建设。", "中科院某市科创城"),
])
def test_the_name_before_a_city_of_science_is_dropped(text, written):
    assert written not in find_site_types(text)


# constructed fixture: a city of science that runs on into the name of another zone is part of that name
def test_a_city_of_science_inside_another_zones_name_is_no_entry():
    assert "科学城" not in find_site_types("推进科学城某市高新区、经济技术开发区建设。")
