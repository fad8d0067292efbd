"""a month written right before the act done in it (6月完成, 11月份取得明显成效) is the
act's limit (README: a month-only deadline takes the year that makes sense from the document's date); after 每年 each point of a
list (每年6月、12月底前; 每年2月底和8月底前) and a bare month (每年11月报送) is a due point of the cycle (deadline 1); 每月5号前
is 每月5日前. Every sentence here is a constructed fixture."""

from datetime import date

import pytest
from policykg.ingest.extract.deadlines import extract_deadlines

DOC = date(2021, 3, 15)


@pytest.mark.parametrize(("text", "expected"), [
    ("各区6月完成摸底。", [("2021-06-30", "month")]),  # constructed fixture
    ("（11月份取得明显成效，牵头单位：市工信局）", [("2021-11-30", "month")]),  # constructed fixture
    ("每年11月报送上一年度情况。", [("2021-11-30", "recurring")]),  # constructed fixture
    ("每年6月、12月底前报送。", [("2021-06-30", "recurring"), ("2021-12-31", "recurring")]),  # constructed fixture
    ("于每年2月底和8月底前报送。", [("2022-02-28", "recurring"), ("2021-08-31", "recurring")]),  # constructed fixture
    ("每月5号前报送。", [("2021-04-05", "recurring")]),  # constructed fixture
])
def test_a_month_of_an_act_or_of_a_cycle_is_a_limit(text, expected):
    assert [(d.date.isoformat(), d.precision) for d in extract_deadlines(text, DOC)] == expected


@pytest.mark.parametrize("text", ["3月，省厅召开推进会。", "每年11月为全省消防安全宣传月。"])  # constructed fixtures
def test_a_month_that_dates_no_act_is_no_limit(text):
    assert extract_deadlines(text, DOC) == ()
