"""A lead-in closed by a colon passes its subject to the numbered items under it (gold README unit 19's amendment).

Every text here is a constructed fixture for one rule, not a policy document."""

from __future__ import annotations

from fixture_docs import fixture_document
from policykg.ingest.extract.obligations import extract_obligations


def _items(text: str) -> list[tuple[str, list[tuple[str, str]]]]:
    return [(o.text[:6], [(a.text, a.role) for a in o.agencies]) for o in extract_obligations(fixture_document(text))]


def test_a_duties_lead_in_passes_its_unit_to_the_items():
    """X…，主要职责是： names X's duties; each item is X's duty (the lead-in is no obligation of its own)."""
    # constructed fixture
    text = ("第八条 各级某某指挥部组织、指挥和协调本行政区域内某某工作，主要职责是：\n\n"
            "（一）贯彻执行某某法规；\n\n（二）组织开展某某宣传和教育。\n")
    items = _items(text)
    assert [a for _, a in items] == [[("各级某某指挥部", "collective")]] * 2


def test_measures_named_further_back_in_the_lead_in():
    """X应当采取下列措施，…（a purpose written after the list word）：each item is one of X's measures."""
    # constructed fixture
    text = ("第六十条 县级以上人民政府应当采取下列措施，加强某某领域研究体系和能力建设，提升某某研判水平：\n\n"
            "（一）加强某某研究；\n\n（二）推动某某实验室建设。\n")
    items = _items(text)
    assert [a for _, a in items][-2:] == [[("县级以上人民政府", "lead")]] * 2


def test_things_in_scope_and_the_paragraph_after_the_items_take_nothing():
    """下列 before things (项目, 事项) names the scope, not acts; a paragraph after the items is no item of the lead-in."""
    # constructed fixture
    text = ("第三十条 县级以上人民政府应当将某某设施建设列入发展规划，对下列建设项目的安全设施设计依法进行审查和监督管理：\n\n"
            "（一）生产某某物品的建设项目；\n\n（二）储存某某物品的建设项目。\n\n"
            "建设工程相配套的某某设施，应当与工程建设同步施工。\n")
    items = _items(text)
    assert all(a == [] for t, a in items if not t.startswith("第三十条"))
