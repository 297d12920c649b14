"""What a chart shows, as plain data from the rule evaluation's snapshot (no matplotlib here).

The snapshot the rules just read already holds every metric with its check-ins, the quarter and
the plan's today, so a chart needs no read of its own after a change, and it shows exactly what
the rules judged (check-ins after the plan's today are left out of both).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from models.calendar import Quarter
from models.rules import Evaluation, MetricSnap
from models.trends import (
    MetricTrend,
    cumulative_series,
    is_count_metric,
    metric_trend,
    readings_until,
)


@dataclass(frozen=True, slots=True)
class Point:
    date: dt.date
    value: float
    note: str = ""


@dataclass(frozen=True, slots=True)
class MetricSeries:
    """One metric's chart: its readings, lines and the paces to floor and stretch."""

    metric: MetricSnap
    title: str  # "KR1 覆盖率"
    quarter: Quarter
    today: dt.date
    points: tuple[Point, ...]  # the week's last reading (rates) or every reading (counts)
    cumulative: bool  # a count drawn as a running total (steps)...
    carry_to: dt.date | None  # ...carried forward to this day (today) without a marker
    trend: MetricTrend
    stretch: float | None  # after a downgrade, the lowered one
    downgraded_from: float | None  # the stretch before the downgrade, if any

    @property
    def unit(self) -> str:
        return self.metric.unit or ""


def metric_series(evaluation: Evaluation, metric: MetricSnap, title: str) -> MetricSeries:
    snap = evaluation.snapshot
    assert snap is not None
    lowered = evaluation.downgrades.get(metric.id)
    stretch = lowered if lowered is not None else metric.stretch
    trend = metric_trend(metric, metric.checkins, snap.quarter, snap.today, stretch=stretch)
    cumulative = is_count_metric(metric.unit)
    notes = {c.date: c.note for c in readings_until(metric.checkins, snap.today)}
    carry_to = None
    if cumulative:
        steps = cumulative_series(metric.checkins, snap.quarter, snap.today)
        readings = {c.date for c in metric.checkins}
        if steps and steps[-1][0] not in readings:
            carry_to = steps.pop()[0]
        points = tuple(Point(d, v, notes.get(d, "")) for d, v in steps)
    else:
        points = tuple(
            Point(w.date, w.value, w.note)
            for w in trend.weeks
            if w.value is not None and w.date is not None
        )
    return MetricSeries(
        metric=metric,
        title=title,
        quarter=snap.quarter,
        today=snap.today,
        points=points,
        cumulative=cumulative,
        carry_to=carry_to,
        trend=trend,
        stretch=stretch,
        downgraded_from=metric.stretch if lowered is not None else None,
    )


def kr_series(evaluation: Evaluation | None, kr_id: int, kr_code: str) -> list[MetricSeries]:
    """The charts of one KR: one per metric, side by side (KR1: coverage and accuracy)."""
    if evaluation is None or evaluation.snapshot is None:
        return []
    metrics = [m for m in evaluation.snapshot.metrics if m.kr_id == kr_id]
    return [metric_series(evaluation, m, f"{kr_code} {m.name}".strip()) for m in metrics]


@dataclass(frozen=True, slots=True)
class KRCharts:
    """A KR in the overview: its small charts, or none (then its title says why)."""

    kr_id: int
    title: str  # "KR4 产品能力建设"
    series: tuple[MetricSeries, ...]


def overview_series(
    evaluation: Evaluation | None, krs: Sequence[tuple[int, str, str]]
) -> list[KRCharts]:
    """Every KR, in plan order, with its metrics' series; ``krs`` is (id, code, title)."""
    if evaluation is None:
        return []
    return [
        KRCharts(kr_id, f"{code} {title}".strip(), tuple(kr_series(evaluation, kr_id, code)))
        for kr_id, code, title in krs
    ]
