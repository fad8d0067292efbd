"""A span that opens a goal paragraph governs its sentences (gold unit convention 4): goals.py.

Every text here is a minimal constructed fixture for one rule, not a policy document."""

from __future__ import annotations

from fixture_docs import fixture_document
from policykg.ingest.extract.obligations import extract_obligations


def _goals(text: str) -> list[tuple[str, list[str]]]:
    return [(o.text, [d.date.isoformat() for d in o.deadlines if d.date])
            for o in extract_obligations(fixture_document(text)) if o.kind == "goal"]


def test_what_a_goal_will_attain_under_the_span_is_a_goal():
    """Constructed fixture: 到2027年，…。关键技术取得重大突破，…: 取得 with no 了 after a governing span is what the
    goal attains, a goal dated by the span; 取得了/取得的 tell what was done and stay none."""
    text = "三、发展目标\n到2027年，产业综合实力显著提升。关键技术取得重大突破，形成长效机制。\n"
    assert _goals(text) == [("到2027年，产业综合实力显著提升。", ["2027-12-31"]),
                            ("关键技术取得重大突破，形成长效机制。", ["2027-12-31"])]
    done = "三、发展目标\n到2027年，产业综合实力显著提升。前期试点取得了积极成效。\n"
    assert [t for t, _ in _goals(done)] == ["到2027年，产业综合实力显著提升。"]
