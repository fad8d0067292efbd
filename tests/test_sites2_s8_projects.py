"""A project that only receives money, credit or priority is no site; one worked on stays (gold site-type convention 27)."""

import pytest
from policykg.ingest.extract.sitetypes import find_site_types


# constructed fixture
@pytest.mark.parametrize("text", [
    "对列入省级示范的技改项目给予100万元补助。",
    "加大对重大项目建设的信贷支持。",
    "商业贷款要向纺织行业重点项目倾斜。",
    "对重大项目用气给予绿色通道。",
])
def test_a_project_that_only_receives_money_or_priority_is_no_site(text):
    assert not [s for s in find_site_types(text) if s.endswith("项目")]


# constructed fixture
@pytest.mark.parametrize("text, label", [
    ("对重大技改项目实行定期调度。", "重大技改项目"),
    ("推进重大技改项目建设。", "重大技改项目"),
])
def test_a_project_worked_on_stays(text, label):
    assert label in find_site_types(text)
