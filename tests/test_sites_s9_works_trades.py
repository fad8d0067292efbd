"""Works named by their trade of building are a kind of works (gold site-type convention 7: 燃气工程, 绿化工程, 水务工程),
as works of a size or a procedure are."""

import pytest
from policykg.ingest.extract.sitetypes import find_site_types


# constructed fixture
@pytest.mark.parametrize("text, label", [
    ("区民防办应当加强对民防工程的检查。", "民防工程"),
    ("各区应当对人民防空工程开展消防检查。", "人民防空工程"),
    ("建设单位应当将拆除工程发包给具有资质的施工单位。", "拆除工程"),
    ("加强对重大海洋工程的安全监管。", "重大海洋工程"),
    ("文物保护工程应当报文物行政部门批准。", "文物保护工程"),
])
def test_works_of_a_trade_of_building_are_a_kind(text, label):
    assert label in find_site_types(text)


# constructed fixture
@pytest.mark.parametrize("text", [
    "实施高层次人才工程，引进领军人才。",  # a programme, no works
    "组织开展消防工程设计人员培训。",  # the people of a trade
])
def test_programmes_and_people_are_no_works(text):
    assert not [s for s in find_site_types(text) if s.endswith("工程")]


# constructed fixture: X保护工程 with 保护 a verb of its own names the aim of a programme (site-type convention 7: a
# programme is no site); 文物保护工程, the one noun of the trade, stays works (above)
@pytest.mark.parametrize("text", [
    "实施知识产权保护工程，提升创新能力。",
    "推进未成年人保护工程。",
    "实施青少年近视防控保护工程。",
    "启动母亲河保护工程。",
])
def test_a_protection_programme_is_no_works(text):
    assert not [s for s in find_site_types(text) if s.endswith("工程")]
