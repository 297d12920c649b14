"""The service layer: the only writer of plan data.

Every public method is one user action and one short transaction
(``with Session(engine) as s, s.begin()``). Ids go in, frozen records come out. Validation errors
raise ``ValidationError`` naming the entity, the field and what is allowed, before anything is
written. Reads use column selects, not ORM entity loads: a 20,000-card board loads in
milliseconds that way.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from itertools import groupby
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Engine
from sqlmodel import Session, SQLModel

from app.services import records as rec
from models import validation as v
from models.calendar import Level, Quarter, shift_period
from models.errors import NotFoundError, PlanError, ValidationError
from models.lights import Light
from models.tables import (
    ActionCard,
    CardKR,
    CardSlip,
    CheckIn,
    Deliverable,
    KeyResult,
    Line,
    Metric,
    Objective,
    Plan,
    WarningRule,
    WorkPackage,
    WorkPackageKR,
)


@dataclass(frozen=True, slots=True)
class Kind:
    """How the service handles one entity: its table, record type and KR link table if any."""

    name: str
    table: type[SQLModel]
    record: type
    link: type[SQLModel] | None = None  # many-to-many to KeyResult, exposed as ``kr_ids``
    link_column: str = ""


KINDS: dict[str, Kind] = {
    k.name: k
    for k in (
        Kind("plan", Plan, rec.PlanRecord),
        Kind("objective", Objective, rec.ObjectiveRecord),
        Kind("line", Line, rec.LineRecord),
        Kind("kr", KeyResult, rec.KRRecord),
        Kind("metric", Metric, rec.MetricRecord),
        Kind("checkin", CheckIn, rec.CheckInRecord),
        Kind("work_package", WorkPackage, rec.WorkPackageRecord, WorkPackageKR, "work_package_id"),
        Kind("deliverable", Deliverable, rec.DeliverableRecord),
        Kind("card", ActionCard, rec.CardRecord, CardKR, "card_id"),
        Kind("slip", CardSlip, rec.SlipRecord),
        Kind("rule", WarningRule, rec.RuleRecord),
    )
}


@dataclass(frozen=True, slots=True)
class Snapshot:
    """Rows removed by a delete (the entity and everything that cascaded), for undo."""

    rows: tuple[tuple[str, dict[str, Any]], ...]  # (table name, column values), parents first


def _tbl(table: type[SQLModel]) -> sa.Table:
    return table.__table__  # type: ignore[attr-defined]


class PlanService:
    """Reads and writes one plan database."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._session: Session | None = None

    @contextmanager
    def _tx(self) -> Iterator[Session]:
        """One transaction per call, or the batch's transaction inside ``batch()``."""
        if self._session is not None:
            yield self._session
            return
        with Session(self.engine) as s, s.begin():
            yield s

    @contextmanager
    def batch(self) -> Iterator[PlanService]:
        """Group several writes into one transaction: all of them land, or none (imports)."""
        if self._session is not None:
            yield self
            return
        with Session(self.engine) as s, s.begin():
            self._session = s
            try:
                yield self
            finally:
                self._session = None

    # ----- reads -------------------------------------------------------------------------
    def get(self, kind: str, ident: int) -> Any:
        k = KINDS[kind]
        with self._tx() as s:
            return self._get(s, k, ident)

    def list(self, kind: str, /, **where: Any) -> list[Any]:
        """All rows of a kind matching equality filters, in sort order where there is one."""
        k = KINDS[kind]
        with self._tx() as s:
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
        with self._tx() as s:
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
        with self._tx() as s:
            return self._kr_codes(s, plan_id)

    def cards(self, plan_id: int) -> list[Any]:
        return self.list("card", plan_id=plan_id)

    def max_sort_order(self, kind: str, /, **where: Any) -> int:
        """The highest sort_order of matching rows, -1 if none: what an append goes after."""
        t = _tbl(KINDS[kind].table)
        stmt = sa.select(sa.func.max(t.c.sort_order))
        for name, value in where.items():
            stmt = stmt.where(t.c[name] == value)
        with self._tx() as s:
            found = s.execute(stmt).scalar()
        return -1 if found is None else found

    def cards_of_kr(self, kr_id: int) -> list[Any]:
        """The cards serving one KR, in board order (the KR panel's list; no full board read)."""
        ct, lt = _tbl(ActionCard), _tbl(CardKR)
        linked = sa.select(lt.c.card_id).where(lt.c.kr_id == kr_id)
        stmt = sa.select(ct).where(ct.c.id.in_(linked)).order_by(ct.c.sort_order, ct.c.id)
        with self._tx() as s:
            return self._record(s, KINDS["card"], s.execute(stmt).all())

    def checkins(self, metric_id: int) -> list[Any]:
        with self._tx() as s:
            t = _tbl(CheckIn)
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
            values = self._validated(s, k, fields, existing=None)
            if kr_ids and k.link is None:
                raise ValidationError(kind, "kr_ids", "this entity has no KR links")
            self._check_kr_ids(s, k, kr_ids or ())
            new_id = s.execute(sa.insert(_tbl(k.table)).values(**values)).inserted_primary_key[0]
            if k.link is not None:
                self._set_links(s, k, new_id, kr_ids or ())
            return self._get(s, k, new_id)

    def create_many(self, kind: str, rows: Sequence[Mapping[str, Any]]) -> list[int]:
        """Insert many entities of one kind (an import) and return their ids in row order.

        Each row is validated as ``create`` validates it (``kr_ids`` included) before anything
        is written; if any row is bad, RowErrors names every bad row and nothing is written.
        One INSERT for all rows: ``create`` per row reads each row back and checks its parents
        one by one, about 1 ms a card, which is 10 s for a 10,000-row import.
        """
        k = KINDS[kind]
        with self._tx() as s:
            values, links, errors = self._validated_many(s, k, rows)
            if errors:
                raise RowErrors(errors)
            if not values:
                return []
            t = _tbl(k.table)
            stmt = sa.insert(t).returning(t.c.id, sort_by_parameter_order=True)
            ids = list(s.execute(stmt, values).scalars())
            if k.link is not None:
                pairs = zip(ids, links, strict=True)
                link_rows = [{k.link_column: i, "kr_id": kr} for i, krs in pairs for kr in krs]
                if link_rows:
                    s.execute(sa.insert(_tbl(k.link)), link_rows)
            return ids

    def check_many(self, kind: str, rows: Sequence[Mapping[str, Any]]) -> list[RowError]:
        """What ``create_many`` would refuse, without writing anything (an import's preview)."""
        with self._tx() as s:
            return self._validated_many(s, KINDS[kind], rows)[2]

    def update(self, kind: str, ident: int, /, **fields: Any) -> tuple[Any, dict[str, Any]]:
        """Change fields of one entity; returns the new record and the old values changed."""
        k = KINDS[kind]
        kr_ids = fields.pop("kr_ids", None)
        with self._tx() as s:
            old = self._get(s, k, ident)
            values = self._validated(s, k, fields, existing=old)
            if kr_ids is not None:
                if k.link is None:
                    raise ValidationError(kind, "kr_ids", "this entity has no KR links")
                self._check_kr_ids(s, k, kr_ids)
            before = {name: getattr(old, name) for name in values}
            if values:
                t = _tbl(k.table)
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
            rows = _collect_dependents(s, _tbl(k.table), [ident])
            t = _tbl(k.table)
            s.execute(sa.delete(t).where(t.c.id == ident))
            return Snapshot(rows=rows)

    def delete_many(self, kind: str, idents: Sequence[int]) -> Snapshot:
        """Delete many entities and what depends on them in one transaction (undo of an
        import); one snapshot restores them all. ``delete`` per row takes 1 ms a row."""
        k = KINDS[kind]
        t = _tbl(k.table)
        ids = list(dict.fromkeys(idents))
        chunks = [ids[i : i + 500] for i in range(0, len(ids), 500)]
        rows: list[tuple[str, dict[str, Any]]] = []
        with self._tx() as s:
            for chunk in chunks:
                found = set(s.execute(sa.select(t.c.id).where(t.c.id.in_(chunk))).scalars())
                missing = [i for i in chunk if i not in found]
                if missing:
                    raise NotFoundError(kind, missing[0])
            for chunk in chunks:
                rows += _collect_dependents(s, t, chunk)
                s.execute(sa.delete(t).where(t.c.id.in_(chunk)))
        return Snapshot(rows=tuple(rows))

    def restore(self, snapshot: Snapshot) -> None:
        """Re-insert the rows of a delete with their original ids (undo of a delete)."""
        tables = SQLModel.metadata.tables
        with self._tx() as s:
            # One executemany per run of rows of the same table and columns, in snapshot order
            # (parents first): restoring a 10,000-card import takes 0.2 s instead of 2.5 s.
            runs = groupby(snapshot.rows, key=lambda row: (row[0], tuple(row[1])))
            for (table_name, _columns), run in runs:
                s.execute(sa.insert(tables[table_name]), [values for _, values in run])

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
            values = self._validated(s, k, fields, existing=old)
            t = _tbl(ActionCard)
            s.execute(sa.update(t).where(t.c.id == card_id).values(**values))
            slip_id = None
            if record_slip and period_start > old.period_start:
                slip = {"card_id": card_id, "from_start": old.period_start}
                slip |= {"to_start": period_start, "at": at or dt.datetime.now(dt.UTC)}
                slip_id = s.execute(sa.insert(_tbl(CardSlip)).values(**slip)).inserted_primary_key[
                    0
                ]
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
    def _get(self, s: Session, k: Kind, ident: int) -> Any:
        t = _tbl(k.table)
        row = s.execute(sa.select(t).where(t.c.id == ident)).first()
        if row is None:
            raise NotFoundError(k.name, ident)
        return self._record(s, k, [row])[0]

    def _list(self, s: Session, k: Kind, where: Mapping[str, Any]) -> list[Any]:
        t = _tbl(k.table)
        stmt = sa.select(t)
        for name, value in where.items():
            stmt = stmt.where(t.c[name] == value)
        order = [t.c.sort_order] if "sort_order" in t.c else []
        return self._record(s, k, s.execute(stmt.order_by(*order, t.c.id)).all())

    def _list_in(self, s: Session, k: Kind, column: str, ids: list[int]) -> list[Any]:
        if not ids:
            return []
        t = _tbl(k.table)
        order = [t.c.sort_order] if "sort_order" in t.c else []
        stmt = sa.select(t).where(t.c[column].in_(ids)).order_by(*order, t.c.id)
        return self._record(s, k, s.execute(stmt).all())

    def _record(self, s: Session, k: Kind, rows: Iterable[sa.Row]) -> list[Any]:
        rows = list(rows)
        if k.link is None:
            return [k.record(**row._mapping) for row in rows]
        links: dict[int, list[int]] = {}
        lt = _tbl(k.link)
        owner = lt.c[k.link_column]
        stmt = sa.select(owner, lt.c.kr_id).order_by(owner, lt.c.kr_id)
        if len(rows) < 500:
            stmt = stmt.where(owner.in_([row.id for row in rows]))
        for owner_id, kr_id in s.execute(stmt):
            links.setdefault(owner_id, []).append(kr_id)
        return [k.record(**row._mapping, kr_ids=tuple(links.get(row.id, ()))) for row in rows]

    def _set_links(self, s: Session, k: Kind, owner_id: int, kr_ids: Iterable[int]) -> None:
        assert k.link is not None
        ids = list(dict.fromkeys(kr_ids))
        self._check_kr_ids(s, k, ids)
        lt = _tbl(k.link)
        s.execute(sa.delete(lt).where(lt.c[k.link_column] == owner_id))
        if ids:
            s.execute(sa.insert(lt), [{k.link_column: owner_id, "kr_id": i} for i in ids])

    def _check_kr_ids(self, s: Session, k: Kind, kr_ids: Iterable[int]) -> None:
        """Refuse unknown KR ids before anything is written: inside ``batch()`` a caller may
        catch the error and go on, so a half-written row would otherwise be committed."""
        ids = list(dict.fromkeys(kr_ids))
        if not ids:
            return
        kt = _tbl(KeyResult)
        found = set(s.execute(sa.select(kt.c.id).where(kt.c.id.in_(ids))).scalars())
        missing = [i for i in ids if i not in found]
        if missing:
            raise ValidationError(k.name, "kr_ids", f"no KR with id {missing[0]}")

    def _kr_codes(self, s: Session, plan_id: int) -> dict[str, int]:
        kt, lt, ot = _tbl(KeyResult), _tbl(Line), _tbl(Objective)
        stmt = (
            sa.select(kt.c.code, kt.c.id)
            .join(lt, lt.c.id == kt.c.line_id)
            .join(ot, ot.c.id == lt.c.objective_id)
            .where(ot.c.plan_id == plan_id)
        )
        return {code: ident for code, ident in s.execute(stmt)}

    def _validated_many(
        self, s: Session, k: Kind, rows: Sequence[Mapping[str, Any]]
    ) -> tuple[list[dict[str, Any]], list[list[int]], list[RowError]]:
        """Per row what ``_validated`` checks; parents and KR ids checked once per distinct id."""
        table = _tbl(k.table)
        # field name -> the column it must exist in; kr_ids must name KRs
        targets = {
            col.name: next(iter(col.foreign_keys)).column
            for col in table.columns
            if col.foreign_keys
        }
        blank = dict.fromkeys(col.name for col in table.columns)
        check = _CHECKS.get(k.name)
        out: list[dict[str, Any]] = []
        links: list[list[int]] = []
        errors: list[RowError] = []
        refs: dict[str, dict[Any, list[int]]] = {name: {} for name in [*targets, "kr_ids"]}
        for index, row in enumerate(rows):
            fields = dict(row)
            kr_ids = list(dict.fromkeys(fields.pop("kr_ids", None) or ()))
            try:
                if kr_ids and k.link is None:
                    raise ValidationError(k.name, "kr_ids", "this entity has no KR links")
                values = v.clean_fields(k.name, k.table, fields, partial=False)
                if check is not None:
                    check(self, s, blank | values, values, None)
            except ValidationError as exc:
                errors.append(RowError(index, exc))
                continue
            for name in targets:
                if values.get(name) is not None:
                    refs[name].setdefault(values[name], []).append(index)
            for kr_id in kr_ids:
                refs["kr_ids"].setdefault(kr_id, []).append(index)
            out.append(values)
            links.append(kr_ids)
        targets["kr_ids"] = _tbl(KeyResult).c.id
        for name, wanted in refs.items():
            target, found, keys = targets[name], set(), list(wanted)
            for start in range(0, len(keys), 500):
                chunk = keys[start : start + 500]
                found.update(s.execute(sa.select(target).where(target.in_(chunk))).scalars())
            for value, indexes in wanted.items():
                if value not in found:
                    message = f"no {target.table.name} with id {value}"
                    error = ValidationError(k.name, name, message)
                    errors += [RowError(i, error) for i in indexes]
        errors.sort(key=lambda error: error.index)
        return out, links, errors

    def _validated(
        self, s: Session, k: Kind, fields: Mapping[str, Any], *, existing: Any | None
    ) -> dict[str, Any]:
        values = v.clean_fields(k.name, k.table, fields, partial=existing is not None)
        columns = [col.name for col in _tbl(k.table).columns]
        merged = {name: getattr(existing, name, None) for name in columns}
        merged |= values
        _check_parents(s, k, values)
        check = _CHECKS.get(k.name)
        if check is not None:
            check(self, s, merged, values, existing)
        return values


@dataclass(frozen=True, slots=True)
class RowError:
    """One bad row of a ``create_many`` call: its index in the rows given, and why."""

    index: int
    error: ValidationError


class RowErrors(PlanError):
    """``create_many`` refused its rows; ``errors`` lists every bad row in row order."""

    def __init__(self, errors: Sequence[RowError]) -> None:
        self.errors = list(errors)
        shown = "; ".join(f"row {e.index + 1}: {e.error}" for e in self.errors[:3])
        more = len(self.errors) - 3
        super().__init__(shown + (f" (and {more} more)" if more > 0 else ""))


def _check_parents(s: Session, k: Kind, values: Mapping[str, Any]) -> None:
    """Every foreign key being set points at an existing row (a clear error, not IntegrityError)."""
    for col in _tbl(k.table).columns:
        value = values.get(col.name)
        for fk in col.foreign_keys:
            if value is None:
                continue
            target = fk.column
            found = s.execute(sa.select(target).where(target == value)).first()
            if found is None:
                raise ValidationError(k.name, col.name, f"no {target.table.name} with id {value}")


def _check_plan(svc: PlanService, s: Session, merged: dict, values: dict, old: Any) -> None:
    if merged["quarter_end"] < merged["quarter_start"]:
        raise ValidationError("plan", "quarter_end", "the quarter ends before it starts")


def _check_kr(svc: PlanService, s: Session, merged: dict, values: dict, old: Any) -> None:
    v.check_light("kr", "light", merged.get("light"))
    if "code" in values:
        values["code"] = v.check_kr_code(values["code"])
        lt, ot = _tbl(Line), _tbl(Objective)
        plan_id = s.execute(
            sa.select(ot.c.plan_id)
            .join(lt, lt.c.objective_id == ot.c.id)
            .where(lt.c.id == merged["line_id"])
        ).scalar()
        if plan_id is None:
            raise ValidationError("kr", "line_id", f"no line with id {merged['line_id']}")
        owner = svc._kr_codes(s, plan_id).get(values["code"])
        if owner is not None and (old is None or owner != old.id):
            raise ValidationError("kr", "code", f"{values['code']} already exists in this plan")


def _check_metric(svc: PlanService, s: Session, merged: dict, values: dict, old: Any) -> None:
    v.check_metric(merged)
    if old is not None and "unit" in values and values["unit"] == v.PERCENT:
        t = _tbl(CheckIn)
        worst = s.execute(
            sa.select(sa.func.min(t.c.value), sa.func.max(t.c.value)).where(t.c.metric_id == old.id)
        ).first()
        for value in worst or ():
            if value is not None:
                v.check_percentage("metric", "unit", value)


def _check_checkin(svc: PlanService, s: Session, merged: dict, values: dict, old: Any) -> None:
    t = _tbl(Metric)
    unit = s.execute(sa.select(t.c.unit).where(t.c.id == merged["metric_id"])).scalar()
    if unit is None:
        raise ValidationError("checkin", "metric_id", f"no metric with id {merged['metric_id']}")
    if unit == v.PERCENT:
        v.check_percentage("checkin", "value", merged["value"])


def _check_lit(entity: str) -> Any:
    def check(svc: PlanService, s: Session, merged: dict, values: dict, old: Any) -> None:
        v.check_light(entity, "light", merged.get("light"))

    return check


def _check_card(svc: PlanService, s: Session, merged: dict, values: dict, old: Any) -> None:
    v.check_card(merged)


def _check_rule(svc: PlanService, s: Session, merged: dict, values: dict, old: Any) -> None:
    v.check_rule(merged)


_CHECKS = {
    "plan": _check_plan,
    "kr": _check_kr,
    "metric": _check_metric,
    "checkin": _check_checkin,
    "work_package": _check_lit("work_package"),
    "deliverable": _check_lit("deliverable"),
    "card": _check_card,
    "rule": _check_rule,
}


def _collect_dependents(
    s: Session, table: sa.Table, ids: list[int]
) -> tuple[tuple[str, dict[str, Any]], ...]:
    """Rows of ``table`` with these ids and, recursively, every row whose foreign key points at
    them (what ON DELETE CASCADE will remove), ordered parents first for re-insertion."""
    found: dict[str, dict[tuple, dict[str, Any]]] = {}
    pending: list[tuple[sa.Table, sa.ColumnElement]] = [(table, table.c.id.in_(ids))]
    while pending:
        tbl, condition = pending.pop()
        rows = [dict(r._mapping) for r in s.execute(sa.select(tbl).where(condition))]
        bucket = found.setdefault(tbl.name, {})
        new_rows = []
        for row in rows:
            key = tuple(row[c.name] for c in tbl.primary_key.columns)
            if key not in bucket:
                bucket[key] = row
                new_rows.append(row)
        if not new_rows or "id" not in tbl.c:
            continue
        new_ids = [row["id"] for row in new_rows]
        for child in SQLModel.metadata.sorted_tables:
            for fk in child.foreign_keys:
                if fk.column.table is tbl:
                    pending.append((child, fk.parent.in_(new_ids)))
    ordered = []
    for tbl in SQLModel.metadata.sorted_tables:
        for row in found.get(tbl.name, {}).values():
            ordered.append((tbl.name, row))
    return tuple(ordered)


def light_or_none(value: str | None) -> Light | None:
    return Light(value) if value else None
