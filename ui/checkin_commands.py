"""The commands behind check-ins: add, edit and delete, keeping the metric's current value.

A metric's ``current`` is what the goal tree, the KR panel and the score show; a check-in is a
dated reading of it. When the latest reading changes (a new week checked in, the latest one
edited or deleted), ``current`` follows in the same undo step, so undo puts both back together.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QCoreApplication

from app.commands import Command, CreateEntity, DeleteEntity, Macro, UpdateEntity
from models.rules import with_unit


def _tr(text: str) -> str:
    return QCoreApplication.translate("CheckIns", text)


def week_label(day: dt.date) -> str:
    return f"W{day.isocalendar().week:02d}"


def _latest(rows: Sequence[Any]) -> Any | None:
    return max(rows, key=lambda c: (c.date, c.id or 0), default=None)


def _follow_current(metric: Any, rows_after: Sequence[Any]) -> UpdateEntity | None:
    latest = _latest(rows_after)
    if latest is None or latest.value == metric.current:
        return None
    name = _tr("Set %1 to %2").replace("%1", metric.name)
    name = name.replace("%2", with_unit(latest.value, metric.unit or ""))
    return UpdateEntity("metric", metric.id, {"current": float(latest.value)}, name=name)


class _Row:
    """A check-in as it will be after the command, for working out the latest reading."""

    def __init__(self, ident: int | None, date: dt.date, value: float) -> None:
        self.id, self.date, self.value = ident, date, value


def add_checkin(
    metric: Any, existing: Sequence[Any], date: dt.date, value: float, note: str
) -> Command:
    """Check in ``value`` for ``metric`` on ``date``; one undo step with the current value."""
    name = _tr("Check in %1 %2 for %3").replace("%1", metric.name)
    name = name.replace("%2", with_unit(value, metric.unit or "")).replace("%3", week_label(date))
    fields = {"metric_id": metric.id, "date": date, "value": float(value), "note": note}
    create = CreateEntity("checkin", fields, name=name)
    after = [*existing, _Row(10**12, date, value)]  # a new row sorts after same-day readings
    follow = _follow_current(metric, after)
    return create if follow is None else Macro([create, follow], name=name)


def edit_checkin(
    metric: Any, existing: Sequence[Any], checkin: Any, changes: dict[str, Any]
) -> Command | None:
    """Change a check-in's date, value or note; None when nothing changes."""
    after = {k: v for k, v in changes.items() if getattr(checkin, k) != v}
    if not after:
        return None
    name = _tr("Edit check-in of %1 for %2").replace("%1", metric.name)
    name = name.replace("%2", week_label(after.get("date", checkin.date)))
    update = UpdateEntity("checkin", checkin.id, after, name=name)
    rows = [
        _Row(c.id, after.get("date", c.date), after.get("value", c.value))
        if c.id == checkin.id
        else c
        for c in existing
    ]
    follow = _follow_current(metric, rows)
    return update if follow is None else Macro([update, follow], name=name)


def delete_checkin(metric: Any, existing: Sequence[Any], checkin: Any) -> Command:
    """Delete a check-in; if it was the latest, ``current`` goes back to the one before."""
    name = _tr("Delete check-in of %1 for %2").replace("%1", metric.name)
    name = name.replace("%2", week_label(checkin.date))
    delete = DeleteEntity("checkin", checkin.id, name=name)
    follow = _follow_current(metric, [c for c in existing if c.id != checkin.id])
    return delete if follow is None else Macro([delete, follow], name=name)
