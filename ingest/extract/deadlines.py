"""Deadlines: time limits normalised against the document's date, keeping text and precision.

Hand rules, no library: 2020年年底前, 年内, 12月底前 (year from the document), 即日起至7月底 and
7月中下旬 (intervals: ``date`` is the end), 2021年3月31日前, 每月26日前 (recurring), 5个工作日内
(relative), 全国"两会"结束 (event, no date). 文号 such as 〔2020〕 and titles in 《》 are masked first so
their years are not read as deadlines. This module is the public API only (gold README deadline
conventions 1-7 are implemented by the modules it re-exports from):

- ``deadline_grammar``: which words make a time limit (the rules) and the mask;
- ``deadline_points``: the year of a date written without one, a range's end point;
- ``deadline_build``: one match read into a ``Deadline`` (date, precision, event, recurrence);
- ``deadline_counts``: a count of time (15日内, 提前1年, 利用三年时间) read into a relative limit;
- ``deadline_scan``: ``extract_deadlines``, and which matches are no limit;
- ``deadline_stages``: stage headings' ranges and time columns passed down to their items;
- ``deadline_calendar`` (calendar arithmetic, the reference date) and ``deadline_cycles`` (cycles).
"""

from __future__ import annotations

from policykg.ingest.extract.deadline_calendar import YEARS, AssumedDate, PlanDate, infer_year, reference_date
from policykg.ingest.extract.deadline_grammar import mask
from policykg.ingest.extract.deadline_scan import extract_deadlines
from policykg.ingest.extract.deadline_stages import carried_limit, column_deadlines, period_of

# the public API (reference_date, infer_year and the reference date types live in deadline_calendar)
__all__ = ["YEARS", "AssumedDate", "PlanDate", "carried_limit", "column_deadlines", "extract_deadlines", "infer_year",
           "mask", "period_of", "reference_date"]
