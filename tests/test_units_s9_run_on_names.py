"""A name read at a sentence's start whose unit head word runs on into the noun it qualifies (推进数字乡|村建设,
坚持以优化政府|职责体系…) names no acting unit: the sentence is an imperative, and a numbered item's paragraph under
its own title line stays one unit (gold README unit convention 2), as it does when no sentence names a unit. A
sentence that opens with a unit followed by its act (区住建委负责…, 管理部门要…) still has the paragraph read by the
sentence. Every text is a constructed fixture (minimal sentences written for the test).
"""

from __future__ import annotations

from policykg.ingest.extract.obligations import extract_obligations
from policykg.ingest.extract.stretches import _opens_with_unit
from policykg.ingest.model import Document


def units(text: str) -> list[str]:
    doc = Document("t", "t", "0", "utf-8", text)
    return [o.text for o in extract_obligations(doc)]


# constructed fixture: an item's title line that opens with 以 (no verb), then one paragraph of imperatives whose objects end in 乡, 政府
_ITEM = ("一、重点任务\n（一）以数字化改革助力基层治理。\n推进数字乡村建设，提升基层服务水平。"
         "坚持以优化政府职责体系引领改革，推动流程再造。")


def test_an_imperative_whose_object_ends_in_a_head_word_opens_no_unit():
    assert not _opens_with_unit("推进数字乡村建设，提升基层服务水平")
    assert not _opens_with_unit("坚持以优化政府职责体系引领改革，推动流程再造")
    assert not _opens_with_unit("发展地震观测台阵、地球物理站网等观测技术，挖掘隐藏信息")


def test_the_item_paragraph_stays_one_unit():
    got = units(_ITEM)
    assert len(got) == 1 and "推进数字乡村建设" in got[0] and got[0].endswith("推动流程再造。")


def test_a_unit_followed_by_its_act_still_opens_the_sentence():
    # constructed fixtures (guards)
    assert _opens_with_unit("区住建委负责组织检查")
    assert _opens_with_unit("管理部门要加强监督检查")
    assert _opens_with_unit("工业和信息化部依据有关规定组织评估")


def test_a_unit_with_an_adverb_of_scope_or_a_co_agent_before_its_act_still_opens_the_sentence():
    # constructed fixtures: 也, 均 stand between the unit and its modal; 联合, 同 name a co-agent; 于 a time
    assert _opens_with_unit("区应急局也要加强安全检查，及时消除隐患")
    assert _opens_with_unit("各街道均要建立台账，及时消除隐患")
    assert _opens_with_unit("区住建委联合区城管局开展专项整治，消除隐患")
    assert _opens_with_unit("区市场监管局同区应急局开展检查，消除隐患")
    assert _opens_with_unit("区教育局于每年开展检查，消除隐患")
