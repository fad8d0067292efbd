"""A sentence that ends exactly at the edge of a hard-wrapped page line (issue 13): lines._full_line_goes_on.

Every text here is a constructed fixture, not a policy document: plan prose written for the test, hard-wrapped as
a PDF copy is, each paragraph's first line indented by two characters (so it holds two characters fewer)."""

from __future__ import annotations

from fixture_docs import fixture_document
from policykg.ingest.extract import paragraphs as pg

_WIDTH = 22  # characters a page line holds in the fixture


def _wrap(paragraph: str) -> list[str]:
    first = _WIDTH - 2  # (the first line's indent, which the copy loses)
    return [paragraph[:first]] + [paragraph[i:i + _WIDTH] for i in range(first, len(paragraph), _WIDTH)]


_FILL = "支持企业建设一批研发创新载体，加强前沿和共性技术研发，推动产学研用协同攻关，提升装备供给能力和服务水平，"


def _text(paragraphs: list[str]) -> str:
    lines = ["一、重点任务"]
    for para in paragraphs:
        lines += _wrap(para)
    return "\n".join(lines) + "\n"


def test_a_full_line_after_a_sentence_ending_at_the_edge_goes_on():
    """Constructed fixture: …协同攻关。 ends a full page line and the next line is full too (no indent): the
    item's paragraph goes on; an indented (shorter) line after such an end opens the next paragraph."""
    first = "1.建立创新体系。" + _FILL * 3
    first = first[:_WIDTH - 2 + 2 * _WIDTH - 1] + "。"  # (a sentence that ends exactly at a line's end)
    assert (len(first) - (_WIDTH - 2)) % _WIDTH == 0
    item = first + "完善企业研发机构建设，" + _FILL * 2 + "形成协同发展新格局。"
    second = "2.加强标准研制。" + _FILL * 3
    second = second[:_WIDTH - 2 + _WIDTH - 1] + "。"  # (this paragraph ends at a line's end as well)
    third = "3.完善公共服务。" + _FILL * 2 + "形成上中下游新格局。"
    paras = pg.paragraphs(fixture_document(_text([item, second, third])))
    assert any(p.wrapped for p in paras)
    texts = [p.text.replace("\n", "") for p in paras if p.numbered and not p.heading_only]
    assert texts == [item, second, third]
