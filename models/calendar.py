"""The quarter calendar: months and ISO weeks of a quarter, week of a date, dates of a week.

Board columns are time buckets identified by the date they start on (a quarter's first day, a
month's first day, a week's Monday). Storing that date rather than a label like "W49" keeps
moves plain date arithmetic and keeps the year of a straddling week (W01 of 2026 inside Q4 2025)
unambiguous.
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass
from enum import StrEnum

from models.errors import ValidationError


class Level(StrEnum):
    """The granularity of a board column and of the card that sits in it."""

    QUARTER = "quarter"
    MONTH = "month"
    WEEK = "week"


@dataclass(frozen=True, slots=True)
class Bucket:
    """One column of the board: a quarter, a month or an ISO week."""

    level: Level
    start: dt.date
    end: dt.date  # inclusive

    @property
    def label(self) -> str:
        """A short, language-neutral label: 2025-Q4, 2025-12, W49."""
        if self.level is Level.QUARTER:
            return f"{self.start.year}-Q{(self.start.month - 1) // 3 + 1}"
        if self.level is Level.MONTH:
            return f"{self.start.year}-{self.start.month:02d}"
        return f"W{self.start.isocalendar().week:02d}"

    def contains(self, day: dt.date) -> bool:
        return self.start <= day <= self.end


def quarter_of(day: dt.date) -> tuple[dt.date, dt.date]:
    """First and last day of the calendar quarter containing ``day``."""
    first_month = 3 * ((day.month - 1) // 3) + 1
    start = dt.date(day.year, first_month, 1)
    end = month_end(dt.date(day.year, first_month + 2, 1))
    return start, end


def month_end(day: dt.date) -> dt.date:
    """Last day of the month containing ``day``."""
    nxt = dt.date(day.year + (day.month == 12), day.month % 12 + 1, 1)
    return nxt - dt.timedelta(days=1)


def week_start(day: dt.date) -> dt.date:
    """Monday of the ISO week containing ``day``."""
    return day - dt.timedelta(days=day.weekday())


def week_of(day: dt.date) -> tuple[int, int]:
    """ISO (year, week) of a date; 2025-12-29 is (2026, 1)."""
    iso = day.isocalendar()
    return iso.year, iso.week


def dates_of_week(year: int, week: int) -> list[dt.date]:
    """The seven dates, Monday to Sunday, of an ISO week."""
    try:
        monday = dt.date.fromisocalendar(year, week, 1)
    except ValueError as exc:
        raise ValidationError("week", "week", f"{year}-W{week:02d} is not an ISO week") from exc
    return [monday + dt.timedelta(days=i) for i in range(7)]


@dataclass(frozen=True, slots=True)
class Quarter:
    """A plan's quarter with its months and the ISO weeks that touch it."""

    start: dt.date
    end: dt.date

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise ValidationError("plan", "quarter_end", "the quarter ends before it starts")

    @classmethod
    def of(cls, day: dt.date) -> Quarter:
        return cls(*quarter_of(day))

    @property
    def bucket(self) -> Bucket:
        return Bucket(Level.QUARTER, self.start, self.end)

    def months(self) -> list[Bucket]:
        out: list[Bucket] = []
        day = self.start.replace(day=1)
        while day <= self.end:
            out.append(Bucket(Level.MONTH, day, min(month_end(day), self.end)))
            day = month_end(day) + dt.timedelta(days=1)
        return out

    def weeks(self) -> list[Bucket]:
        """Every ISO week with at least one day in the quarter, first to last (a new list; the
        weeks are worked out once per quarter: every metric's trend asks for them)."""
        return list(_weeks(self.start, self.end))

    def weeks_of_month(self, month_start: dt.date) -> list[Bucket]:
        """ISO weeks whose Monday falls in the month, plus a leading week that straddles into it.

        A week belongs to the month its Thursday is in (the ISO rule for years), so W01 of 2026
        (Mon 2025-12-29, Thu 2026-01-01) is shown under December only because it is the quarter's
        last week; weeks are never shown under two months.
        """
        months = self.months()
        out: list[Bucket] = []
        for wk in self.weeks():
            thursday = wk.start + dt.timedelta(days=3)
            owner = next((m for m in months if m.contains(thursday)), None)
            if owner is None:  # the Thursday lies outside the quarter: attach to the nearest month
                owner = months[0] if thursday < self.start else months[-1]
            if owner.start == month_start:
                out.append(wk)
        return out

    def buckets(self) -> list[Bucket]:
        """Quarter, then each month followed by its weeks: the board's column order."""
        out = [self.bucket]
        for month in self.months():
            out.append(month)
            out.extend(self.weeks_of_month(month.start))
        return out

    def bucket_for(self, level: Level | str, day: dt.date) -> Bucket:
        """The bucket of ``level`` that contains ``day`` (which may lie outside the quarter)."""
        level = Level(level)
        if level is Level.QUARTER:
            return Bucket(Level.QUARTER, *quarter_of(day))
        if level is Level.MONTH:
            first = day.replace(day=1)
            return Bucket(Level.MONTH, first, month_end(first))
        monday = week_start(day)
        return Bucket(Level.WEEK, monday, monday + dt.timedelta(days=6))

    def contains(self, day: dt.date) -> bool:
        return self.start <= day <= self.end

    def weeks_left(self, today: dt.date) -> int:
        """Weeks from today to the quarter's end, rounded: 4 on 2025-12-03 for Q4 2025, as the
        reference plan's author counts ("只剩 4 周")."""
        if today > self.end:
            return 0
        return round((self.end - max(today, self.start)).days / 7)


@functools.lru_cache(maxsize=64)
def _weeks(start: dt.date, end: dt.date) -> tuple[Bucket, ...]:
    out: list[Bucket] = []
    monday = week_start(start)
    while monday <= end:
        out.append(Bucket(Level.WEEK, monday, monday + dt.timedelta(days=6)))
        monday += dt.timedelta(days=7)
    return tuple(out)


def normalize_period_start(level: Level | str, day: dt.date) -> dt.date:
    """The start date of the bucket of ``level`` that contains ``day``."""
    level = Level(level)
    if level is Level.QUARTER:
        return quarter_of(day)[0]
    if level is Level.MONTH:
        return day.replace(day=1)
    return week_start(day)


def shift_period(level: Level | str, start: dt.date, steps: int) -> dt.date:
    """Move a period start by ``steps`` buckets of its level."""
    level = Level(level)
    if level is Level.WEEK:
        return start + dt.timedelta(weeks=steps)
    months = 3 if level is Level.QUARTER else 1
    index = start.year * 12 + (start.month - 1) + steps * months
    return dt.date(index // 12, index % 12 + 1, 1)


def period_label(level: Level | str, start: dt.date, end: dt.date | None = None) -> str:
    """Label of a card's period: W49, W51-52, 2025-12, 2025-Q4."""
    level = Level(level)
    first = Quarter.of(start).bucket_for(level, start).label
    if end is None or end == start:
        return first
    last = Quarter.of(end).bucket_for(level, end).label
    if level is Level.WEEK:
        return f"{first}-{last[1:]}"
    return f"{first}..{last}"
