"""Parties a pivot verb lists are no sites, whatever trade words their neighbours' names hold (gold site-type
conventions 5 and 10: the units encouraged or supported are not the measure's site types)."""

import pytest
from policykg.ingest.extract.sitetypes import find_site_types


# constructed fixture: the label is one more member of a list of parties after 鼓励/支持; 制造, 超算, 供销 inside the other
# members' names are trades, no act on the label
@pytest.mark.parametrize("text, label", [
    ("鼓励IT设备制造商、数据中心和云服务企业开展合作。", "数据中心"),
    ("鼓励国家超算中心、智能计算中心等面向企业提供低成本算力服务。", "智能计算中心"),
    ("支持软件开发商、数据中心等参与标准制定。", "数据中心"),
])
def test_a_member_of_a_list_of_enlisted_parties_is_no_site(text, label):
    assert label not in find_site_types(text)


# constructed fixture: a verb of the pivot's party acting on the label keeps it (the work is done on it)
@pytest.mark.parametrize("text, label", [
    ("支持贫困地区完善网络基础设施。", "网络基础设施"),
    ("鼓励供销合作社、农产品批发市场等整合产地物流设施。", "产地物流设施"),
    ("鼓励企业、学校建设应急避难场所。", "应急避难场所"),
])
def test_what_the_enlisted_parties_work_on_stays(text, label):
    assert label in find_site_types(text)
