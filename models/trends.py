"""Trend and pace series of a metric over its quarter, from its check-ins.

A check-in is the metric's reading on a date (coverage 65% on 2025-12-03; cumulative orders 12 on
2025-12-18), so a week's value is the last reading in that week. Weeks without a reading are
gaps, not zeros: the gain across a gap is spread evenly over the weeks it spans (30% at W40 and
65% at W49 is +3.9pp a week for nine weeks), which neither invents a stall nor hides a slow
stretch between two sparse check-ins.

Gains are measured in the metric's direction (an error rate falling by 2 points is a gain of
+2), so every rule reads "more is better". Pure functions over plain values: no Qt, no I/O.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from models.calendar import Quarter

_DAYS = tuple(dt.timedelta(days=n) for n in range(7))  # back to Monday, by weekday

PERCENT = "%"


class Reading(Protocol):
    """Anything with a date and a value: a check-in record or a snapshot point."""

    date: dt.date
    value: float


@dataclass(frozen=True, slots=True)
class CheckPoint:
    """One check-in as the pure functions need it."""

    date: dt.date
    value: float
    note: str = ""
    id: int | None = None


@dataclass(slots=True)
class WeekValue:
    """A week of the quarter and its last reading (None when nobody checked in that week).

    Read-only by convention, not ``frozen`` (as ``WeekGain``): a frozen dataclass costs four
    times as much to build, and every evaluation builds a quarter of these per metric."""

    start: dt.date  # the Monday
    value: float | None
    date: dt.date | None = None
    note: str = ""

    @property
    def label(self) -> str:
        return f"W{self.start.isocalendar().week:02d}"


@dataclass(slots=True)
class WeekGain:
    """The improvement of one week; ``spread`` when averaged over weeks without a reading.
    Read-only by convention (see ``WeekValue``)."""

    start: dt.date
    gain: float
    spread: bool = False

    @property
    def label(self) -> str:
        return f"W{self.start.isocalendar().week:02d}"


@dataclass(frozen=True, slots=True)
class MetricTrend:
    """Everything the rules and the charts read about one metric as of a day."""

    weeks: list[WeekValue]
    gains: list[WeekGain]
    best_gain: float | None
    latest: Any | None  # the last reading on or before the day (a CheckPoint or record)
    pace_to_floor: float | None  # per week from the day to the quarter's end; 0 = reached
    pace_to_stretch: float | None


def sign_of(direction: str) -> float:
    return -1.0 if direction == "decrease" else 1.0


def is_count_metric(unit: str | None) -> bool:
    """Counts (orders, labels) accumulate and are drawn as a running total; rates are not."""
    return (unit or "") != PERCENT


def gain_unit(unit: str | None) -> str:
    """A percentage's change is in percentage points."""
    return "pp" if unit == PERCENT else (unit or "")


def readings_until(checkins: Iterable[Any], until: dt.date | None) -> list[Any]:
    """Check-ins on or before ``until`` (all when None), oldest first; ties keep entry order."""
    rows = [c for c in checkins if until is None or c.date <= until]
    return sorted(rows, key=lambda c: (c.date, getattr(c, "id", None) or 0))


def latest_reading(checkins: Iterable[Any], until: dt.date | None = None) -> Any | None:
    rows = readings_until(checkins, until)
    return rows[-1] if rows else None


def weekly_values(
    checkins: Iterable[Any], quarter: Quarter, until: dt.date | None = None
) -> list[WeekValue]:
    """One entry per quarter week up to the week of ``until``: the week's last reading or None.

    Readings outside the quarter's weeks are left out: the chart and the rules speak of this
    quarter only.
    """
    return _weekly_values(readings_until(checkins, until), quarter, until)


def _weekly_values(rows: list[Any], quarter: Quarter, until: dt.date | None) -> list[WeekValue]:
    """``weekly_values`` of readings already on or before ``until``, oldest first."""
    weeks = quarter.weeks()
    if until is not None:
        weeks = [w for w in weeks if w.start <= until]
    if not weeks:
        return []
    first = weeks[0].start  # a reading before it has no week here (a year of them, often)
    last: dict[dt.date, Any] = {}
    for c in rows:
        day = c.date
        if day >= first:
            last[day - _DAYS[day.weekday()]] = c  # the week's Monday (``week_start``, inlined)
    out = []
    for w in weeks:
        c = last.get(w.start)
        if c is None:
            out.append(WeekValue(w.start, None))
        else:
            out.append(WeekValue(w.start, float(c.value), c.date, getattr(c, "note", "") or ""))
    return out


def weekly_gains(weeks: Sequence[WeekValue], direction: str = "increase") -> list[WeekGain]:
    """The gain of every week after the first reading, up to the last week with a reading.

    A week after a gap gets the average over the gap, and so do the gap's weeks; weeks after the
    last reading have no gain yet (the week is not reported, which is not the same as flat).
    """
    sign = sign_of(direction)
    out: list[WeekGain] = []
    prev_index: int | None = None
    for i, week in enumerate(weeks):
        if week.value is None:
            continue
        if prev_index is not None:
            prev = weeks[prev_index].value
            assert prev is not None
            span = i - prev_index
            per_week = sign * (week.value - prev) / span
            for j in range(prev_index + 1, i + 1):
                out.append(WeekGain(weeks[j].start, per_week, spread=span > 1))
        prev_index = i
    return out


def best_weekly_gain(gains: Sequence[WeekGain]) -> float | None:
    return max((g.gain for g in gains), default=None)


def trailing_run(gains: Sequence[WeekGain], min_gain: float) -> list[WeekGain]:
    """The latest weeks in a row whose gain is below ``min_gain`` (a gain of exactly
    ``min_gain`` is not below it; a tolerance keeps 64.0 -> 65.0 from reading as 0.9999)."""
    run: list[WeekGain] = []
    for g in reversed(gains):
        if g.gain < min_gain - 1e-9:
            run.append(g)
        else:
            break
    return list(reversed(run))


def pace_needed(
    value: float, goal: float, from_date: dt.date, end: dt.date, direction: str = "increase"
) -> float:
    """Gain per week needed from ``value`` on ``from_date`` to reach ``goal`` by ``end``.

    0 when the goal is already reached; infinity when there is no time left and it is not.
    """
    gap = sign_of(direction) * (goal - value)
    if gap <= 0:
        return 0.0
    weeks = (end - from_date).days / 7
    if weeks <= 0:
        return math.inf
    return gap / weeks


def metric_trend(
    metric: Any,
    checkins: Iterable[Any],
    quarter: Quarter,
    today: dt.date,
    *,
    stretch: float | None = None,
) -> MetricTrend:
    """The weekly series, gains and paces of ``metric`` as of ``today``.

    Paces are counted from ``today`` (not from the last reading), because the weeks that are
    left are what the owner has; ``stretch`` overrides the metric's stretch (a downgrade).
    """
    rows = readings_until(checkins, today)
    weeks = _weekly_values(rows, quarter, today)  # ``rows`` are in order: not sorted again
    gains = weekly_gains(weeks, metric.direction)
    latest = rows[-1] if rows else None
    start = max(today, quarter.start)
    goal_stretch = stretch if stretch is not None else metric.stretch
    pace_floor = pace_stretch = None
    if latest is not None:
        if metric.floor is not None:
            pace_floor = pace_needed(
                latest.value, metric.floor, start, quarter.end, metric.direction
            )
        if goal_stretch is not None:
            pace_stretch = pace_needed(
                latest.value, goal_stretch, start, quarter.end, metric.direction
            )
    return MetricTrend(weeks, gains, best_weekly_gain(gains), latest, pace_floor, pace_stretch)


def cumulative_series(
    checkins: Iterable[Any], quarter: Quarter, until: dt.date | None = None
) -> list[tuple[dt.date, float]]:
    """A running total as steps: each reading, carried forward to ``until`` (or the quarter's
    end), so a count metric's chart shows where the total stood on every day, not only on the
    days someone checked in."""
    rows = [c for c in readings_until(checkins, until) if quarter.contains(c.date)]
    points = [(c.date, float(c.value)) for c in rows]
    stop = min(until or quarter.end, quarter.end)
    if points and points[-1][0] < stop:
        points.append((stop, points[-1][1]))
    return points


def pace_line(
    latest: Any, goal: float, end: dt.date
) -> tuple[tuple[dt.date, float], tuple[dt.date, float]]:
    """The straight line a chart draws from the last reading to the goal at the quarter's end."""
    return (latest.date, float(latest.value)), (end, float(goal))
