"""The rules and charts read a metric's check-ins of this quarter, its first and its latest
before it (and the whole history of a metric a first-week rule judges): a year of history gives
the same lights, reasons and trends as reading it all."""

from __future__ import annotations

import datetime as dt
import json
import random
from dataclasses import replace

import pytest

from app.services.evaluation import load_snapshot
from models.rules import evaluate
from models.trends import CheckPoint, metric_trend, readings_until

D = dt.date
QUARTER_START = D(2025, 10, 1)


def _same(a, b) -> None:
    assert a.lights == b.lights
    assert {k: [f.reason for f in fs] for k, fs in a.firings.items()} == {
        k: [f.reason for f in fs] for k, fs in b.firings.items()
    }
    assert (a.downgrades, a.problems) == (b.downgrades, b.problems)


def _with_every_checkin(service, snap):
    """``snap`` with each metric's whole history, as the service lists it."""
    metrics = tuple(
        replace(
            m,
            checkins=tuple(
                CheckPoint(c.date, c.value, c.note, c.id) for c in service.checkins(m.id)
            ),
        )
        for m in snap.metrics
    )
    return replace(snap, metrics=metrics)


@pytest.fixture
def history(service, plan_id) -> dict[str, int]:
    """The sample plan, live, with a year of weekly readings of coverage and accuracy before
    its quarter, first-week rules on coverage that start before the quarter, at its first
    reading and in the quarter, and a weekly-gain rule on each."""
    service.update("plan", plan_id, as_of=None)
    metrics = {m.name: m.id for m in service.tree(plan_id).metrics}
    codes = service.kr_codes(plan_id)
    coverage, accuracy = metrics["覆盖率"], metrics["准确率"]
    rnd = random.Random(3)
    for metric in (coverage, accuracy):
        day = QUARTER_START - dt.timedelta(weeks=52)
        while day < D(2025, 12, 31):
            if rnd.random() < 0.8:  # some weeks without a reading, some days with two
                for _ in range(rnd.choice((1, 1, 1, 2))):
                    value = round(rnd.uniform(10, 70), 1)
                    service.create("checkin", metric_id=metric, date=day, value=value, note="周报")
            day += dt.timedelta(days=rnd.choice((6, 7, 8)))
    starts = [QUARTER_START - dt.timedelta(days=90), None, D(2025, 11, 3)]
    for start in starts:
        params = {"metric_id": coverage, "threshold": 45, "days": 14}
        if start is not None:
            params["start"] = start.isoformat()
        service.create(
            "rule",
            plan_id=plan_id,
            kr_id=codes["KR2"],
            kind="first_week_below",
            params=json.dumps(params),
            description=f"first weeks from {start}",
        )
    for metric in (coverage, accuracy):
        service.create(
            "rule",
            plan_id=plan_id,
            kr_id=codes["KR2"],
            kind="gain_below",
            params=json.dumps({"metric_id": metric, "min_gain": 3, "weeks": 2}),
            description=f"slow weeks of {metric}",
        )
    return metrics


@pytest.mark.parametrize(
    "today",
    [
        D(2025, 6, 1),
        D(2025, 9, 29),
        D(2025, 10, 1),
        D(2025, 11, 12),
        D(2025, 12, 31),
        D(2026, 2, 1),
    ],
)
def test_the_readings_read_give_what_the_whole_history_gives(
    service, plan_id, history, today
) -> None:
    snap = load_snapshot(service, plan_id, today)
    full = _with_every_checkin(service, snap)
    read = {m.id: len(m.checkins) for m in snap.metrics}
    every = {m.id: len(m.checkins) for m in full.metrics}
    assert read[history["准确率"]] < every[history["准确率"]]  # most of the year is left out
    assert read[history["覆盖率"]] == every[history["覆盖率"]]  # a first-week rule judges it
    _same(evaluate(snap), evaluate(full))
    for mine, whole in zip(snap.metrics, full.metrics, strict=True):
        assert metric_trend(mine, mine.checkins, snap.quarter, today) == metric_trend(
            whole, whole.checkins, full.quarter, today
        )
        ours, all_of_them = (
            readings_until(mine.checkins, today),
            readings_until(whole.checkins, today),
        )
        assert ours[:1] == all_of_them[:1]  # the first reading ever
        assert ours[-1:] == all_of_them[-1:]  # the latest one


def test_a_first_week_rule_starting_before_the_quarter_sees_its_own_weeks(
    service, plan_id, history
) -> None:
    today = D(2025, 11, 12)
    ev = evaluate(load_snapshot(service, plan_id, today))
    full = evaluate(_with_every_checkin(service, load_snapshot(service, plan_id, today)))
    fired = sorted(f.reason for fs in ev.firings.values() for f in fs if f.rule_id)
    assert fired == sorted(f.reason for fs in full.firings.values() for f in fs if f.rule_id)
