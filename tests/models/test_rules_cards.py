"""Re-evaluating after a change to cards only gives exactly what a full evaluation gives."""

from __future__ import annotations

import dataclasses
import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from models.calendar import Quarter
from models.lights import Light
from models.rules import (
    CardSnap,
    Evaluation,
    MetricSnap,
    PlanSnapshot,
    RuleSnap,
    evaluate,
    evaluate_cards,
)

Q4 = Quarter(dt.date(2025, 10, 1), dt.date(2025, 12, 31))
TODAY = dt.date(2025, 12, 3)
ORDERS = MetricSnap(5, 5, "MVP 累计订单", unit="单", floor=10, stretch=30, target=30)
DOWNGRADE = RuleSnap(
    id=12,
    kind="downgrade_by_date",
    params={"card_id": 9, "date": "2025-11-30", "metric_id": 5, "from_target": 30, "to_target": 10},
    kr_id=5,
    description="排期未锁定",
)


def plan(cards: tuple[CardSnap, ...], rules: tuple[RuleSnap, ...] = ()) -> PlanSnapshot:
    return PlanSnapshot(
        quarter=Q4, today=TODAY, kr_ids=(5,), metrics=(ORDERS,), cards=cards, rules=rules
    )


def same(a: Evaluation, b: Evaluation) -> None:
    """Equal lights, reasons and rule state (firing order within a key included)."""
    assert a.lights == b.lights
    assert {k: [f.reason for f in fs] for k, fs in a.firings.items()} == {
        k: [f.reason for f in fs] for k, fs in b.firings.items()
    }
    assert (a.downgrades, a.problems) == (b.downgrades, b.problems)


dues = st.one_of(st.none(), st.integers(-10, 10).map(lambda d: TODAY + dt.timedelta(days=d)))
statuses = st.sampled_from(["todo", "doing", "done"])
card_lists = st.lists(st.tuples(dues, statuses), min_size=1, max_size=12)


@settings(max_examples=80, deadline=None)
@given(before=card_lists, after=card_lists, data=st.data())
def test_changed_cards_evaluate_as_a_full_evaluation_would(before, after, data) -> None:
    old = tuple(CardSnap(i, f"行动 {i}", due, status) for i, (due, status) in enumerate(before))
    # Some cards change (or appear), some disappear, the rest stay as they were.
    changed = data.draw(st.sets(st.integers(0, max(len(before), len(after)) - 1)))
    new = [c for c in old if c.id not in changed]
    new += [
        CardSnap(i, f"改 {i}", after[i][0], after[i][1])
        for i in sorted(changed)
        if i < len(after) and data.draw(st.booleans(), label=f"keep {i}")
    ]
    now = plan(tuple(sorted(new, key=lambda c: c.id)))
    same(evaluate_cards(evaluate(plan(old)), now, changed), evaluate(now))


def test_a_card_a_downgrade_rule_reads_re_evaluates_everything() -> None:
    schedule = CardSnap(9, "冻结排期", TODAY, "doing", (4,))
    previous = evaluate(plan((schedule,), (DOWNGRADE,)))
    assert previous.downgrades == {5: 10.0}
    done = plan((dataclasses.replace(schedule, status="done"),), (DOWNGRADE,))
    ev = evaluate_cards(previous, done, {9})
    assert ev.downgrades == {} and ev.light("kr", 5) is None
    same(ev, evaluate(done))


def test_only_the_changed_cards_lights_move() -> None:
    late = CardSnap(1, "晚了", TODAY - dt.timedelta(days=2), "todo")
    soon = CardSnap(2, "快到期", TODAY + dt.timedelta(days=1), "todo")
    previous = evaluate(plan((late, soon)))
    assert previous.light("card", 1) is Light.RED and previous.light("card", 2) is Light.YELLOW
    moved = dataclasses.replace(late, due=TODAY + dt.timedelta(days=14))
    ev = evaluate_cards(previous, plan((moved, soon)), {1})
    assert ev.light("card", 1) is None and ev.light("card", 2) is Light.YELLOW
    assert ev.firings_of("card", 2) == previous.firings_of("card", 2)
    assert previous.light("card", 1) is Light.RED  # the previous result is left as it was
