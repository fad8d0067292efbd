"""a range's start may be a month (2021年4月起至6月底, 4月上旬至6月中旬) or carry its hour
(…26日8:00至…16:00), and a range may end in the next year (11月至次年2月): one interval ending on its last day (README:
即日起至7月底 is an interval, date its end). Every sentence here is a constructed fixture."""

from datetime import date

import pytest
from policykg.ingest.extract.deadlines import extract_deadlines

DOC = date(2021, 3, 15)


@pytest.mark.parametrize(("text", "end"), [
    ("2021年4月起至6月底，开展专项检查。", "2021-06-30"),  # constructed fixture
    ("4月上旬至6月中旬，开展专项检查。", "2021-06-20"),  # constructed fixture
    ("4月中旬—5月底，开展专项检查。", "2021-05-31"),  # constructed fixture
    ("11月至次年2月，开展冬季专项检查。", "2022-02-28"),  # constructed fixture
    ("申报时间为2021年4月6日8:00至4月20日17:00。", "2021-04-20"),  # constructed fixture: clock times
    ("报名时间：2021年4月6日9时—4月9日17时。", "2021-04-09"),  # constructed fixture
])
def test_a_range_is_one_interval(text, end):
    found = extract_deadlines(text, DOC)
    assert [(d.date.isoformat(), d.precision) for d in found] == [(end, "interval")]
