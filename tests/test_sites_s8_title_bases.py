"""Site types (session 8): a 基地 named by research or innovation is a title given to organisations, no place (gold
site-type convention 20); one named by what is produced, trained, incubated or shown on it stays.

Every sentence here is a constructed fixture, written for these tests in the shape of the pattern, never copied
from a policy document."""

from __future__ import annotations

import pytest
from policykg.ingest.extract.sitetypes import find_site_types


@pytest.mark.parametrize("text", [
    "加快建设新材料科技创新基地。",  # constructed fixture
    "支持高校建设数字经济战略研究基地。",  # constructed fixture
])
def test_a_research_or_innovation_base_is_a_title(text):
    assert find_site_types(text) == ()


@pytest.mark.parametrize(("text", "sites"), [
    ("建设农机实训基地和新材料产业基地。", ("农机实训基地", "新材料产业基地")),  # constructed fixture
])
def test_a_base_named_by_what_is_done_on_it_stays(text, sites):
    assert find_site_types(text) == sites
