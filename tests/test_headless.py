"""Policy text that lost its headings and item numbers (issue 13, segmentation 3): headless.py.

Every text here is a minimal fixture for one rule, constructed, not a policy document."""

from __future__ import annotations

from fixture_docs import fixture_document
from policykg.ingest.extract import headless
from policykg.ingest.extract import paragraphs as pg
from policykg.ingest.extract.obligations import extract_obligations
from policykg.ingest.model import Document


def _doc(text: str) -> Document:
    # minimal fixture, not a policy document
    return fixture_document(text)


_MEASURES = ("加大对园区的用地保障力度，优先安排建设用地指标。支持园区开展体制改革试点，探索新的管理模式。\n"
             "完善园区公共服务平台功能，强化与周边地区的合作联动。推动重大项目向园区集聚，形成产业集群。\n"
             "优化园区管理机构设置，精简审批环节。\n"
             "落实园区建设用地的各项保障政策，加快土地供应。建立园区考核评价制度，定期发布评价结果。"
             "实施园区企业培育计划，培育一批骨干企业。\n")
_OPINION = "各市人民政府，省政府各部门：\n为推动园区发展，现提出以下意见。\n" + _MEASURES
# the same measures quoted by a report of a plan: who issued it, when, what a meeting said
_REPORT = ("日前，某部召开新闻发布会，介绍园区发展意见。\n会上，有关负责人表示，意见提出以下措施。\n"
           "据悉，意见自发布之日起施行。记者了解到，首批园区已经确定。发布会由某部主持。\n" + _MEASURES)


def test_a_headless_opinion_reads_its_imperatives_as_items():
    """Fixture: an opinion whose headings and numbers are lost (addressee line, 现提出以下意见, then bare
    imperatives with no cue word): each sentence opening with an action verb is a unit of work."""
    found = extract_obligations(_doc(_OPINION))
    assert {o.rule for o in found} == {"headless_sentence"}
    texts = [o.text for o in found]
    assert texts == ["加大对园区的用地保障力度，优先安排建设用地指标。", "支持园区开展体制改革试点，探索新的管理模式。",
                     "完善园区公共服务平台功能，强化与周边地区的合作联动。", "推动重大项目向园区集聚，形成产业集群。",
                     "优化园区管理机构设置，精简审批环节。",
                     "落实园区建设用地的各项保障政策，加快土地供应。", "建立园区考核评价制度，定期发布评价结果。",
                     "实施园区企业培育计划，培育一批骨干企业。"]


def test_the_same_sentences_without_a_policy_signal_need_a_cue():
    """Fixture: the measures with no addressee line and no announcing sentence are not read as a policy text."""
    assert not headless.policy_document(_doc(_MEASURES))
    assert extract_obligations(_doc(_MEASURES)) == ()


def test_a_news_report_quoting_measures_is_no_run_of_measures():
    """Fixture: a report (日前…召开, 会上…表示, 据悉, 记者) that quotes the measures is no policy text's run,
    although it announces 以下措施: no imperative of it becomes a unit."""
    doc = _doc(_REPORT)
    assert headless.policy_document(doc)
    assert headless.headless_starts(doc, pg.paragraphs(doc)) == set()
    assert extract_obligations(doc) == ()


def test_a_run_needs_enough_imperatives():
    """Fixture: a policy text with a few imperatives among descriptive sentences is not read as an outline."""
    text = ("各市人民政府，省政府各部门：\n为推动园区发展，现提出以下意见。\n"
            "园区是全省经济发展的重要载体。园区数量较多，分布较广。加大对园区的用地保障力度。\n"
            "园区企业总数约为三千家。园区产值占全省的一半。支持园区开展体制改革试点。\n")
    assert not headless.run_of_measures([text])
    assert headless.headless_starts(_doc(text), pg.paragraphs(_doc(text))) == set()


def test_an_outline_keeps_its_own_reading():
    """Fixture: a document with headings is read by them; its running text before the first heading is no run."""
    text = "各市人民政府：\n为推动园区发展，现提出以下意见。\n一、重点任务\n" + _MEASURES
    doc = _doc(text)
    assert headless.headless_starts(doc, pg.paragraphs(doc)) == set()
