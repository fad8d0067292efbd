"""Unit conventions of the gold README read from constructed minimal documents (session 12 convention audit).

Every text is a constructed fixture (minimal sentences written for the test), none copied from a policy document."""

from __future__ import annotations

from policykg.ingest.extract.obligations import extract_obligations
from policykg.ingest.model import Document


def units(text: str) -> list[str]:
    return [o.text for o in extract_obligations(Document("t", "t", "0", "utf-8", text))]


def test_titled_paragraphs_of_a_numbered_section_without_sub_items_are_units():
    # constructed fixture: unit convention 28's sixteenth-adjudication amendment (a numbered section with no sub-items
    # is a numbered item, so each of its titled paragraphs is one obligation, its sentences not)
    text = ("二、产业布局\n甲市。打造传感器基地。依托龙头企业，推动集群发展。\n其他市。结合实际发展特色产业。\n"
            "三、保障措施\n各区要加强领导。\n")
    assert units(text) == ["甲市。打造传感器基地。依托龙头企业，推动集群发展。", "其他市。结合实际发展特色产业。",
                           "各区要加强领导。"]


def test_titled_paragraphs_of_a_last_implementation_section_are_units():
    # constructed fixture: a top-level 五、 holding titled paragraphs with several subjects (units 28 and 8)
    text = "五、加强组织实施\n维护国家安全。各地区要落实安全审查制度。有关部门要加强监管。\n强化组织管理。各部门要建立协调机制。\n"
    assert units(text) == ["维护国家安全。各地区要落实安全审查制度。有关部门要加强监管。", "强化组织管理。各部门要建立协调机制。"]


def test_a_titled_paragraph_that_only_describes_stays_none():
    # constructed fixture (guard): the layout decides where the unit ends, not whether the paragraph gives work
    text = "二、产业布局\n甲市。拥有传感器企业五十余家，产业链条较为完整。\n乙市。打造传感器基地。依托龙头企业，推动集群发展。\n"
    assert units(text) == ["乙市。打造传感器基地。依托龙头企业，推动集群发展。"]


def test_box_entries_in_a_numbered_section_stay_running_text():
    # constructed fixture (guard): a 专栏 box is a layout insert with its own title; its entries are read by sentence
    text = "四、产业布局\n甲市。打造传感器基地。\n专栏2：重点产品\n气体传感器。强化敏感材料研发。加快产业化应用。\n"
    assert units(text)[-2:] == ["气体传感器。强化敏感材料研发。", "加快产业化应用。"]



def test_a_sentence_whose_only_act_is_to_comply_with_the_document_is_no_obligation():
    # constructed fixture: unit convention 29 (X应当遵守本办法, 参照本办法执行: the scope of the document, not a duty); a
    # sentence that writes another act beside it, or a duty to comply with another instrument, stays annotated
    text = ("第二条 在本区从事某某活动的单位均应遵守本办法。\n第三条 各单位应当遵守本办法，实施细则由区商务委另行制定。\n"
            "第四条 本市行政区域内的单位和个人应当遵守本条例。\n第五条 生产经营单位必须遵守本法和其他有关法律，加强安全管理。\n"
            "第六条 其他单位参照本办法执行。\n")
    assert units(text) == ["第三条 各单位应当遵守本办法，实施细则由区商务委另行制定。",
                           "第五条 生产经营单位必须遵守本法和其他有关法律，加强安全管理。"]
