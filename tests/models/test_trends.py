"""Weekly series, gains, the best week and the pace needed, as the rules and charts read them."""

from __future__ import annotations

import datetime as dt
import math
from types import SimpleNamespace

import pytest

from models.calendar import Quarter
from models.trends import (
    CheckPoint,
    best_weekly_gain,
    cumulative_series,
    gain_unit,
    is_count_metric,
    metric_trend,
    pace_line,
    pace_needed,
    trailing_run,
    weekly_gains,
    weekly_values,
)

Q4 = Quarter(dt.date(2025, 10, 1), dt.date(2025, 12, 31))
D = dt.date


def cp(day: str, value: float, note: str = "") -> CheckPoint:
    return CheckPoint(D.fromisoformat(day), value, note)


def metric(**kw) -> SimpleNamespace:
    base = {"direction": "increase", "floor": 80.0, "stretch": 90.0, "unit": "%"}
    return SimpleNamespace(**(base | kw))


def test_weekly_values_take_the_last_reading_of_each_week_up_to_today() -> None:
    points = [cp("2025-10-01", 30, "季度初"), cp("2025-12-01", 64), cp("2025-12-03", 65, "当前")]
    weeks = weekly_values(points, Q4, D(2025, 12, 3))
    assert weeks[0].label == "W40" and weeks[0].value == 30 and weeks[0].note == "季度初"
    assert weeks[-1].label == "W49" and weeks[-1].value == 65 and weeks[-1].note == "当前"
    assert [w.value for w in weeks[1:-1]] == [None] * 8
    assert len(weekly_values(points, Q4)) == len(Q4.weeks()) == 14


def test_readings_after_today_are_not_seen() -> None:
    points = [cp("2025-11-26", 64), cp("2025-12-10", 70)]
    weeks = weekly_values(points, Q4, D(2025, 12, 3))
    assert weeks[-1].label == "W49" and weeks[-1].value is None
    assert weeks[-2].value == 64


def test_gain_across_a_gap_is_spread_over_its_weeks() -> None:
    weeks = weekly_values([cp("2025-10-01", 30), cp("2025-12-03", 65)], Q4, D(2025, 12, 3))
    gains = weekly_gains(weeks)
    assert [g.label for g in gains] == [f"W{n}" for n in range(41, 50)]
    assert all(g.spread for g in gains)
    assert gains[0].gain == pytest.approx(35 / 9)
    assert best_weekly_gain(gains) == pytest.approx(3.889, abs=1e-3)


def test_consecutive_weeks_give_their_own_gains_and_no_gain_after_the_last_reading() -> None:
    points = [cp("2025-11-12", 63), cp("2025-11-19", 64), cp("2025-11-26", 64.5)]
    gains = weekly_gains(weekly_values(points, Q4, D(2025, 12, 3)))
    assert [(g.label, g.gain, g.spread) for g in gains] == [
        ("W47", 1.0, False),
        ("W48", 0.5, False),
    ]


def test_decreasing_metric_gains_when_it_falls() -> None:
    weeks = weekly_values([cp("2025-11-19", 10), cp("2025-11-26", 8)], Q4)
    assert weekly_gains(weeks, "decrease")[0].gain == 2.0


def test_no_reading_or_one_reading_has_no_gain() -> None:
    assert weekly_gains(weekly_values([], Q4)) == []
    assert weekly_gains(weekly_values([cp("2025-11-26", 1)], Q4)) == []
    assert best_weekly_gain([]) is None


def test_trailing_run_counts_only_the_latest_weeks_and_exactly_the_minimum_is_not_below() -> None:
    points = [
        cp("2025-11-05", 60),
        cp("2025-11-12", 60.5),
        cp("2025-11-19", 62),
        cp("2025-11-26", 63),
    ]
    gains = weekly_gains(weekly_values(points, Q4))
    # 0.5, then 1.5, then exactly 1.0: the latest week is not below 1, so no run.
    assert trailing_run(gains, 1.0) == []
    points.append(cp("2025-12-03", 63.9))
    gains = weekly_gains(weekly_values(points, Q4))
    assert [g.label for g in trailing_run(gains, 1.0)] == ["W49"]
    assert [g.label for g in trailing_run(gains, 1.0000001)] == ["W48", "W49"]


def test_pace_needed_from_today_to_the_quarter_end() -> None:
    # 65% on 2025-12-03, floor 80 by 12-31: 15 points in 4 weeks.
    assert pace_needed(65, 80, D(2025, 12, 3), D(2025, 12, 31)) == pytest.approx(3.75)
    assert pace_needed(65, 90, D(2025, 12, 3), D(2025, 12, 31)) == pytest.approx(6.25)
    assert pace_needed(85, 80, D(2025, 12, 3), D(2025, 12, 31)) == 0.0
    assert math.isinf(pace_needed(65, 80, D(2025, 12, 31), D(2025, 12, 31)))
    # lower is better: from 10 down to 4 in 2 weeks
    assert pace_needed(10, 4, D(2025, 12, 17), D(2025, 12, 31), "decrease") == pytest.approx(3.0)


def test_metric_trend_of_the_reference_coverage() -> None:
    points = [cp("2025-10-01", 30), cp("2025-12-03", 65)]
    trend = metric_trend(metric(), points, Q4, D(2025, 12, 3))
    assert trend.latest.value == 65
    assert trend.pace_to_floor == pytest.approx(3.75)
    assert trend.pace_to_stretch == pytest.approx(6.25)
    assert trend.best_gain == pytest.approx(35 / 9)
    lowered = metric_trend(metric(), points, Q4, D(2025, 12, 3), stretch=85)
    assert lowered.pace_to_stretch == pytest.approx(5.0)


def test_metric_trend_without_readings_has_no_pace() -> None:
    trend = metric_trend(metric(), [], Q4, D(2025, 12, 3))
    assert trend.latest is None and trend.pace_to_floor is None and trend.best_gain is None


def test_cumulative_series_carries_the_total_forward_to_today() -> None:
    points = [cp("2025-12-15", 2), cp("2025-12-18", 7), cp("2026-01-02", 99)]
    assert cumulative_series(points, Q4, D(2025, 12, 20)) == [
        (D(2025, 12, 15), 2.0),
        (D(2025, 12, 18), 7.0),
        (D(2025, 12, 20), 7.0),
    ]
    assert cumulative_series([], Q4, D(2025, 12, 20)) == []


def test_units_and_pace_line() -> None:
    assert is_count_metric("单") and is_count_metric("") and not is_count_metric("%")
    assert gain_unit("%") == "pp" and gain_unit("单") == "单"
    latest = cp("2025-12-03", 65)
    assert pace_line(latest, 80, D(2025, 12, 31)) == (
        (D(2025, 12, 3), 65.0),
        (D(2025, 12, 31), 80.0),
    )
