"""A numbered item's paragraph whose sentences each open with their own acting unit is one unit, each unit keeping the
role it has in its own sentence (gold README unit conventions 2 and 8, as the fourteenth and sixteenth adjudications
applied them across every split): the extractor no longer reads such a paragraph by the sentence. Every text is a
constructed fixture (minimal sentences written for the test)."""

from __future__ import annotations

from policykg.ingest.extract.obligations import extract_obligations
from policykg.ingest.model import Document


def _obligations(text: str):
    return extract_obligations(Document("t", "t", "0", "utf-8", text))


# constructed fixture: an item's title line over one paragraph whose three sentences each name the unit that acts
_ITEM = ("二、保障措施\n（一）部门职责\n区应急局负责综合协调。区住建局会同区财政局做好房屋安全检查。区教育局负责校舍排查。\n"
         "（二）工作要求\n区应急局要于2026年底前完成评估。\n")


def test_an_items_paragraph_whose_sentences_open_with_their_own_units_is_one_unit():
    first, second = _obligations(_ITEM)
    assert first.text.endswith("区应急局负责综合协调。区住建局会同区财政局做好房屋安全检查。区教育局负责校舍排查。")
    assert second.text.endswith("区应急局要于2026年底前完成评估。")


def test_each_unit_keeps_the_role_of_its_own_sentence():
    first = _obligations(_ITEM)[0]
    roles = {a.text: a.role for a in first.agencies}
    assert roles == {"区应急局": "lead", "区住建局": "lead", "区财政局": "cooperate", "区教育局": "lead"}


def test_a_dotted_items_paragraph_stays_one_unit_too():
    # constructed fixture: a decimal heading (unit 2's thirteenth amendment) over the same kind of paragraph
    text = "2.3 部门职责\n区应急局负责综合协调。区教育局负责校舍排查。\n2.4 工作要求\n区应急局要加强督查。\n"
    got = [o.text for o in _obligations(text)]
    assert len(got) == 2 and got[0].endswith("区应急局负责综合协调。区教育局负责校舍排查。")
