"""Scale words N级 are targets, ``>=`` (gold target convention 11): a size written as the class a quantity reaches
(千亿级产业集群, 百亿级的集群, 7000亿级, 千万千瓦级储能基地) is one target, value and unit by convention 6's number words with 级
dropped. A grade (一级响应, 三级) and a level of government (国家级, 省级) are no scale. Every sentence here is a constructed
fixture, written for this test, not copied from a policy document."""

import pytest
from policykg.ingest.extract.targets import extract_targets


@pytest.mark.parametrize(("text", "written", "value", "unit"), [
    ("培育形成若干千亿级先进制造业集群。", "千亿级", 1, "千亿"),  # constructed fixture
    ("带动各县培育年产值百亿级的特色产业集群。", "百亿级", 1, "百亿"),  # constructed fixture
    ("打造7000亿级新材料产业。", "7000亿级", 7000, "亿"),  # constructed fixture
    ("建设千万千瓦级清洁能源基地。", "千万千瓦级", 1, "千万千瓦"),  # constructed fixture
    ("培育五千亿级先进制造业集群。", "五千亿级", 5, "千亿"),  # constructed fixture: a Chinese digit is the number
])
def test_a_scale_word_is_a_lower_bound(text, written, value, unit):
    assert [(t.text, t.value, t.unit, t.comparator) for t in extract_targets(text)] == [(written, value, unit, ">=")]


@pytest.mark.parametrize("text", [
    "发生险情时立即启动一级响应。",  # constructed fixture: a grade
    "支持创建国家级和省级创新平台。",  # constructed fixture: levels of government
])
def test_grades_and_levels_are_no_scale(text):
    assert extract_targets(text) == ()
