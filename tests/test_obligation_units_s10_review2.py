"""Units, session 10 second review: a paragraph's opening title (unit convention 28, 1b6050e) is a noun phrase; a short
statement that ends in a predicate (各地各部门高度重视。, 某某号文收悉。) is a sentence of its own and does not join the
duty after it. Every text here is a constructed fixture, not copied from a policy document."""

from __future__ import annotations

import pytest
from fixture_docs import fixture_document
from policykg.ingest.extract.obligations import extract_obligations


@pytest.mark.parametrize("opening", [
    "各地各部门高度重视。",  # constructed fixture: an idiom predicate
    "全市小型工程安全形势平稳。",  # constructed fixture: an adjective predicate
    "甲应急〔2024〕1号文收悉。",  # constructed fixture: a verb the cue lists do not hold
])
def test_a_statement_opening_a_paragraph_is_no_title(opening):
    # constructed fixture (a box entry, read as running text: under a numbered section with no deeper item the paragraph
    # would be one unit whatever its opening, unit convention 28's sixteenth-adjudication amendment)
    text = f"三、产业布局\n（一）优化布局。各市要发挥比较优势。\n专栏1 重点工作\n{opening}各区要加强组织领导，完善工作机制。\n"
    assert [o.text for o in extract_obligations(fixture_document(text))][1:] == ["各区要加强组织领导，完善工作机制。"]


@pytest.mark.parametrize("title", ["甲市。", "气体传感器。", "其他市。", "MEMS传感器。"])
def test_a_noun_phrase_opening_a_paragraph_stays_its_title(title):
    # constructed fixture
    text = f"三、产业布局\n{title}强化某某研发，提升国产化水平。\n"
    assert [o.text for o in extract_obligations(fixture_document(text))] == [f"{title}强化某某研发，提升国产化水平。"]
