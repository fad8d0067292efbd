"""The pure deadline/target comparisons behind the consistency checks (search/consistency_compare.py).

Deadline texts are taken from the corpus seeds (柳市镇 003, 常德 002, 阳高乡 004); the records are built
by hand here so that these rules are tested apart from the extractor.
"""

from __future__ import annotations

from datetime import date

import pytest
from policykg.ingest.model import Deadline, Span, Target
from policykg.search.consistency_compare import (
    before_issue,
    compare_dates,
    compare_deadlines,
    deadline_grain,
    final_deadline,
    period_days,
    relative_days,
    weaker_target,
)

S = Span(0, 1)


def dl(text, precision, d=None, start=None, recurrence=None, event=None):
    return Deadline(text=text, span=S, precision=precision, date=d, start=start, recurrence=recurrence,
                    event=event)


def tg(text, value, unit="%", comparator=">="):
    return Target(text=text, span=S, value=value, unit=unit, comparator=comparator)


YEAR_END = dl("2024年底前", "year", date(2024, 12, 31))
DAY_END = dl("2024年12月31日前", "day", date(2024, 12, 31))


def test_year_end_agrees_with_the_last_day_of_that_year():
    assert compare_deadlines(YEAR_END, DAY_END).order == "same"
    assert compare_deadlines(DAY_END, YEAR_END).order == "same"


def test_a_day_inside_a_year_cannot_be_told_apart_from_that_year():
    mid = dl("2024年6月30日前", "day", date(2024, 6, 30))
    v = compare_deadlines(mid, YEAR_END)
    assert v.order == "same"
    assert "year" in v.reason


def test_month_end_against_a_day_in_that_month_is_same_but_next_month_is_later():
    dec = dl("12月底前", "month", date(2020, 12, 31))
    assert compare_deadlines(dl("2020年12月20日前", "day", date(2020, 12, 20)), dec).order == "same"
    assert compare_deadlines(dl("2021年1月15日前", "day", date(2021, 1, 15)), dec).order == "later"
    assert compare_deadlines(dl("11月底前", "month", date(2020, 11, 30)), dec).order == "earlier"


def test_days_compare_exactly():
    a = dl("2021年3月31日前", "day", date(2021, 3, 31))
    b = dl("2021年4月1日前", "day", date(2021, 4, 1))
    assert compare_deadlines(a, b).order == "earlier"
    assert compare_deadlines(b, a).order == "later"


def test_next_year_is_later_even_against_a_day():
    assert compare_deadlines(dl("2025年底前", "year", date(2025, 12, 31)), DAY_END).order == "later"


def test_interval_end_grain_is_read_from_its_text():
    stage = dl("2020年7月至12月", "interval", date(2020, 12, 31), start=date(2020, 7, 1))
    assert deadline_grain(stage) == "month"
    exact = dl("2020年11月20日至2021年3月15日", "interval", date(2021, 3, 15), start=date(2020, 11, 20))
    assert deadline_grain(exact) == "day"
    assert compare_deadlines(stage, dl("2020年12月10日前", "day", date(2020, 12, 10))).order == "same"


def test_events_and_unknowns_do_not_order_with_dates():
    ev = dl("全国“两会”结束", "event", event="全国两会结束")
    assert compare_deadlines(ev, YEAR_END).order == "unknown"
    assert compare_deadlines(ev, dl("两会结束", "event", event="全国两会结束")).order == "same"
    assert compare_deadlines(dl("适时", "unknown"), YEAR_END).order == "unknown"


def test_recurring_deadlines_compare_by_period():
    monthly = dl("每月26日前", "recurring", recurrence="P1M")
    quarterly = dl("每季度", "recurring", recurrence="P3M")
    assert period_days("P1M") < period_days("P3M")
    assert compare_deadlines(monthly, quarterly).order == "earlier"
    assert compare_deadlines(quarterly, monthly).order == "later"
    assert compare_deadlines(monthly, dl("每月", "recurring", recurrence="P1M")).order == "same"
    assert period_days("monthly") is None


def test_relative_deadlines_compare_by_length():
    assert relative_days("5个工作日内") == pytest.approx(7.0)
    assert relative_days("7日内") == 7.0
    assert relative_days("十五日内") == 15.0
    assert relative_days("及时") is None
    a = dl("5个工作日内", "relative")
    b = dl("7个工作日内", "relative")
    assert compare_deadlines(a, b).order == "earlier"


def test_final_deadline_is_the_latest_dated_one():
    items = (dl("11月底前", "month", date(2020, 11, 30)), dl("元旦节前", "event", event="元旦"),
             dl("2021年3月31日前", "day", date(2021, 3, 31)))
    assert final_deadline(items).text == "2021年3月31日前"
    assert final_deadline((dl("元旦节前", "event", event="元旦"),)) is None


def test_deadline_before_issue_at_the_deadlines_own_grain():
    issued = date(2020, 12, 10)  # 柳市镇 柳政发〔2020〕36号
    assert before_issue(dl("2020年11月20日前", "day", date(2020, 11, 20)), issued).order == "earlier"
    assert before_issue(dl("11月底前", "month", date(2020, 11, 30)), issued).order == "earlier"
    # 12月底前 in a document of 12月10日: same month, not before issue
    assert before_issue(dl("12月底前", "month", date(2020, 12, 31)), issued).order == "same"
    assert before_issue(dl("2020年", "year", date(2020, 12, 31)), issued).order == "same"
    assert before_issue(dl("两会结束", "event"), issued).order == "unknown"


def test_compare_dates_reports_its_grain():
    v = compare_dates(date(2024, 12, 31), "year", date(2024, 12, 31), "day")
    assert v.order == "same" and v.reason.startswith("compared at year precision")


def test_weaker_target_for_minimum_targets():
    assert weaker_target(tg("100%", 100), tg("80%", 80)).order == "weaker"
    assert weaker_target(tg("80%", 80), tg("100%", 100)).order == "stricter"
    assert weaker_target(tg("100%", 100), tg("100％", 100, unit="％")).order == "same"


def test_weaker_target_for_caps_runs_the_other_way():
    up = tg("不超过5%", 5, comparator="<=")
    assert weaker_target(up, tg("不超过8%", 8, comparator="<=")).order == "weaker"
    assert weaker_target(up, tg("不超过3%", 3, comparator="<=")).order == "stricter"


def test_targets_on_different_scales_are_not_compared():
    assert weaker_target(tg("100%", 100), tg("2家", 2, unit="家")).order == "unknown"
    assert weaker_target(tg("100%", 100), tg("不超过80%", 80, comparator="<=")).order == "unknown"
