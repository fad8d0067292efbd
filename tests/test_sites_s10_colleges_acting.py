"""A college that acts through a prepositional phrase before its verb is a party, no site (gold site-type conventions 10
and 21: institutions that act are agencies, not sites)."""

import pytest
from policykg.ingest.extract.sitetypes import find_site_types


# constructed fixture
@pytest.mark.parametrize("text", [
    "部属高校直接向教育部提交接入申请。",
    "到2030年，高校在人工智能领域的科技创新能力显著提升。",
    "高校在基础理论研究等方面取得新突破。",
    "高校与企业共同开展技术攻关。",
])
def test_a_college_acting_through_a_phrase_is_no_site(text):
    assert not [s for s in find_site_types(text) if s.endswith("高校")]


# constructed fixture
@pytest.mark.parametrize("text", [
    "加强高校消防安全管理。",
    "加强对高校的消防安全检查。",
    "加强高校在消防安全方面的管理。",  # constructed fixture (review): 在…方面的 qualifies the work done on the college
])
def test_a_college_worked_on_stays(text):
    assert "高校" in find_site_types(text)
