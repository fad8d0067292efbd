"""Agency names: abbreviations expanded, relative names resolved with the document's region."""

from policykg.ingest.extract.agencies import all_names, find_agencies, load_dictionary, parse_unit_list
from policykg.ingest.model import Region, RegionRef

CHANGDE = Region("常德市", "430700000000", "city", (RegionRef("湖南省", "430000000000", "provincial"),))
XINGHUA = Region("兴化市", "321281000000", "county", (RegionRef("泰州市", "321200000000", "city"),
                                                  RegionRef("江苏省", "320000000000", "provincial")))
LIUSHI = Region("柳市镇", "330382114000", "township", (RegionRef("乐清市", "330382000000", "county"),
                                                    RegionRef("温州市", "330300000000", "city"),
                                                    RegionRef("浙江省", "330000000000", "provincial")))
HONGKOU = Region("虹口区", "310109000000", "county", (RegionRef("上海市", "310000000000", "provincial"),))


def names(text, region):
    return [(h.name, h.generic) for h in parse_unit_list(text, region)]


def test_city_prefix_resolves_to_the_documents_city():
    assert names("市住建局、市消防救援支队", CHANGDE) == [("常德市住房和城乡建设局", False), ("常德市消防救援支队", False)]


def test_city_prefix_in_a_county_level_city_is_that_city():
    assert names("市教育局", XINGHUA) == [("兴化市教育局", False)]


def test_district_prefix_in_shanghai():
    assert names("区发改委、区住房保障房屋管理局", HONGKOU) == [("虹口区发展和改革委员会", False),
                                                      ("虹口区住房保障和房屋管理局", False)]


def test_abbreviations_expand():
    assert names("镇消安委办", LIUSHI) == [("柳市镇消防安全委员会办公室", False)]
    assert names("政法办（消防）", LIUSHI) == [("柳市镇政法办（消防）", False)]


def test_bare_police_station_stays_generic_tied_to_region():
    (h,) = parse_unit_list("派出所", LIUSHI)
    assert (h.name, h.generic, h.region_code) == ("派出所", True, LIUSHI.code)


def test_collectives():
    # gold README roles 1 and 3: a level of government (区县市, 街道乡镇政府) is a kind of unit, each its own task,
    # with its written form; a set marker (各成员单位, 各区县) makes an open set, a collective, also named as
    # written (roles 13), the dictionary's set it belongs to kept for linking
    hits = parse_unit_list("区县市、街道乡镇政府、市消安委各成员单位", CHANGDE)
    assert [(h.name, h.scope) for h in hits] == [("区县市", "unit"), ("街道乡镇政府", "unit"),
                                                 ("市消安委各成员单位", "collective")]
    assert hits[2].link_name == "各成员单位"
    assert [(h.name, h.scope, h.link_name) for h in parse_unit_list("各区县", CHANGDE)] == [
        ("各区县", "collective", "各区县市政府")]


def test_units_run_together_are_split():
    assert [h.name for h in parse_unit_list("政法办（消防）、公安分局（派出所）各社区", LIUSHI)] == [
        "柳市镇政法办（消防）", "柳市镇公安分局", "各社区"]


def test_named_body_ending_in_a_known_type_is_kept_as_written():
    assert names("国网常德供电公司", CHANGDE) == [("国网常德供电公司", False)]


def test_spans_point_into_the_text():
    text = "（市住建局牵头，市公安局按职责分工负责）"
    for h in find_agencies(text, CHANGDE):
        assert text[h.span.start:h.span.end] == h.text


def test_query_names_include_the_full_form():
    assert "住房和城乡建设局" in all_names("市住建局")


def test_dictionary_is_data_not_code():
    d = load_dictionary()
    assert len(d.entries) > 60 and d.lookup("住建局").key == "housing_construction"
    assert d.lookup("消安委办").canonical == "消防安全委员会办公室"


def test_jieba_user_dictionary_in_step_with_the_tsv():
    from policykg.ingest.extract.agencies import DATA_DIR, user_dictionary_lines

    on_disk = (DATA_DIR / "jieba_user.txt").read_text(encoding="utf-8").splitlines()
    assert on_disk == user_dictionary_lines(), "run benchmarks/write_vocabularies.py"


def test_short_alias_inside_another_word_is_not_an_agency():
    text = "各村居要组织农村居民开展逃生演练"
    assert [h.text for h in find_agencies(text, LIUSHI)] == ["各村居"]


QINGFENG = Region("青峰镇", "500118100000", "township", (RegionRef("永川区", "500118000000", "county"),
                                                    RegionRef("重庆市", "500000000000", "provincial")))
SHANDONG = Region("山东省", "370000000000", "provincial")


def test_township_institutions_alone_are_the_towns_own():
    assert names("司法所、社保所、农业服务中心", QINGFENG) == [("青峰镇司法所", False), ("青峰镇社保所", False),
                                                   ("青峰镇农业服务中心", False)]


def test_bare_committee_office_is_the_plans_own_below_city_level():
    (h,) = find_agencies("消委办推动老旧小区楼道增配灭火器", QINGFENG)  # constructed
    assert h.name == "青峰镇消防安全委员会办公室"
    (h,) = find_agencies("安全生产委员会负责组织、指导、协调本单位安全生产工作", SHANDONG)
    assert h.name == "安全生产委员会" and h.generic  # a regulation's bare committee is any unit's


def test_self_reference_counts_only_as_a_subject():
    (h,) = find_agencies("我镇要全面融入城市更新行动", QINGFENG)
    assert h.name == "青峰镇人民政府"
    assert find_agencies("本镇道路和消防车通道", QINGFENG) == []


def test_a_declared_short_form_of_a_described_department_is_registered_from_a_word_start():
    # 举报奖励办法: the full name is the department the clause describes, never 责… cut out of 负责
    from policykg.ingest.extract.agency_registry import _build

    reg = _build("区应急局负责具体实施举报奖励工作的部门（以下简称举报奖励部门）以电话通知举报人。", ())
    assert reg.declared == {"举报奖励部门": "负责具体实施举报奖励工作的部门"}
    assert reg.declares("举报奖励部门")


def test_a_set_marker_covers_its_coordinated_list_inside_a_cell():
    # marked fixture: a 责任单位 list whose last part is 各 + a list of levels (provincial texts bracket 〔〕)
    zhejiang = Region("浙江省", "330000000000", "provincial")
    hits = parse_unit_list("省物价局、省盐业集团，各市、县〔市、区〕政府", zhejiang)
    assert [(h.text, h.scope) for h in hits][-1] == ("各市、县〔市、区〕政府", "collective")
    assert [h.text for h in hits][:2] == ["省物价局", "省盐业集团"]
