"""The entity kinds the service handles: table, record type and KR link table of each.

One table of kinds serves every generic read and write (``get``, ``list``, ``create``,
``update``, ``delete``), so a new entity is one line here rather than a method per entity.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, TypeAlias

import sqlalchemy as sa

from app.services import records as rec
from models import schema as t

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

# What the service's reads and checks execute on: a Core connection (reads) or the Session of a
# write transaction; both run the same Core statements.
Tx: TypeAlias = "sa.Connection | Session"


@dataclass(frozen=True, slots=True)
class Kind:
    """How the service handles one entity: its table, record type and KR link table if any."""

    name: str
    table: sa.Table
    record: type
    link: sa.Table | None = None  # many-to-many to KeyResult, exposed as ``kr_ids``
    link_column: str = ""


KINDS: dict[str, Kind] = {
    k.name: k
    for k in (
        Kind("plan", t.plan, rec.PlanRecord),
        Kind("objective", t.objective, rec.ObjectiveRecord),
        Kind("line", t.line, rec.LineRecord),
        Kind("kr", t.keyresult, rec.KRRecord),
        Kind("metric", t.metric, rec.MetricRecord),
        Kind("checkin", t.checkin, rec.CheckInRecord),
        Kind(
            "work_package",
            t.workpackage,
            rec.WorkPackageRecord,
            t.workpackagekr,
            "work_package_id",
        ),
        Kind("deliverable", t.deliverable, rec.DeliverableRecord),
        Kind("card", t.actioncard, rec.CardRecord, t.cardkr, "card_id"),
        Kind("slip", t.cardslip, rec.SlipRecord),
        Kind("rule", t.warningrule, rec.RuleRecord),
    )
}
