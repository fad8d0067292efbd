"""A zone listed among a region's governments or departments names its administration, no place (gold site-type
convention 25 (a); role convention 12: a zone by its administration)."""

import pytest
from policykg.ingest.extract.sitetypes import find_site_types


# constructed fixture: the zone stands in a list of administrative units that report, are assessed or act
@pytest.mark.parametrize("text", [
    "对照各县区、新材料高新区及各部门报送的重点任务进展情况。",
    "纳入各县区、化工园区和有关部门领导班子实绩考核内容。",
    "支持有条件的地方政府、产业园区和龙头企业建设产业集群促进机构。",
])
def test_a_zone_listed_among_units_is_no_site(text):
    assert not any(s.endswith(("区", "园")) for s in find_site_types(text))


# constructed fixture: a zone beside a region's districts alone is a place worked on (a station built in it), and a
# zone worked on stays
@pytest.mark.parametrize("text, label", [
    ("推进各区县、产业园区消防站建设。", "产业园区"),
    ("加快产业园区和配套设施建设。", "产业园区"),
])
def test_a_zone_worked_on_stays(text, label):
    assert label in find_site_types(text)
