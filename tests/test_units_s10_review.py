"""Agency grammar, session 10 review: a bureau whose name ends in a word of another kind stays a unit (issue 13).

Every text here is a constructed fixture, written for the test, not copied from a policy document."""

from __future__ import annotations

import pytest
from policykg.ingest.extract.unit_heads import head_of


@pytest.mark.parametrize("name", ["国家安全局", "市国家安全局", "区安全局"])  # constructed fixture
def test_a_security_bureau_is_a_unit(name):
    """安全局 is the bureau of 安全, though jieba writes it as one word ending in 全局 (the whole, no unit)."""
    assert head_of(name) == "局"


@pytest.mark.parametrize("phrase", ["全局", "工作全局", "产业布局", "发展新格局", "顾全大局"])  # constructed fixture
def test_a_layout_or_the_whole_is_no_unit(phrase):
    assert head_of(phrase) is None
