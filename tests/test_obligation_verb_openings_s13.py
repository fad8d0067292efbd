"""Running-text sentences that open with their verb and no subject (issue 13, session 13): the issuer's measure.

Every text here is a constructed fixture (minimal sentences written for the test), not a policy document."""

from __future__ import annotations

from fixture_docs import fixture_document
from policykg.ingest.extract.duty import states_duty
from policykg.ingest.extract.obligations import extract_obligations


def _units(text: str) -> list[str]:
    return [o.text for o in extract_obligations(fixture_document(text))]


def test_sentences_opening_with_a_verb_of_supplying_describing_or_breaking_through_state_work():
    """Gold README unit 16: a running-text sentence with no subject that opens with its act (提供…, 阐述…, 突破…,
    优选…, also after a 依托/针对 clause) is the issuer's measure, as 推进…/建立… are."""
    # constructed fixture
    for sentence in ("提供某某数据库的基本信息和使用情况。", "阐述某某软件的研发背景。", "突破某某传感器关键技术，提升保障能力。",
                     "依托骨干企业，突破一批关键技术。", "针对某某场景需求，优选一批应用推广。"):
        assert states_duty(sentence), sentence


def test_the_verb_as_an_attribute_before_a_noun_states_no_work():
    """突破的技术领域 (the verb before 的) names a topic, as a box caption does: no act."""
    # constructed fixture
    assert not states_duty("重点突破的技术领域")
    assert not states_duty("提供的服务内容")


def test_titled_paragraphs_of_a_box_opening_with_the_verb_are_units():
    """Unit 28: a box entry's run-in title joins the sentence after it; the sentence opening with 突破 states the work."""
    # constructed fixture
    text = ("二、重点任务\n（一）推动某某产业发展。加快某某产业布局。\n专栏1：重点突破的技术领域\n"
            "甲领域。突破某某数据融合关键技术，提升感知能力。\n乙领域。突破新型某某传感器技术。\n")
    units = _units(text)
    assert any("突破某某数据融合关键技术" in u for u in units)
    assert any("突破新型某某传感器技术" in u for u in units)
    assert not any(u.startswith("专栏1") for u in units)
