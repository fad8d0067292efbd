"""Words that scope a kind to all or some of its members are no part of its label (gold site-type conventions 6, 7, 12)."""

import pytest
from policykg.ingest.extract.sitetypes import find_site_types


# constructed fixture: 全部/全国 before the bare 建设工程 leave a generic head, no kind of site (convention 7)
@pytest.mark.parametrize("text", [
    "承包单位应当对其承包的全部建设工程负责。",
    "市住建委对全国建设工程招标工作进行指导。",
    "施工单位应当对所有建设工程开展安全检查。",
])
def test_scope_word_before_a_generic_head_leaves_no_site(text):
    assert find_site_types(text) == ()


# constructed fixture: 有关/相关/上述 before a kind are dropped, the kind stays as written (convention 12)
@pytest.mark.parametrize("text, label", [
    ("物业服务企业应当定期维护有关消防设施。", "消防设施"),
    ("区市场监管局负责检查相关户外设施的安全。", "户外设施"),
    ("镇规建办要加强上述小型建设工程的巡查。", "小型建设工程"),
])
def test_scope_word_is_dropped_from_a_kind(text, label):
    assert label in find_site_types(text)
    assert not any(s.startswith(("有关", "相关", "上述")) for s in find_site_types(text))


# constructed fixture: a word that only opens with a scope word (全国性) is not cut after it
@pytest.mark.parametrize("text", [
    "清理整顿全国性交易场所，规范市场秩序。",
    "推进全国性大型数据中心建设。",
])
def test_a_word_that_opens_with_a_scope_word_is_not_cut(text):
    assert not any(s.startswith("性") for s in find_site_types(text))
