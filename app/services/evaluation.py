"""Evaluate a plan's warning rules: read a snapshot with column selects, run models.rules.

Runs after every change, so it reads only the columns the rules need, in one short read
transaction (a 10,000-card plan reads in tens of milliseconds this way; loading ORM entities
would take ten times that). A window that has just read its cards for the board hands them in
(``cards=``) instead of reading them twice, and after a change to cards only it patches the
snapshot (``with_cards``) and re-runs the due rules of those cards (``models.rules.
evaluate_cards``). Headless: no Qt, used by the window, the CLI and the tests alike.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
from collections.abc import Iterable
from dataclasses import replace
from operator import attrgetter
from typing import Any

import sqlalchemy as sa

from app.services.kinds import Tx
from app.services.plan_service import PlanService
from models import schema
from models.calendar import Quarter, week_start
from models.enums import RuleKind
from models.errors import PlanError
from models.gc_pause import gc_paused
from models.rule_params import parse_params
from models.rules import (
    CardSnap,
    DeliverableSnap,
    Evaluation,
    MetricSnap,
    PlanSnapshot,
    RuleSnap,
    WorkPackageSnap,
    evaluate,
    evaluate_cards,
)
from models.trends import CheckPoint

_ID = attrgetter("id")


def _links(s: Tx, lt: sa.Table, owner_column: str, owner_ids: set[int]) -> dict[int, tuple]:
    """Owner id -> KR ids, read in one select over the whole link table filtered in Python:
    an IN list of 10,000 ids is slower in SQLite than reading the rows and dropping a few."""
    out: dict[int, tuple[int, ...]] = {}
    stmt = sa.select(lt.c[owner_column], lt.c.kr_id).order_by(lt.c[owner_column], lt.c.kr_id)
    for owner, kr in s.execute(stmt):
        if owner in owner_ids:
            out[owner] = (*out.get(owner, ()), kr)
    return out


def _params(text: str) -> dict[str, Any] | None:
    """The stored JSON object, or None when it is not one (reported as the rule's problem)."""
    try:
        value = json.loads(text or "{}")
    except ValueError:
        return None
    return value if isinstance(value, dict) else None


def card_snaps(cards: Iterable[Any]) -> tuple[CardSnap, ...]:
    """Cards already in memory as the rules read them. Anything frozen with ``id``, ``title``,
    ``due``, ``status`` and a ``kr_ids`` tuple (the board's card records) serves as it is:
    copying 20,000 of them into ``CardSnap`` would cost more than the rules themselves."""
    return tuple(cards)


def with_cards(
    snapshot: PlanSnapshot, card_ids: Iterable[int], cards: Iterable[Any]
) -> PlanSnapshot:
    """``snapshot`` with the cards ``card_ids`` as they are now: ``cards`` holds the ones that
    still exist (as records, see ``card_snaps``); an id without one was deleted."""
    ids = set(card_ids)
    fresh = {c.id: c for c in cards if c.id in ids}
    kept = list(snapshot.cards)
    positions = list(map(_ID, kept))  # in C: a drop on 20,000 cards stays within a frame
    gone = []
    for ident in ids:
        if ident in positions:
            at = positions.index(ident)
            if ident in fresh:
                kept[at] = fresh.pop(ident)
            else:
                gone.append(at)
    for at in sorted(gone, reverse=True):
        del kept[at]
    if fresh:  # created, or brought back by an undo: in id order, as a full read gives them
        kept = sorted([*kept, *fresh.values()], key=_ID)
    return replace(snapshot, cards=tuple(kept))


def load_snapshot(
    svc: PlanService,
    plan_id: int,
    today: dt.date | None = None,
    *,
    cards: Iterable[Any] | None = None,
) -> PlanSnapshot:
    """Everything the rules read about one plan, as plain frozen values; ``cards`` are the
    plan's cards when the caller has just read them all (see ``card_snaps``)."""
    with gc_paused():
        return _load_snapshot(svc, plan_id, today, cards)


def _load_snapshot(
    svc: PlanService, plan_id: int, today: dt.date | None, cards: Iterable[Any] | None
) -> PlanSnapshot:
    with svc.engine.connect() as s:
        pt = schema.plan
        plan = s.execute(
            sa.select(pt.c.quarter_start, pt.c.quarter_end, pt.c.as_of).where(pt.c.id == plan_id)
        ).one()
        day = plan.as_of or today or dt.date.today()
        kt, lt, ot = schema.keyresult, schema.line, schema.objective
        kr_ids = tuple(
            s.execute(
                sa.select(kt.c.id)
                .join(lt, lt.c.id == kt.c.line_id)
                .join(ot, ot.c.id == lt.c.objective_id)
                .where(ot.c.plan_id == plan_id)
                .order_by(ot.c.sort_order, lt.c.sort_order, lt.c.id, kt.c.sort_order, kt.c.id)
            ).scalars()
        )
        mt = schema.metric
        metric_rows = s.execute(
            sa.select(mt).where(mt.c.kr_id.in_(kr_ids)).order_by(mt.c.sort_order, mt.c.id)
        ).all()
        rt = schema.warningrule
        rules = tuple(
            RuleSnap(
                id=r.id,
                kind=r.kind,
                params=_params(r.params),
                kr_id=r.kr_id,
                light=r.light,
                description=r.description,
                response=r.response,
                enabled=r.enabled,
            )
            for r in s.execute(sa.select(rt).where(rt.c.plan_id == plan_id).order_by(rt.c.id))
        )
        quarter = Quarter(plan.quarter_start, plan.quarter_end)
        points: dict[int, list[CheckPoint]] = {}
        if metric_rows:
            ids = [m.id for m in metric_rows]
            cutoff = min(week_start(quarter.start), day)
            rows = _checkins(s, ids, cutoff, _whole_histories(rules))
            for metric_id, date, value, note, ident in rows:
                points.setdefault(metric_id, []).append(CheckPoint(date, value, note, ident))
        metrics = tuple(
            MetricSnap(
                id=m.id,
                kr_id=m.kr_id,
                name=m.name,
                unit=m.unit,
                direction=m.direction,
                baseline=m.baseline,
                current=m.current,
                floor=m.floor,
                stretch=m.stretch,
                target=m.target,
                checkins=tuple(points.get(m.id, ())),
            )
            for m in metric_rows
        )
        wt, dlt = schema.workpackage, schema.deliverable
        wp_rows = s.execute(
            sa.select(wt.c.id, wt.c.title, wt.c.due).where(wt.c.plan_id == plan_id)
        ).all()
        wp_links = _links(s, schema.workpackagekr, "work_package_id", {w.id for w in wp_rows})
        work_packages = tuple(
            WorkPackageSnap(w.id, w.title, w.due, wp_links.get(w.id, ())) for w in wp_rows
        )
        deliverables = tuple(
            DeliverableSnap(*row)
            for row in s.execute(
                sa.select(dlt.c.id, dlt.c.work_package_id, dlt.c.title, dlt.c.done, dlt.c.due)
                .join(wt, wt.c.id == dlt.c.work_package_id)
                .where(wt.c.plan_id == plan_id)
            )
        )
        snaps = card_snaps(cards) if cards is not None else _read_cards(s, plan_id)
    return PlanSnapshot(
        quarter=quarter,
        today=day,
        kr_ids=kr_ids,
        metrics=metrics,
        work_packages=work_packages,
        deliverables=deliverables,
        cards=snaps,
        rules=rules,
    )


def _whole_histories(rules: Iterable[RuleSnap]) -> set[int]:
    """Metrics a first-week rule judges: it may look back to the metric's first reading and
    the days after it, so their whole history is read (a rule like that is rare)."""
    ids = set()
    for rule in rules:
        if rule.kind != RuleKind.FIRST_WEEK_BELOW.value or rule.params is None:
            continue
        try:
            ids.add(parse_params(rule.kind, rule.params)["metric_id"])
        except PlanError:
            continue  # a broken rule reads nothing: evaluate reports it
    return ids


def _checkins(s: Tx, metric_ids: list[int], cutoff: dt.date, whole: set[int]) -> list[Any]:
    """(metric id, date, value, note, id) of the check-ins the rules and charts read, oldest
    first. They read each reading from ``cutoff`` on (the quarter's first week, or the day
    judged if earlier); before it only the latest (the value when the quarter has none yet)
    and, for the first-week rules, the history of the metrics in ``whole``. The first reading
    of every metric comes along too. A year of weekly readings per metric is most of a big
    plan's rows; the quarter needs a quarter of them."""
    values: dict[str, Any] = {"ids": metric_ids, "cutoff": cutoff}
    if whole:
        values["whole"] = sorted(whole)
    return s.execute(_checkins_statement(bool(whole)), values).all()


@functools.cache
def _checkins_statement(whole: bool) -> sa.CompoundSelect:
    """The select of ``_checkins``, built once (building it costs more than running it on a
    small plan): ``ids`` and ``cutoff`` are parameters, and ``whole`` when asked for."""
    ct, mt, x = schema.checkin, schema.metric, schema.checkin.alias("x")
    columns = (ct.c.metric_id, ct.c.date, ct.c.value, ct.c.note, ct.c.id)
    ids = sa.bindparam("ids", expanding=True)
    cutoff = sa.bindparam("cutoff", type_=sa.Date)
    # Per metric, the id of its first reading and of its latest before the cutoff: each a
    # seek in the (metric_id, date) index, where a GROUP BY would read every row.
    of_metric = x.c.metric_id == mt.c.id
    first = sa.select(x.c.id).where(of_metric).order_by(x.c.date, x.c.id)
    last = sa.select(x.c.id).where(of_metric, x.c.date < cutoff)
    last = last.order_by(x.c.date.desc(), x.c.id.desc())
    edges = sa.union_all(
        *(
            sa.select(edge.limit(1).scalar_subquery()).where(mt.c.id.in_(ids))
            for edge in (first, last)
        )
    )
    earlier = sa.select(*columns).where(ct.c.id.in_(edges), ct.c.date < cutoff)
    rest = ct.c.date >= cutoff
    if whole:  # their readings before the cutoff come with the rest, not twice
        listed = sa.bindparam("whole", expanding=True)
        rest = rest | ct.c.metric_id.in_(listed)
        earlier = earlier.where(ct.c.metric_id.not_in(listed))
    both = sa.union_all(earlier, sa.select(*columns).where(ct.c.metric_id.in_(ids), rest))
    order = both.selected_columns
    return both.order_by(order.date, order.id)


def _read_cards(s: Tx, plan_id: int) -> tuple[CardSnap, ...]:
    at = schema.actioncard
    card_rows = s.execute(
        sa.select(at.c.id, at.c.title, at.c.due, at.c.status).where(at.c.plan_id == plan_id)
    ).all()
    card_links = _links(s, schema.cardkr, "card_id", {c[0] for c in card_rows})
    return tuple(
        CardSnap(ident, title, due, status, card_links.get(ident, ()))
        for ident, title, due, status in card_rows
    )


def evaluate_plan(
    svc: PlanService,
    plan_id: int,
    today: dt.date | None = None,
    *,
    cards: Iterable[Any] | None = None,
) -> Evaluation:
    """The plan's rule lights as of its today (``today`` stands in for a live plan's date)."""
    snapshot = load_snapshot(svc, plan_id, today, cards=cards)
    with gc_paused():
        return evaluate(snapshot)


def evaluate_changed_cards(
    previous: Evaluation, card_ids: Iterable[int], cards: Iterable[Any]
) -> Evaluation:
    """After a command that changed only cards: ``cards`` are those of ``card_ids`` that still
    exist, as they are now (the board has just re-read them). No database read."""
    assert previous.snapshot is not None
    ids, cards = set(card_ids), list(cards)
    with gc_paused():
        return evaluate_cards(previous, with_cards(previous.snapshot, ids, cards), ids, cards)
