"""Large research installations (大科学装置, 大科学装置群) are facilities, the planning class of 重大科技基础设施, recorded by
their kind with level or place words dropped (gold site-type conventions 12 and 19)."""

import pytest
from policykg.ingest.extract.sitetypes import find_site_types


# constructed fixture: the installation, one or a cluster, is recorded by its kind
@pytest.mark.parametrize("text, label", [
    ("推进布局大科学装置，开展预研。", "大科学装置"),
    ("支持某地建设国家大科学装置和实训基地。", "大科学装置"),
    ("构建大科学装置群，加强设施统筹布局。", "大科学装置群"),
])
def test_a_large_research_installation_is_a_site(text, label):
    assert label in find_site_types(text)


# constructed fixture: the verb or level word before it is no part of the label
@pytest.mark.parametrize("text, written", [
    ("推进布局大科学装置，开展预研。", "布局大科学装置"),
    ("支持某地建设国家大科学装置。", "国家大科学装置"),
])
def test_words_before_a_large_installation_are_dropped(text, written):
    assert written not in find_site_types(text)
