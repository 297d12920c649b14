"""Warning rules (预警机制): which lights the plan's data turns on, why, and what to do.

Input is a plain ``PlanSnapshot`` (what the service read: metrics with check-ins, work packages,
deliverables, cards with their KR ids, the rules, the quarter and the plan's today); output is an
``Evaluation``: for each entity (``("kr", 3)``, ``("card", 12)``, ``("metric", 5)``, ...) the
rules that fire on it and the light they set (the worst of them).

Two families of rules:
* the plan's own rules (``models.enums.RuleKind``), each with a light, a description and a
  response written by the plan's author (Chinese in the sample plan);
* generic rules every plan gets: an action past due and not done -> red; due within 3 days and
  still to do -> yellow; a metric that needs a faster weekly gain than its best week so far to
  reach its floor by the quarter's end -> red, its stretch -> yellow.

Reasons are English templates with named values (the author's text goes in as a value), so the
UI can translate the template and still show the plan's own words. Everything is evaluated "as
of" the plan's today: a frozen plan shows what its author saw that day. Dates are deadlines that
pass at the end of the day: a milestone due 12-20 fires on 12-21.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from models.enums import RuleKind, Status
from models.errors import ValidationError
from models.lights import Light, worst
from models.rule_params import parse_params
from models.snapshot import (
    CardSnap,
    DeliverableSnap,
    MetricSnap,
    PlanSnapshot,
    RuleSnap,
    WorkPackageSnap,
)
from models.trends import CheckPoint, gain_unit, metric_trend, readings_until, trailing_run

__all__ = [
    "CardSnap",
    "CheckPoint",
    "DeliverableSnap",
    "Evaluation",
    "Firing",
    "MetricSnap",
    "PlanSnapshot",
    "RuleSnap",
    "WorkPackageSnap",
    "evaluate",
    "evaluate_cards",
    "rules_read_cards",
]

Key = tuple[str, int]  # (entity kind as the service names it, id)
_DueItem = tuple[Key, str, dt.date, bool]  # key, title, due, still to do
DUE_SOON_DAYS = 3


# ----- the result ------------------------------------------------------------------------
@dataclass(slots=True)
class Firing:
    """One rule firing on one entity: the light it sets and a reason a person can act on.

    Read-only by convention, not ``frozen``: a frozen dataclass costs four times as much to
    build, and a 10,000-card plan builds thousands of these after every change.

    ``template`` is English with ``{named}`` values; ``description`` and ``response`` are the
    rule author's own words (empty for generic rules, which use ``response_template``).
    """

    light: Light
    template: str
    values: tuple[tuple[str, str], ...]
    rule_id: int | None = None
    source: str = ""  # the rule kind, or the generic rule's name
    description: str = ""
    response: str = ""
    response_template: str = ""

    @property
    def detail(self) -> str:
        return self.template.format(**dict(self.values))

    @property
    def reason(self) -> str:
        """The English reason sentence: the author's description, then what the data shows."""
        return f"{self.description}: {self.detail}" if self.description else self.detail

    @property
    def suggested_response(self) -> str:
        return self.response or self.response_template


@dataclass
class Evaluation:
    """The lights the rules set, with their reasons, for every entity something fired on."""

    today: dt.date
    firings: dict[Key, list[Firing]] = field(default_factory=dict)
    lights: dict[Key, Light] = field(default_factory=dict)
    problems: dict[int, str] = field(default_factory=dict)  # rule id -> why it cannot run
    downgrades: dict[int, float] = field(default_factory=dict)  # metric id -> lowered stretch
    snapshot: PlanSnapshot | None = None

    def light(self, kind: str, ident: int) -> Light | None:
        return self.lights.get((kind, ident))

    def firings_of(self, kind: str, ident: int) -> list[Firing]:
        return self.firings.get((kind, ident), [])

    def rule_fired(self, rule_id: int) -> bool:
        return any(f.rule_id == rule_id for fs in self.firings.values() for f in fs)


# ----- reason templates (English; the UI translates them) ----------------------------------
T_GAIN = "{metric} gained {gains} in the last {weeks} weeks, below {min_gain} a week"
T_MILESTONE = "“{title}” is not done and {date} has passed"
T_DOWNGRADE = "“{title}” was not done by {date}: the {metric} target drops from {old} to {new}"
T_FIRST_WEEK = (
    "{metric} stood at {value} after the first {days} days (from {start}), below {threshold}"
)
T_PAST_DUE = "“{title}” was due {due} and is not done"
T_DUE_TODAY = "“{title}” is due today and has not started"
T_DUE_SOON = "“{title}” is due {due}, in {days} days, and has not started"
T_PACE_FLOOR = (
    "{metric} needs {pace} a week to reach its floor {goal} by {end};"
    " its best week so far gained {best}"
)
T_PACE_STRETCH = (
    "{metric} needs {pace} a week to reach its stretch {goal} by {end};"
    " its best week so far gained {best}"
)
R_PAST_DUE = "Finish it, or move it to a later week and say why"
R_DUE_SOON = "Start it now, or move it before it slips"
R_PACE_FLOOR = "The floor is at risk at this pace: narrow the scope or ask for resources"
R_PACE_STRETCH = "The stretch is out of reach at this pace: secure the floor first"


def number(value: float) -> str:
    """65, 0.5, 3.89: at most two decimals, no trailing zeros."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def with_unit(value: float, unit: str) -> str:
    return f"{number(value)}{unit}" if unit in ("%", "pp", "") else f"{number(value)} {unit}"


def signed(value: float, unit: str) -> str:
    text = with_unit(value, unit)
    return text if text.startswith("-") else f"+{text}"


# ----- evaluation ------------------------------------------------------------------------
class _Run:
    """The state of one evaluation: indexes of the snapshot and the firings so far."""

    def __init__(self, snap: PlanSnapshot) -> None:
        self.snap = snap
        self.today = snap.today
        self.metrics = {m.id: m for m in snap.metrics}
        self.cards = {c.id: c for c in snap.cards}
        self.deliverables = {d.id: d for d in snap.deliverables}
        self.work_packages = {w.id: w for w in snap.work_packages}
        wp_deliverables: dict[int, list[DeliverableSnap]] = {}
        for d in snap.deliverables:
            wp_deliverables.setdefault(d.work_package_id, []).append(d)
        self.wp_done = {
            w.id: bool(wp_deliverables.get(w.id)) and all(d.done for d in wp_deliverables[w.id])
            for w in snap.work_packages
        }
        self.result = Evaluation(snap.today, snapshot=snap)

    def fire(self, keys: list[Key], firing: Firing) -> None:
        for key in dict.fromkeys(keys):
            self.result.firings.setdefault(key, []).append(firing)

    def rule_firing(self, rule: RuleSnap, template: str, **values: str) -> Firing:
        return Firing(
            Light(rule.light),
            template,
            tuple(values.items()),
            rule_id=rule.id,
            source=rule.kind,
            description=rule.description,
            response=rule.response,
        )

    def metric(self, ident: int) -> MetricSnap:
        if ident not in self.metrics:
            raise ValidationError("rule", "params.metric_id", f"no metric with id {ident}")
        return self.metrics[ident]


def evaluate(snap: PlanSnapshot) -> Evaluation:
    """Run every enabled rule and the generic rules over ``snap`` as of its today."""
    run = _Run(snap)
    # Downgrades first: a lowered stretch changes what the pace rule measures against.
    ordered = sorted(snap.rules, key=lambda r: r.kind != RuleKind.DOWNGRADE_BY_DATE.value)
    for rule in ordered:
        if not rule.enabled:
            continue
        if rule.params is None:
            run.result.problems[rule.id] = "params: is not a JSON object"
            continue
        try:
            params = parse_params(rule.kind, rule.params)
            _KINDS[RuleKind(rule.kind)](run, rule, params)
        except ValidationError as exc:
            run.result.problems[rule.id] = f"{exc.field}: {exc.message}"
    _due_rules(run)
    _pace_rules(run)
    run.result.lights = {
        key: fs[0].light if len(fs) == 1 else _worst(fs) for key, fs in run.result.firings.items()
    }
    return run.result


def _worst(firings: list[Firing]) -> Light:
    light = worst([f.light for f in firings])
    assert light is not None
    return light


def _kr_keys(rule: RuleSnap, *fallback: int) -> list[Key]:
    ids = [rule.kr_id] if rule.kr_id is not None else list(fallback)
    return [("kr", i) for i in ids]


def _gain_below(run: _Run, rule: RuleSnap, p: dict[str, Any]) -> None:
    metric = run.metric(p["metric_id"])
    trend = metric_trend(metric, metric.checkins, run.snap.quarter, run.today)
    streak = trailing_run(trend.gains, p["min_gain"])
    if len(streak) < p["weeks"]:
        return
    unit = gain_unit(metric.unit)
    shown = streak[-p["weeks"] :]
    gains = ", ".join(f"{signed(g.gain, unit)} ({g.label})" for g in shown)
    firing = run.rule_firing(
        rule,
        T_GAIN,
        metric=metric.name,
        gains=gains,
        weeks=str(len(streak)),
        min_gain=with_unit(p["min_gain"], unit),
    )
    run.fire([("metric", metric.id), *_kr_keys(rule, metric.kr_id)], firing)


def _milestone(run: _Run, rule: RuleSnap, p: dict[str, Any]) -> None:
    if run.today <= p["date"]:
        return
    if "deliverable_id" in p:
        ident = p["deliverable_id"]
        if ident not in run.deliverables:
            raise ValidationError("rule", "params.deliverable_id", f"no deliverable {ident}")
        d = run.deliverables[ident]
        done, title, key = d.done, d.title, ("deliverable", ident)
        krs = (
            run.work_packages[d.work_package_id].kr_ids
            if d.work_package_id in run.work_packages
            else ()
        )
    else:
        ident = p["work_package_id"]
        if ident not in run.work_packages:
            raise ValidationError("rule", "params.work_package_id", f"no work package {ident}")
        wp = run.work_packages[ident]
        done, title, key, krs = run.wp_done[ident], wp.title, ("work_package", ident), wp.kr_ids
    if done:
        return
    firing = run.rule_firing(rule, T_MILESTONE, title=title, date=p["date"].isoformat())
    run.fire([key, *_kr_keys(rule, *krs)], firing)


def _downgrade(run: _Run, rule: RuleSnap, p: dict[str, Any]) -> None:
    metric = run.metric(p["metric_id"])
    card = run.cards.get(p["card_id"])
    if card is None:
        raise ValidationError("rule", "params.card_id", f"no card with id {p['card_id']}")
    if run.today <= p["date"] or card.status == Status.DONE.value:
        return
    run.result.downgrades[metric.id] = p["to_target"]
    unit = metric.unit or ""
    firing = run.rule_firing(
        rule,
        T_DOWNGRADE,
        title=card.title,
        date=p["date"].isoformat(),
        metric=metric.name,
        old=with_unit(p["from_target"], unit),
        new=with_unit(p["to_target"], unit),
    )
    run.fire([("card", card.id), ("metric", metric.id), *_kr_keys(rule, metric.kr_id)], firing)


def _first_week_below(run: _Run, rule: RuleSnap, p: dict[str, Any]) -> None:
    metric = run.metric(p["metric_id"])
    readings = readings_until(metric.checkins, run.today)
    start = p.get("start") or (readings[0].date if readings else None)
    if start is None:  # the experiment has not started: nothing to judge yet
        return
    end = start + dt.timedelta(days=p["days"])
    if run.today < end:
        return
    seen = [c for c in readings if c.date < end]  # week one is start .. end - 1 day
    value = seen[-1].value if seen else 0.0  # no reading in week one: nothing counted yet
    if value >= p["threshold"]:
        return
    unit = metric.unit or ""
    firing = run.rule_firing(
        rule,
        T_FIRST_WEEK,
        metric=metric.name,
        value=with_unit(value, unit),
        days=str(p["days"]),
        start=start.isoformat(),
        threshold=with_unit(p["threshold"], unit),
    )
    run.fire([("metric", metric.id), *_kr_keys(rule, metric.kr_id)], firing)


_KINDS = {
    RuleKind.GAIN_BELOW: _gain_below,
    RuleKind.MILESTONE_BY_DATE: _milestone,
    RuleKind.DOWNGRADE_BY_DATE: _downgrade,
    RuleKind.FIRST_WEEK_BELOW: _first_week_below,
}


def _due_rules(run: _Run) -> None:
    """Actions (cards), deliverables and work packages with a due date; a work package is
    done when it has deliverables and all of them are."""
    today = run.today
    soon = today + dt.timedelta(days=DUE_SOON_DAYS)
    items = _card_due_items(run.snap.cards, today)
    items += [
        (("deliverable", d.id), d.title, d.due, True)
        for d in run.snap.deliverables
        if d.due is not None and d.due <= soon and not d.done
    ]
    items += [
        (("work_package", w.id), w.title, w.due, True)
        for w in run.snap.work_packages
        if w.due is not None and w.due <= soon and not run.wp_done[w.id]
    ]
    _fire_due(items, today, run.result.firings)


def _card_due_items(cards: Iterable[CardSnap], today: dt.date) -> list[_DueItem]:
    """The cards a due rule may fire on. Written flat: it runs over every card of the plan."""
    soon = today + dt.timedelta(days=DUE_SOON_DAYS)
    done_status, todo_status = Status.DONE.value, Status.TODO.value
    return [
        (("card", c.id), c.title, c.due, c.status == todo_status)
        for c in cards
        if c.due is not None and c.due <= soon and c.status != done_status
    ]


def _fire_due(items: list[_DueItem], today: dt.date, firings: dict[Key, list[Firing]]) -> None:
    for key, title, due, todo in items:
        if due < today:
            values = (("title", title), ("due", due.isoformat()))
            firing = Firing(Light.RED, T_PAST_DUE, values, None, "past_due", "", "", R_PAST_DUE)
        elif todo:
            days = (due - today).days
            template = T_DUE_TODAY if days == 0 else T_DUE_SOON
            values = (("title", title), ("due", due.isoformat()), ("days", str(days)))
            firing = Firing(Light.YELLOW, template, values, None, "due_soon", "", "", R_DUE_SOON)
        else:
            continue
        found = firings.get(key)
        if found is None:
            firings[key] = [firing]
        else:
            found.append(firing)


def evaluate_cards(
    previous: Evaluation,
    snap: PlanSnapshot,
    card_ids: Iterable[int],
    changed: Iterable[CardSnap] | None = None,
) -> Evaluation:
    """The evaluation after a change to cards only (a drop, a status, an edit, a delete).

    ``snap`` holds the plan as it is now (``changed``: those of ``card_ids`` still in it, if
    the caller has them at hand). Only the due rules of ``card_ids`` are run again;
    every other firing is ``previous``'s, since nothing else the rules read has changed. A plan
    rule that reads one of these cards (a downgrade by date looks at a card's status) can change
    a metric's stretch and so a KR's light and its chart: then everything is evaluated again.
    Either way the result equals ``evaluate(snap)``; this is what keeps a drop on a 20,000-card
    board within a frame.
    """
    ids = set(card_ids)
    if previous.snapshot is None or previous.today != snap.today or rules_read_cards(snap, ids):
        return evaluate(snap)
    firings = dict(previous.firings)
    lights = dict(previous.lights)
    for ident in ids:
        firings.pop(("card", ident), None)
        lights.pop(("card", ident), None)
    if changed is None:
        changed = [c for c in snap.cards if c.id in ids]
    fresh: dict[Key, list[Firing]] = {}
    _fire_due(_card_due_items(changed, snap.today), snap.today, fresh)
    for key, found in fresh.items():
        firings[key] = found
        lights[key] = found[0].light if len(found) == 1 else _worst(found)
    return Evaluation(
        snap.today,
        firings,
        lights,
        dict(previous.problems),
        dict(previous.downgrades),
        snapshot=snap,
    )


def rules_read_cards(snap: PlanSnapshot, card_ids: Iterable[int]) -> bool:
    """Whether an enabled plan rule reads one of these cards (by id, however it was typed):
    then a change to them can change lights beyond the cards themselves."""
    wanted = {str(i) for i in card_ids}
    return any(
        rule.enabled and rule.params is not None and str(rule.params.get("card_id")) in wanted
        for rule in snap.rules
    )


def _pace_rules(run: _Run) -> None:
    """A metric whose best week so far is slower than the pace it needs: red for the floor,
    yellow for the stretch (the lowered stretch after a downgrade). One firing per metric."""
    end = run.snap.quarter.end
    for m in run.snap.metrics:
        stretch = run.result.downgrades.get(m.id, m.stretch)
        trend = metric_trend(m, m.checkins, run.snap.quarter, run.today, stretch=stretch)
        if trend.best_gain is None or trend.latest is None:
            continue  # one reading is no trend: nothing to compare the pace with
        unit = gain_unit(m.unit)
        for pace, goal, light, template, response in (
            (trend.pace_to_floor, m.floor, Light.RED, T_PACE_FLOOR, R_PACE_FLOOR),
            (trend.pace_to_stretch, stretch, Light.YELLOW, T_PACE_STRETCH, R_PACE_STRETCH),
        ):
            if pace is None or goal is None or pace <= trend.best_gain + 1e-9:
                continue
            values = (
                ("metric", m.name),
                ("pace", "∞" if math.isinf(pace) else signed(pace, unit)),
                ("goal", with_unit(goal, m.unit or "")),
                ("end", end.isoformat()),
                ("best", signed(trend.best_gain, unit)),
            )
            firing = Firing(
                light, template, values, source=f"pace_{light.value}", response_template=response
            )
            run.fire([("metric", m.id), ("kr", m.kr_id)], firing)
            break
