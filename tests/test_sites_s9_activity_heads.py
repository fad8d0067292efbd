"""A zone or facility named by the activity it shows or serves keeps that activity in its kind (gold site-type
conventions 9 and 12): 发展, 管理, 利用 … written between nouns and the head name the kind, they do not act on it."""

import pytest
from policykg.ingest.extract.sitetypes import find_site_types


# constructed fixture
@pytest.mark.parametrize("text, label", [
    ("各市要培育一批数字农业发展示范区。", "数字农业发展示范区"),
    ("省商务厅牵头建设城乡物流管理改革试验区。", "城乡物流管理改革试验区"),
    ("合理布局餐厨垃圾资源化利用设施。", "餐厨垃圾资源化利用设施"),
    ("在社区设置防灾知识宣传设施。", "防灾知识宣传设施"),
])
def test_an_activity_between_nouns_and_the_head_is_part_of_the_kind(text, label):
    assert label in find_site_types(text)


# constructed fixture
@pytest.mark.parametrize("text, wrong", [
    ("各地要加快发展示范区。", "发展示范区"),
    ("在重点领域建立应急救援基地。", "领域建立应急救援基地"),
    ("本市统筹规划建设防灾教育基地。", "规划建设防灾教育基地"),
])
def test_a_verb_that_builds_or_acts_on_the_place_is_no_part_of_it(text, wrong):
    assert wrong not in find_site_types(text)
