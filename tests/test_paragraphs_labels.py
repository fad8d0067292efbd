"""Label lines under a unit of work (牵头单位：X⏎责任单位：Y⏎完成时限：Z): part of that unit, no unit of their own.

Every text here is a minimal fixture for this one layout, marked as such, not a policy document: the
corpus holds no task list that writes its labels on lines of their own."""

from __future__ import annotations

from datetime import date

from fixture_docs import fixture_document
from policykg.ingest.extract import paragraphs as pg
from policykg.ingest.extract.obligations import extract_obligations
from policykg.ingest.model import Document, Region, RegionRef

SHANGHAI = RegionRef("上海市", "310000000000", "provincial")
HUANGPU = Region("黄浦区", "310101000000", "county", (SHANGHAI,))


def _doc(text: str) -> Document:
    # minimal fixture, not a policy document
    return fixture_document(text,
                    region=HUANGPU)


# minimal fixture: two tasks, each labelled on lines of its own (a person's line first under the second)
TASKS = ("三、重点任务\n"
         "（一）开展电动自行车专项整治，清理楼道堆放。\n"
         "牵头单位：区消防救援支队\n"
         "责任单位：区市场监管局、各街镇\n"
         "完成时限：2023年底前\n"
         "（二）加强高层建筑消防管理。\n"
         "责任领导：分管副区长\n"
         "牵头单位：区住房城乡建设管理委；配合单位：区房管局\n")


def test_label_lines_are_marked_and_held_by_the_unit_above():
    paras = pg.paragraphs(_doc(TASKS))
    units = [p for p in paras if not p.heading_only and not p.label_only]
    assert [p.number for p in units] == ["（一）", "（二）"]
    first_labels = TASKS[units[0].labels.start:units[0].labels.end]
    assert first_labels == "牵头单位：区消防救援支队\n责任单位：区市场监管局、各街镇\n完成时限：2023年底前"
    assert TASKS[units[1].labels.start:units[1].labels.end].startswith("责任领导：")
    assert sum(p.label_only for p in paras) == 5


def test_label_lines_give_their_task_its_units_and_deadline():
    obs = extract_obligations(_doc(TASKS))
    assert [o.text for o in obs] == ["（一）开展电动自行车专项整治，清理楼道堆放。", "（二）加强高层建筑消防管理。"]
    first, second = obs
    assert {(a.text, a.role) for a in first.agencies} == {
        ("区消防救援支队", "lead"), ("区市场监管局", "cooperate"), ("各街镇", "collective")}
    assert [d.date for d in first.deadlines] == [date(2023, 12, 31)]
    # a person's line before the units does not hide them
    assert {(a.text, a.role) for a in second.agencies} == {("区住房城乡建设管理委", "lead"), ("区房管局", "cooperate")}


def test_labels_under_running_text_and_a_long_item_without_a_stop():
    """Fixtures: the labels of a duty sentence; a long item with no closing stop is not continued by them."""
    text = ("三、重点任务\n区应急局要开展专项整治。\n完成时限：2023年6月底前\n"
            "（二）开展电动自行车专项整治，清理楼道堆放，确保年底前完成全部排查任务并建立长效管理机制\n"
            "责任单位：区消防救援支队\n")
    first, second = extract_obligations(_doc(text))
    assert first.text == "区应急局要开展专项整治。" and [d.date for d in first.deadlines] == [date(2023, 6, 30)]
    assert second.text.endswith("建立长效管理机制")
    assert [(a.text, a.role) for a in second.agencies] == [("区消防救援支队", "lead")]


def test_what_is_no_label_line():
    assert pg.is_label_line("（牵头单位：区消防救援支队；配合单位：区市场监管局）")
    assert pg.is_label_line("责任单位：区应急局（牵头）、区公安分局")
    assert not pg.is_label_line("牵头单位：区应急局，负责全区的组织协调。")  # a unit's duty
    assert not pg.is_label_line("牵头单位：区应急局。各街镇要做好配合。")
    assert not pg.is_label_line("责任单位：")  # no value
    assert not pg.is_label_line("派出所：负责辖区检查。")  # a unit's label, not a task's


def test_label_values_say_where_each_value_starts():
    line = "牵头单位：区应急局；完成时限：2023年底前。"
    got = pg.label_values(line, 100)
    assert [(k, v) for k, v, _ in got] == [("牵头单位", "区应急局"), ("完成时限", "2023年底前")]
    assert all(line[at - 100:at - 100 + len(v)] == v for _, v, at in got)


def test_label_sentences_after_a_duty_sentence_label_it():
    """Fixture: …。牵头单位：X；配合单位：Y；完成时限：Z。 inside running text labels the sentence before it only."""
    text = ("三、重点任务\n区应急局要开展专项整治，清理楼道堆放。牵头单位：区消防救援支队；配合单位：区市场监管局；"
            "完成时限：2023年底前。区公安分局要加强巡查。\n")
    first, second = extract_obligations(_doc(text))
    assert first.text == "区应急局要开展专项整治，清理楼道堆放。"
    assert {(a.text, a.role) for a in first.agencies} == {("区消防救援支队", "lead"), ("区市场监管局", "cooperate")}
    assert [d.date for d in first.deadlines] == [date(2023, 12, 31)]
    assert second.text == "区公安分局要加强巡查。" and not second.deadlines
    assert [(a.text, a.role) for a in second.agencies] == [("区公安分局", "lead")]
