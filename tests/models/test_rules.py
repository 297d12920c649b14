"""Every warning-rule kind and the generic rules, with their boundaries, on plain snapshots."""

from __future__ import annotations

import datetime as dt

import pytest

from models.calendar import Quarter
from models.errors import ValidationError
from models.lights import Light
from models.rule_params import params_json, parse_params
from models.rules import (
    CardSnap,
    CheckPoint,
    DeliverableSnap,
    MetricSnap,
    PlanSnapshot,
    RuleSnap,
    WorkPackageSnap,
    evaluate,
)

Q4 = Quarter(dt.date(2025, 10, 1), dt.date(2025, 12, 31))
D = dt.date.fromisoformat
KR1, KR3, KR5 = 1, 3, 5
GAIN_RULE = RuleSnap(
    id=10,
    kind="gain_below",
    params={"metric_id": 1, "min_gain": 1.0, "weeks": 2},
    kr_id=KR1,
    description="连续 2 周覆盖率提升 <1pp",
    response="立刻缩减范围，聚焦高价值城市/站点守住 80%",
)


def coverage(*points: tuple[str, float], floor=80.0, stretch=90.0) -> MetricSnap:
    # A floor/stretch far below the readings keeps the pace rule quiet unless a test wants it.
    return MetricSnap(
        id=1,
        kr_id=KR1,
        name="覆盖率",
        unit="%",
        floor=floor,
        stretch=stretch,
        checkins=tuple(CheckPoint(D(d), v) for d, v in points),
    )


def snap(today: str = "2025-12-03", **kw) -> PlanSnapshot:
    return PlanSnapshot(quarter=Q4, today=D(today), kr_ids=(KR1, KR3, KR5), **kw)


def rule_firings(ev, key):
    return [f for f in ev.firings_of(*key) if f.rule_id is not None]


# ----- gain_below ------------------------------------------------------------------------
def test_two_weeks_below_one_point_turn_the_kr_red_with_the_authors_reason() -> None:
    m = coverage(("2025-11-19", 64.0), ("2025-11-26", 64.5), ("2025-12-03", 65.0), floor=50)
    ev = evaluate(snap(metrics=(m,), rules=(GAIN_RULE,)))
    assert ev.light("kr", KR1) is Light.RED
    assert ev.light("metric", 1) is Light.RED
    (firing,) = rule_firings(ev, ("kr", KR1))
    assert firing.reason.startswith("连续 2 周覆盖率提升 <1pp: 覆盖率 gained +0.5pp (W48)")
    assert "+0.5pp (W49)" in firing.reason and "below 1pp a week" in firing.reason
    assert firing.suggested_response == "立刻缩减范围，聚焦高价值城市/站点守住 80%"
    assert ev.rule_fired(GAIN_RULE.id)


def test_one_week_below_is_not_enough() -> None:
    m = coverage(("2025-11-19", 62.0), ("2025-11-26", 64.5), ("2025-12-03", 65.0), floor=50)
    ev = evaluate(snap(metrics=(m,), rules=(GAIN_RULE,)))
    assert rule_firings(ev, ("kr", KR1)) == []


def test_exactly_one_point_a_week_is_not_below() -> None:
    m = coverage(("2025-11-19", 63.0), ("2025-11-26", 64.0), ("2025-12-03", 65.0), floor=50)
    assert rule_firings(evaluate(snap(metrics=(m,), rules=(GAIN_RULE,))), ("kr", KR1)) == []
    m = coverage(("2025-11-19", 63.0), ("2025-11-26", 64.0), ("2025-12-03", 64.99), floor=50)
    assert len(rule_firings(evaluate(snap(metrics=(m,), rules=(GAIN_RULE,))), ("kr", KR1))) == 0
    m = coverage(("2025-11-19", 63.0), ("2025-11-26", 63.99), ("2025-12-03", 64.98), floor=50)
    assert len(rule_firings(evaluate(snap(metrics=(m,), rules=(GAIN_RULE,))), ("kr", KR1))) == 1


def test_two_versus_three_weeks() -> None:
    three = RuleSnap(
        **{**_fields(GAIN_RULE), "params": {"metric_id": 1, "min_gain": 1, "weeks": 3}}
    )
    two_slow = coverage(("2025-11-19", 60), ("2025-11-26", 60.5), ("2025-12-03", 61), floor=50)
    assert rule_firings(evaluate(snap(metrics=(two_slow,), rules=(three,))), ("kr", KR1)) == []
    three_slow = coverage(
        ("2025-11-12", 59.5), ("2025-11-19", 60), ("2025-11-26", 60.5), ("2025-12-03", 61), floor=50
    )
    (firing,) = rule_firings(evaluate(snap(metrics=(three_slow,), rules=(three,))), ("kr", KR1))
    assert "in the last 3 weeks" in firing.reason


def test_a_week_with_no_check_in_shares_the_gain_across_the_gap() -> None:
    # 1 point over two weeks (W48 missing) is half a point a week, twice: the rule fires.
    slow = coverage(("2025-11-19", 64.0), ("2025-12-03", 65.0), floor=50)
    (firing,) = rule_firings(evaluate(snap(metrics=(slow,), rules=(GAIN_RULE,))), ("kr", KR1))
    assert "+0.5pp (W48), +0.5pp (W49)" in firing.reason
    # 2 points over the same two weeks is exactly 1 a week: it does not.
    steady = coverage(("2025-11-19", 63.0), ("2025-12-03", 65.0), floor=50)
    assert rule_firings(evaluate(snap(metrics=(steady,), rules=(GAIN_RULE,))), ("kr", KR1)) == []


def test_the_current_week_without_a_check_in_is_not_counted_as_flat() -> None:
    m = coverage(("2025-11-19", 63.0), ("2025-11-26", 63.5), floor=50)  # W49 not reported yet
    assert rule_firings(evaluate(snap(metrics=(m,), rules=(GAIN_RULE,))), ("kr", KR1)) == []


def test_check_ins_after_the_plans_today_are_not_seen() -> None:
    m = coverage(("2025-11-26", 64.0), ("2025-12-03", 64.5), ("2025-12-10", 65.0), floor=50)
    assert rule_firings(evaluate(snap(metrics=(m,), rules=(GAIN_RULE,))), ("kr", KR1)) == []
    fired = evaluate(snap("2025-12-10", metrics=(m,), rules=(GAIN_RULE,)))
    assert len(rule_firings(fired, ("kr", KR1))) == 1


def test_a_disabled_rule_does_not_fire() -> None:
    m = coverage(("2025-11-19", 64.0), ("2025-11-26", 64.5), ("2025-12-03", 65.0), floor=50)
    off = RuleSnap(**{**_fields(GAIN_RULE), "enabled": False})
    ev = evaluate(snap(metrics=(m,), rules=(off,)))
    assert rule_firings(ev, ("kr", KR1)) == [] and not ev.rule_fired(off.id)


# ----- milestone_by_date ----------------------------------------------------------------
WP = WorkPackageSnap(3, "新标签工作包：KA 直营标签 MVP", kr_ids=(KR3,))
LIVE = DeliverableSnap(7, 3, "上线确认邮件/需求单链接")
PRD = DeliverableSnap(6, 3, "《KA 直营标签 PRD v1》", done=True)
MILESTONE = RuleSnap(
    id=11,
    kind="milestone_by_date",
    params={"deliverable_id": 7, "date": "2025-12-20"},
    kr_id=KR3,
    description="12 月 20 日仍未有任意新标签上线",
    response="放弃第 2 个标签，把资源集中在第 1 个标签稳定性与可用性上",
)


def test_milestone_fires_the_day_after_its_date_when_not_done() -> None:
    parts = {"work_packages": (WP,), "deliverables": (PRD, LIVE), "rules": (MILESTONE,)}
    assert evaluate(snap("2025-12-20", **parts)).light("kr", KR3) is None
    ev = evaluate(snap("2025-12-21", **parts))
    assert ev.light("kr", KR3) is Light.RED and ev.light("deliverable", 7) is Light.RED
    (firing,) = rule_firings(ev, ("kr", KR3))
    assert firing.reason == (
        "12 月 20 日仍未有任意新标签上线: “上线确认邮件/需求单链接” is not done and 2025-12-20 has passed"
    )
    assert firing.suggested_response.startswith("放弃第 2 个标签")


def test_milestone_done_in_time_does_not_fire() -> None:
    done = DeliverableSnap(7, 3, "上线确认邮件/需求单链接", done=True)
    ev = evaluate(
        snap("2025-12-21", work_packages=(WP,), deliverables=(PRD, done), rules=(MILESTONE,))
    )
    assert ev.light("kr", KR3) is None


def test_work_package_milestone_is_done_when_all_its_deliverables_are() -> None:
    rule = RuleSnap(
        **{**_fields(MILESTONE), "params": {"work_package_id": 3, "date": "2025-12-15"}}
    )
    open_ = evaluate(
        snap("2025-12-16", work_packages=(WP,), deliverables=(PRD, LIVE), rules=(rule,))
    )
    assert open_.light("work_package", 3) is Light.RED and open_.light("kr", KR3) is Light.RED
    done = DeliverableSnap(7, 3, "上线确认邮件/需求单链接", done=True)
    closed = evaluate(
        snap("2025-12-16", work_packages=(WP,), deliverables=(PRD, done), rules=(rule,))
    )
    assert closed.light("kr", KR3) is None


# ----- downgrade_by_date ----------------------------------------------------------------
SCHEDULE = CardSnap(9, "冻结非油 MVP 城市/站/SKU & 确认研发排期", status="doing", kr_ids=(4,))
ORDERS = MetricSnap(5, KR5, "MVP 累计订单", unit="单", floor=10, stretch=30, target=30)
DOWNGRADE = RuleSnap(
    id=12,
    kind="downgrade_by_date",
    params={"card_id": 9, "date": "2025-12-10", "metric_id": 5, "from_target": 30, "to_target": 10},
    kr_id=KR5,
    description="12 月 10 日前研发排期仍未锁定",
    response="MVP 目标从「30 单」降级为「≥10 单可验证」",
)


def test_schedule_not_locked_by_the_date_downgrades_the_mvp_target() -> None:
    parts = {"cards": (SCHEDULE,), "metrics": (ORDERS,), "rules": (DOWNGRADE,)}
    on_the_day = evaluate(snap("2025-12-10", **parts))
    assert on_the_day.light("kr", KR5) is None and on_the_day.downgrades == {}
    ev = evaluate(snap("2025-12-11", **parts))
    assert ev.light("kr", KR5) is Light.RED and ev.light("card", 9) is Light.RED
    assert ev.downgrades == {5: 10.0}
    (firing,) = rule_firings(ev, ("kr", KR5))
    assert "the MVP 累计订单 target drops from 30 单 to 10 单" in firing.reason
    assert firing.suggested_response == "MVP 目标从「30 单」降级为「≥10 单可验证」"


def test_schedule_locked_in_time_keeps_the_target() -> None:
    done = CardSnap(9, SCHEDULE.title, status="done")
    ev = evaluate(snap("2025-12-11", cards=(done,), metrics=(ORDERS,), rules=(DOWNGRADE,)))
    assert ev.light("kr", KR5) is None and ev.downgrades == {}


def test_a_downgrade_lowers_the_stretch_the_pace_rule_measures() -> None:
    orders = MetricSnap(
        5, KR5, "MVP 累计订单", unit="单", floor=10, stretch=30,
        checkins=(CheckPoint(D("2025-12-15"), 2), CheckPoint(D("2025-12-22"), 9)),
    )  # fmt: skip
    # 9 on 12-22: 21 more by 12-31 needs 16.3 a week against a best week of 7 -> yellow.
    kept = evaluate(
        snap("2025-12-22", cards=(CardSnap(9, "排期", status="done"),), metrics=(orders,))
    )
    assert kept.light("metric", 5) is Light.YELLOW
    lowered = evaluate(snap("2025-12-22", cards=(SCHEDULE,), metrics=(orders,), rules=(DOWNGRADE,)))
    assert [f.source for f in lowered.firings_of("metric", 5)] == ["downgrade_by_date"]


# ----- first_week_below -----------------------------------------------------------------
FIRST_WEEK = RuleSnap(
    id=13,
    kind="first_week_below",
    params={"metric_id": 5, "threshold": 10, "days": 7},
    kr_id=KR5,
    description="MVP 实验第一周订单 <10 单",
    response="立刻调整入口/权益策略，必要时延长实验期",
)


def _orders(*points: tuple[str, float]) -> MetricSnap:
    return MetricSnap(5, KR5, "MVP 累计订单", unit="单",
                      checkins=tuple(CheckPoint(D(d), v) for d, v in points))  # fmt: skip


def test_first_week_below_threshold_fires_once_the_week_is_over() -> None:
    m = _orders(("2025-12-15", 1), ("2025-12-19", 6), ("2025-12-21", 8))
    assert evaluate(snap("2025-12-21", metrics=(m,), rules=(FIRST_WEEK,))).light("kr", KR5) is None
    ev = evaluate(snap("2025-12-22", metrics=(m,), rules=(FIRST_WEEK,)))
    assert ev.light("kr", KR5) is Light.RED
    (firing,) = rule_firings(ev, ("kr", KR5))
    assert "MVP 累计订单 stood at 8 单 after the first 7 days (from 2025-12-15), below 10 单" in (
        firing.reason
    )


def test_first_week_reaching_the_threshold_does_not_fire() -> None:
    m = _orders(("2025-12-15", 1), ("2025-12-21", 10), ("2025-12-23", 9))
    assert evaluate(snap("2025-12-29", metrics=(m,), rules=(FIRST_WEEK,))).light("kr", KR5) is None


def test_first_week_counts_only_readings_inside_the_week() -> None:
    m = _orders(("2025-12-15", 1), ("2025-12-22", 12))  # the 12 came on day 8
    assert (
        evaluate(snap("2025-12-22", metrics=(m,), rules=(FIRST_WEEK,))).light("kr", KR5)
        is Light.RED
    )


def test_first_week_without_an_experiment_does_not_fire_and_an_explicit_start_does() -> None:
    assert evaluate(snap("2025-12-29", metrics=(_orders(),), rules=(FIRST_WEEK,))).firings == {}
    started = RuleSnap(
        **{**_fields(FIRST_WEEK), "params": {**FIRST_WEEK.params, "start": "2025-12-15"}}
    )
    ev = evaluate(snap("2025-12-22", metrics=(_orders(),), rules=(started,)))
    assert "stood at 0 单" in rule_firings(ev, ("kr", KR5))[0].reason


# ----- generic rules ---------------------------------------------------------------------
def _card(ident: int, due: str, status: str = "todo") -> CardSnap:
    return CardSnap(ident, f"行动 {ident}", due=D(due), status=status)


def test_action_past_due_and_not_done_is_red() -> None:
    ev = evaluate(snap(cards=(_card(1, "2025-12-02"), _card(2, "2025-12-02", "doing"),
                              _card(3, "2025-12-02", "done"))))  # fmt: skip
    assert ev.light("card", 1) is Light.RED and ev.light("card", 2) is Light.RED
    assert ev.light("card", 3) is None
    assert ev.firings_of("card", 1)[0].reason == "“行动 1” was due 2025-12-02 and is not done"
    assert ev.firings_of("card", 1)[0].rule_id is None


def test_due_today_and_within_three_days_and_still_todo_is_yellow() -> None:
    cards = (
        _card(1, "2025-12-03"),
        _card(2, "2025-12-06"),
        _card(3, "2025-12-07"),
        _card(4, "2025-12-03", "doing"),
    )
    ev = evaluate(snap(cards=cards))
    assert ev.light("card", 1) is Light.YELLOW
    assert ev.firings_of("card", 1)[0].reason == "“行动 1” is due today and has not started"
    assert ev.light("card", 2) is Light.YELLOW
    assert "in 3 days" in ev.firings_of("card", 2)[0].reason
    assert ev.light("card", 3) is None  # four days out
    assert ev.light("card", 4) is None  # due today but started


def test_deliverables_and_work_packages_follow_the_due_rules() -> None:
    wp = WorkPackageSnap(1, "非油品工作包 #1", due=D("2025-12-02"))
    d1 = DeliverableSnap(1, 1, "《非油品 MVP 范围冻结说明》", due=D("2025-12-04"))
    ev = evaluate(snap(work_packages=(wp,), deliverables=(d1,)))
    assert ev.light("work_package", 1) is Light.RED
    assert ev.light("deliverable", 1) is Light.YELLOW


def test_pace_to_floor_slower_than_the_best_week_is_red_and_to_stretch_yellow() -> None:
    accuracy = MetricSnap(2, KR1, "准确率", unit="%", floor=89, stretch=90,
                          checkins=(CheckPoint(D("2025-10-01"), 85), CheckPoint(D("2025-12-03"), 87)))  # fmt: skip
    cov = coverage(("2025-10-01", 30), ("2025-12-03", 65))
    ev = evaluate(snap(metrics=(cov, accuracy)))
    assert ev.light("metric", 1) is Light.YELLOW
    assert ev.firings_of("metric", 1)[0].reason == (
        "覆盖率 needs +6.25pp a week to reach its stretch 90% by 2025-12-31;"
        " its best week so far gained +3.89pp"
    )
    assert ev.light("metric", 2) is Light.RED
    assert "needs +0.5pp a week to reach its floor 89%" in ev.firings_of("metric", 2)[0].reason
    assert ev.light("kr", KR1) is Light.RED  # the worst of its metrics' firings
    assert len(ev.firings_of("kr", KR1)) == 2


def test_pace_boundaries_reached_equal_and_no_trend() -> None:
    # needs exactly its best week (3.75 = 3.75): not slower, no firing for the floor
    equal = coverage(("2025-11-26", 61.25), ("2025-12-03", 65), stretch=80)
    assert evaluate(snap(metrics=(equal,))).light("metric", 1) is None
    reached = coverage(("2025-11-26", 89), ("2025-12-03", 91))
    assert evaluate(snap(metrics=(reached,))).light("metric", 1) is None
    single = coverage(("2025-12-03", 10))
    assert evaluate(snap(metrics=(single,))).light("metric", 1) is None
    ended = coverage(("2025-12-24", 60), ("2025-12-31", 70))
    assert evaluate(snap("2025-12-31", metrics=(ended,))).light("metric", 1) is Light.RED


# ----- broken rules and parameters -------------------------------------------------------
def test_a_broken_rule_is_reported_and_the_others_still_run() -> None:
    gone = RuleSnap(
        **{**_fields(GAIN_RULE), "id": 20, "params": {"metric_id": 99, "min_gain": 1, "weeks": 2}}
    )
    junk = RuleSnap(**{**_fields(GAIN_RULE), "id": 21, "params": None})
    ev = evaluate(snap("2025-12-03", cards=(_card(1, "2025-12-01"),), rules=(gone, junk)))
    assert ev.problems == {
        20: "params.metric_id: no metric with id 99",
        21: "params: is not a JSON object",
    }
    assert ev.light("card", 1) is Light.RED


@pytest.mark.parametrize(
    ("kind", "params", "field", "words"),
    [
        ("gain_below", {"metric_id": 1, "weeks": 2}, "params.min_gain", "is required"),
        ("gain_below", {"metric_id": 1, "min_gain": "x", "weeks": 2}, "params.min_gain", "number"),
        (
            "gain_below",
            {"metric_id": 1, "min_gain": 0, "weeks": 2},
            "params.min_gain",
            "more than 0",
        ),
        ("gain_below", {"metric_id": 1, "min_gain": 1, "weeks": 0}, "params.weeks", "at least 1"),
        (
            "gain_below",
            {"metric_id": 1, "min_gain": 1, "weeks": 2, "x": 1},
            "params.x",
            "not a parameter",
        ),
        ("milestone_by_date", {"date": "2025-12-20"}, "params.deliverable_id", "either"),
        ("milestone_by_date", {"deliverable_id": 1, "date": "12-20"}, "params.date", "2025-12-20"),
        (
            "first_week_below",
            {"metric_id": 1, "threshold": 10, "days": 1.5},
            "params.days",
            "whole",
        ),
        ("nonsense", {}, "kind", "is not one of"),
    ],
)
def test_parse_params_names_the_bad_parameter(kind, params, field, words) -> None:
    with pytest.raises(ValidationError) as info:
        parse_params(kind, params)
    assert info.value.field == field and words in info.value.message


def test_parse_params_normalises_and_round_trips() -> None:
    parsed = parse_params("downgrade_by_date", DOWNGRADE.params)
    assert parsed["date"] == dt.date(2025, 12, 10) and parsed["to_target"] == 10.0
    assert params_json(parsed)["date"] == "2025-12-10"


def _fields(rule: RuleSnap) -> dict:
    return {name: getattr(rule, name) for name in rule.__slots__}
