"""Works named by size and trade are a kind of works (gold site-type convention 7: 重大工程, 小型建设工程 …)."""

import pytest
from policykg.ingest.extract.sitetypes import find_site_types


# constructed fixture
@pytest.mark.parametrize("text, label", [
    ("加强重大产业项目调度。", "重大产业项目"),
    ("推进重大水利工程建设。", "重大水利工程"),
    ("在文物埋藏区进行大型基本建设工程的，应当事先报请考古调查。", "大型基本建设工程"),
])
def test_a_size_and_a_trade_before_works_name_a_kind(text, label):
    assert label in find_site_types(text)


# constructed fixture
@pytest.mark.parametrize("text", [
    "推进重大科技项目。",
    "加快重点工作项目推进。",
])
def test_research_and_work_items_between_size_and_works_are_no_kind(text):
    assert find_site_types(text) == ()


# constructed fixture
def test_a_procedure_after_a_rank_still_names_the_kind():
    assert "技改项目" in find_site_types("支持重点技改项目建设。")
