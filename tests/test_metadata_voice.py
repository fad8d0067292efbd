"""Title and region of texts that state neither (a dataset's body column): numbered headings are never a title,
and the region comes from who speaks (addressee line, 全省/我市, a 版记 print line), never from a place the
running text merely mentions.

Every text below is a minimal fixture for one rule, not a policy document: the sentences are placeholders
around the one line or word the rule reads.
"""

from __future__ import annotations

import pytest
from policykg.ingest.extract.metadata import is_section_heading
from policykg.ingest.extract.regions import Gazetteer
from policykg.ingest.extract.voice import addressee_voice, is_word, own_region, self_reference_voice
from policykg.ingest.pipeline import parse_bytes


def parse(text: str, name: str = "fixture_row.txt"):
    return parse_bytes(text.encode("utf-8"), name, extractors=False)


@pytest.mark.parametrize("line, heading", [
    ("一、总体要求", True), ("（一）指导思想", True), ("第一章 总则", True), ("1.推动政务服务数字化转型。", True),
    ("2022年青峰镇消防工作要点", False), ("（试行）", False), ("（2021—2023）", False), ("一、", False),
])
def test_numbered_section_heading(line, heading):
    assert is_section_heading(line) is heading


# fixture: a preamble sentence, then the body's first headings; no title line
NO_TITLE = "为推进某项工作，特制定本行动计划。\n一、总体要求\n（一）指导思想\n正文从略。\n"
NO_HEADER = "一、总体要求\n（一）指导思想\n正文从略。\n"
NO_TITLE_LONG = ("为" + "推进某项工作" * 15 + "，特制定本行动计划。\n　　一、总体要求\n　　（一）总体思路\n　　正文从略。\n")


@pytest.mark.parametrize("text", [NO_TITLE, NO_HEADER, NO_TITLE_LONG])
def test_section_heading_never_becomes_the_title(text):
    doc = parse(text, "row99_fixture.txt")
    assert doc.title == "row99_fixture"  # the file name, and the JSON can tell
    assert doc.provenance["title"] == "file_name"


def test_title_line_above_the_first_heading_is_kept():
    doc = parse("某某工作行动方案\n\n一、总体要求\n正文从略。\n")
    assert doc.title == "某某工作行动方案" and doc.provenance["title"] == "header_lines"


@pytest.mark.parametrize("line, unit", [
    ("各市人民政府，各县（市、区）人民政府，省政府各部门、各直属机构，各有关单位：", "省"),
    ("各区、县人民政府，市政府各委、办、局：", "市"),
    ("各乡镇人民政府、街道办事处，县政府各部门：", "县"),
    ("各镇人民政府，各街道办事处：", "县级"),
    ("各村（居）委会：", "镇"),
    ("各街道办事处、镇人民政府，区政府各部门：", "县级"),
    ("各市人民政府，自治区人民政府各组成部门、各直属机构：", "自治区"),
    ("各市、县（市、区）人民政府：", "省"),
    ("各有关单位：", None),
    ("各市要加强组织领导。", None),  # a sentence, not an addressee line
])
def test_addressee_line_names_the_senders_unit(line, unit):
    voice = addressee_voice([line])
    assert (voice.unit if voice else None) == unit


@pytest.mark.parametrize("text, unit", [
    ("全面推进我省某项工作。全省统一部署。", "省"),
    ("全市统一部署。本市各区落实。全省先进。", None),  # 2 against 1: not more than twice as often
    ("全市统一部署。本市各区落实。我市推进。全省先进。", "市"),
    ("加强安全市场监管。完全市场化运作。", None),  # 全市 inside 安全市场, 完全市场化: not words
    ("全省统一部署。", None),  # once is not enough
])
def test_self_reference_voice(text, unit):
    voice = self_reference_voice(text)
    assert (voice.unit if voice else None) == unit


def test_short_name_counts_only_as_a_word():
    text = "建设数字山东。黄河南岸。"
    assert is_word(text, text.index("山东"), text.index("山东") + 2)
    assert not is_word(text, text.index("河南"), text.index("河南") + 2)


# fixture: a provincial addressee line; one city is named more often than the province
ADDRESSED = ("各市人民政府，各县（市、区）人民政府，省政府各部门：\n为推进山东某项工作，现提出如下意见。\n"
             "一、在济南市开展试点，济南市先行。\n正文从略。\n")


def test_addressee_line_is_not_a_place_and_a_mentioned_city_is_not_the_region():
    doc = parse(ADDRESSED)
    assert doc.level == "provincial"
    assert doc.region is not None and doc.region.name == "山东省"
    assert doc.provenance["region"] == "addressee_line+own_name"


# fixture: a provincial voice (全省, 我省) and one district named once in running text; no province named
PILOT = "为推进全省某项工作，制定本方案。\n一、选择任城区开展试点。\n二、我省各地推广。\n"


def test_place_named_once_in_running_text_is_not_the_region():
    doc = parse(PILOT)
    assert doc.region is None  # no province named as its own: no guess
    assert doc.level == "provincial" and doc.provenance["level"] == "self_reference"


def test_province_named_only_in_a_citation_is_not_its_own_name():
    doc = parse("按照《山东省某某规划》要求，推进全省某项工作。\n一、我省各地推广。\n")
    assert doc.region is None and doc.level == "provincial"


def test_short_province_name_in_own_voice_is_the_region():
    doc = parse("为推进全省某项工作，建设“数字山东”。\n一、我省各地推广。\n")
    assert doc.region is not None and doc.region.name == "山东省" and doc.level == "provincial"


def test_print_line_places_the_document():
    doc = parse("为推进某项工作，制定本方案。\n一、正文从略。\n抄送：某某。\n山东省人民政府办公厅2020年6月1日印发\n")
    assert doc.region is not None and doc.region.name == "山东省"
    assert doc.provenance["region"] == "print_line"


def test_own_region_needs_a_majority():
    gaz = Gazetteer.load()
    voice = self_reference_voice("全市统一部署。我市推进。")
    assert voice is not None
    assert own_region("青岛市、青岛市与济南市协作。", voice, gaz).name == "青岛市"
    assert own_region("青岛市与济南市协作。", voice, gaz) is None  # a tie: no guess
