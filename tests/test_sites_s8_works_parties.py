"""Site types (session 8): works or a project written right before a party (…工程设计企业, …工程服务商) name the party's
trade; the party is no site and the works are not acted on.

Every sentence here is a constructed fixture, written for these tests in the shape of the pattern, never copied
from a policy document."""

from __future__ import annotations

import pytest
from policykg.ingest.extract.sitetypes import find_site_types


@pytest.mark.parametrize("text", [
    "放宽外商投资小型建设工程设计企业的资质要求。",  # constructed fixture
    "加强与智能化改造工程服务商的对接。",  # constructed fixture
])
def test_works_naming_a_partys_trade_are_no_site(text):
    assert find_site_types(text) == ()


def test_works_acted_on_stay():
    assert find_site_types("加强装饰装修工程施工现场检查。") == ("装饰装修工程", "施工现场")  # constructed fixture
