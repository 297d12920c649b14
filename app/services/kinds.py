"""The entity kinds the service handles: table, record type and KR link table of each.

One table of kinds serves every generic read and write (``get``, ``list``, ``create``,
``update``, ``delete``), so a new entity is one line here rather than a method per entity.
"""

from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa
from sqlmodel import SQLModel

from app.services import records as rec
from models import tables as t


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
        Kind("plan", t.Plan, rec.PlanRecord),
        Kind("objective", t.Objective, rec.ObjectiveRecord),
        Kind("line", t.Line, rec.LineRecord),
        Kind("kr", t.KeyResult, rec.KRRecord),
        Kind("metric", t.Metric, rec.MetricRecord),
        Kind("checkin", t.CheckIn, rec.CheckInRecord),
        Kind(
            "work_package", t.WorkPackage, rec.WorkPackageRecord, t.WorkPackageKR, "work_package_id"
        ),
        Kind("deliverable", t.Deliverable, rec.DeliverableRecord),
        Kind("card", t.ActionCard, rec.CardRecord, t.CardKR, "card_id"),
        Kind("slip", t.CardSlip, rec.SlipRecord),
        Kind("rule", t.WarningRule, rec.RuleRecord),
    )
}


def table_of(table: type[SQLModel]) -> sa.Table:
    """The Core table behind a SQLModel class: the service reads with column selects."""
    return table.__table__  # type: ignore[attr-defined,no-any-return]
