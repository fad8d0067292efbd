"""A base relied on to train or cultivate people is an enlisted provider, no site (gold site-type conventions 10 and 20)."""

import pytest
from policykg.ingest.extract.sitetypes import find_site_types


# constructed fixture
@pytest.mark.parametrize("text", [
    "依托职业技能培训基地等机构，开展大规模职业培训。",
    "依托人才培养基地，培育一批技术经纪人队伍。",
])
def test_a_base_relied_on_to_train_is_no_site(text):
    assert not [s for s in find_site_types(text) if s.endswith("基地")]


# constructed fixture
@pytest.mark.parametrize("text, label", [
    ("依托现有产业基地打造一批产业集群。", "产业基地"),
    ("依托实训基地，建设一批公共实训中心。", "实训基地"),
    ("建设一批职业技能培训基地。", "职业技能培训基地"),
])
def test_a_base_that_hosts_work_or_is_built_stays(text, label):
    assert any(label in s for s in find_site_types(text))
