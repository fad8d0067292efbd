"""A kind written only inside 发挥X…作用 takes no site entry, whatever role the phrase names (gold site-type convention
25's seventeenth amendment; 26: 发挥X的保障供应作用)."""

import pytest
from policykg.ingest.extract.sitetypes import find_site_types


# constructed fixture: the measure brings X's role or advantage into play and does no work on X
@pytest.mark.parametrize("text", [
    "充分发挥化工产业园的承载作用，推动新材料企业集聚发展。",
    "充分发挥食盐批发企业的供应保障作用。",
    "发挥国家级开发区的示范引领作用。",
    "充分发挥高新区支撑引领作用。",
    "发挥甲产业化基地、乙微电子产业园等的载体作用。",
    "发挥国家级新区、高新区、经济开发区产业集聚优势，探索建立监管机制。",
])
def test_a_kind_whose_role_is_brought_into_play_is_no_site(text):
    assert find_site_types(text) == ()


# constructed fixture: work done on or placed in the kind in another clause keeps it
@pytest.mark.parametrize("text, label", [
    ("发挥政策作用，加快建设产业园区。", "产业园区"),
    ("发挥产业园区作用，在产业园区建设标准厂房。", "产业园区"),
])
def test_work_on_the_kind_in_another_clause_keeps_it(text, label):
    assert label in find_site_types(text)
