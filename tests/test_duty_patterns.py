"""The duty patterns written for speed (each alternative opens with its character, look-behinds after it):
the words they must and must not take, at the start of a text and after a ``pos``. Constructed sentences."""

from __future__ import annotations

import pytest
from policykg.ingest.extract import duty
from policykg.ingest.extract.cues import DUTY_CUE


@pytest.mark.parametrize(("text", "cue"), [
    ("区应急局要加强巡查", "要"), ("主要任务", None), ("重要意义", None), ("要求各单位", None),
    ("请各街道于月底前报送", "请各"), ("报请各部门审议", None), ("请于5月底前报送", "请于"),
    ("车辆应保持畅通", "应"), ("应急处置", None), ("及时响应", None), ("应对突发事件", None), ("应对照检查", "应"),
    ("必须落实", "必须"), ("必须知晓", "必须"), ("办事须知", None), ("所需经费", None), ("需报送", "需"),
    ("负责人", None), ("区住建局负责", "负责"),
])
def test_duty_cue(text, cue):
    m = DUTY_CUE.search(text)
    assert (m.group(0) if m else None) == cue


def test_duty_cue_anchor_and_look_behind_at_pos():
    # ^请各 holds at the real start of the text only, also when the search starts later
    assert DUTY_CUE.search("请各街道落实", 1) is None
    assert DUTY_CUE.match("请各街道落实").group(0) == "请各"
    # the character before pos is still looked at: 主|要 is no cue when the search starts at 要
    assert DUTY_CUE.search("主要任务", 1) is None
    assert DUTY_CUE.search("各局要做好", 2).span() == (2, 3)


@pytest.mark.parametrize("text", ["《某市消防条例》第十条", "第一条、第二条", "和及与等", "区应急局", "《某办法》和《某规定》",
                                  "<a>", "《未闭合的书名", "一、二、三", "消防站", "等 和 第三款项"])
def test_words_under_four_counts_as_the_substitution(text):
    assert duty._words_under_four(text) == (len(duty._TITLES_AND_GLUE.sub("", text)) < 4)


@pytest.mark.parametrize(("pattern", "hit", "miss"), [
    (duty._MODAL, "各单位须按时报送", "主要工作"),
    (duty.PAST, "工作取得明显进展", "了解情况，为了工作"),
    (duty._DESCRIPTIVE, "以新思想为指导", "要以新思想为指导"),
    (duty.NOT_A_TASK, "特此通知", "现特此说明"),
    (duty._LIST_INTRO, "主要履行下列职责。", "下列事项，由区政府决定。"),
    (duty._BY_AGENT, "贷款贴息由各市财政承担", "由于情况复杂"),
])
def test_rewritten_patterns(pattern, hit, miss):
    assert pattern.search(hit) and not pattern.search(miss)


def test_significance_needs_its_words():
    assert duty._significance("这是推进治理的重要举措。")
    assert not duty._significance("各街道加强巡查。")


def test_target_core_opens_with_a_comparator_a_space_or_a_number():
    from policykg.ingest.extract import target_numbers as tn

    assert tn._opening_chars("不得超过|不[应宜](?:超过|高于)|至少|超(?=\\s*\\d)|≥") == "≥不至超"
    with pytest.raises(ValueError):
        tn._opening_chars("至少|(?:不)超过")
    for text, core in [("培训不少于200人", "不少于200人"), ("新建 30个站点", " 30个"), ("超 5家", "超 5家"), ("超5家", "超5家"),
                       ("全年计划", None), ("建成三十处", "三十处")]:
        m = tn._CORE.search(text)
        assert (m.group(0) if m else None) == core


@pytest.mark.parametrize(("pattern", "sentence"), [
    (duty._SIGNIFICANCE, "这是推进治理的重要举措。"), (duty._SIGNIFICANCE, "对全市发展具有重要意义。"),
    (duty._LIABILITY, "依法追究相关人员责任"), (duty._PERSON_ANSWERS, "单位主要负责人对本单位工作全面负责"),
    (duty._INVITATION, "鼓励社会力量参与"), (duty._BARE_INVITATION, "第五条 倡导绿色出行"),
    (duty._PERMISSION, "当事人有权申请复核"), (duty._PRINCIPLE_WORD, "坚持属地管理原则"),
])
def test_words_a_sentence_pattern_needs(pattern, sentence):
    # _all_sentences reads no sentence of a text without the pattern's words: a sentence that has it holds one
    assert pattern.search(sentence) and any(w in sentence for w in duty._WORDS_OF[pattern])
    assert duty._all_sentences(sentence, pattern) or pattern is duty._PERMISSION


def test_significance_needs_its_words_and_reads_every_sentence():
    assert not duty._significance("这是推进治理的重要举措。各街道加强巡查。")
