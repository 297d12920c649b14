"""Scoring: how far a metric, a KR, a line and the objective are along the plan's two paths.

The reference plan splits every KR into a floor (保底, "the 95-point path") and a stretch (冲刺,
"the 100-point path"). The scale follows those words so a score reads the way the plan talks:

* 0 ........ the baseline (where the quarter started; nothing gained yet)
* 0 -> 95 .. linear from the baseline to the floor
* 95 ....... the floor reached
* 95 -> 100  linear from the floor to the stretch
* 100 ...... the stretch reached (a value past it stays 100 and is flagged ``exceeded``)

A value worse than the baseline scores 0: a score measures progress made, not distance lost.

Gaps are handled without inventing numbers:

* no current value, or none of floor / stretch / target: no score (``None``, with a reason);
* no stretch: the external target stands in for it when it is at or beyond the floor; with
  neither, reaching the floor scores 95 and that is the top;
* no floor: the stretch (or target) is the only bar, linear 0 -> 100 from the baseline;
* no baseline: an increasing metric (counts, rates) is measured from 0 and says so
  (``origin_assumed``); a decreasing metric has no natural zero, so below its floor it gets no
  score until a baseline is set;
* a baseline at or past the floor with the value below the floor scores 0 (it slipped back).

Decreasing metrics (lower is better, e.g. an error rate) are scored on the negated values, so
every rule above reads the same way for them.

A KR's score is the mean of its metrics' scores (each metric counts once). A KR without metrics
(e.g. "product capability built") is scored by its deliverables done, 100 x done / total, and
says so; with neither it has no score. Lines and the objective are the mean of the scores below
them that exist, with a count of how many did, so "2 of 3 KRs scored" can be shown honestly.

Pure functions over plain values: no Qt, no database.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

FLOOR_SCORE = 95.0
STRETCH_SCORE = 100.0


class Path(StrEnum):
    """Which of the plan's paths a value is on."""

    NONE = "none"  # no score
    BELOW_FLOOR = "below_floor"
    FLOOR = "floor"  # floor reached, stretch not yet: the 95-point path
    STRETCH = "stretch"  # stretch reached: the 100-point path


class Reason(StrEnum):
    """Why a score is what it is (or why there is none)."""

    SCORED = "scored"
    NO_CURRENT = "no_current"  # the metric has no current value yet
    NO_GOAL = "no_goal"  # neither floor, stretch nor target is set
    NO_BASELINE = "no_baseline"  # below the floor, and nothing to measure progress from


class Basis(StrEnum):
    """What a KR's score was computed from."""

    METRICS = "metrics"
    DELIVERABLES = "deliverables"
    NONE = "none"


@dataclass(frozen=True, slots=True)
class MetricScore:
    score: float | None
    path: Path
    reason: Reason
    origin_assumed: bool = False  # no baseline: measured from 0
    exceeded: bool = False  # the value is past the stretch


@dataclass(frozen=True, slots=True)
class KRScore:
    score: float | None
    basis: Basis
    path: Path
    scored: int  # metrics (or deliverables done) that made up the score
    total: int  # metrics (or deliverables) there are


@dataclass(frozen=True, slots=True)
class Rollup:
    score: float | None
    scored: int  # children that had a score
    total: int  # children there are


def _no_score(reason: Reason, path: Path = Path.NONE) -> MetricScore:
    return MetricScore(None, path, reason)


def score_metric(
    current: float | None,
    *,
    baseline: float | None = None,
    floor: float | None = None,
    stretch: float | None = None,
    target: float | None = None,
    direction: str = "increase",
) -> MetricScore:
    """Score one metric on the 0 / 95 / 100 scale described in the module docstring."""
    if current is None:
        return _no_score(Reason.NO_CURRENT)
    sign = -1.0 if direction == "decrease" else 1.0

    def t(value: float | None) -> float | None:
        return None if value is None else sign * value

    c, o, f = sign * current, t(baseline), t(floor)
    s = t(stretch)
    if s is None or (f is not None and s < f):
        s = None  # a stretch short of the floor is no stretch; fall back to the target
        tg = t(target)
        if tg is not None and (f is None or tg >= f):
            s = tg
    if f is None and s is None:
        return _no_score(Reason.NO_GOAL)

    if s is not None and c >= s:
        return MetricScore(STRETCH_SCORE, Path.STRETCH, Reason.SCORED, exceeded=c > s)
    if f is not None and c >= f:
        if s is None or s == f:
            return MetricScore(FLOOR_SCORE, Path.FLOOR, Reason.SCORED)
        gained = (c - f) / (s - f)
        return MetricScore(
            FLOOR_SCORE + (STRETCH_SCORE - FLOOR_SCORE) * gained, Path.FLOOR, Reason.SCORED
        )

    # Below the first bar: linear from the origin to it.
    top, top_score = (f, FLOOR_SCORE) if f is not None else (s, STRETCH_SCORE)
    assert top is not None
    assumed = False
    if o is None:
        if sign < 0 or top <= 0:
            return _no_score(Reason.NO_BASELINE, Path.BELOW_FLOOR)
        o, assumed = 0.0, True
    if o >= top:
        return MetricScore(0.0, Path.BELOW_FLOOR, Reason.SCORED, origin_assumed=assumed)
    share = min(max((c - o) / (top - o), 0.0), 1.0)
    return MetricScore(top_score * share, Path.BELOW_FLOOR, Reason.SCORED, origin_assumed=assumed)


def score_metric_of(metric: Any) -> MetricScore:
    """Score anything with the Metric columns as attributes (a record or a table row)."""
    return score_metric(
        metric.current,
        baseline=metric.baseline,
        floor=metric.floor,
        stretch=metric.stretch,
        target=metric.target,
        direction=metric.direction,
    )


def score_kr(
    metric_scores: Sequence[MetricScore], *, deliverables_done: int = 0, deliverables_total: int = 0
) -> KRScore:
    """A KR's score: the mean of its metrics' scores, or its deliverables when it has no metric.

    A KR whose metrics cannot be scored yet (no current value) has no score: its deliverables
    measure something else, and mixing them in would pass one off as the other.
    """
    if metric_scores:
        scored = [m for m in metric_scores if m.score is not None]
        if not scored:
            return KRScore(None, Basis.METRICS, Path.NONE, 0, len(metric_scores))
        mean = sum(m.score for m in scored if m.score is not None) / len(scored)
        if all(m.path is Path.STRETCH for m in scored):
            path = Path.STRETCH
        elif all(m.path in (Path.FLOOR, Path.STRETCH) for m in scored):
            path = Path.FLOOR
        else:
            path = Path.BELOW_FLOOR
        return KRScore(mean, Basis.METRICS, path, len(scored), len(metric_scores))
    if deliverables_total > 0:
        done = min(max(deliverables_done, 0), deliverables_total)
        score = STRETCH_SCORE * done / deliverables_total
        path = Path.STRETCH if done == deliverables_total else Path.BELOW_FLOOR
        return KRScore(score, Basis.DELIVERABLES, path, done, deliverables_total)
    return KRScore(None, Basis.NONE, Path.NONE, 0, 0)


def roll_up(scores: Iterable[float | None]) -> Rollup:
    """The mean of the scores that exist, and how many of how many there were."""
    values = list(scores)
    present = [value for value in values if value is not None]
    mean = sum(present) / len(present) if present else None
    return Rollup(mean, len(present), len(values))
