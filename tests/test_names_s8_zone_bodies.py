"""A run that opens with a zone's name (…试验区, …高新区) and goes on to a unit names the zone's body: the tags
jieba gives the zone's own words (西部 a direction word, 自 of an unknown 自贸 a preposition) do not make the run
an act on a unit (gold README roles 12: a zone acts through the body that runs it).

Every text here is a minimal constructed fixture for one rule, not a policy document."""

from __future__ import annotations

from fixture_docs import fixture_document
from policykg.ingest.extract.agency_grammar import classify
from policykg.ingest.extract.obligations import extract_obligations


def _agencies(text: str) -> list[tuple[str, str]]:
    # constructed fixture
    return [(a.text, a.role) for o in extract_obligations(fixture_document(text)) for a in o.agencies]


def test_a_zone_opening_with_a_direction_word_names_its_body():
    """Constructed fixture: 东部 opens the zone's name, no function word before a unit."""
    assert _agencies("（一）加强统筹。东部新城高新区管委会要加强统筹。\n") == [("东部新城高新区管委会", "lead")]


def test_a_zone_abbreviation_cut_into_characters_names_its_bodies():
    """Constructed fixture: 自贸 is cut 自|贸 (自 a preposition); the zone's departments are a set."""
    assert _agencies("（二）加强监管。自贸试验区相关职能部门要加强监管。\n") == [("自贸试验区相关职能部门", "collective")]


def test_an_act_on_a_zone_stays_an_act():
    """Constructed fixture: a verb or a preposition before the zone: no unit."""
    assert classify("支持国家级开发区管委会") is None
    assert classify("在开发区管委会") is None
