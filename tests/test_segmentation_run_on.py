"""Paragraphs that a PDF copy ran into one page line (issue 13): run_on_lines._run_on_breaks.

Every text here is a constructed fixture, not a policy document: sentences of plan prose written for the test,
hard-wrapped at one width as a PDF copy is."""

from __future__ import annotations

from fixture_docs import fixture_document
from policykg.ingest.extract import paragraphs as pg
from policykg.ingest.extract.obligations import extract_obligations

_WIDTH = 22  # characters a page line holds in the fixture


def _wrap(paragraph: str) -> list[str]:
    return [paragraph[i:i + _WIDTH] for i in range(0, len(paragraph), _WIDTH)]


_FILL = "支持企业建设一批研发创新载体，加强前沿和共性技术研发，推动产学研用协同攻关，提升装备供给能力和服务水平，"


def _document(paragraphs: list[str]) -> str:
    """The paragraphs hard-wrapped at one width; one that opens with ``+`` (``+ `` : after a space) is run into
    the last page line of the one before, as a PDF copy does."""
    lines = ["一、重点工程", "（一）基础创新工程"]
    for para in paragraphs:
        if para.startswith("+"):
            joiner, para = (" ", para[2:]) if para.startswith("+ ") else ("", para[1:])
            wrapped = _wrap(para)
            lines[-1] += joiner + wrapped[0]
            lines += wrapped[1:]
        else:
            lines += _wrap(para)
    return "\n".join(lines) + "\n"


def test_an_item_number_after_a_sentence_end_on_one_page_line_starts_its_item():
    """Constructed fixture: …全面融通。2.加强标准研制。 (2. after 1.) and …新格局。（二）供给工程 (（二） after
    （一）) on the line that ends the paragraph before: the next item and the next heading, whose text follows."""
    text = _document([
        "1.建立创新体系。" + _FILL * 2 + "形成协同发展新格局。",
        "+2.加强标准研制。" + _FILL * 2 + "推动标准同步发展。",
        "3.完善公共服务。" + _FILL * 2 + "形成上中下游新格局。",
        "+（二）供给能力提升工程",
        "实施供给能力提升工程，" + _FILL * 2 + "提升检测装备供给能力。",
    ])
    paras = pg.paragraphs(fixture_document(text))
    assert any(p.wrapped for p in paras)
    assert any(p.numbered and p.text.startswith("2.加强标准研制。") for p in paras)
    heading = next(p for p in paras if p.text.startswith("（二）"))
    assert heading.heading_only and heading.text == "（二）供给能力提升工程"
    texts = [o.text for o in extract_obligations(fixture_document(text))]
    assert len(texts) == 4
    assert texts[1].startswith("2.加强标准研制。") and "2.加强标准研制" not in texts[0]
    # (the title line is read with the first paragraph under it, as obligations does for every item title)
    assert "实施供给能力提升工程" in texts[3] and "新格局" not in texts[3] and "供给能力提升工程" not in texts[2]


def test_a_number_that_does_not_continue_the_outline_cuts_nothing():
    """Constructed fixture: …。3个…  after 1. is a count in the sentence, not item 3."""
    text = _document(["1.建立创新体系。" + _FILL * 3 + "形成协同发展新格局。", "+3个园区先行试点，" + _FILL * 3 + "形成经验。"])
    assert len(extract_obligations(fixture_document(text))) == 1


def test_spaces_after_a_sentence_end_inside_a_page_line_part_two_blocks():
    """Constructed fixture: a box's last line and the paragraph after it on one page line (…平台建设。 促进区域…)."""
    text = _document([
        "1.建立创新体系。" + _FILL * 3 + "促进服务平台建设。",
        "+ 促进区域协同发展。" + _FILL * 2 + "打造示范应用集聚区。",
    ])
    texts = [o.text for o in extract_obligations(fixture_document(text))]
    assert len(texts) == 2 and texts[1].startswith("促进区域协同发展。")
