"""Which sentences and items become obligations: session 10 review fixes to the session's segmentation rules (issue 13).

Every text here is a constructed fixture for one rule, not a policy document."""

from __future__ import annotations

from fixture_docs import fixture_document
from policykg.ingest.extract.obligations import extract_obligations


def test_a_titled_paragraph_after_an_item_that_reports_is_no_unit():
    """The titled paragraphs of an item read as its measures only when the item itself gives work: under an item that
    reports what is (（一）发展成效。…以来，…发展。), a titled paragraph (综合实力显著增强。2020年，…达到…) reports too."""
    # constructed fixture
    text = ("一、发展基础\n（一）发展成效。近年来，全市数字经济快速发展。\n"
            "综合实力显著增强。2020年，全市数字经济规模达到500亿元。\n"
            "二、主要任务\n（一）建设生态保护应用体系。充分运用新技术，提升保护水平。\n"
            "森林保护。通过卫星影像开展动态监测。\n")
    texts = [o.text for o in extract_obligations(fixture_document(text))]
    assert texts == ["（一）建设生态保护应用体系。充分运用新技术，提升保护水平。", "森林保护。通过卫星影像开展动态监测。"]
