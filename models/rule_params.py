"""Parameters of each warning-rule kind: what they are, and a check that names a bad one.

Rules are stored with their parameters as a JSON object (``WarningRule.params``), written by
the sample plan and by the rule editor. Both evaluation and the editor go through
``parse_params`` so a rule that would not evaluate is refused where it is typed, and one that
was stored broken (an id that no longer exists) is reported instead of crashing the lights.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from models.enums import RuleKind
from models.errors import ValidationError


@dataclass(frozen=True, slots=True)
class Param:
    """One parameter of a rule kind: its JSON key, type, and whether it may be left out."""

    key: str
    type: str  # "id", "number", "count", "date"
    required: bool = True


PARAMS: dict[RuleKind, tuple[Param, ...]] = {
    RuleKind.GAIN_BELOW: (
        Param("metric_id", "id"),
        Param("min_gain", "number"),
        Param("weeks", "count"),
    ),
    RuleKind.MILESTONE_BY_DATE: (
        Param("deliverable_id", "id", required=False),
        Param("work_package_id", "id", required=False),
        Param("date", "date"),
    ),
    RuleKind.DOWNGRADE_BY_DATE: (
        Param("card_id", "id"),
        Param("date", "date"),
        Param("metric_id", "id"),
        Param("from_target", "number"),
        Param("to_target", "number"),
    ),
    RuleKind.FIRST_WEEK_BELOW: (
        Param("metric_id", "id"),
        Param("threshold", "number"),
        Param("days", "count"),
        Param("start", "date", required=False),  # default: the metric's first check-in
    ),
}


def _bad(key: str, message: str) -> ValidationError:
    return ValidationError("rule", f"params.{key}", message)


def _value(param: Param, raw: Any) -> Any:
    if param.type == "date":
        if isinstance(raw, dt.date):
            return raw
        if not isinstance(raw, str):
            raise _bad(param.key, "must be a date like 2025-12-20")
        try:
            return dt.date.fromisoformat(raw)
        except ValueError:
            raise _bad(param.key, f"{raw!r} is not a date like 2025-12-20") from None
    if isinstance(raw, bool) or not isinstance(raw, int | float):
        raise _bad(param.key, f"must be a number, got {raw!r}")
    if param.type == "number":
        if raw != raw or abs(raw) > 1e12:  # NaN or absurd
            raise _bad(param.key, f"{raw!r} is not a usable number")
        return float(raw)
    if raw != int(raw) or raw < 1:
        what = "an id" if param.type == "id" else "a whole number of at least 1"
        raise _bad(param.key, f"must be {what}, got {raw!r}")
    return int(raw)


def parse_params(kind: str, params: Mapping[str, Any]) -> dict[str, Any]:
    """Check and normalise a rule's parameters (dates become ``date``, counts ``int``).

    Raises ValidationError naming ``params.<key>`` and what is allowed.
    """
    try:
        rule_kind = RuleKind(kind)
    except ValueError:
        allowed = ", ".join(k.value for k in RuleKind)
        raise ValidationError("rule", "kind", f"{kind!r} is not one of {allowed}") from None
    spec = PARAMS[rule_kind]
    known = {p.key for p in spec}
    unknown = [key for key in params if key not in known]
    if unknown:
        raise _bad(unknown[0], f"is not a parameter of {rule_kind.value}")
    out: dict[str, Any] = {}
    for param in spec:
        raw = params.get(param.key)
        if raw is None:
            if param.required:
                raise _bad(param.key, "is required")
            continue
        out[param.key] = _value(param, raw)
    if rule_kind is RuleKind.MILESTONE_BY_DATE:
        chosen = [k for k in ("deliverable_id", "work_package_id") if k in out]
        if len(chosen) != 1:
            raise _bad("deliverable_id", "give either a deliverable or a work package, not both")
    if rule_kind is RuleKind.GAIN_BELOW and out["min_gain"] <= 0:
        raise _bad("min_gain", "must be more than 0")
    return out


def params_json(params: Mapping[str, Any]) -> dict[str, Any]:
    """Parsed parameters back to their JSON form (dates as ISO text) for storing."""
    return {k: (v.isoformat() if isinstance(v, dt.date) else v) for k, v in params.items()}
