"""A span that opens a goal paragraph governs its sentences also after the label of the stage or
horizon it dates (第一阶段，到2025年，…; gold unit convention 4: a span that opens the paragraph governs all its sentences).
Every text here is a minimal constructed fixture, not a policy document."""

from __future__ import annotations

from datetime import date

from fixture_docs import fixture_document
from policykg.ingest.extract.obligations import extract_obligations


def _goals(text: str) -> list[tuple[str, list[str]]]:
    return [(o.text, [d.date.isoformat() for d in o.deadlines if d.date])
            for o in extract_obligations(fixture_document(text, date=date(2022, 3, 1))) if o.kind == "goal"]


def test_a_span_after_a_stage_label_governs_the_paragraph():
    """Constructed fixture: 第一阶段，到2025年，A。B。C。 -> three goals dated 2025."""
    text = ("（三）发展目标。\n第一阶段，到2025年，城市消防物联网监测系统在各类重点单位全面推广应用。消防救援队伍的装备水平"
            "和处置能力明显提升。全民消防安全素质显著增强，火灾形势保持平稳。\n二、重点任务\n（一）加强队伍建设。各单位要加强"
            "队伍建设。\n")
    assert _goals(text) == [("第一阶段，到2025年，城市消防物联网监测系统在各类重点单位全面推广应用。", ["2025-12-31"]),
                            ("消防救援队伍的装备水平和处置能力明显提升。", ["2025-12-31"]),
                            ("全民消防安全素质显著增强，火灾形势保持平稳。", ["2025-12-31"])]
