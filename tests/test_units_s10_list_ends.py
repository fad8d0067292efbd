"""Subject lists whose last members the list reader did not accept: a set of regions or places, associations by kind.

Every text here is a constructed fixture for one rule, not a policy document."""

from __future__ import annotations

from fixture_docs import fixture_document
from policykg.ingest.extract.obligations import extract_obligations


def _agencies(text: str) -> list[tuple[str, str]]:
    obs = extract_obligations(fixture_document(text))
    assert len(obs) == 1
    return [(a.text, a.role) for a in obs[0].agencies]


def test_a_set_of_regions_or_places_may_close_a_list_of_units():
    """各地方, 各有关省（市）, 各街道、镇 after 、 end the list as they end a subject standing alone (gold README roles 3:
    each a collective), and the units before them keep their entries."""
    # constructed fixture
    assert _agencies("有关部门、各地方要加强某某经验总结。") == [("有关部门", "collective"), ("各地方", "collective")]
    # constructed fixture
    assert _agencies("区应急局、各街道、镇要组织某某演练。") == [("区应急局", "lead"), ("各街道、镇", "collective")]


def test_associations_by_kind_closing_a_list_take_no_entry():
    """相关行业组织, 行业协会, 社会组织 written by kind at the end of a subject list are no agencies (gold README roles
    34, 4); the public units before them are read as the subject of the duty."""
    # constructed fixture
    assert _agencies("有关部门、各地方、相关行业组织要加强某某经验总结。") == [("有关部门", "collective"), ("各地方", "collective")]
    # constructed fixture
    assert _agencies("区教育局、区民政局和行业协会要加强某某合作。") == [("区教育局", "lead"), ("区民政局", "lead")]
    # constructed fixture: the committees stay (roles 4), the enterprises and the organisations take none
    assert _agencies("居民委员会、村民委员会、企业事业单位、社会组织应当开展某某演练。") == [
        ("居民委员会", "lead"), ("村民委员会", "lead")]


def test_associations_alone_or_named_are_read_as_before():
    """An association by kind standing alone is still no agency; one named individually still is (roles 34)."""
    # constructed fixture
    assert _agencies("行业协会要加强某某自律。") == []
    # constructed fixture
    assert ("中国某某协会", "lead") in _agencies("中国某某协会要加强某某自律。")
