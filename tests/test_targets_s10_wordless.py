"""Counts written without a counting word (issue 13, session 10): a magnitude that closes the count, a number word
before the people it counts (gold target convention 6).

Every sentence here is a constructed fixture, written for the rule it tests (no policy document copied).
"""

import pytest
from policykg.ingest.extract.targets import extract_targets


def _readings(text: str) -> list[tuple[float, str, str]]:
    return [(t.value, t.unit, t.comparator) for t in extract_targets(text)]


# A magnitude (万, 亿) that closes a number under a comparator stands as the unit (convention 6: a unit written with 万/亿
# stays the unit); the comparator is read as for any count.
@pytest.mark.parametrize("text,reading", [
    ("到2025年，平台注册用户总数突破2亿。", (2, "亿", ">=")),  # constructed fixture
    ("力争全市标识解析量达到3000万，形成示范效应。", (3000, "万", "=")),  # constructed fixture
    ("确保年度接入设备超过50万；", (50, "万", ">=")),  # constructed fixture
])
def test_a_closing_magnitude_is_the_unit(text, reading):
    assert reading in _readings(text)


# A number word holding a magnitude right before the people it counts is expanded, unit 人 (convention 6: 百万青年).
@pytest.mark.parametrize("text,reading", [
    ("实施两年八万青年就业见习计划。", (80000, "人", "=")),  # constructed fixture
    ("组织开展百万职工技能培训行动。", (1000000, "人", "=")),  # constructed fixture
    ("培训不少于五千农民工。", (5000, "人", ">=")),  # constructed fixture
])
def test_a_number_word_before_the_people_counted_is_expanded(text, reading):
    assert reading in _readings(text)


@pytest.mark.parametrize("text", [
    "截至目前，平台注册用户已突破2亿。",  # constructed fixture: a report of what is
    "广泛开展“万名学生讲安全”主题活动。",  # constructed fixture: the name of a campaign
    "对营业收入首次突破10 亿元的企业给予奖励。",  # constructed fixture: 亿元 is a unit written, no closing magnitude
    "每万人口拥有医生数达到3人。",  # constructed fixture: 每万人口 is a rate's base
    "深入实施百千万人才工程。",  # constructed fixture: stacked magnitudes name tiers, no count
    "带动千百万青年投身乡村振兴。",  # constructed fixture: a multitude, no count
    "万千青年在这里成长。",  # constructed fixture: a multitude, no count
])
def test_no_wordless_count_where_none_is_set(text):
    assert not [r for r in _readings(text) if r[1] in ("亿", "万") or r[0] >= 1000 and r[1] == "人"]
