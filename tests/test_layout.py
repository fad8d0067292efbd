"""Layout on real corpus texts: wrapper notices, headings, tables repeated across pages, attachments."""

from __future__ import annotations

from pathlib import Path

from policykg.ingest import layout
from policykg.ingest.pipeline import parse_bytes, parse_file

CORPUS = Path(__file__).resolve().parents[1] / "corpus" / "documents"


def test_xinghua_notice_is_separated_from_the_plan_it_carries():
    doc = parse_file(CORPUS / "seeds/000_f83188a21079f2d3.txt")
    notice = doc.text[doc.notice_span.start:doc.notice_span.end]
    body = doc.text[doc.body_span.start:doc.body_span.end]
    assert "兴消委办〔2021〕6号" in notice and "现印发给你们" in notice
    assert body.startswith("全市“保安全、迎华诞”消防安全\n百日攻坚行动实施方案")
    assert doc.notice_span.end == doc.body_span.start and doc.body_span.end == len(doc.text)
    assert doc.carried_title == "全市“保安全、迎华诞”消防安全百日攻坚行动实施方案"
    # headings of the plan only, none from the notice
    assert all(s.span.start >= doc.body_span.start for s in doc.sections)


def test_shanghai_printing_notice_carries_its_rules():
    doc = parse_file(CORPUS / "shanghai/district/关于印发《上海市普陀区应急避难场所管理办法（试行）》的通知.md")  # dev-read
    assert doc.carried_title == "上海市普陀区应急避难场所管理办法（试行）"
    assert doc.text[doc.body_span.start:].startswith("上海市普陀区应急避难场所管理办法（试行）")


def test_plain_plan_has_no_notice():
    doc = parse_file(CORPUS / "seeds/002_703e075b325a6c8c.txt")
    assert doc.notice_span is None and doc.carried_title is None
    assert doc.body_span.start == 0 and doc.body_span.end == len(doc.text)
    assert doc.attachments == ()  # it begins "附件6": it IS an attachment, it has none


def test_heading_paths_and_depths():
    doc = parse_file(CORPUS / "seeds/001_68136cc265473cb2.txt")
    by_path = {s.path: s for s in doc.sections}
    assert by_path["二"].heading == "二、重点任务" and by_path["二"].depth == 1
    assert by_path["二/（一）"].heading == "（一）完善消防安全责任运行机制。"
    sub = by_path["二/（一）/1"]
    assert sub.depth == 3 and doc.text[sub.span.start:].startswith("1﹒全面落实党政“一岗双责”")
    # a section's span holds its sub-sections
    assert by_path["二"].span.start <= sub.span.start < sub.span.end <= by_path["二"].span.end


def test_law_chapters_and_articles_skip_the_table_of_contents():
    doc = parse_file(CORPUS / "shanghai/municipal/上海市消防条例.md")
    chapters = [s for s in doc.sections if s.path == "第一章"]
    assert len(chapters) == 1
    assert any(s.path == "第一章/第一条" and s.depth == 2 for s in doc.sections)


def test_liushi_task_table_repeats_its_header_on_every_page():
    doc = parse_file(CORPUS / "seeds/003_172d98bbcb68533c.txt")
    assert [a.label for a in doc.attachments] == ["附件"]
    assert doc.attachments[0].title == "2020 年度冬春火灾防控工作任务清单"
    (table,) = doc.tables
    assert table.header == ("序号", "工作内容", "责任单位")
    assert table.attachment == "附件"
    assert len(table.rows) == 31 and ("序号", "工作内容", "责任单位") not in table.rows
    assert [r[0] for r in table.rows[:3]] == ["1", "2", "3"]
    assert table.rows[26][0] == "7"  # the source misnumbers row 27; raw cells are kept as written
    for row, span in zip(table.rows, table.row_spans):
        assert doc.text[span.start:span.end].split("\t")[1].strip() == row[1]


def test_markdown_pipe_table_becomes_a_table():
    # minimal fixture for the pipe-table parser edge case (not a policy document)
    md = "# 表\n\n| 序号 | 责任单位 |\n|---|---|\n| 1 | 区应急局 |\n| 2 | 区消防救援支队 |\n"
    doc = parse_bytes(md.encode(), "fixture.md")
    (table,) = doc.tables
    assert table.header == ("序号", "责任单位") and table.rows == (("1", "区应急局"), ("2", "区消防救援支队"))


def test_date_line():
    assert layout.is_date_line("2021年4月26日") and layout.is_date_line("二〇二一年四月二十六日")
    assert not layout.is_date_line("2021年4月26日前完成")


def test_letter_carries_a_text_as_a_notice_does():
    # minimal fixture (a title line of each form), not a policy document
    wrapper = layout.find_wrapper("测试局关于印发《测试办法》的函\n测试文〔2014〕1号\n")
    assert wrapper.carried_title == "测试办法"
    assert layout.find_wrapper("关于印发测试函数表的说明\n").carried_title is None  # 函数 is no 函
