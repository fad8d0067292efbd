"""A numbered item's paragraph of imperatives whose objects end in a unit's head word (推进数字乡|村建设,
坚持以优化政府|职责体系…) stays one unit under its own title line (gold README unit convention 2). Since the sixteenth
adjudication every such paragraph is one unit whoever acts in its sentences (unit convention 8:
test_units_s11_acting_units), so the run-on check that told a unit's name from such an object is gone with the
sentence reading it guarded. Every text is a constructed fixture (minimal sentences written for the test).
"""

from __future__ import annotations

from policykg.ingest.extract.obligations import extract_obligations
from policykg.ingest.model import Document


def units(text: str) -> list[str]:
    doc = Document("t", "t", "0", "utf-8", text)
    return [o.text for o in extract_obligations(doc)]


# constructed fixture: an item's title line that opens with 以 (no verb), then one paragraph of imperatives whose objects end in 乡, 政府
_ITEM = ("一、重点任务\n（一）以数字化改革助力基层治理。\n推进数字乡村建设，提升基层服务水平。"
         "坚持以优化政府职责体系引领改革，推动流程再造。")


def test_the_item_paragraph_stays_one_unit():
    got = units(_ITEM)
    assert len(got) == 1 and "推进数字乡村建设" in got[0] and got[0].endswith("推动流程再造。")
