"""The entity kinds the service handles: table, record type and KR link table of each.

One table of kinds serves every generic read and write (``get``, ``list``, ``create``,
``update``, ``delete``), so a new entity is one line here rather than a method per entity.
"""

from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa
from sqlmodel import SQLModel

from app.services import records as rec
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


def table_of(table: type[SQLModel]) -> sa.Table:
    """The Core table behind a SQLModel class: the service reads with column selects."""
    return table.__table__  # type: ignore[attr-defined,no-any-return]
