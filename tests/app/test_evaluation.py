"""The rules evaluated on a real plan database: the sample plan as its author saw it, and later."""

from __future__ import annotations

import datetime as dt

from app.services.evaluation import evaluate_plan, load_snapshot
from models.lights import Light


def _ids(service, plan_id):
    codes = service.kr_codes(plan_id)
    metrics = {m.name: m.id for m in service.tree(plan_id).metrics}
    cards = {c.title: c.id for c in service.cards(plan_id)}
    return codes, metrics, cards


def test_snapshot_holds_what_the_rules_read(service, plan_id) -> None:
    snap = load_snapshot(service, plan_id)
    assert snap.today == dt.date(2025, 12, 3)  # the sample plan is frozen at its as-of date
    assert snap.quarter.end == dt.date(2025, 12, 31)
    assert len(snap.kr_ids) == 5 and len(snap.cards) == 13 and len(snap.rules) == 4
    coverage = next(m for m in snap.metrics if m.name == "覆盖率")
    assert [(p.date.isoformat(), p.value) for p in coverage.checkins] == [
        ("2025-10-01", 30.0),
        ("2025-12-03", 65.0),
    ]
    shared = next(c for c in snap.cards if c.title.startswith("非油 MVP 范围冻结"))
    assert len(shared.kr_ids) == 2
    assert {r.kind for r in snap.rules} == {
        "gain_below",
        "milestone_by_date",
        "downgrade_by_date",
        "first_week_below",
    }


def test_sample_plan_shows_what_its_author_saw_on_2025_12_03(service, plan_id) -> None:
    codes, metrics, cards = _ids(service, plan_id)
    ev = evaluate_plan(service, plan_id)
    assert ev.problems == {}
    # None of the author's four rules has fired yet on 12-03.
    assert not any(f.rule_id for fs in ev.firings.values() for f in fs)
    # Accuracy went 85 -> 87 in nine weeks; the floor 89 needs 0.5pp a week in the last four.
    assert ev.light("kr", codes["KR1"]) is Light.RED
    assert ev.light("metric", metrics["准确率"]) is Light.RED
    assert ev.light("metric", metrics["覆盖率"]) is Light.YELLOW  # stretch 90 out of reach
    # The two W49 actions are due Friday 12-05 and not started.
    assert ev.light("card", cards["拉出画像质量基础报表 & Golden Data 样本"]) is Light.YELLOW
    assert ev.light("card", cards["冻结非油 MVP 城市/站/SKU & 确认研发排期"]) is Light.YELLOW
    assert ev.light("card", cards["完成新标签算法方案 & 小样本验证"]) is None
    assert ev.light("kr", codes["KR5"]) is None


def test_three_weeks_later_the_milestone_and_downgrade_rules_fire(service, plan_id) -> None:
    service.update("plan", plan_id, as_of=dt.date(2025, 12, 21))
    codes, metrics, cards = _ids(service, plan_id)
    ev = evaluate_plan(service, plan_id)
    kr3 = [f for f in ev.firings_of("kr", codes["KR3"]) if f.rule_id]
    assert [f.description for f in kr3] == ["12 月 20 日仍未有任意新标签上线"]
    assert ev.light("kr", codes["KR3"]) is Light.RED
    kr5 = [f for f in ev.firings_of("kr", codes["KR5"]) if f.rule_id]
    assert [f.description for f in kr5] == ["12 月 10 日前研发排期仍未锁定"]
    assert ev.downgrades == {metrics["MVP 累计订单"]: 10.0}
    assert ev.light("card", cards["冻结非油 MVP 城市/站/SKU & 确认研发排期"]) is Light.RED


def test_finishing_the_work_keeps_the_rules_quiet(service, plan_id) -> None:
    service.update("plan", plan_id, as_of=dt.date(2025, 12, 21))
    codes, _metrics, cards = _ids(service, plan_id)
    service.update("card", cards["冻结非油 MVP 城市/站/SKU & 确认研发排期"], status="done")
    tree = service.tree(plan_id)
    live = next(d for d in tree.deliverables if d.title == "上线确认邮件/需求单链接")
    service.update("deliverable", live.id, done=True)
    ev = evaluate_plan(service, plan_id)
    assert not [f for f in ev.firings_of("kr", codes["KR3"]) if f.rule_id]
    assert not [f for f in ev.firings_of("kr", codes["KR5"]) if f.rule_id]
    assert ev.downgrades == {}


def test_a_rule_whose_deliverable_was_deleted_is_reported_not_crashed(service, plan_id) -> None:
    service.update("plan", plan_id, as_of=dt.date(2025, 12, 21))
    tree = service.tree(plan_id)
    live = next(d for d in tree.deliverables if d.title == "上线确认邮件/需求单链接")
    service.delete("deliverable", live.id)
    rule = next(r for r in service.list("rule", plan_id=plan_id) if r.kind == "milestone_by_date")
    ev = evaluate_plan(service, plan_id)
    assert ev.problems == {rule.id: f"params.deliverable_id: no deliverable {live.id}"}


def test_a_live_plan_is_evaluated_on_the_date_given(service, plan_id) -> None:
    service.update("plan", plan_id, as_of=None)
    ev = evaluate_plan(service, plan_id, today=dt.date(2025, 12, 11))
    codes = service.kr_codes(plan_id)
    assert ev.today == dt.date(2025, 12, 11)
    assert ev.light("kr", codes["KR5"]) is Light.RED  # the schedule was not locked by 12-10
