"""Scoring on the plan's 0 / 95 (floor, 保底) / 100 (stretch, 冲刺) scale, edge cases included."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from models.scoring import (
    FLOOR_SCORE,
    STRETCH_SCORE,
    Basis,
    MetricScore,
    Path,
    Reason,
    roll_up,
    score_kr,
    score_metric,
)


def coverage(current: float | None, **overrides: float | None) -> MetricScore:
    """KR1's coverage: baseline 30%, floor 80%, stretch 90%, target 90%."""
    values = {"baseline": 30.0, "floor": 80.0, "stretch": 90.0, "target": 90.0} | overrides
    return score_metric(current, **values)  # type: ignore[arg-type]


def test_reference_plan_coverage_is_on_the_way_to_the_floor() -> None:
    result = coverage(65)
    assert result.path is Path.BELOW_FLOOR
    assert result.score == pytest.approx(95 * 35 / 50)  # 66.5: 35 of the 50 points to the floor


@pytest.mark.parametrize(
    ("current", "expected", "path"),
    [
        (30, 0.0, Path.BELOW_FLOOR),  # at the baseline: nothing gained yet
        (20, 0.0, Path.BELOW_FLOOR),  # worse than the baseline: still 0, never negative
        (80, FLOOR_SCORE, Path.FLOOR),  # the floor: the 95-point path
        (85, 97.5, Path.FLOOR),  # half way from floor to stretch
        (90, STRETCH_SCORE, Path.STRETCH),  # the stretch: the 100-point path
    ],
)
def test_floor_is_95_and_stretch_is_100(current: float, expected: float, path: Path) -> None:
    result = coverage(current)
    assert result.score == pytest.approx(expected)
    assert result.path is path


def test_value_past_stretch_stays_100_and_says_it_exceeded() -> None:
    result = coverage(97)
    assert result.score == STRETCH_SCORE
    assert result.exceeded
    assert not coverage(90).exceeded


def test_baseline_equal_to_target_scores_all_or_nothing() -> None:
    flat = {"baseline": 90.0, "floor": 90.0, "stretch": 90.0, "target": 90.0}
    assert score_metric(90, **flat).score == STRETCH_SCORE
    below = score_metric(89, **flat)
    assert below.score == 0.0 and below.path is Path.BELOW_FLOOR


def test_baseline_equal_to_floor() -> None:
    assert coverage(80, baseline=80).score == FLOOR_SCORE
    assert coverage(79, baseline=80).score == 0.0
    assert coverage(85, baseline=80).score == pytest.approx(97.5)


def test_baseline_already_past_the_floor_and_slipped_back_scores_zero() -> None:
    assert coverage(78, baseline=85).score == 0.0


def test_decreasing_metric_lower_is_better() -> None:
    error_rate = {"baseline": 10.0, "floor": 5.0, "stretch": 2.0, "direction": "decrease"}
    assert score_metric(10, **error_rate).score == 0.0  # type: ignore[arg-type]
    assert score_metric(7, **error_rate).score == pytest.approx(95 * 3 / 5)  # type: ignore[arg-type]
    assert score_metric(5, **error_rate).score == FLOOR_SCORE  # type: ignore[arg-type]
    assert score_metric(3.5, **error_rate).score == pytest.approx(97.5)  # type: ignore[arg-type]
    best = score_metric(1, **error_rate)  # type: ignore[arg-type]
    assert best.score == STRETCH_SCORE and best.exceeded
    assert score_metric(12, **error_rate).score == 0.0  # type: ignore[arg-type]


def test_missing_current_has_no_score() -> None:
    result = coverage(None)
    assert result.score is None and result.reason is Reason.NO_CURRENT


def test_no_floor_stretch_or_target_has_no_score() -> None:
    result = score_metric(50, baseline=10)
    assert result.score is None and result.reason is Reason.NO_GOAL


def test_missing_stretch_falls_back_to_the_target() -> None:
    assert coverage(85, stretch=None).score == pytest.approx(97.5)
    assert coverage(90, stretch=None).score == STRETCH_SCORE


def test_missing_stretch_and_target_tops_out_at_the_floor() -> None:
    result = coverage(99, stretch=None, target=None)
    assert result.score == FLOOR_SCORE and result.path is Path.FLOOR


def test_target_short_of_the_floor_is_not_used_as_stretch() -> None:
    # A downgraded external target (30 -> 10 orders) below an internal floor of 20.
    assert score_metric(25, baseline=0, floor=20, target=10).score == FLOOR_SCORE


def test_missing_floor_scores_linearly_to_the_stretch() -> None:
    # KR2: only a target of 100% done.
    assert score_metric(100, target=100).score == STRETCH_SCORE
    assert score_metric(50, baseline=0, target=100).score == pytest.approx(50.0)


def test_missing_baseline_on_a_count_is_measured_from_zero_and_says_so() -> None:
    # KR5: 0 orders so far, floor 10, stretch 30, no baseline.
    none_yet = score_metric(0, floor=10, stretch=30, target=30)
    assert none_yet.score == 0.0 and none_yet.origin_assumed
    assert score_metric(5, floor=10, stretch=30).score == pytest.approx(47.5)
    assert not score_metric(10, floor=10, stretch=30).origin_assumed


def test_missing_baseline_on_a_decreasing_metric_below_floor_has_no_score() -> None:
    result = score_metric(8, floor=5, stretch=2, direction="decrease")
    assert result.score is None
    assert result.reason is Reason.NO_BASELINE and result.path is Path.BELOW_FLOOR
    assert score_metric(4, floor=5, stretch=2, direction="decrease").score == pytest.approx(
        95 + 5 / 3
    )


def test_kr_score_is_the_mean_of_its_metrics() -> None:
    kr1 = score_kr([coverage(65), score_metric(87, baseline=85, floor=89, stretch=90)])
    assert kr1.score == pytest.approx((66.5 + 47.5) / 2)
    assert kr1.basis is Basis.METRICS and kr1.path is Path.BELOW_FLOOR
    assert (kr1.scored, kr1.total) == (2, 2)


def test_kr_path_is_floor_only_when_every_metric_reached_its_floor() -> None:
    both = score_kr([coverage(80), coverage(90)])
    assert both.path is Path.FLOOR and both.score == pytest.approx(97.5)
    assert score_kr([coverage(90), coverage(95)]).path is Path.STRETCH


def test_kr_with_unscorable_metrics_has_no_score_even_with_deliverables() -> None:
    kr = score_kr([coverage(None)], deliverables_done=2, deliverables_total=2)
    assert kr.score is None and (kr.scored, kr.total) == (0, 1)


def test_kr_score_skips_metrics_without_a_score() -> None:
    kr = score_kr([coverage(80), coverage(None)])
    assert kr.score == FLOOR_SCORE and (kr.scored, kr.total) == (1, 2)


def test_kr_without_metrics_is_scored_by_deliverables() -> None:
    # KR4: no metric; its work package has 2 deliverables.
    kr = score_kr([], deliverables_done=1, deliverables_total=2)
    assert kr.score == 50.0 and kr.basis is Basis.DELIVERABLES
    assert (kr.scored, kr.total) == (1, 2)
    assert score_kr([], deliverables_done=2, deliverables_total=2).path is Path.STRETCH


def test_kr_without_metrics_or_deliverables_has_no_score() -> None:
    kr = score_kr([])
    assert kr.score is None and kr.basis is Basis.NONE


def test_roll_up_to_line_and_objective() -> None:
    line_one = roll_up([66.5, 100.0, None])
    assert line_one.score == pytest.approx(83.25) and (line_one.scored, line_one.total) == (2, 3)
    line_two = roll_up([0.0, 0.0])
    objective = roll_up([line_one.score, line_two.score])
    assert objective.score == pytest.approx(83.25 / 2) and objective.scored == 2


def test_roll_up_of_nothing_scored_is_none() -> None:
    assert roll_up([None, None]) == roll_up([None, None])
    assert roll_up([None, None]).score is None
    assert roll_up([]).score is None


values = st.floats(min_value=-1000, max_value=1000, allow_nan=False)
maybe = st.none() | values


@given(current=values, baseline=maybe, floor=maybe, stretch=maybe, target=maybe)
def test_score_is_none_or_within_0_and_100(current, baseline, floor, stretch, target) -> None:
    for direction in ("increase", "decrease"):
        result = score_metric(
            current,
            baseline=baseline,
            floor=floor,
            stretch=stretch,
            target=target,
            direction=direction,
        )
        assert result.score is None or 0.0 <= result.score <= STRETCH_SCORE


@given(a=values, b=values, baseline=maybe, floor=values, gap=st.floats(0, 500))
def test_a_better_value_never_scores_lower(a, b, baseline, floor, gap) -> None:
    low, high = sorted((a, b))
    args = {"baseline": baseline, "floor": floor, "stretch": floor + gap}
    worse, better = score_metric(low, **args), score_metric(high, **args)
    if worse.score is not None and better.score is not None:
        assert better.score >= worse.score
