"""A unit named only inside a 的-clause that says which thing another party acts on takes no entry (gold README
roles 33, ninth adjudication): something governs the 的-phrase before the unit in its clause (a verb, 由 after a
verb or modal, a preposition read with the name). A unit that opens its clause keeps its reading (the act falls on
the maker, or the 的 stands inside its own object). Every sentence is a constructed fixture (a minimal sentence
written for the test).
"""

from __future__ import annotations

from policykg.ingest.extract.roles import assign_agencies
from policykg.ingest.model import Document, Region, RegionRef

SHANGHAI = RegionRef("上海市", "310000000000", "provincial")
SONGJIANG = Region("松江区", "310117000000", "county", (SHANGHAI,))


def roles(text: str) -> set[tuple[str, str]]:
    doc = Document("t", "t", "0", "utf-8", text, region=SONGJIANG)
    return {(a.text, a.role) for a in assign_agencies(text, doc, 0)}


def test_a_unit_inside_the_object_of_another_act_is_no_agency():
    # constructed fixtures: 由 after a modal or a verb opens a 的-phrase, not the doer of the clause
    assert roles("如需由区质监站出具鉴定书的项目，竣工材料中必须附有鉴定书。") == set()
    assert roles("配备由区人民政府制发的应急标志的车辆可以优先通行。") == set()
    # constructed fixture: the object of 不服从 holds the units
    assert ("有关部门", "collective") not in roles("公民不服从所在地人民政府及其有关部门发布的决定的，依法处理。")
    # constructed fixture: a preposition read with a list of units
    assert roles("实地调研：对照各街镇、开发区及各部门报送的重点任务进展情况，开展调研。") == set()


def test_a_unit_that_opens_its_clause_keeps_its_reading():
    # constructed fixtures (guards): the maker's own plan; the unit's own act whose object holds a 的
    assert roles("区应急局制定的预案每三年修订一次。") == {("区应急局", "lead")}
    assert roles("区人民政府设立负责日常工作的防汛办公室。") == {("区人民政府", "lead")}
