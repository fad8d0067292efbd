"""Zones that only bound a rule, receive powers or host a pilot are no sites (gold site-type convention 25 (b), (c))."""

import pytest
from policykg.ingest.extract.sitetypes import find_site_types


# constructed fixture
@pytest.mark.parametrize("text", [
    "（十）简化外资企业登记手续。（负责部门：商务部；适用范围：所有自贸试验区）",
    "（三）将建设工程审批权限下放至自贸试验区。（负责部门：住房城乡建设部）",
    "赋予国家级高新区更大改革自主权。",
    "授权有条件的自贸试验区开展告知承诺制改革。",
    "在自贸试验区试点实施进口化妆品备案管理。",
])
def test_a_zone_that_bounds_a_rule_or_receives_powers_is_no_site(text):
    assert not [s for s in find_site_types(text) if s.endswith(("区", "园"))]


# constructed fixture
@pytest.mark.parametrize("text, label", [
    ("支持在自贸试验区设置商标受理窗口。", "自贸试验区"),
    ("加强国家级开发区与港口连接通道建设。", "开发区"),
    ("在自贸试验区建设大宗商品现货交易市场。", "自贸试验区"),
])
def test_a_zone_worked_on_stays(text, label):
    assert label in find_site_types(text)
