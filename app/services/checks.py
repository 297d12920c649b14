"""What the service checks before it writes: field values, parents, KR links, per-kind rules.

Every check raises ValidationError naming the entity, the field and what is allowed, before
anything is written; a bulk check (``validated_many``) collects one RowError per bad row so an
import can list them all. Parents and KR ids are looked up once per distinct id, not per row.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa

from app.services.kinds import Kind, Tx
from models import schema
from models import validation as v
from models.errors import PlanError, ValidationError


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


def validated(s: Tx, k: Kind, fields: Mapping[str, Any], *, existing: Any | None) -> dict[str, Any]:
    """The cleaned values of a create (``existing`` None) or an update, checked as a whole."""
    values = v.clean_fields(k.name, k.table, fields, partial=existing is not None)
    columns = [col.name for col in k.table.columns]
    merged = {name: getattr(existing, name, None) for name in columns}
    merged |= values
    check_parents(s, k, values)
    check = CHECKS.get(k.name)
    if check is not None:
        check(s, merged, values, existing)
    return values


def validated_many(
    s: Tx, k: Kind, rows: Sequence[Mapping[str, Any]]
) -> tuple[list[dict[str, Any]], list[list[int]], list[RowError]]:
    """Per row what ``validated`` checks; parents and KR ids checked once per distinct id."""
    table = k.table
    # field name -> the column it must exist in; kr_ids must name KRs
    targets = {
        col.name: next(iter(col.foreign_keys)).column for col in table.columns if col.foreign_keys
    }
    blank = dict.fromkeys(col.name for col in table.columns)
    check = CHECKS.get(k.name)
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
                check(s, blank | values, values, None)
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
    targets["kr_ids"] = schema.keyresult.c.id
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


def check_parents(s: Tx, k: Kind, values: Mapping[str, Any]) -> None:
    """Every foreign key being set points at an existing row (a clear error, not IntegrityError)."""
    for col in k.table.columns:
        value = values.get(col.name)
        for fk in col.foreign_keys:
            if value is None:
                continue
            target = fk.column
            found = s.execute(sa.select(target).where(target == value)).first()
            if found is None:
                raise ValidationError(k.name, col.name, f"no {target.table.name} with id {value}")


def check_kr_ids(s: Tx, k: Kind, kr_ids: Iterable[int]) -> None:
    """Refuse unknown KR ids before anything is written: inside ``batch()`` a caller may
    catch the error and go on, so a half-written row would otherwise be committed."""
    ids = list(dict.fromkeys(kr_ids))
    if not ids:
        return
    kt = schema.keyresult
    found = set(s.execute(sa.select(kt.c.id).where(kt.c.id.in_(ids))).scalars())
    missing = [i for i in ids if i not in found]
    if missing:
        raise ValidationError(k.name, "kr_ids", f"no KR with id {missing[0]}")


def kr_codes(s: Tx, plan_id: int) -> dict[str, int]:
    """KR code -> id for a plan (codes are unique within a plan)."""
    kt, lt, ot = schema.keyresult, schema.line, schema.objective
    stmt = (
        sa.select(kt.c.code, kt.c.id)
        .join(lt, lt.c.id == kt.c.line_id)
        .join(ot, ot.c.id == lt.c.objective_id)
        .where(ot.c.plan_id == plan_id)
    )
    return {code: ident for code, ident in s.execute(stmt)}


# ----- per kind: (session, merged row, values being written, existing record or None) -----
Check = Callable[[Tx, dict, dict, Any], None]


def _check_plan(s: Tx, merged: dict, values: dict, old: Any) -> None:
    if merged["quarter_end"] < merged["quarter_start"]:
        raise ValidationError("plan", "quarter_end", "the quarter ends before it starts")


def _check_kr(s: Tx, merged: dict, values: dict, old: Any) -> None:
    v.check_light("kr", "light", merged.get("light"))
    if "code" in values:
        values["code"] = v.check_kr_code(values["code"])
        lt, ot = schema.line, schema.objective
        plan_id = s.execute(
            sa.select(ot.c.plan_id)
            .join(lt, lt.c.objective_id == ot.c.id)
            .where(lt.c.id == merged["line_id"])
        ).scalar()
        if plan_id is None:
            raise ValidationError("kr", "line_id", f"no line with id {merged['line_id']}")
        owner = kr_codes(s, plan_id).get(values["code"])
        if owner is not None and (old is None or owner != old.id):
            raise ValidationError("kr", "code", f"{values['code']} already exists in this plan")


def _check_metric(s: Tx, merged: dict, values: dict, old: Any) -> None:
    v.check_metric(merged)
    if old is not None and "unit" in values and values["unit"] == v.PERCENT:
        t = schema.checkin
        worst = s.execute(
            sa.select(sa.func.min(t.c.value), sa.func.max(t.c.value)).where(t.c.metric_id == old.id)
        ).first()
        for value in worst or ():
            if value is not None:
                v.check_percentage("metric", "unit", value)


def _check_checkin(s: Tx, merged: dict, values: dict, old: Any) -> None:
    t = schema.metric
    unit = s.execute(sa.select(t.c.unit).where(t.c.id == merged["metric_id"])).scalar()
    if unit is None:
        raise ValidationError("checkin", "metric_id", f"no metric with id {merged['metric_id']}")
    if unit == v.PERCENT:
        v.check_percentage("checkin", "value", merged["value"])


def _check_lit(entity: str) -> Check:
    def check(s: Tx, merged: dict, values: dict, old: Any) -> None:
        v.check_light(entity, "light", merged.get("light"))

    return check


def _check_card(s: Tx, merged: dict, values: dict, old: Any) -> None:
    v.check_card(merged)


def _check_rule(s: Tx, merged: dict, values: dict, old: Any) -> None:
    v.check_rule(merged)


CHECKS: dict[str, Check] = {
    "plan": _check_plan,
    "kr": _check_kr,
    "metric": _check_metric,
    "checkin": _check_checkin,
    "work_package": _check_lit("work_package"),
    "deliverable": _check_lit("deliverable"),
    "card": _check_card,
    "rule": _check_rule,
}
