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


# constructed fixture: the activity word is the predicate of a doer (after 由, a person noun, a unit) or follows a
# modal: no part of a kind, and the head alone names none here
@pytest.mark.parametrize("text, wrong", [
    ("由专人管理场所。", "专人管理场所"),
    ("居民利用住宅从事经营。", "居民利用住宅"),
    ("乡镇政府宣传设施安全。", "乡镇政府宣传设施"),
    ("各单位要利用设施开展培训。", "利用设施"),
])
def test_an_activity_done_by_a_subject_or_after_a_modal_is_no_part_of_the_kind(text, wrong):
    assert wrong not in find_site_types(text)
