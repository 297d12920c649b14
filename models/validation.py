"""Field validation for every value a user or an import can set.

Generic checks come from the table's columns (type, nullability, length); the rules that the
columns cannot express (lights, levels, percentages, floor vs stretch, KR codes) are added per
entity. Checks that need other rows (unique KR codes, a check-in's metric unit) live in the
service, which calls the helpers here.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import re
from collections.abc import Mapping
from typing import Any

import sqlalchemy as sa

from models.calendar import Level, normalize_period_start
from models.enums import Direction, RuleKind, Status
from models.errors import ValidationError
from models.lights import Light
from models.rule_params import parse_params

KR_CODE = re.compile(r"^KR[0-9]{1,3}$")
PERCENT = "%"
# Fields that must not be blank once stripped (per entity name).
REQUIRED_TEXT = {"title", "name"}


def clean_fields(
    entity: str, table: sa.Table, fields: Mapping[str, Any], *, partial: bool
) -> dict[str, Any]:
    """Type-check and normalise ``fields`` against ``table``'s columns.

    ``partial`` is for updates: missing columns are fine; for creation every non-nullable column
    without a default must be present.
    """
    columns = {col.name: col for col in table.columns}
    out: dict[str, Any] = {}
    for name, value in fields.items():
        if name not in columns or name == "id":
            raise ValidationError(entity, name, "is not a field that can be set")
        out[name] = _clean_value(entity, name, columns[name], value)
    if not partial:
        for name, default in model_defaults(table).items():
            out.setdefault(name, default)
        for name, col in columns.items():
            if name not in out and not col.primary_key and not col.nullable:
                raise ValidationError(entity, name, "is required")
    return out


def model_defaults(table: sa.Table) -> dict[str, Any]:
    """The declared defaults of a table's columns: those that have one, and None for every
    other nullable column (id excluded)."""
    out: dict[str, Any] = {}
    for col in table.columns:
        if col.name == "id" or col.primary_key:
            continue
        if col.default is not None:
            out[col.name] = col.default.arg  # type: ignore[attr-defined]
        elif col.nullable:
            out[col.name] = None
    return out


def _clean_value(entity: str, name: str, col: sa.Column, value: Any) -> Any:
    if value is None:
        if not col.nullable:
            raise ValidationError(entity, name, "cannot be empty")
        return None
    # A TypeDecorator (such as SQLModel's AutoString) may report the generic ``object`` as its
    # python_type (SQLAlchemy 2.1); the type it wraps knows what it holds.
    col_type = col.type.impl if isinstance(col.type, sa.types.TypeDecorator) else col.type
    kind = col_type.python_type if not isinstance(col_type, sa.types.NullType) else object
    if kind is str:
        if not isinstance(value, str):
            raise ValidationError(entity, name, f"must be text, got {type(value).__name__}")
        value = value.strip() if name in REQUIRED_TEXT else value
        if name in REQUIRED_TEXT and not value:
            raise ValidationError(entity, name, "cannot be empty")
        limit = getattr(col.type, "length", None)
        if limit is not None and len(value) > limit:
            raise ValidationError(entity, name, f"is {len(value)} characters; at most {limit}")
        return value
    if kind is bool:
        if not isinstance(value, bool):
            raise ValidationError(entity, name, "must be true or false")
        return value
    if kind is int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise ValidationError(entity, name, "must be a whole number")
        if abs(value) > 2**31 - 1:
            raise ValidationError(entity, name, "is out of range")
        return value
    if kind is float:
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise ValidationError(entity, name, "must be a number")
        # An int beyond float range would overflow math.isfinite() (and may be too long to print).
        if isinstance(value, int) and abs(value) > 1e12:
            raise ValidationError(entity, name, "is out of range")
        if not math.isfinite(value) or abs(value) > 1e12:
            raise ValidationError(entity, name, f"{value} is not a usable number")
        return float(value)
    if kind is dt.datetime:
        if not isinstance(value, dt.datetime):
            raise ValidationError(entity, name, "must be a date and time")
        return value
    if kind is dt.date:
        if isinstance(value, dt.datetime) or not isinstance(value, dt.date):
            raise ValidationError(entity, name, "must be a date")
        if not dt.date(1900, 1, 1) <= value <= dt.date(2999, 12, 31):
            raise ValidationError(entity, name, f"{value} is out of range")
        return value
    return value


def check_light(entity: str, name: str, value: Any, *, nullable: bool = True) -> None:
    if value is None and nullable:
        return
    if value not in {light.value for light in Light}:
        allowed = ", ".join(light.value for light in Light)
        raise ValidationError(entity, name, f"{value!r} is not a light; use one of {allowed}")


def check_choice(entity: str, name: str, value: Any, choices: type) -> None:
    allowed = [c.value for c in choices]  # type: ignore[attr-defined]
    if value not in allowed:
        raise ValidationError(entity, name, f"{value!r} is not one of {', '.join(allowed)}")


def check_kr_code(code: str) -> str:
    normalised = code.strip().upper()
    if not KR_CODE.match(normalised):
        raise ValidationError("kr", "code", f"{code!r} must look like KR1, KR2, ...")
    return normalised


def check_metric(values: Mapping[str, Any]) -> None:
    """A merged (old + new) metric: percentages within 0-100, floor not beyond stretch."""
    check_choice("metric", "direction", values.get("direction"), Direction)
    if values.get("unit") == PERCENT:
        for name in ("baseline", "current", "floor", "stretch", "target"):
            check_percentage("metric", name, values.get(name))
    floor, stretch = values.get("floor"), values.get("stretch")
    if floor is not None and stretch is not None:
        increasing = values.get("direction") == Direction.INCREASE.value
        if increasing and floor > stretch:
            raise ValidationError(
                "metric", "floor", f"floor {floor:g} is above stretch {stretch:g}"
            )
        if not increasing and floor < stretch:
            raise ValidationError(
                "metric",
                "floor",
                f"floor {floor:g} is below stretch {stretch:g} (lower is better here)",
            )


def check_percentage(entity: str, name: str, value: float | None) -> None:
    if value is not None and not 0 <= value <= 100:
        raise ValidationError(entity, name, f"{value:g}% is outside 0-100")


def check_card(values: Mapping[str, Any]) -> None:
    """A merged card: a known level and status, periods aligned to the level and in order."""
    check_choice("card", "level", values.get("level"), Level)
    check_choice("card", "status", values.get("status"), Status)
    check_light("card", "light", values.get("light"))
    level = Level(values["level"])
    start, end = values["period_start"], values["period_end"]
    if normalize_period_start(level, start) != start:
        raise ValidationError("card", "period_start", f"{start} is not the start of a {level}")
    if normalize_period_start(level, end) != end:
        raise ValidationError("card", "period_end", f"{end} is not the start of a {level}")
    if end < start:
        raise ValidationError("card", "period_end", f"{end} is before the start {start}")


def check_rule(values: Mapping[str, Any]) -> None:
    """A rule's kind, light and parameters: the parameters are checked as its kind reads them
    (models.rule_params), so a rule that could never run is refused with the parameter named
    (``params.min_gain``) instead of being saved and reported as broken later."""
    check_choice("rule", "kind", values.get("kind"), RuleKind)
    check_light("rule", "light", values.get("light"), nullable=False)
    try:
        params = json.loads(values.get("params") or "{}")
    except ValueError as exc:
        raise ValidationError("rule", "params", f"is not valid JSON ({exc})") from exc
    if not isinstance(params, dict):
        raise ValidationError("rule", "params", "must be a JSON object")
    parse_params(values["kind"], params)
