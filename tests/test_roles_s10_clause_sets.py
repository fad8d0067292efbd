"""A responsibility clause that names a set absorbs the body's loose writing of that set (gold README roles 7).

Every text here is a constructed fixture for one rule, not a policy document."""

from __future__ import annotations

from fixture_docs import fixture_document
from policykg.ingest.extract.obligations import extract_obligations


def _agencies(text: str) -> list[tuple[str, str]]:
    obs = extract_obligations(fixture_document(text))
    assert len(obs) == 1
    return [(a.text, a.role) for a in obs[0].agencies]


def test_every_locality_beside_the_clause_governments_is_one_entry():
    """各地要… beside （…各市人民政府）: the clause's designation only (roles 7's example: no entry for 各地)."""
    # constructed fixture
    assert _agencies("（三）加大资金支持。各地要加大对某某的财政支持力度。（责任单位：省某某厅，各市人民政府）") == [
        ("省某某厅", "lead"), ("各市人民政府", "collective")]


def test_loose_departments_beside_the_clause_departments_are_one_entry():
    """其他有关部门要… beside （各有关部门按职责分工负责）: one set, the clause's form (roles 7)."""
    # constructed fixture
    assert _agencies("（五）强化协同。其他有关部门要积极发挥某某作用。（各有关部门按职责分工负责）") == [("各有关部门", "collective")]


def test_named_units_and_other_sets_stay():
    """Kinds and named units of the body stay beside the clause, and so does a set of another kind (地方各级人民政府)."""
    # constructed fixture
    assert _agencies("（六）加强保障。地方各级人民政府要加强某某保障。（各有关部门按职责分工负责）") == [
        ("地方各级人民政府", "collective"), ("各有关部门", "collective")]


def test_a_set_of_units_and_a_set_of_departments_stay_two():
    """有关单位 beside （各有关部门…）, 各部门 beside （责任单位：各有关单位）: units and departments are sets of another kind,
    two entries (roles 7: a set and a different set stay two); review of e50a4ae."""
    # constructed fixture
    assert _agencies("（一）加强配合。有关单位要配合做好某某工作。（各有关部门按职责分工负责）") == [
        ("有关单位", "collective"), ("各有关部门", "collective")]
    # constructed fixture
    assert _agencies("（二）加强配合。各部门要配合做好某某工作。（责任单位：各有关单位）") == [
        ("各部门", "collective"), ("各有关单位", "collective")]
    # constructed fixture: the clause names both kinds, the body's loose writing of either is absorbed
    assert _agencies("（三）加强配合。有关单位要配合做好某某工作。（各有关部门和单位按职责分工负责）") == [
        ("各有关部门和单位", "collective")]
