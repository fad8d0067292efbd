"""A labelled responsibility clause written with an ASCII colon (牵头单位:X) closes the stretch before it inside an item
paragraph, as one written with a full-width colon does (gold unit convention 1; ``is_label_line`` takes both colons)."""

from __future__ import annotations

from fixture_docs import fixture_document
from policykg.ingest.extract.obligations import extract_obligations


def _read(text: str) -> list[tuple[str, str, list[tuple[str, str]]]]:
    return [(o.rule, o.text, sorted((a.text, a.role) for a in o.agencies)) for o in extract_obligations(fixture_document(text))]


def test_labels_with_ascii_colons_split_an_item_paragraph_as_full_width_ones_do():
    # constructed fixture: a paragraph under an item's title line, labelled after its first sentence
    text = ("一、主要任务\n（一）优化营商环境\n深化审批制度改革，推进审批提速。牵头单位{c}省发展改革委；完成时限{c}2023年底前。"
            "区公安分局要加强知识产权保护，完善维权机制。\n")
    full_width, ascii_colons = _read(text.format(c="：")), _read(text.format(c=":"))
    assert [(rule, agencies) for rule, _, agencies in ascii_colons] == [(rule, agencies) for rule, _, agencies in full_width]
    assert [(rule, agencies) for rule, _, agencies in ascii_colons] == [
        ("duty_sentence", [("省发展改革委", "lead")]), ("duty_sentence", [("区公安分局", "lead")])]


def test_an_item_paragraph_with_an_ascii_colon_and_no_label_stays_one_unit():
    # constructed fixture: a colon in running text (a ratio) labels nothing
    text = "一、主要任务\n（一）优化营商环境\n深化审批制度改革，按照1:1比例配套资金。区公安分局要加强知识产权保护，完善维权机制。\n"
    ((rule, said, _),) = _read(text)
    assert rule == "item_paragraph" and said.startswith("深化审批制度改革，按照1:1") and said.endswith("完善维权机制。")
