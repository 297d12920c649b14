"""The quarter calendar: the board's columns for Q4 2025 and the ISO-week rules behind them."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from models.calendar import (
    Bucket,
    Level,
    Quarter,
    dates_of_week,
    normalize_period_start,
    period_label,
    shift_period,
    week_of,
)
from models.errors import ValidationError

D = dt.date
Q4 = Quarter(D(2025, 10, 1), D(2025, 12, 31))
any_day = st.dates(min_value=D(1950, 1, 1), max_value=D(2100, 12, 31))


def _iso_weeks(year: int) -> int:
    """Weeks in an ISO year, from the standard library: Dec 28 is always in the last week."""
    return D(year, 12, 28).isocalendar().week


# ----- Q4 2025 ---------------------------------------------------------------------------------
def test_q4_2025_has_october_november_december() -> None:
    months = Q4.months()
    assert [(m.start, m.end) for m in months] == [
        (D(2025, 10, 1), D(2025, 10, 31)),
        (D(2025, 11, 1), D(2025, 11, 30)),
        (D(2025, 12, 1), D(2025, 12, 31)),
    ]
    assert [m.label for m in months] == ["2025-10", "2025-11", "2025-12"]
    assert all(m.level is Level.MONTH for m in months)


def test_q4_2025_weeks_run_from_w40_to_w01_of_2026() -> None:
    weeks = Q4.weeks()
    assert len(weeks) == 14
    assert weeks[0].start == D(2025, 9, 29)
    assert weeks[-1].start == D(2025, 12, 29)
    assert [w.label for w in weeks] == [f"W{n}" for n in range(40, 53)] + ["W01"]
    assert [week_of(w.start) for w in weeks] == [(2025, n) for n in range(40, 53)] + [(2026, 1)]
    for week in weeks:
        assert week.start.weekday() == 0
        assert week.end == week.start + dt.timedelta(days=6)


def test_week_of_the_year_boundary() -> None:
    assert week_of(D(2025, 12, 29)) == (2026, 1)
    assert week_of(D(2025, 12, 28)) == (2025, 52)
    assert week_of(D(2025, 12, 3)) == (2025, 49)


def test_dates_of_w01_2026_straddle_new_year() -> None:
    days = dates_of_week(2026, 1)
    assert days == [D(2025, 12, 29) + dt.timedelta(days=i) for i in range(7)]
    assert days[0] == D(2025, 12, 29)
    assert days[-1] == D(2026, 1, 4)


def test_week_53_exists_only_in_long_iso_years() -> None:
    assert _iso_weeks(2025) == 52
    assert _iso_weeks(2026) == 53
    with pytest.raises(ValidationError) as err:
        dates_of_week(2025, 53)
    assert err.value.field == "week"
    assert "2025-W53" in str(err.value)
    w53 = dates_of_week(2026, 53)
    assert w53[0] == D(2026, 12, 28)
    assert w53[-1] == D(2027, 1, 3)


@pytest.mark.parametrize(("year", "week"), [(2025, 0), (2025, 54), (2026, -1)])
def test_impossible_weeks_are_refused(year: int, week: int) -> None:
    with pytest.raises(ValidationError):
        dates_of_week(year, week)


def test_each_week_sits_under_exactly_one_month_and_w01_under_december() -> None:
    by_month = {m.label: [w.label for w in Q4.weeks_of_month(m.start)] for m in Q4.months()}
    assert by_month == {
        "2025-10": ["W40", "W41", "W42", "W43", "W44"],
        "2025-11": ["W45", "W46", "W47", "W48"],
        "2025-12": ["W49", "W50", "W51", "W52", "W01"],
    }
    shown = [w for m in Q4.months() for w in Q4.weeks_of_month(m.start)]
    assert sorted(shown, key=lambda w: w.start) == Q4.weeks()


def test_buckets_are_in_board_column_order() -> None:
    labels = [b.label for b in Q4.buckets()]
    assert labels == [
        "2025-Q4",
        "2025-10",
        *[f"W{n}" for n in range(40, 45)],
        "2025-11",
        *[f"W{n}" for n in range(45, 49)],
        "2025-12",
        *[f"W{n}" for n in range(49, 53)],
        "W01",
    ]
    assert Q4.buckets()[0] == Bucket(Level.QUARTER, D(2025, 10, 1), D(2025, 12, 31))


def test_bucket_labels() -> None:
    assert Q4.bucket.label == "2025-Q4"
    assert Q4.bucket_for(Level.MONTH, D(2025, 12, 3)).label == "2025-12"
    assert Q4.bucket_for(Level.WEEK, D(2025, 12, 3)).label == "W49"
    assert Q4.bucket_for(Level.WEEK, D(2025, 12, 3)).start == D(2025, 12, 1)
    # A day outside the plan's quarter still gets its own bucket.
    assert Q4.bucket_for(Level.QUARTER, D(2026, 2, 1)).label == "2026-Q1"


@pytest.mark.parametrize(
    ("level", "start", "steps", "expected"),
    [
        (Level.WEEK, D(2025, 12, 22), 1, D(2025, 12, 29)),
        (Level.WEEK, D(2025, 12, 29), 1, D(2026, 1, 5)),
        (Level.WEEK, D(2026, 1, 5), -2, D(2025, 12, 22)),
        (Level.MONTH, D(2025, 12, 1), 1, D(2026, 1, 1)),
        (Level.MONTH, D(2026, 1, 1), -1, D(2025, 12, 1)),
        (Level.MONTH, D(2025, 11, 1), 14, D(2027, 1, 1)),
        (Level.QUARTER, D(2025, 10, 1), 1, D(2026, 1, 1)),
        (Level.QUARTER, D(2026, 1, 1), -1, D(2025, 10, 1)),
        (Level.QUARTER, D(2025, 10, 1), -4, D(2024, 10, 1)),
    ],
)
def test_shift_period_across_the_year_boundary(
    level: Level, start: dt.date, steps: int, expected: dt.date
) -> None:
    assert shift_period(level, start, steps) == expected


def test_period_labels() -> None:
    assert period_label(Level.WEEK, D(2025, 12, 15), D(2025, 12, 22)) == "W51-52"
    assert period_label(Level.WEEK, D(2025, 12, 1)) == "W49"
    assert period_label(Level.WEEK, D(2025, 12, 1), D(2025, 12, 1)) == "W49"
    assert period_label(Level.WEEK, D(2025, 12, 22), D(2025, 12, 29)) == "W52-01"
    assert period_label(Level.MONTH, D(2025, 12, 1)) == "2025-12"
    assert period_label(Level.MONTH, D(2025, 11, 1), D(2025, 12, 1)) == "2025-11..2025-12"
    assert period_label(Level.QUARTER, D(2025, 10, 1)) == "2025-Q4"


def test_weeks_left() -> None:
    assert Q4.weeks_left(D(2025, 12, 3)) == 4  # "只剩 4 周" in the reference plan
    assert Q4.weeks_left(D(2025, 12, 31)) == 0
    assert Q4.weeks_left(D(2026, 1, 1)) == 0
    assert Q4.weeks_left(D(2026, 3, 1)) == 0
    assert Q4.weeks_left(D(2025, 9, 1)) == 13  # before the start counts from the start


def test_a_quarter_cannot_end_before_it_starts() -> None:
    with pytest.raises(ValidationError) as err:
        Quarter(D(2025, 12, 31), D(2025, 10, 1))
    assert (err.value.entity, err.value.field) == ("plan", "quarter_end")


# ----- other quarters ----------------------------------------------------------------------------
def test_q1_2026_runs_w01_to_w14() -> None:
    q1 = Quarter.of(D(2026, 2, 14))
    assert (q1.start, q1.end) == (D(2026, 1, 1), D(2026, 3, 31))
    assert [m.label for m in q1.months()] == ["2026-01", "2026-02", "2026-03"]
    weeks = q1.weeks()
    assert [w.label for w in weeks] == [f"W{n:02d}" for n in range(1, 15)]
    assert weeks[0].start == D(2025, 12, 29)
    assert weeks[-1].start == D(2026, 3, 30)
    # W14 (Thu 2026-04-02) lies after the quarter: it is shown under March.
    by_month = {m.label: [w.label for w in q1.weeks_of_month(m.start)] for m in q1.months()}
    assert by_month == {
        "2026-01": ["W01", "W02", "W03", "W04", "W05"],
        "2026-02": ["W06", "W07", "W08", "W09"],
        "2026-03": ["W10", "W11", "W12", "W13", "W14"],
    }
    assert q1.bucket.label == "2026-Q1"


def test_q4_2026_has_w53() -> None:
    q4 = Quarter.of(D(2026, 11, 11))
    weeks = q4.weeks()
    assert weeks[-1].label == "W53"
    assert weeks[-1].start == D(2026, 12, 28)
    assert [w.label for w in q4.weeks_of_month(D(2026, 12, 1))][-1] == "W53"


def test_q2_and_q3_2025() -> None:
    q2 = Quarter.of(D(2025, 5, 5))
    assert (q2.start, q2.end, q2.bucket.label) == (D(2025, 4, 1), D(2025, 6, 30), "2025-Q2")
    q3 = Quarter.of(D(2025, 9, 30))
    assert (q3.start, q3.end, q3.bucket.label) == (D(2025, 7, 1), D(2025, 9, 30), "2025-Q3")
    # W40 (Mon 2025-09-29) touches both Q3 and Q4; Q3 shows it last.
    assert q3.weeks()[-1].label == "W40"
    assert Q4.weeks()[0].label == "W40"


# ----- properties --------------------------------------------------------------------------------
@given(any_day)
def test_a_day_lies_in_its_own_iso_week(day: dt.date) -> None:
    days = dates_of_week(*week_of(day))
    assert day in days
    assert days[0].weekday() == 0
    assert len(days) == 7


@given(any_day, st.sampled_from(list(Level)))
def test_normalize_period_start_is_idempotent_and_not_after_the_day(
    day: dt.date, level: Level
) -> None:
    start = normalize_period_start(level, day)
    assert start <= day
    assert normalize_period_start(level, start) == start
    assert Quarter.of(day).bucket_for(level, day).start == start


@given(any_day)
def test_the_quarter_of_a_day_contains_it(day: dt.date) -> None:
    quarter = Quarter.of(day)
    assert quarter.contains(day)
    assert quarter.start.day == 1
    assert quarter.start.month in (1, 4, 7, 10)


@given(any_day)
def test_every_day_of_a_quarter_is_in_one_week_and_one_month(day: dt.date) -> None:
    quarter = Quarter.of(day)
    assert sum(week.contains(day) for week in quarter.weeks()) == 1
    assert sum(month.contains(day) for month in quarter.months()) == 1
    # ... and the board shows that week exactly once, under one of the months.
    shown = [w for m in quarter.months() for w in quarter.weeks_of_month(m.start)]
    assert sum(week.contains(day) for week in shown) == 1
