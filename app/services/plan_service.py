"""The service layer: the only writer of plan data.

Every public method is one user action and one short transaction
(``with Session(engine) as s, s.begin()``). Ids go in, frozen records come out. Validation errors
raise ``ValidationError`` naming the entity, the field and what is allowed, before anything is
written. Reads use column selects, not ORM entity loads: a 20,000-card board loads in
milliseconds that way.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from app.services import records as rec
from app.services.bulk import BulkWrites
from app.services.checks import RowError, RowErrors, check_kr_ids, kr_codes, validated
from app.services.kinds import KINDS, Kind, Tx
from app.services.snapshots import Snapshot, collect_dependents, restore_rows
from models import schema
from models.calendar import Level, Quarter, shift_period
from models.errors import NotFoundError, ValidationError
from models.lights import Light

if TYPE_CHECKING:
    from sqlmodel import Session

# Names callers import from here (the service's public surface), wherever they now live.
__all__ = ["KINDS", "Kind", "PlanService", "RowError", "RowErrors", "Snapshot", "light_or_none"]


class PlanService(BulkWrites):
    """Reads and writes one plan database (bulk writes: app.services.bulk)."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._session: Session | None = None

    @contextmanager
    def _tx(self) -> Iterator[Session]:
        """One write transaction per call, or the batch's transaction inside ``batch()``."""
        if self._session is not None:
            yield self._session
            return
        from sqlmodel import Session  # loaded after the first paint (app.main), not before

        with Session(self.engine) as s, s.begin():
            yield s

    @contextmanager
    def _read(self) -> Iterator[Tx]:
        """A read: on a Core connection of its own (SQLModel is not needed to read, so a window
        paints before it loads), or inside ``batch()`` on the batch's transaction, which sees
        the batch's writes."""
        if self._session is not None:
            yield self._session
            return
        with self.engine.connect() as conn:
            yield conn

    @contextmanager
    def batch(self) -> Iterator[PlanService]:
        """Group several writes into one transaction: all of them land, or none (imports)."""
        if self._session is not None:
            yield self
            return
        from sqlmodel import Session

        with Session(self.engine) as s, s.begin():
            self._session = s
            try:
                yield self
            finally:
                self._session = None

    # ----- reads -------------------------------------------------------------------------
    def get(self, kind: str, ident: int) -> Any:
        k = KINDS[kind]
        with self._read() as s:
            return self._get(s, k, ident)

    def list(self, kind: str, /, **where: Any) -> list[Any]:
        """All rows of a kind matching equality filters, in sort order where there is one."""
        k = KINDS[kind]
        with self._read() as s:
            return self._list(s, k, where)

    def plans(self) -> list[Any]:
        return self.list("plan")

    def first_plan_id(self) -> int:
        plans = self.plans()
        if not plans:
            raise NotFoundError("plan", "any")
        return plans[0].id

    def today(self, plan_id: int, real_today: dt.date | None = None) -> dt.date:
        """The plan's today: its frozen as-of date, or the real date for a live plan."""
        plan = self.get("plan", plan_id)
        return plan.as_of or real_today or dt.date.today()

    def quarter(self, plan_id: int) -> Quarter:
        plan = self.get("plan", plan_id)
        return Quarter(plan.quarter_start, plan.quarter_end)

    def tree(self, plan_id: int) -> rec.PlanTree:
        with self._read() as s:
            plan = self._get(s, KINDS["plan"], plan_id)
            objectives = self._list(s, KINDS["objective"], {"plan_id": plan_id})
            obj_ids = [o.id for o in objectives]
            lines = self._list_in(s, KINDS["line"], "objective_id", obj_ids)
            krs = self._list_in(s, KINDS["kr"], "line_id", [line.id for line in lines])
            metrics = self._list_in(s, KINDS["metric"], "kr_id", [kr.id for kr in krs])
            wps = self._list(s, KINDS["work_package"], {"plan_id": plan_id})
            deliverables = self._list_in(
                s, KINDS["deliverable"], "work_package_id", [wp.id for wp in wps]
            )
        return rec.PlanTree(plan, objectives, lines, krs, metrics, wps, deliverables)

    def kr_codes(self, plan_id: int) -> dict[str, int]:
        """KR code -> id for a plan."""
        with self._read() as s:
            return kr_codes(s, plan_id)

    def cards(self, plan_id: int) -> list[Any]:
        return self.list("card", plan_id=plan_id)

    def max_sort_order(self, kind: str, /, **where: Any) -> int:
        """The highest sort_order of matching rows, -1 if none: what an append goes after."""
        t = KINDS[kind].table
        stmt = sa.select(sa.func.max(t.c.sort_order))
        for name, value in where.items():
            stmt = stmt.where(t.c[name] == value)
        with self._read() as s:
            found = s.execute(stmt).scalar()
        return -1 if found is None else found

    def cards_of_kr(self, kr_id: int) -> list[Any]:
        """The cards serving one KR, in board order (the KR panel's list; no full board read)."""
        ct, lt = schema.actioncard, schema.cardkr
        linked = sa.select(lt.c.card_id).where(lt.c.kr_id == kr_id)
        stmt = sa.select(ct).where(ct.c.id.in_(linked)).order_by(ct.c.sort_order, ct.c.id)
        with self._read() as s:
            return self._record(s, KINDS["card"], s.execute(stmt).all())

    def checkins(self, metric_id: int) -> list[Any]:
        with self._read() as s:
            t = schema.checkin
            rows = s.execute(
                sa.select(t).where(t.c.metric_id == metric_id).order_by(t.c.date, t.c.id)
            )
            return [rec.CheckInRecord(**row._mapping) for row in rows]

    # ----- writes ------------------------------------------------------------------------
    def create(self, kind: str, /, **fields: Any) -> Any:
        """Insert one entity (with ``kr_ids`` for cards and work packages) and return it."""
        k = KINDS[kind]
        kr_ids = fields.pop("kr_ids", None)
        with self._tx() as s:
            values = validated(s, k, fields, existing=None)
            if kr_ids and k.link is None:
                raise ValidationError(kind, "kr_ids", "this entity has no KR links")
            check_kr_ids(s, k, kr_ids or ())
            inserted = s.execute(sa.insert(k.table).values(**values))
            new_id = inserted.inserted_primary_key[0]
            if k.link is not None:
                self._set_links(s, k, new_id, kr_ids or ())
            return self._get(s, k, new_id)

    def update(self, kind: str, ident: int, /, **fields: Any) -> tuple[Any, dict[str, Any]]:
        """Change fields of one entity; returns the new record and the old values changed."""
        k = KINDS[kind]
        kr_ids = fields.pop("kr_ids", None)
        with self._tx() as s:
            old = self._get(s, k, ident)
            values = validated(s, k, fields, existing=old)
            if kr_ids is not None:
                if k.link is None:
                    raise ValidationError(kind, "kr_ids", "this entity has no KR links")
                check_kr_ids(s, k, kr_ids)
            before = {name: getattr(old, name) for name in values}
            if values:
                t = k.table
                s.execute(sa.update(t).where(t.c.id == ident).values(**values))
            if kr_ids is not None:
                before["kr_ids"] = old.kr_ids
                self._set_links(s, k, ident, kr_ids)
            return self._get(s, k, ident), before

    def delete(self, kind: str, ident: int) -> Snapshot:
        """Delete one entity and everything that depends on it; the snapshot restores it all."""
        k = KINDS[kind]
        with self._tx() as s:
            self._get(s, k, ident)
            rows = collect_dependents(s, k.table, [ident])
            t = k.table
            s.execute(sa.delete(t).where(t.c.id == ident))
            return Snapshot(rows=rows)

    def restore(self, snapshot: Snapshot) -> None:
        """Re-insert the rows of a delete with their original ids (undo of a delete)."""
        with self._tx() as s:
            restore_rows(s, snapshot)

    def move_card(
        self,
        card_id: int,
        *,
        level: str,
        period_start: dt.date,
        period_end: dt.date,
        due: dt.date | None,
        record_slip: bool = True,
        at: dt.datetime | None = None,
    ) -> tuple[Any, int | None]:
        """Move a card to another bucket in one transaction; a later period records a slip.

        Returns the card and the id of the slip recorded (None if the move was not a slip).
        """
        k = KINDS["card"]
        with self._tx() as s:
            old = self._get(s, k, card_id)
            fields = {"level": level, "period_start": period_start, "period_end": period_end}
            fields["due"] = due
            values = validated(s, k, fields, existing=old)
            t = schema.actioncard
            s.execute(sa.update(t).where(t.c.id == card_id).values(**values))
            slip_id = None
            if record_slip and period_start > old.period_start:
                slip = {"card_id": card_id, "from_start": old.period_start}
                slip |= {"to_start": period_start, "at": at or dt.datetime.now(dt.UTC)}
                inserted = s.execute(sa.insert(schema.cardslip).values(**slip))
                slip_id = inserted.inserted_primary_key[0]
            return self._get(s, k, card_id), slip_id

    def shift_card(self, card_id: int, weeks: int, *, move_due: bool = True) -> dict[str, Any]:
        """The fields a move of ``weeks`` weeks would give (for keyboard moves); writes nothing."""
        card = self.get("card", card_id)
        level = Level(card.level)
        step = weeks if level is Level.WEEK else 0
        if level is not Level.WEEK:
            raise ValidationError("card", "level", "only week cards move by weeks")
        return {
            "level": card.level,
            "period_start": shift_period(level, card.period_start, step),
            "period_end": shift_period(level, card.period_end, step),
            "due": card.due + dt.timedelta(weeks=weeks) if (card.due and move_due) else card.due,
        }

    # ----- internals ---------------------------------------------------------------------
    def _get(self, s: Tx, k: Kind, ident: int) -> Any:
        t = k.table
        row = s.execute(sa.select(t).where(t.c.id == ident)).first()
        if row is None:
            raise NotFoundError(k.name, ident)
        return self._record(s, k, [row])[0]

    def _list(self, s: Tx, k: Kind, where: Mapping[str, Any]) -> list[Any]:
        t = k.table
        stmt = sa.select(t)
        for name, value in where.items():
            stmt = stmt.where(t.c[name] == value)
        order = [t.c.sort_order] if "sort_order" in t.c else []
        return self._record(s, k, s.execute(stmt.order_by(*order, t.c.id)).all())

    def _list_in(self, s: Tx, k: Kind, column: str, ids: list[int]) -> list[Any]:
        if not ids:
            return []
        t = k.table
        order = [t.c.sort_order] if "sort_order" in t.c else []
        stmt = sa.select(t).where(t.c[column].in_(ids)).order_by(*order, t.c.id)
        return self._record(s, k, s.execute(stmt).all())

    def _record(self, s: Tx, k: Kind, rows: Iterable[sa.Row]) -> list[Any]:
        rows = list(rows)
        if k.link is None:
            return [k.record(**row._mapping) for row in rows]
        links: dict[int, list[int]] = {}
        lt = k.link
        owner = lt.c[k.link_column]
        stmt = sa.select(owner, lt.c.kr_id).order_by(owner, lt.c.kr_id)
        if len(rows) < 500:
            stmt = stmt.where(owner.in_([row.id for row in rows]))
        for owner_id, kr_id in s.execute(stmt):
            links.setdefault(owner_id, []).append(kr_id)
        return [k.record(**row._mapping, kr_ids=tuple(links.get(row.id, ()))) for row in rows]

    def _set_links(self, s: Tx, k: Kind, owner_id: int, kr_ids: Iterable[int]) -> None:
        assert k.link is not None
        ids = list(dict.fromkeys(kr_ids))
        check_kr_ids(s, k, ids)
        lt = k.link
        s.execute(sa.delete(lt).where(lt.c[k.link_column] == owner_id))
        if ids:
            s.execute(sa.insert(lt), [{k.link_column: owner_id, "kr_id": i} for i in ids])


def light_or_none(value: str | None) -> Light | None:
    return Light(value) if value else None
