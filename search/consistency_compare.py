"""Pure comparisons for consistency checks: deadlines at their own precision, targets by direction.

No I/O and no graph: every function takes model records and returns a small verdict with a reason,
so the rules can be tested on their own and explained to a user word for word.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Literal

from policykg.ingest.model import Deadline, Target

Order = Literal["earlier", "same", "later", "unknown", "weaker", "stricter"]
Grain = Literal["day", "month", "year"]

_GRAIN_RANK = {"day": 0, "month": 1, "year": 2}
_DATED = ("day", "month", "year", "interval")


@dataclass(frozen=True)
class Verdict:
    """The result of comparing ``a`` with ``b`` (earlier/same/later, or weaker/stricter for targets), and why."""

    order: Order
    reason: str


def _interval_grain(text: str) -> Grain:
    """Grain of an interval's end, read from how it is written (日 > 月 > 年)."""
    tail = re.split(r"[至到—\-~～]", text)[-1]
    if re.search(r"\d\s*日|[一二三四五六七八九十]日", tail):
        return "day"
    if "月" in tail:
        return "month"
    return "year"


def deadline_grain(deadline: Deadline) -> Grain | None:
    """The calendar grain a dated deadline is stated at; None when it has no calendar date."""
    if deadline.date is None or deadline.precision not in _DATED:
        return None
    if deadline.precision == "interval":
        return _interval_grain(deadline.text)
    return deadline.precision  # type: ignore[return-value]


def truncate(d: date, grain: Grain) -> tuple[int, ...]:
    """A date cut down to ``grain``: (year,), (year, month) or (year, month, day)."""
    if grain == "year":
        return (d.year,)
    if grain == "month":
        return (d.year, d.month)
    return (d.year, d.month, d.day)


def coarser(a: Grain, b: Grain) -> Grain:
    """The coarser of two grains: a year deadline cannot be told apart from any day inside it."""
    return a if _GRAIN_RANK[a] >= _GRAIN_RANK[b] else b


def compare_dates(a: date, grain_a: Grain, b: date, grain_b: Grain) -> Verdict:
    """Order two dates at the coarser of their grains (2024年底 equals 2024年12月31日)."""
    grain = coarser(grain_a, grain_b)
    ta, tb = truncate(a, grain), truncate(b, grain)
    order: Order = "same" if ta == tb else ("earlier" if ta < tb else "later")
    return Verdict(order, f"compared at {grain} precision: {_fmt(ta)} vs {_fmt(tb)}")


def _fmt(parts: tuple[int, ...]) -> str:
    return "-".join(f"{p:02d}" if i else str(p) for i, p in enumerate(parts))


_PERIOD = re.compile(r"^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?$")


def period_days(recurrence: str | None) -> float | None:
    """Approximate length in days of an ISO 8601 period such as P1M or P1Y; None when unreadable."""
    if not recurrence:
        return None
    m = _PERIOD.match(recurrence.strip().upper())
    if not m or not any(m.groups()):
        return None
    y, mo, w, d = (int(g) if g else 0 for g in m.groups())
    return y * 365.0 + mo * 30.4 + w * 7.0 + d


_CN_NUM = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10,
           "十五": 15, "二十": 20, "三十": 30}
_RELATIVE = re.compile(r"(\d+|十五|二十|三十|[一二两三四五六七八九十])\s*个?\s*(工作日|日|天|周|星期|个月|月|年)")
_UNIT_DAYS = {"工作日": 7 / 5, "日": 1.0, "天": 1.0, "周": 7.0, "星期": 7.0, "个月": 30.4, "月": 30.4, "年": 365.0}


def relative_days(text: str) -> float | None:
    """Length in calendar days of a relative limit such as 5个工作日内 or 7日内; None when absent."""
    m = _RELATIVE.search(text)
    if not m:
        return None
    n = int(m.group(1)) if m.group(1).isdigit() else _CN_NUM[m.group(1)]
    return n * _UNIT_DAYS[m.group(2)]


def compare_deadlines(a: Deadline, b: Deadline) -> Verdict:
    """Whether deadline ``a`` falls earlier than, with, or later than ``b``, each at its own precision."""
    ga, gb = deadline_grain(a), deadline_grain(b)
    if ga and gb:
        return compare_dates(a.date, ga, b.date, gb)  # type: ignore[arg-type]
    if a.precision == b.precision == "recurring":
        pa, pb = period_days(a.recurrence), period_days(b.recurrence)
        if pa is None or pb is None:
            return Verdict("unknown", "recurrence not readable")
        if pa == pb:
            return Verdict("same", f"same period {a.recurrence}")
        return Verdict("earlier" if pa < pb else "later", f"period {a.recurrence} vs {b.recurrence}")
    if a.precision == b.precision == "relative":
        da, db = relative_days(a.text), relative_days(b.text)
        if da is None or db is None:
            return Verdict("unknown", "relative limit not readable")
        order: Order = "same" if abs(da - db) < 0.5 else ("earlier" if da < db else "later")
        return Verdict(order, f"relative limit {a.text} vs {b.text}")
    if a.precision == b.precision == "event" and a.event and b.event and a.event == b.event:
        return Verdict("same", f"same event {a.event}")
    return Verdict("unknown", f"{a.precision} and {b.precision} deadlines cannot be ordered")


def final_deadline(deadlines: tuple[Deadline, ...] | list[Deadline]) -> Deadline | None:
    """The latest calendar deadline of an obligation: the limit by which all of it must be done."""
    dated = [d for d in deadlines if deadline_grain(d)]
    if not dated:
        return None
    return max(dated, key=lambda d: (d.date, -_GRAIN_RANK[deadline_grain(d)]))  # type: ignore[index]


def before_issue(deadline: Deadline, issued: date) -> Verdict:
    """Whether a deadline lies before the document's own date, compared at the deadline's grain."""
    grain = deadline_grain(deadline)
    if grain is None:
        return Verdict("unknown", f"{deadline.precision} deadline has no calendar date")
    return compare_dates(deadline.date, grain, issued, grain)  # type: ignore[arg-type]


# --- targets -------------------------------------------------------------------------------------

_UNIT_ALIASES = {"％": "%", "percent": "%", "个百分点": "pp", "百分点": "pp"}


def normalise_unit(unit: str) -> str:
    """One spelling per unit, so 100％ and 100% compare."""
    u = unit.strip()
    return _UNIT_ALIASES.get(u, u)


def direction(target: Target) -> int:
    """+1 when more is better (>=, >, =), -1 when less is better (<=, <)."""
    return -1 if target.comparator in ("<=", "<") else 1


_MONEY = re.compile(r"^(元|万元|亿元|千元|百元)$")


def is_policy_target(t: Target) -> bool:
    """A quantified goal (coverage %, sites, people), not a penalty amount: fines (元) are ranges of
    discretion, and an exact count (=) without a percentage says nothing about asking more or less."""
    unit = normalise_unit(t.unit)
    if _MONEY.match(unit):
        return False
    return t.comparator != "=" or unit == "%"


def comparable_targets(a: Target, b: Target) -> bool:
    """Whether two policy targets measure on the same scale in the same direction."""
    return (is_policy_target(a) and is_policy_target(b) and normalise_unit(a.unit) == normalise_unit(b.unit)
            and direction(a) == direction(b))


def weaker_target(upstream: Target, downstream: Target) -> Verdict:
    """``weaker`` when the downstream target asks for less than the upstream one (80% below 100%)."""
    if not comparable_targets(upstream, downstream):
        return Verdict("unknown", f"units or directions differ: {upstream.text} vs {downstream.text}")
    gap = (downstream.value - upstream.value) * direction(upstream)
    if abs(gap) < 1e-9:
        return Verdict("same", f"same target {normalise_unit(upstream.unit)} {upstream.value:g}")
    order: Order = "weaker" if gap < 0 else "stricter"
    return Verdict(order, f"downstream {downstream.value:g} is {order} than upstream {upstream.value:g}"
                          f" ({upstream.comparator} {normalise_unit(upstream.unit)})")
