"""Targets, session 8: a count written after 等 that only restates the members of the list before it is no target;
one after a list that an act is done to or in stays (gold target conventions, tests/gold/obligations/README.md)."""

import pytest
from policykg.ingest.extract.targets import extract_targets


@pytest.mark.parametrize("text", [
    # constructed fixture: a verb of using what exists governs the list
    "发挥甲高新区、乙经开区等5个开发区的带动作用，推动产业协同。",
    # constructed fixture: the list is the clause's subject
    "甲银行、乙银行等4家银行重点向名单内企业发放贷款。",
    # constructed fixture: 依托 (using what exists)
    "依托甲园区、乙园区等3个园区，建立对接机制。",
])
def test_a_count_that_restates_a_list_is_no_target(text):
    assert extract_targets(text) == ()


@pytest.mark.parametrize("text,value,unit", [
    # constructed fixture: an act is done in the listed fields
    ("深化智能装备在机械、汽车、纺织等6个领域的规模化应用。", 6, "个"),
    # constructed fixture: a verb of making governs the list
    ("建成甲平台、乙平台等4个公共服务平台。", 4, "个"),
])
def test_a_count_of_listed_members_an_act_is_done_to_stays(text, value, unit):
    (t,) = extract_targets(text)
    assert (t.value, t.unit, t.comparator) == (value, unit, "=")


@pytest.mark.parametrize("text,value,unit", [
    # constructed fixture: work done on the listed members, whatever the verb (the list is neither subject nor used)
    ("治理甲河、乙河等5个黑臭水体。", 5, "个"),
    ("改造甲小区、乙小区等20个老旧小区。", 20, "个"),
    ("完成甲寺、乙塔等12处文物的保护修缮。", 12, "处"),
    ("修缮甲寺、乙塔等12处文物。", 12, "处"),
    ("修复甲坑、乙坑等3个废弃矿坑。", 3, "个"),
])
def test_a_count_of_members_any_verb_acts_on_stays(text, value, unit):
    (t,) = extract_targets(text)
    assert (t.value, t.unit, t.comparator) == (value, unit, "=")
