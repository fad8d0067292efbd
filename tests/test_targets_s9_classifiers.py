"""Counting words (量词) the unit list lacked: copies (份), length in characters (字), kinds (类), batches (批).

A submission's copies (一式6份) are a count the text sets; a length in characters (3000字左右) and a number of batches
(最多不超过六批) are targets only under a bound, as other sizes are (gold target convention 6); 字 and 类 count only after
digits (十字路口, 一类 are words, not counts).
"""

import pytest
from policykg.ingest.extract.targets import extract_targets


@pytest.mark.parametrize("text,value,unit,cmp", [
    ("请将申报书（纸质，一式5份）寄送至管理机构", 5, "份", "="),  # constructed fixture
    ("报送方案纸质版一式三份", 3, "份", "="),  # constructed fixture
    ("提交2000字左右的项目简介", 2000, "字", "="),  # constructed fixture
    ("平台涵盖12类服务模块", 12, "类", "="),  # constructed fixture
    ("批准文件可分批使用，但最多不超过五批", 5, "批", "<="),  # constructed fixture
])
def test_a_counting_word_gives_a_target(text, value, unit, cmp):
    (t,) = extract_targets(text)
    assert (t.value, t.unit, t.comparator) == (value, unit, cmp)
    assert text[t.span.start:t.span.end] == t.text


@pytest.mark.parametrize("text", [
    "在十字路口设置警示标志",  # constructed fixture: 十字 is a word
    "对一类企业加强监管",  # constructed fixture: 一类 names a class
    "分两批组织实施",  # constructed fixture: a batch count with no bound
    "督办整改一批隐患",  # constructed fixture
    "突破一批关键技术",  # constructed fixture: 一批 is "a set of", also after a comparator
    "贡献一份力量",  # constructed fixture: 一份 is "a"
])
def test_a_counting_word_as_a_word_is_no_target(text):
    assert extract_targets(text) == ()


@pytest.mark.parametrize("text", [
    "按照2类标准执行",  # constructed fixture: a class a thing conforms to
    "该区域属于3类地区",  # constructed fixture: a class a thing is put in
])
def test_a_class_named_after_a_preposition_of_conformity_or_a_verb_of_membership_is_no_count(text):
    assert extract_targets(text) == ()
