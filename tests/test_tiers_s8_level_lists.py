"""Lists of levels inside one unit phrase, cut by tier of administration (gold README roles 13(a), 22 and its
amendment): a list spanning tiers is one collective entry per tier, each with the whole phrase as mention and the
tier's words with the shared words written out as name; a list within one tier, a bracketed gloss or a word with no
separator stays one entry. Every phrase here is a constructed fixture."""

from __future__ import annotations

from policykg.ingest.extract.agencies import parse_unit_list
from policykg.ingest.extract.agency_grammar import units_of
from policykg.ingest.model import Region, RegionRef

PROVINCE = Region("浙江省", "330000000000", "provincial", ())
MUNICIPALITY = Region("上海市", "310000000000", "provincial", ())
CITY = Region("青岛市", "370200000000", "city", (RegionRef("山东省", "370000000000", "provincial"),))


def read(np: str, region: Region) -> list[tuple[str, str, bool]] | None:
    hits = units_of(np, region)
    return None if hits is None else [(h.text, h.name, h.collective) for h in hits]


def test_a_set_spanning_tiers_is_one_collective_per_tier():
    # constructed fixture
    assert read("各市、县（区）政府", PROVINCE) == [("各市、县（区）政府", "各市政府", True),
                                            ("各市、县（区）政府", "各县（区）政府", True)]
    # constructed fixture: 〔〕 brackets, a county tier written as 省直管县
    assert [n for _, n, _ in read("各省辖市、省直管县〔市〕政府", PROVINCE)] == ["各省辖市政府", "各省直管县〔市〕政府"]
    # constructed fixture: a generic head or a set marker after the levels
    assert [n for _, n, _ in read("省、市有关部门", PROVINCE)] == ["省有关部门", "市有关部门"]
    assert [n for _, n, _ in read("省、市主管部门", CITY)] == ["省主管部门", "市主管部门"]
    assert [n for _, n, _ in read("市和区人民政府有关部门", MUNICIPALITY)] == ["市人民政府有关部门", "区人民政府有关部门"]
    # constructed fixture: members of one tier inside a list of tiers stay together
    assert [n for _, n, _ in read("市和区、县相关行政管理部门", MUNICIPALITY)] == ["市相关行政管理部门", "区、县相关行政管理部门"]


def test_one_tier_a_gloss_or_no_separator_stays_one_entry():
    # constructed fixture
    for np in ("各乡、镇", "各街道、镇", "各省、自治区、直辖市人民政府", "各县（市、区）政府", "各区县市政府"):
        assert len(read(np, PROVINCE)) == 1, np
    # constructed fixture: in a city's text 区、市 lists its districts and county-level cities, one tier
    assert read("各区、市人民政府", CITY) == [("各区、市人民政府", "各区、市人民政府", True)]
    from policykg.ingest.extract.unit_lists import tier_groups

    assert tier_groups("市县有关部门") is None and tier_groups("区、县有关部门") is None


def test_tiers_in_a_responsibility_list():
    # constructed fixture: a set marker over a list of levels in a 责任单位 list
    hits = parse_unit_list("省财政厅、各市、县（市、区）政府", PROVINCE)
    assert [(h.text, h.name) for h in hits][1:] == [("各市、县（市、区）政府", "各市政府"),
                                                   ("各市、县（市、区）政府", "各县（市、区）政府")]


def test_a_set_of_levels_after_a_closed_list():
    # constructed fixture: 等和 closes the departments, 各 opens the set of levels
    hits = units_of("省财政厅、省审计厅等和各市、县（区）政府", PROVINCE)
    assert [(h.text, h.name) for h in hits][2:] == [("各市、县（区）政府", "各市政府"), ("各市、县（区）政府", "各县（区）政府")]
