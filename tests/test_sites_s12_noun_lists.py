"""Site types (session 12): a list of nouns that shares one head written once at its end (铁路、公路、水运、民航客运场站) is
several kinds, each with the head written out (gold site-type convention 4: a head shared by a list is written out for
each member, 高层、地下公共建筑 -> 高层公共建筑, 地下公共建筑), when the part written once is a kind of site by itself
(a modifier and a head noun) and the list has two members or more before the label.

Every sentence here is a constructed fixture, written for these tests in the shape of the pattern, never copied
from a policy document."""

from __future__ import annotations

import pytest
from policykg.ingest.extract.sitetypes import find_site_types


@pytest.mark.parametrize(("text", "sites"), [
    # constructed fixture: modes of transport sharing 客运场站
    ("改造铁路、公路、航空客运场站。", ("铁路客运场站", "公路客运场站", "航空客运场站")),
    # constructed fixture: 客运场站 (a yard of a station) is a kind by itself
    ("整治客运场站周边秩序。", ("客运场站",)),
    # constructed fixture: the list joined by 、 and 及
    ("整治铁路、公路及水运客运场站周边环境。", ("铁路客运场站", "公路客运场站", "水运客运场站")),
])
def test_a_noun_list_shares_a_kind_written_once(text, sites):
    assert find_site_types(text) == sites


@pytest.mark.parametrize(("text", "sites"), [
    # constructed fixture: one noun before the joiner may be the tail of a compound, no member of a list
    ("建设超算中心、国际数据中心。", ("国际数据中心",)),
    ("建设概念验证中心和专业化中试基地。", ("专业化中试基地",)),
    # constructed fixture: a bare head written once (工厂) is shared by no list of nouns
    ("建设智能装备、智能工厂。", ("智能工厂",)),
    # constructed fixture: things of their own (nouns) before a label with no kind of its own
    ("健全计量、标准、信息基础设施等发展基础。", ("信息基础设施",)),
])
def test_nouns_that_do_not_share_the_kind(text, sites):
    assert find_site_types(text) == sites
