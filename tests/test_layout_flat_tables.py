"""Tables that arrive one cell per line, rebuilt into rows (ingest/flat_tables.py, issue 13 item 4).

Every text here is a minimal fixture for one parser edge case (a table saved as text), not a policy
document; the corpus case is the 甘肃 plan, row42 of the policy-transparency sheet.
"""

from __future__ import annotations

from pathlib import Path

from policykg.ingest import layout
from policykg.ingest.extract import paragraphs as pg
from policykg.ingest.flat_tables import flat_tables
from policykg.ingest.pipeline import parse_bytes

CORPUS = Path(__file__).resolve().parents[1] / "corpus" / "documents"


def _tables(text: str) -> list:
    lines = layout.lines_of(text)
    return layout.find_tables(lines, layout.find_attachments(lines, len(text)))


def test_groups_labelled_one_character_a_line_restart_their_numbers_and_are_tables_of_their_own():
    text = ("序号\n项目名称\n责任单位\n甲\n类\n1\n甲办法（修订）\n区甲局\n2\n乙办法\n区乙局\n"
            "乙\n类\n1\n丙办法\n区丙局\n")
    first, second = flat_tables(layout.lines_of(text))
    assert first.header == second.header == ("序号", "项目名称", "责任单位")
    assert (first.label, second.label) == ("甲类", "乙类")
    assert first.rows == (("1", "甲办法（修订）", "区甲局"), ("2", "乙办法", "区乙局"))
    assert second.rows == (("1", "丙办法", "区丙局"),)
    assert text[second.span.start:].startswith("乙\n类")  # the label lies inside its table


def test_a_cell_wrapped_over_lines_stays_one_cell():
    text = ("序号\n项目名称\n责任单位\n1\n甲办法\n区甲局\n2\n乙规定\n（修订）\n区乙局\n"
            "3\n丙细则（修订）\n区丙局\n区丁局\n4\n丁办法\n区甲局\n")
    (table,) = _tables(text)
    assert table.rows[1] == ("2", "乙规定\n（修订）", "区乙局")  # （修订） goes on with the name
    assert table.rows[2] == ("3", "丙细则（修订）", "区丙局\n区丁局")  # two units, one a line
    for span, row in zip(table.row_spans, table.rows):
        assert text[span.start:span.end].startswith(row[0] + "\n" + row[1])


def test_the_last_row_ends_where_its_lines_stop_fitting():
    text = ("序号\n项目名称\n责任单位\n1\n甲办法\n区甲局\n2\n乙办法\n区乙局\n区丙局\n"
            "某某办公室关于印发某某计划的通知.PDF\n扫一扫在手机打开当前页\n")
    (table,) = _tables(text)
    assert table.rows[-1] == ("2", "乙办法", "区乙局\n区丙局")
    assert text[table.span.start:table.span.end].endswith("区丙局")


def test_an_empty_cell_leaves_its_column_empty_rather_than_shifting_the_others():
    text = ("序号\n工作内容\n责任单位\n完成时限\n1\n开展检查。\n区甲局\n6月底前\n2\n完成整改。\n区乙局\n12月底前\n"
            "3\n建立台账。\n区丙局\n4\n开展培训。\n区丁局\n9月底前\n")
    (table,) = _tables(text)
    assert table.rows[2] == ("3", "建立台账。", "区丙局", "")
    assert table.rows[3] == ("4", "开展培训。", "区丁局", "9月底前")


def test_a_note_under_the_table_and_a_blank_form_are_no_rows():
    noted = "序号\n工作内容\n责任单位\n1\n开展检查。\n区甲局\n注：表中单位按职责分工负责。\n"
    (table,) = _tables(noted)
    assert table.rows == (("1", "开展检查。", "区甲局"),)
    blank = "序号\n项目名称\n牵头单位名称\n联系人\n1\n2\n3\n"  # a form to fill in: numbered rows, no content
    assert _tables(blank) == []


def test_not_a_table_header():
    # a 序号 followed by a sentence, or by too few column names, opens no table
    assert _tables("序号\n本表所列事项按年度滚动更新。\n1\n开展检查。\n") == []
    assert _tables("序号\n名称\n1\n甲\n2\n乙\n") == []


def test_a_project_list_is_a_task_table_only_beside_a_column_of_units():
    cols = pg.task_columns(("序号", "项目名称", "责任单位"))
    assert cols is not None and (cols.number, cols.task, cols.units) == (0, 1, 2)
    assert pg.task_columns(("序号", "项目名称", "申报单位", "推荐单位")) is None  # a list of applicants
    assert pg.task_columns(("序号", "工作任务", "项目名称", "责任单位")).task == 1  # a task column first


def test_rebuilt_project_rows_become_obligations_with_their_units():
    text = ("序号\n项目名称\n责任单位\n甲\n类\n1\n某市甲管理办法\n市司法局\n2\n某市乙管理办法（修订）\n市税务局\n市财政局\n")
    doc = parse_bytes(text.encode("utf-8"), "fixture.txt")
    rows = [o for o in doc.obligations if o.source == "table"]
    assert [o.text for o in rows] == ["某市甲管理办法", "某市乙管理办法（修订）"]
    assert [a.text for a in rows[1].agencies] == ["市税务局", "市财政局"]
    assert all(doc.text[o.span.start:o.span.end] == o.text for o in rows)


def test_a_number_column_named_one_character_a_line():
    (table,) = _tables("序\n号\n工作任务\n责任单位\n1\n开展检查。\n区甲局\n2\n完成整改。\n区乙局\n")
    assert table.header == ("序号", "工作任务", "责任单位") and len(table.rows) == 2


def test_a_row_never_runs_on_over_the_text_after_it():
    body = "\n".join(f"第{n}段说明文字，没有编号也没有单位" for n in range(3000))
    text = "序号\n工作任务\n责任单位\n1\n开展检查。\n区甲局\n2\n完成整改。\n区乙局\n" + body + "\n3\n"
    (table,) = _tables(text)
    assert [r[0] for r in table.rows] == ["1", "2"] and table.rows[1][2] == "区乙局"
    assert table.span.end < text.index("第0段") + 200
