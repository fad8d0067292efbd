"""等 closing a list of named units: the act after it is each member's, and its kind word adds no entry.

Every text here is a constructed fixture for one rule, not a policy document."""

from __future__ import annotations

from fixture_docs import fixture_document
from policykg.ingest.extract.obligations import extract_obligations


def _agencies(text: str) -> list[tuple[str, str]]:
    obs = extract_obligations(fixture_document(text))
    assert len(obs) == 1
    return [(a.text, a.role) for a in obs[0].agencies]


def test_etc_right_before_the_predicate_closes_the_list():
    """X、Y等要… with no kind word after 等: every named member carries the act (gold README roles 3 amendment, as for
    X、Y等部门要…)."""
    # constructed fixture
    assert _agencies("工业和信息化部、科技部等要建立某某协调机制。") == [("工业和信息化部", "lead"), ("科技部", "lead")]
    # constructed fixture
    assert _agencies("区应急局、区公安分局等负责某某检查。") == [("区应急局", "lead"), ("区公安分局", "lead")]


def test_etc_before_a_noun_is_no_closing():
    """等 followed by a noun names things, not units (等算力基础设施); nothing is read."""
    # constructed fixture
    assert _agencies("要加强某某数据中心、某某计算中心等算力基础设施建设。") == []


def test_etc_and_its_kind_word_close_the_named_units_before_a_joiner():
    """（X、Y、Z等相关部门及各地区按职责分工负责）: the named units keep their written names, the closing 等相关部门 adds no
    collective, and the members after 及 are read on their own (roles 3 amendment, roles 5)."""
    # constructed fixture
    assert _agencies("加强某某服务。（应急部、公安部、国家卫生健康委等相关部门及各地区按职责分工负责）") == [
        ("应急部", "lead"), ("公安部", "lead"), ("国家卫生健康委", "lead"), ("各地区", "collective")]
