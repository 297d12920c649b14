"""SQLModel classes of the plan's tables, for typed rows (tests, scripts, ORM sessions).

Each class is mapped onto its Core table in models.schema (``__table__``), which holds the
columns, types, keys and defaults once; the fields here follow from those columns. The service
reads and writes with the Core tables, so importing this module (and pydantic with it) stays
off the start-up path. The enumerations live in models.enums.
"""

from __future__ import annotations

import types
from typing import Any

import sqlalchemy as sa
from pydantic import ConfigDict
from sqlmodel import Field, SQLModel

from models import schema


class _Table(SQLModel):
    """The base of every table class: pydantic's validators are built on first use, not at
    import (rows are read as plain records and written through the service)."""

    model_config = ConfigDict(defer_build=True)


def _field(column: sa.Column) -> tuple[Any, Any]:
    """The annotation and Field of one column: optional where the column is nullable or the
    database assigns it (an integer primary key of its own), with the column's default."""
    kind: Any = column.type.python_type
    assigned = column.primary_key and column.name == "id"
    if column.nullable or assigned:
        kind = kind | None
    if column.default is not None:
        return kind, Field(default=column.default.arg, sa_column=column)  # type: ignore[union-attr]
    if column.nullable or assigned:
        return kind, Field(default=None, sa_column=column)
    return kind, Field(sa_column=column)


def _model(name: str, table: sa.Table) -> Any:
    """A SQLModel table class mapped onto ``table``: one field per column."""
    fields = {column.name: _field(column) for column in table.columns}

    def body(ns: dict[str, Any]) -> None:
        ns["__module__"] = __name__
        ns["__qualname__"] = name
        ns["__doc__"] = f"A row of the {table.name!r} table (columns: models.schema.{table.name})."
        ns["__table__"] = table
        ns["__annotations__"] = {key: kind for key, (kind, _) in fields.items()}
        ns.update({key: field for key, (_, field) in fields.items()})

    return types.new_class(name, (_Table,), {"table": True}, body)


Plan = _model("Plan", schema.plan)
Objective = _model("Objective", schema.objective)
Line = _model("Line", schema.line)
KeyResult = _model("KeyResult", schema.keyresult)
Metric = _model("Metric", schema.metric)
CheckIn = _model("CheckIn", schema.checkin)
WorkPackage = _model("WorkPackage", schema.workpackage)
WorkPackageKR = _model("WorkPackageKR", schema.workpackagekr)
Deliverable = _model("Deliverable", schema.deliverable)
ActionCard = _model("ActionCard", schema.actioncard)
CardKR = _model("CardKR", schema.cardkr)
CardSlip = _model("CardSlip", schema.cardslip)
WarningRule = _model("WarningRule", schema.warningrule)
