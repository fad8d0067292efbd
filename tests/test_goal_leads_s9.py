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


# -- goal bullets as a PDF copy lays them out ------------------------------------------------------------------

_WIDTH = 22  # characters a page line holds in the fixture
_FILL = "支持企业建设一批研发创新载体，加强前沿和共性技术研发，推动产学研用协同攻关，提升装备供给能力和服务水平，"


def _wrap(paragraph: str) -> list[str]:
    first = _WIDTH - 2  # (the first line's indent, which the copy loses)
    return [paragraph[:first]] + [paragraph[i:i + _WIDTH] for i in range(first, len(paragraph), _WIDTH)]


def test_a_line_going_on_a_bullet_of_a_wrapped_text_keeps_the_leads_date():
    """Constructed fixture, hard-wrapped as a PDF copy is: the copy breaks a bullet after its sentence, so the line
    after it (重点行业…，…生产效率明显提升。) opens a paragraph of its own with no bullet mark; it goes on the bullet,
    is a goal with the lead's date, and the lead still dates the bullet after it."""
    lines = ["二、主要目标", "到2025年，制造业数字化水平明显提升："]
    lines += _wrap("——转型升级成效显著。" + _FILL * 2 + "规上企业基本实现数字化网络化。")
    lines += _wrap("重点行业骨干企业初步应用智能化，" + _FILL + "生产效率明显提升。")
    lines += _wrap("——供给能力明显增强。" + _FILL * 2 + "解决方案供给水平显著提升。")
    lines += ["三、重点任务"] + _wrap("1.建立创新体系。" + _FILL * 3 + "形成协同发展新格局。")
    goals = [(t.replace("\n", "")[:10], due) for t, due in _goals("\n".join(lines) + "\n")]
    assert goals == [("到2025年，制造业", ["2025-12-31"]), ("——转型升级成效显著", ["2025-12-31"]),
                     ("重点行业骨干企业初步", ["2025-12-31"]), ("——供给能力明显增强", ["2025-12-31"])]


def test_a_box_drawing_dash_is_a_bullet_mark():
    """Constructed: ───── is the dash of a goal bullet as a PDF copy draws it (lines.py already reads it so)."""
    text = "二、主要目标\n到2025年底，数字化水平明显提升。\n─────发展基础更加牢固。推动通用设计理念普及。\n"
    assert _goals(text)[1:] == [("─────发展基础更加牢固。推动通用设计理念普及。", ["2025-12-31"])]


def test_a_lead_naming_a_past_year_dates_nothing():
    """Constructed: in a text of 2021, 2019年的主要目标是： tells what was aimed at; its bullets fall due at no date."""
    text = "二、主要目标\n2019年的主要目标是：\n——转型升级成效显著。规上企业基本实现数字化。\n"
    assert all(not due for _, due in _goals(text))


def test_a_dash_run_with_no_text_after_it_is_no_bullet():
    """Constructed: a separator line of box-drawing dashes in a goal section is no goal bullet (it writes no goal)."""
    text = ("二、主要目标\n到2025年底，数字化水平明显提升。\n─────发展基础更加牢固。推动通用设计理念普及。\n"
            "──────────\n")
    assert [t for t, _ in _goals(text)][1:] == ["─────发展基础更加牢固。推动通用设计理念普及。"]


def test_a_paragraph_after_a_bullet_that_ended_short_of_the_page_edge_is_no_goal():
    """Constructed fixture, hard-wrapped: the last bullet's last line ends its sentence well before the page's edge,
    so the bullet ended there and the paragraph after it (展望未来，…) opens a paragraph of its own, not a line going
    on the bullet: no goal dated by the lead (the line after a bullet's sentence that reached the edge still goes on)."""
    lines = ["二、主要目标", "到2025年，制造业数字化水平明显提升："]
    lines += _wrap("——转型升级成效显著。" + _FILL * 2 + "规上企业基本实现数字化网络化。")
    lines += _wrap("——供给能力明显增强。" + _FILL + "生产效率明显提升。")
    lines += _wrap("展望未来，全面建成制造强国，" + _FILL + "谱写高质量发展新篇章。")
    lines += ["三、重点任务"] + _wrap("1.建立创新体系。" + _FILL * 3 + "形成协同发展新格局。")
    goals = [t.replace("\n", "")[:10] for t, _ in _goals("\n".join(lines) + "\n")]
    assert goals == ["到2025年，制造业", "——转型升级成效显著", "——供给能力明显增强"]
