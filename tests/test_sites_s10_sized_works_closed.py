"""Site types, session 10 review: between a size word and 工程/项目 only the works, their procedure or a trade of built
works make a kind (重大产业项目, 重点工程项目, 重大交通工程); a programme, a field or an area (重大民生工程, 重大战略项目,
重点城市项目) names no works (site-type convention 7: a programme is no site). Every sentence here is a constructed
fixture, written for the test, not copied from a policy document."""

import pytest
from policykg.ingest.extract.sitetypes import find_site_types


@pytest.mark.parametrize("text", [
    "实施一批重大民生工程。",  # constructed fixture
    "推进重大文化工程建设。",  # constructed fixture
    "谋划重大战略项目。",  # constructed fixture
    "加快重点城市项目推进。",  # constructed fixture
    "实施重点区域工程。",  # constructed fixture
    "办好重点民心工程。",  # constructed fixture
    "加快重大招商引资项目落地。",  # constructed fixture
])
def test_a_programme_field_or_area_after_a_size_names_no_works(text):
    assert find_site_types(text) == ()


@pytest.mark.parametrize(("text", "label"), [
    ("加强重大交通工程调度。", "重大交通工程"),  # constructed fixture
    ("实施重点市政工程。", "重点市政工程"),  # constructed fixture
    ("推进重大能源项目建设。", "重大能源项目"),  # constructed fixture
    ("加强大型建设项目监管。", "大型建设项目"),  # constructed fixture
    ("加强重点工程项目调度。", "重点工程项目"),  # constructed fixture: the works themselves
])
def test_a_trade_of_built_works_after_a_size_names_a_kind(text, label):
    assert label in find_site_types(text)
