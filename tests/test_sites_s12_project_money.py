"""A project that receives support, investment, financing or tax relief is no site (gold site-type convention 27)."""

import pytest
from policykg.ingest.extract.sitetypes import find_site_types


# constructed fixture: the project is the object of support, priority or an input (convention 27's own list)
@pytest.mark.parametrize("text", [
    "加大对平台、安全体系等重大项目的支持力度。",
    "在重大项目上予以倾斜。",
    "为重大项目预留用地指标。",
])
def test_a_project_given_support_priority_or_an_input_is_no_site(text):
    assert find_site_types(text) == ()


# constructed fixture: investment promotion brings the project in, or the project is the attribute of its financing or tax
@pytest.mark.parametrize("text", [
    "积极开展重大项目招商。",
    "积极引进一批具有显著带动作用的重大项目和龙头企业。",
    "满足近期开工的重大项目融资需求。",
    "落实技术改造项目进口设备免税政策。",
])
def test_a_project_attracted_financed_or_relieved_of_tax_is_no_site(text):
    assert not any(s.endswith("项目") for s in find_site_types(text))


# constructed fixture: work done on the project keeps it (built, scheduled, made safe)
@pytest.mark.parametrize("text, label", [
    ("推进重大项目建设。", "重大项目"),
    ("对重大技改项目实行定期调度。", "重大技改项目"),
    ("在重大项目建设中加强安全管理。", "重大项目"),
])
def test_a_project_worked_on_stays(text, label):
    assert label in find_site_types(text)
