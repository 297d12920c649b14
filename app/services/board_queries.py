"""Reads for the action board: everything one board shows, in a few column selects.

The board needs the plan's lines and KRs (its lanes), every card with its KR ids, and how often
each card slipped. ``load_board`` reads all of that at once (opening a plan); ``load_cards`` and
``slip_counts`` re-read only the cards a command touched, so a drop on a 10,000-card board does not
reload the other 9,999. The card facts at the bottom (overdue, due outside its period) are plain
functions so the board, reports and exports agree on them.
"""

from __future__ import annotations

import datetime as dt
import gc
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa

from app.services import records as rec
from app.services.kinds import Tx
from app.services.plan_service import PlanService
from models import schema as t
from models.calendar import Level, Quarter, month_end, quarter_of
from models.enums import Status

# Opening a big plan: read the cards of the first lanes, show them, read the rest a moment later
# (``load_board(first_lanes=True)``). The first lanes are whole lanes that stack at least
# ``first_rows`` cards high however their cards spread: a lane of n cards over a board of c
# columns is at least ceil(n / c) cards high, since a card takes a slot in every column it spans.
# The window asks for the rows its tallest screen can show; this is for callers that do not say.
FIRST_LANES_ABOVE = 3_000  # plans with more cards than this open lanes first
FIRST_LANES_ROWS = 28  # card rows the first lanes hold at least (2,800 px or more)


@dataclass(frozen=True, slots=True)
class BoardData:
    """One plan's board as plain records; the scene can be built from this without a database."""

    plan: Any  # PlanRecord
    today: dt.date
    lines: tuple[Any, ...]  # LineRecord, in plan order
    krs: tuple[Any, ...]  # KRRecord, by line order then KR order
    cards: tuple[Any, ...]  # CardRecord with kr_ids
    slips: Mapping[int, int] = field(default_factory=dict)  # card id -> number of slips
    # Set when ``cards`` holds only the first lanes' cards: how many the plan has in all.
    card_total: int | None = None

    @property
    def quarter(self) -> Quarter:
        return Quarter(self.plan.quarter_start, self.plan.quarter_end)

    @property
    def complete(self) -> bool:
        """Whether ``cards`` are all the plan's cards (not just the first lanes')."""
        return self.card_total is None


def load_board(
    svc: PlanService,
    plan_id: int,
    real_today: dt.date | None = None,
    *,
    first_lanes: bool = False,
    first_rows: int = FIRST_LANES_ROWS,
) -> BoardData:
    """Everything the board of ``plan_id`` shows (one short read transaction).

    ``first_lanes``: for a plan of more than ``FIRST_LANES_ABOVE`` cards, read only the cards of
    the first KR lanes (whole lanes, at least ``first_rows`` cards high however their cards
    spread) and the cards a warning rule reads, so the window shows its first screen without
    reading 10,000 cards first; the result says so (``complete`` is False) and the caller reads
    the whole board next.
    """
    plan = svc.get("plan", plan_id)
    today = plan.as_of or real_today or dt.date.today()
    with svc.engine.connect() as s:
        ot, lt, kt = t.objective, t.line, t.keyresult
        line_rows = s.execute(
            sa.select(lt)
            .join(ot, ot.c.id == lt.c.objective_id)
            .where(ot.c.plan_id == plan_id)
            .order_by(ot.c.sort_order, ot.c.id, lt.c.sort_order, lt.c.id)
        ).all()
        lines = tuple(rec.LineRecord(**row._mapping) for row in line_rows)
        order = {line.id: i for i, line in enumerate(lines)}
        kr_rows = s.execute(sa.select(kt).where(kt.c.line_id.in_(list(order)))).all()
        krs = sorted(
            (rec.KRRecord(**row._mapping) for row in kr_rows),
            key=lambda kr: (order[kr.line_id], kr.sort_order, kr.id),
        )
        ct, lt = t.actioncard, t.cardkr
        in_plan = ct.c.plan_id == plan_id
        total, chosen = (
            _first_lanes(s, plan_id, krs, _most_columns(plan), first_rows)
            if first_lanes
            else (None, None)
        )
        if chosen is None:
            links = lt.c.card_id.in_(sa.select(ct.c.id).where(in_plan).scalar_subquery())
            cards = _cards(s, in_plan, links)
            slips = _slip_counts(s, plan_id=plan_id)
        else:  # by primary key: a few hundred lookups instead of a scan of every card
            linked = sa.select(lt.c.card_id).where(lt.c.kr_id.in_(chosen))
            wanted, wanted_links = ct.c.id.in_(linked), lt.c.card_id.in_(linked)
            extra = _rule_card_ids(s, plan_id)
            if extra:
                wanted, wanted_links = (
                    wanted | ct.c.id.in_(extra),
                    wanted_links | lt.c.card_id.in_(extra),
                )
            cards = _cards(s, in_plan & wanted, wanted_links)
            slips = _slip_counts(s, card_ids=[card.id for card in cards])
    return BoardData(plan, today, lines, tuple(krs), tuple(cards), slips, total)


def _most_columns(plan: Any) -> int:
    """The most columns the plan's board can have: the quarter, its months and its weeks."""
    quarter = Quarter(plan.quarter_start, plan.quarter_end)
    return 1 + len(quarter.months()) + len(quarter.weeks())


def _first_lanes(
    s: Tx, plan_id: int, krs: list[Any], columns: int, rows: int
) -> tuple[int | None, list[int] | None]:
    """(the plan's card count, the KR ids of the first lanes) when the plan is big enough to
    open lanes first; (None, None) when all its cards are read at once anyway."""
    ct, lt = t.actioncard, t.cardkr
    total = s.execute(sa.select(sa.func.count()).where(ct.c.plan_id == plan_id)).scalar_one()
    if total <= FIRST_LANES_ABOVE:
        return None, None
    ids = [kr.id for kr in krs]
    counts = dict(
        s.execute(  # type: ignore[arg-type]
            sa.select(lt.c.kr_id, sa.func.count()).where(lt.c.kr_id.in_(ids)).group_by(lt.c.kr_id)
        ).all()
    )
    chosen, high = [], 0
    for ident in ids:
        if high >= rows:
            return total, chosen
        chosen.append(ident)
        high += -(-counts.get(ident, 0) // columns)  # the lane's least height, in cards
    return None, None  # the first lanes are all of them: read everything


def _rule_card_ids(s: Tx, plan_id: int) -> list[int]:
    """Cards a warning rule of the plan reads (a downgrade by a card's status): read with the
    first lanes, so the lights the first screen shows are the plan's lights."""
    wt = t.warningrule
    ids = []
    for (text,) in s.execute(sa.select(wt.c.params).where(wt.c.plan_id == plan_id)):
        try:
            params = json.loads(text)
        except (TypeError, ValueError):
            continue
        value = params.get("card_id") if isinstance(params, dict) else None
        if isinstance(value, int) or (isinstance(value, str) and value.isdigit()):
            ids.append(int(value))
    return ids


def load_cards(svc: PlanService, ids: Iterable[int]) -> list[Any]:
    """The cards with these ids that still exist (a deleted one is simply absent)."""
    wanted = sorted(set(ids))
    if not wanted:
        return []
    ct, lt = t.actioncard, t.cardkr
    with svc.engine.connect() as s:
        return _cards(s, ct.c.id.in_(wanted), lt.c.card_id.in_(wanted))


def _cards(s: Tx, where: Any, link_where: Any) -> list[Any]:
    """Card records with their KR ids, in sort order.

    Built positionally from plain tuples with the cyclic collector held: for a 10,000-card
    plan that is several times faster than keyword construction from row mappings.
    """
    ct, lt = t.actioncard, t.cardkr
    enabled = gc.isenabled()
    gc.disable()
    try:
        links: dict[int, list[int]] = {}
        stmt = sa.select(lt.c.card_id, lt.c.kr_id).where(link_where)
        # .all() fetches in one call; iterating a result fetches row by row (2-3x slower).
        for card_id, kr_id in s.execute(stmt.order_by(lt.c.card_id, lt.c.kr_id)).all():
            links.setdefault(card_id, []).append(kr_id)
        rows = s.execute(sa.select(ct).where(where).order_by(ct.c.sort_order, ct.c.id)).all()
        make, empty = rec.CardRecord, ()
        return [make(*row, tuple(links.get(row[0], empty))) for row in rows]
    finally:
        if enabled:
            gc.enable()


def slip_counts(svc: PlanService, card_ids: Iterable[int]) -> dict[int, int]:
    """How often each of these cards slipped (cards that never slipped are absent)."""
    with svc.engine.connect() as s:
        return _slip_counts(s, card_ids=list(card_ids))


def _slip_counts(
    s: Tx, *, plan_id: int | None = None, card_ids: list[int] | None = None
) -> dict[int, int]:
    st = t.cardslip
    stmt = sa.select(st.c.card_id, sa.func.count()).group_by(st.c.card_id)
    if plan_id is not None:
        ct = t.actioncard
        stmt = stmt.join(ct, ct.c.id == st.c.card_id).where(ct.c.plan_id == plan_id)
    if card_ids is not None:
        if not card_ids:
            return {}
        stmt = stmt.where(st.c.card_id.in_(card_ids))
    return {card_id: count for card_id, count in s.execute(stmt)}


# ----- card facts -------------------------------------------------------------------------
def period_last_day(level: str, period_end: dt.date) -> dt.date:
    """The last day of a card's period (``period_end`` is the start of its last bucket)."""
    lvl = Level(level)
    if lvl is Level.WEEK:
        return period_end + dt.timedelta(days=6)
    if lvl is Level.MONTH:
        return month_end(period_end)
    return quarter_of(period_end)[1]


def due_outside(card: Any, quarter: Quarter) -> bool:
    """The due date lies outside the card's own period or outside the plan's quarter.

    Allowed (plans say "W51-52, due 12-29") but worth a flag: either the period or the date is
    probably wrong.
    """
    due = card.due
    if due is None:
        return False
    last = period_last_day(card.level, card.period_end)
    return not (card.period_start <= due <= last) or not quarter.contains(due)


def is_overdue(card: Any, today: dt.date) -> bool:
    """Due before the plan's today and not done."""
    return card.due is not None and card.due < today and card.status != Status.DONE.value
