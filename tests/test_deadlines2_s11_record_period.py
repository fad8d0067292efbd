"""Deadlines, session 11: a period written as what a record covers (2020年第一季度季报, …期间的各项指标数据, 上半年工作总结)
names the record, not a time by which something falls due (gold deadline conventions 2 and 4: a period is a limit only
when an act must be done within it); a limit word ends a limit (6月底前报送数据 stays one), and 报送/报告 after a month are
acts, not 月报. Every sentence here is a constructed fixture, written for the test, not copied from a policy document."""

from datetime import date

import pytest
from policykg.ingest.extract.deadlines import extract_deadlines

DOC = date(2020, 2, 9)


@pytest.mark.parametrize("text", [
    "企业披露2020年第一季度季报确有困难的，应向主管部门说明。",  # constructed fixture: a report of the quarter
    "各区填报2020年1月1日至12月31日期间的各项指标数据。",  # constructed fixture: the data of a year
    "各街镇汇总2020年上半年工作总结。",  # constructed fixture: a summary of the half-year
])
def test_a_period_a_record_covers_is_no_limit(text):
    assert extract_deadlines(text, DOC) == ()


@pytest.mark.parametrize(("text", "limit"), [
    ("请于7月15日前报送2020年上半年工作总结。", "7月15日前"),  # constructed fixture: the limit stays, the record's half-year goes
    ("各区要于2020年6月底前报送数据。", "2020年6月底前"),  # constructed fixture: a limit word ends the time
    ("2020年6月，各区报送统计数据。", "2020年6月"),  # constructed fixture: a comma ends the time
])
def test_a_limit_before_a_record_stays(text, limit):
    assert [d.text.strip() for d in extract_deadlines(text, DOC)] == [limit]


@pytest.mark.parametrize(("text", "limit"), [
    ("2022年底数据共享平台全面建成。", "2022年底"),  # constructed fixture: 数据 opens a noun of its own
    ("2023年6月底数据资源目录编制完成。", "2023年6月底"),  # constructed fixture
    ("2024年上半年数据中心项目全部开工。", "2024年上半年"),  # constructed fixture
])
def test_a_noun_that_opens_with_data_is_no_record(text, limit):
    assert [d.text.strip() for d in extract_deadlines(text, DOC)] == [limit]
