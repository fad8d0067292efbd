"""The gazetteer API other layers call: names, codes, parents, levels, containment."""

from __future__ import annotations

import pytest
from policykg.ingest.extract.regions import NATIONAL_CODE, Gazetteer, level_of, pad


@pytest.fixture(scope="module")
def gaz():
    return Gazetteer.load()


def chain(region):
    return [region.name] + [p.name for p in region.parents]


def test_liushi_resolves_to_yueqing_wenzhou_zhejiang(gaz):
    r = gaz.find("柳市镇")
    assert chain(r) == ["柳市镇", "乐清市", "温州市", "浙江省"]
    assert r.level == "township" and len(r.code) == 12
    assert [p.level for p in r.parents] == ["county", "city", "provincial"]


def test_duplicate_name_needs_context(gaz):
    assert len(gaz.candidates("青峰镇")) == 2  # 湖北 房县 and 重庆 永川区
    assert gaz.find("青峰镇") is None  # no evidence: no guess
    assert chain(gaz.find("青峰镇", context="重庆市永川区")) == ["青峰镇", "永川区", "重庆市"]
    assert gaz.find("城关镇", context="") is None
    r = gaz.find("城关镇", context="河南省洛阳市嵩县")
    assert r is not None and chain(r)[:2] == ["城关镇", "嵩县"]
    assert gaz.find("城关镇", context="河南省洛阳市") is None  # three in 洛阳: still ambiguous


def test_municipality_pseudo_city_is_skipped_in_parents(gaz):
    r = gaz.find("永川区")
    assert chain(r) == ["永川区", "重庆市"]
    assert r.level == "county"
    assert gaz.find("市辖区") is None


def test_short_names_and_codes(gaz):
    assert gaz.find("乐清").name == "乐清市"
    assert pad("3303") == "330300000000"
    assert gaz.region_by_code("3303").name == "温州市"
    assert gaz.region_by_code("330382114000").name == "柳市镇"
    assert gaz.region_by_code("999999") is None
    assert [level_of(pad(c)) for c in ("33", "3303", "330382", "330382114")] == [
        "provincial", "city", "county", "township"]
    assert level_of(NATIONAL_CODE) == "national"


def test_containment(gaz):
    liushi, wenzhou = gaz.find("柳市镇").code, gaz.find("温州市").code
    assert gaz.is_within(liushi, wenzhou)
    assert gaz.is_within(liushi, NATIONAL_CODE)
    assert not gaz.is_within(wenzhou, liushi)
    assert liushi in gaz.descendants(wenzhou)
    shanghai = gaz.find("上海市").code
    assert gaz.find("松江区").code in gaz.descendants(shanghai)


@pytest.mark.parametrize("issuer, name, level", [
    ("上海市松江区人民政府", "松江区", "county"),
    ("上海市人民政府办公厅", "上海市", "provincial"),
    ("上海市奉贤区人民政府西渡街道办事处", "西渡街道", "township"),  # constructed issuer names (gazetteer units)
    ("上海莘庄工业区管理委员会", "莘庄工业区", "township"),
    ("重庆市永川区青峰镇人民政府", "青峰镇", "township"),
    ("兴化市消防安全委员会办公室", "兴化市", "county"),
])
def test_locate_from_issuer(gaz, issuer, name, level):
    r = gaz.locate([(issuer, "issuer")])
    assert (r.name, r.level, r.rule) == (name, level, "issuer")


def test_locate_prefers_issuer_over_title(gaz):
    r = gaz.locate([("上海市人民政府", "issuer"), ("关于浦东新区的通知", "title")])
    assert r.name == "上海市"


def test_street_named_after_a_road_is_found_with_or_without_lu(gaz):
    # the gazetteer spells 古美街道 what Shanghai writes 古美路街道, and 江川路街道 what may be written 江川街道
    gumei = gaz.find("古美路街道")
    assert (gumei.name, gumei.code, gumei.level) == ("古美路街道", "310112006000", "township")
    assert chain(gumei)[1:] == ["闵行区", "上海市"]
    assert gaz.find("江川街道").code == "310112001000"
    assert gaz.find("古美街道").name == "古美街道"  # a name the gazetteer holds is never replaced by its alias


def test_locate_names_the_region_as_the_document_writes_it(gaz):
    r = gaz.locate([("古美路街道办事处", "issuer")])
    assert (r.name, r.code) == ("古美路街道", "310112006000")
