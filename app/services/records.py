"""Plain, frozen records that the service hands out: never a live ORM row or a Session.

Each record type mirrors its table's columns (generated from the table, so a column added in a
migration shows up here without a second list to keep in step), plus derived fields such as the
KR ids of a card.
"""

from __future__ import annotations

import dataclasses
from typing import Any

import sqlalchemy as sa

from models import schema


def _record_type(name: str, table: sa.Table, extra: tuple[str, ...] = ()) -> type:
    columns = [(col.name, Any) for col in table.columns]
    fields: list[Any] = list(columns)
    fields += [(extra_name, Any, dataclasses.field(default=())) for extra_name in extra]
    cls = dataclasses.make_dataclass(name, fields, frozen=True, slots=True)
    cls.__doc__ = f"A snapshot of one {table.name!r} row."
    return cls


PlanRecord = _record_type("PlanRecord", schema.plan)
ObjectiveRecord = _record_type("ObjectiveRecord", schema.objective)
LineRecord = _record_type("LineRecord", schema.line)
KRRecord = _record_type("KRRecord", schema.keyresult)
MetricRecord = _record_type("MetricRecord", schema.metric)
CheckInRecord = _record_type("CheckInRecord", schema.checkin)
WorkPackageRecord = _record_type("WorkPackageRecord", schema.workpackage, extra=("kr_ids",))
DeliverableRecord = _record_type("DeliverableRecord", schema.deliverable)
CardRecord = _record_type("CardRecord", schema.actioncard, extra=("kr_ids",))
SlipRecord = _record_type("SlipRecord", schema.cardslip)
RuleRecord = _record_type("RuleRecord", schema.warningrule)


@dataclasses.dataclass(frozen=True, slots=True)
class PlanTree:
    """Everything the goal tree shows, read in one go (a handful of column selects)."""

    plan: Any
    objectives: list[Any]
    lines: list[Any]
    krs: list[Any]
    metrics: list[Any]
    work_packages: list[Any]
    deliverables: list[Any]

    def lines_of(self, objective_id: int) -> list[Any]:
        return [line for line in self.lines if line.objective_id == objective_id]

    def krs_of(self, line_id: int) -> list[Any]:
        return [kr for kr in self.krs if kr.line_id == line_id]

    def metrics_of(self, kr_id: int) -> list[Any]:
        return [m for m in self.metrics if m.kr_id == kr_id]

    def work_packages_of(self, kr_id: int) -> list[Any]:
        return [wp for wp in self.work_packages if kr_id in wp.kr_ids]

    def deliverables_of(self, work_package_id: int) -> list[Any]:
        return [d for d in self.deliverables if d.work_package_id == work_package_id]
