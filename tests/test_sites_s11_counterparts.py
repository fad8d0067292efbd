"""Counterparts of a joint act written with 与 are parties, no sites (gold site-type convention 10; role convention 10)."""

import pytest
from policykg.ingest.extract.sitetypes import find_site_types


# constructed fixture: a kind in the noun phrase after 与, or before 与 as the subject, of cooperation, exchange or
# alignment: the work is the cooperation, done on neither side
@pytest.mark.parametrize("text, label", [
    ("推动算力企业与工业企业开展合作，提升服务水平。", "工业企业"),
    ("加强与上海、深圳等工业互联网先行区的交流互动。", "工业互联网先行区"),
    ("促进智能制造企业与职业院校深度合作。", "职业院校"),
    ("促进智能制造企业与职业院校深度合作。", "智能制造企业"),
    ("鼓励互联网平台企业与文化文物单位、旅游景区合作。", "旅游景区"),
    ("推进本地规划与国家全域旅游示范区、国家级旅游度假区等发展相衔接。", "旅游度假区"),
])
def test_a_counterpart_of_a_joint_act_is_no_site(text, label):
    assert not any(label in s for s in find_site_types(text))


# constructed fixture: a thing built between two kinds, or 与 joining two acts on a kind, is work on them
@pytest.mark.parametrize("text, label", [
    ("加强国家级开发区与港口连接通道建设。", "开发区"),
    ("加强国家级开发区与港口连接通道建设。", "港口"),
    ("持续加强数据中心建设与使用的国际交流合作。", "数据中心"),
    ("建立轨道交通车站与毗邻建筑消防安全信息联通、应急联动的工作机制。", "毗邻建筑"),
    # constructed (review of e1df711): a facility shared with others is the thing the work opens
    ("推动机关单位停车场与周边居民共享。", "停车场"),
    ("推动公共体育场馆与学校体育设施互联共享。", "体育场馆"),
])
def test_a_kind_worked_on_beside_与_stays(text, label):
    assert label in find_site_types(text)
