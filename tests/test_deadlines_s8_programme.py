"""Deadlines: a programme run for a span from a written start (gold deadline convention 7, issue 13, session 8).

A programme that starts on a written day and runs for a written span (从2020年1月1日起，实施三年…计划; 于2020年初开始
执行…，周期为1年) is done within it: ``interval``, the span's last day (start + span - 1 day), ``start`` the written day.
Every sentence here is a constructed fixture, written for the test, not copied from a policy document.
"""

from datetime import date

import pytest
from policykg.ingest.extract.deadlines import extract_deadlines

DOC = date(2019, 11, 20)


@pytest.mark.parametrize("text,written,start,end", [
    # constructed fixture: the convention's own example
    ("从2020年1月1日起，实施三年青年就业见习计划。", "从2020年1月1日起，实施三年", date(2020, 1, 1), date(2022, 12, 31)),
    # constructed fixture: a start of a month, a span in Arabic numerals
    ("自2020年7月1日起，启动实施2年农机补贴试点。", "自2020年7月1日起，启动实施2年", date(2020, 7, 1), date(2022, 6, 30)),
    # constructed fixture: the start of a year (年初) and the span as a term (周期为1年)
    ("试点城市于2020年初开始执行新的收费标准，周期为1年。", "于2020年初开始执行新的收费标准，周期为1年",
     date(2020, 1, 1), date(2020, 12, 31)),
    # constructed fixture: 为期 and a span in months
    ("从2020年3月起，开展为期6个月的专项整治。", "从2020年3月起，开展为期6个月", date(2020, 3, 1), date(2020, 8, 31)),
])
def test_a_programme_from_a_written_start_ends_with_its_span(text, written, start, end):
    found = [d for d in extract_deadlines(text, DOC) if d.precision == "interval"]
    assert [(d.text, d.start, d.date) for d in found] == [(written, start, end)]


@pytest.mark.parametrize("text", [
    "本办法自2020年1月1日起施行，有效期为5年。",  # constructed fixture: a validity term is no limit (convention 4)
    "自2020年1月1日起，对新认定的企业连续3年给予补助。",  # constructed fixture: a subsidy paid over years, no programme
    "从2020年起，每年实施1次评估。",  # constructed fixture: a frequency, no span
    "本办法自2020年1月1日起实施，为期3年。",  # constructed fixture: the term of the document itself
    "本细则自2020年1月1日起试行，试行期间开展为期2年的评估。",  # constructed fixture: a trial term
])
def test_a_start_with_a_term_or_a_frequency_is_no_programme(text):
    assert [d for d in extract_deadlines(text, DOC) if d.precision == "interval"] == []
