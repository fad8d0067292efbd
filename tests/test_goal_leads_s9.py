"""Where a goal lead writes the span that governs the goals under it, and goal bullets as a PDF copy lays them out
(gold unit convention 4 and its session-5 amendment).

Every text here is a minimal constructed fixture for one rule, not a policy document."""

from __future__ import annotations

from datetime import date

from fixture_docs import fixture_document
from policykg.ingest.extract.obligations import extract_obligations


def _goals(text: str) -> list[tuple[str, list[str]]]:
    # constructed fixture, not a policy document
    doc = fixture_document(text, date=date(2021, 3, 15))
    return [(o.text, [d.date.isoformat() for d in o.deadlines if d.date]) for o in extract_obligations(doc)
            if o.kind == "goal"]


def test_the_span_after_a_run_in_heading_governs_the_item():
    """Constructed: （一）工作目标。到2022年，…。 — the span opens the item's text after its run-in heading, so the
    later sentence without a date of its own is a goal due then."""
    text = "一、总体要求\n（一）工作目标。到2022年，基本建成消防治理体系。通过深化改革，形成一批可推广的经验做法。\n"
    assert _goals(text) == [("（一）工作目标。到2022年，基本建成消防治理体系。", ["2022-12-31"]),
                            ("通过深化改革，形成一批可推广的经验做法。", ["2022-12-31"])]


def test_a_lead_naming_the_goals_year_dates_the_bullets():
    """Constructed: 2025年的主要目标是： names the year of the bullets under it, as 到2025年， would."""
    text = ("二、主要目标\n2025年的主要目标是：\n——转型升级成效显著。规上企业基本实现数字化。\n"
            "——供给能力明显增强。培育系统解决方案供应商。\n")
    assert _goals(text) == [("——转型升级成效显著。规上企业基本实现数字化。", ["2025-12-31"]),
                            ("——供给能力明显增强。培育系统解决方案供应商。", ["2025-12-31"])]


def test_a_year_in_a_lead_that_is_not_the_goals_year_dates_nothing():
    """Constructed: a lead that cites a year's work (2020年的工作基础上：) names no goals' year."""
    text = "二、主要目标\n在巩固2020年的工作基础上：\n——治理能力明显加强。重点单位管理更加规范。\n"
    assert _goals(text) == []
