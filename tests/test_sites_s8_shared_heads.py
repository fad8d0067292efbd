"""Site types (session 8): a head shared by a list of modifiers is written out for each member (gold site-type
convention 4: a head shared by a list is written out).

Every sentence here is a constructed fixture, written for these tests in the shape of the pattern, never copied
from a policy document."""

from __future__ import annotations

import pytest
from policykg.ingest.extract.sitetypes import find_site_types


@pytest.mark.parametrize(("text", "sites"), [
    # constructed fixture: acts the facilities are for, the last one carrying the head
    ("按规划设置火灾预警、火情监测和视频监控设施。", ("火灾预警设施", "火情监测设施", "视频监控设施")),
    # constructed fixture: distinguishing words
    ("加强中型、超大型数据中心能耗管理。", ("中型数据中心", "超大型数据中心")),
])
def test_a_head_shared_by_modifiers_is_written_out(text, sites):
    assert find_site_types(text) == sites


@pytest.mark.parametrize(("text", "sites"), [
    # constructed fixture: members that are things of their own (nouns), not modifiers of the head
    ("健全计量、标准、信息基础设施等发展基础。", ("信息基础设施",)),
    # constructed fixture: a member that is a kind of site itself lists kinds
    ("改造提升老旧小区和城中村消防设施。", ("老旧小区", "城中村消防设施")),
    # constructed fixture: a vocabulary kind is one kind, its modifier no member of the list
    ("做好现场警戒、交通管制和应急避难场所的治安维护。", ("应急避难场所",)),
])
def test_lists_of_things_take_no_written_out_head(text, sites):
    assert find_site_types(text) == sites
