"""Quantified targets: value, unit, comparator, measure; Chinese numerals; what is not a target."""

import pytest
from policykg.ingest.extract.targets import cn_to_number, extract_targets


@pytest.mark.parametrize("text,value,unit,cmp", [
    ("2021年，全市达标率实现100%（含专项行动期间新增）", 100, "%", "="),
    ("每月组织开展媒体火灾隐患曝光不少于1次", 1, "次", ">="),
    ("新招录政府专职消防员15人", 15, "人", "="),
    ("镇中小校每学年消防安全教育课程不低于4课时", 4, "课时", ">="),
    ("每半年至少联合当地消防救援机构组织不少于一次消防演练", 1, "次", ">="),
    ("末端压力不小于0.03MPa", 0.03, "MPa", ">="),
    ("至少组织召开1次部门联席会议", 1, "次", ">="),
])
def test_targets(text, value, unit, cmp):
    (t,) = extract_targets(text)
    assert (t.value, t.unit, t.comparator) == (value, unit, cmp)
    assert text[t.span.start:t.span.end] == t.text


def test_measure_is_kept():
    (t,) = extract_targets("全市达标率实现100%")
    assert t.measure == "全市达标率"


@pytest.mark.parametrize("text", [
    "大型商业综合体（5万平方米以上）",  # a size that defines a kind of site
    "贯彻“1234+N”消防管理理念，做到“四个意识”",  # slogans in quotes
    "第一轮宣讲", "进一步加强，督办整改一批", "晚上 20 时至凌晨 6 时", "兴消委办〔2021〕6号", "2021年3月31日前",
    "对住宿人员达到10人及以上的自建房开展综合治理",  # a criterion that picks sites
])
def test_not_targets(text):
    assert extract_targets(text) == ()


@pytest.mark.parametrize("s,n", [("十五", 15), ("一百二十", 120), ("两", 2), ("三万", 30000), ("15", 15), ("5万", 50000)])
def test_chinese_numerals(s, n):
    assert cn_to_number(s) == n
