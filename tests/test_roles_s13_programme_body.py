"""项目管理专业机构: the body a public programme designates by its standing function is a kind of unit, lead (gold README
roles 35, read by roles 1 and 25), not a party under the generic head 机构; a commissioned or third-party body stays out.

Every text here is a constructed fixture for one rule, not a policy document."""

from __future__ import annotations

from fixture_docs import fixture_document
from policykg.ingest.extract.obligations import extract_obligations


def _units(text: str) -> list[list[tuple[str, str]]]:
    return [[(a.text, a.role) for a in ob.agencies] for ob in extract_obligations(fixture_document(text))]


def test_the_programme_body_is_lead():
    """项目管理专业机构负责… names the programme's managing body by its function: a kind, lead."""
    # constructed fixture
    assert _units("项目管理专业机构负责组织某某项目的形式审查。") == [[("项目管理专业机构", "lead")]]


def test_the_programme_body_beside_the_applicants_request():
    """请各申报单位…。项目管理专业机构将…: the applicants are regulated parties (roles 4), the body acts (schema: X将…)."""
    # constructed fixture
    assert _units("1.网上填报。请各申报单位按要求进行网上填报。项目管理专业机构将以网上填报的申报书作为形式审查的依据。") == [
        [("项目管理专业机构", "lead")]]


def test_a_third_party_or_commissioned_body_stays_out():
    """第三方专业机构 and a 专业机构 a unit engages are no unit of administration (roles 35): only the commissioning unit."""
    # constructed fixture
    assert _units("区应急局要委托第三方专业机构开展某某评估。") == [[("区应急局", "lead")]]
