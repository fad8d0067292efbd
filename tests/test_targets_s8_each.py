"""Targets, session 8: a count of one written in words (一个, 一家) is a quota where its clause gives it to each member
of a set (每个省培育一家…, 一个单位只开设一个…); elsewhere 一个 says "a" and is no target."""

import pytest
from policykg.ingest.extract.targets import extract_targets


@pytest.mark.parametrize("text,unit", [
    ("原则上每个县培育一家骨干企业。", "家"),  # constructed fixture: 每个 gives the count to each county
    ("一个部门原则上只设立一个服务窗口。", "个"),  # constructed fixture: 一个 at the clause's start, each department
    ("每个街道建立一个工作站。", "个"),  # constructed fixture
])
def test_one_given_to_each_member_of_a_set_is_a_quota(text, unit):
    (t,) = extract_targets(text)
    assert (t.value, t.unit, t.comparator) == (1, unit, "=")


@pytest.mark.parametrize("text", [
    "建立一个统一的服务平台。",  # constructed fixture: "a" platform
    "引进一家龙头企业带动产业发展。",  # constructed fixture: "a" leading enterprise
])
def test_one_without_a_set_is_no_target(text):
    assert extract_targets(text) == ()


@pytest.mark.parametrize("text", [
    "每个企业都是一家独立法人。",  # constructed fixture: a copula states what each member is
    "每个企业均为一家独立法人。",  # constructed fixture
    "每个乡镇都有一个综合服务站。",  # constructed fixture: a verb of having, no act done
])
def test_one_after_a_copula_is_no_quota(text):
    assert extract_targets(text) == ()


def test_one_after_a_verb_of_doing_jieba_tags_otherwise_is_a_quota():
    (t,) = extract_targets("每个区布局一个创新中心。")  # constructed fixture: 布局 (jieba: n) done by each district
    assert (t.value, t.unit, t.comparator) == (1, "个", "=")
