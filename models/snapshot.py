"""The plain snapshot of a plan that the warning rules read: built by the service, frozen.

Only the columns the rules need, so that building it for a 10,000-card plan stays cheap, and
plain values so that the rules can be tested without a database.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from models.calendar import Quarter
from models.enums import Status
from models.lights import Light
from models.trends import CheckPoint


@dataclass(frozen=True, slots=True)
class MetricSnap:
    id: int
    kr_id: int
    name: str
    unit: str = ""
    direction: str = "increase"
    baseline: float | None = None
    current: float | None = None
    floor: float | None = None
    stretch: float | None = None
    target: float | None = None
    checkins: tuple[CheckPoint, ...] = ()


@dataclass(frozen=True, slots=True)
class WorkPackageSnap:
    id: int
    title: str
    due: dt.date | None = None
    kr_ids: tuple[int, ...] = ()


@dataclass(frozen=True, slots=True)
class DeliverableSnap:
    id: int
    work_package_id: int
    title: str
    done: bool = False
    due: dt.date | None = None


@dataclass(frozen=True, slots=True)
class CardSnap:
    id: int
    title: str
    due: dt.date | None = None
    status: str = Status.TODO.value
    kr_ids: tuple[int, ...] = ()


@dataclass(frozen=True, slots=True)
class RuleSnap:
    id: int
    kind: str
    params: dict[str, Any] | None  # None: the stored text is not a JSON object
    kr_id: int | None = None
    light: str = Light.RED.value
    description: str = ""
    response: str = ""
    enabled: bool = True


@dataclass(frozen=True, slots=True)
class PlanSnapshot:
    quarter: Quarter
    today: dt.date
    kr_ids: tuple[int, ...] = ()
    metrics: tuple[MetricSnap, ...] = ()
    work_packages: tuple[WorkPackageSnap, ...] = ()
    deliverables: tuple[DeliverableSnap, ...] = ()
    cards: tuple[CardSnap, ...] = ()
    rules: tuple[RuleSnap, ...] = ()
