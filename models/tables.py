"""SQLModel tables: the shape of a plan as stored.

Enumerations (lights, levels, status, direction, rule kind) are stored as short strings and
validated in the service layer: a portable choice that needs no database enum type and keeps
SQLite and PostgreSQL schemas the same.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

from pydantic import ConfigDict
from sqlmodel import Field, SQLModel


class _Table(SQLModel):
    """The base of every table: pydantic's validators are built on first use, not at import
    (rows are read as plain records and written through the service; a table class is rarely
    validated at all), which keeps importing the schema off the start-up path."""

    model_config = ConfigDict(defer_build=True)


class Status(StrEnum):
    TODO = "todo"
    DOING = "doing"
    DONE = "done"


class Direction(StrEnum):
    """Whether a metric improves upwards (coverage) or downwards (error rate)."""

    INCREASE = "increase"
    DECREASE = "decrease"


class Plan(_Table, table=True):
    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=200)
    quarter_start: dt.date
    quarter_end: dt.date
    # The plan's "today". None = live (the real date); a date = frozen, reviewed as it stood then.
    as_of: dt.date | None = None


class Objective(_Table, table=True):
    id: int | None = Field(default=None, primary_key=True)
    plan_id: int = Field(foreign_key="plan.id", index=True, ondelete="CASCADE")
    title: str = Field(max_length=500)
    sort_order: int = 0


class Line(_Table, table=True):
    """A line of work (主线) under the objective."""

    id: int | None = Field(default=None, primary_key=True)
    objective_id: int = Field(foreign_key="objective.id", index=True, ondelete="CASCADE")
    code: str = Field(default="", max_length=50)  # 主线一
    title: str = Field(max_length=500)  # 商户画像
    sort_order: int = 0


class KeyResult(_Table, table=True):
    id: int | None = Field(default=None, primary_key=True)
    line_id: int = Field(foreign_key="line.id", index=True, ondelete="CASCADE")
    code: str = Field(max_length=20)  # KR1
    title: str = Field(max_length=500)
    target_text: str = Field(default="", max_length=2000)
    current_text: str = Field(default="", max_length=2000)
    light: str | None = Field(default=None, max_length=20)
    light_reason: str = Field(default="", max_length=2000)
    key_projects: str = Field(default="", max_length=4000)  # one per line
    bottleneck: str = Field(default="", max_length=4000)  # risks / 核心瓶颈, one per line
    sort_order: int = 0


class Metric(_Table, table=True):
    id: int | None = Field(default=None, primary_key=True)
    kr_id: int = Field(foreign_key="keyresult.id", index=True, ondelete="CASCADE")
    name: str = Field(max_length=200)
    unit: str = Field(default="", max_length=20)  # "%" limits values to 0-100
    direction: str = Field(default=Direction.INCREASE.value, max_length=20)
    baseline: float | None = None
    current: float | None = None
    floor: float | None = None  # 保底
    stretch: float | None = None  # 冲刺
    target: float | None = None  # the external target
    sort_order: int = 0


class CheckIn(_Table, table=True):
    id: int | None = Field(default=None, primary_key=True)
    metric_id: int = Field(foreign_key="metric.id", index=True, ondelete="CASCADE")
    date: dt.date
    value: float
    note: str = Field(default="", max_length=2000)


class WorkPackage(_Table, table=True):
    id: int | None = Field(default=None, primary_key=True)
    plan_id: int = Field(foreign_key="plan.id", index=True, ondelete="CASCADE")
    title: str = Field(max_length=500)
    owner_role: str = Field(default="", max_length=200)
    due: dt.date | None = None
    due_text: str = Field(default="", max_length=200)
    acceptance: str = Field(default="", max_length=2000)
    light: str | None = Field(default=None, max_length=20)
    sort_order: int = 0


class WorkPackageKR(_Table, table=True):
    """A work package can serve several KRs (工作包 #1 of 非油品 serves KR4 and KR5)."""

    work_package_id: int = Field(foreign_key="workpackage.id", primary_key=True, ondelete="CASCADE")
    kr_id: int = Field(foreign_key="keyresult.id", primary_key=True, ondelete="CASCADE", index=True)


class Deliverable(_Table, table=True):
    id: int | None = Field(default=None, primary_key=True)
    work_package_id: int = Field(foreign_key="workpackage.id", index=True, ondelete="CASCADE")
    title: str = Field(max_length=500)
    done: bool = False
    due: dt.date | None = None
    link: str = Field(default="", max_length=2000)
    acceptance: str = Field(default="", max_length=2000)
    light: str | None = Field(default=None, max_length=20)
    sort_order: int = 0


class ActionCard(_Table, table=True):
    """One row of the action table (作战看板) and one card on the board."""

    id: int | None = Field(default=None, primary_key=True)
    plan_id: int = Field(foreign_key="plan.id", index=True, ondelete="CASCADE")
    level: str = Field(max_length=20)
    period_start: dt.date  # start of the bucket it sits in
    period_end: dt.date  # start of the last bucket it spans (== period_start unless a range)
    title: str = Field(max_length=500)
    owner_role: str = Field(default="", max_length=200)
    due: dt.date | None = None
    due_text: str = Field(default="", max_length=200)  # as written: "12-10 首版", "本周五"
    done_criteria: str = Field(default="", max_length=2000)
    status: str = Field(default=Status.TODO.value, max_length=20)
    light: str | None = Field(default=None, max_length=20)
    sort_order: int = 0


class CardKR(_Table, table=True):
    """An action can serve several KRs ("KR1/KR3"); it shows in each KR's lane."""

    card_id: int = Field(foreign_key="actioncard.id", primary_key=True, ondelete="CASCADE")
    kr_id: int = Field(foreign_key="keyresult.id", primary_key=True, ondelete="CASCADE", index=True)


class CardSlip(_Table, table=True):
    """A move of a card to a later period: slips are history, shown on cards and in reports."""

    id: int | None = Field(default=None, primary_key=True)
    card_id: int = Field(foreign_key="actioncard.id", index=True, ondelete="CASCADE")
    from_start: dt.date
    to_start: dt.date
    at: dt.datetime


class WarningRule(_Table, table=True):
    """A 预警机制 rule: a condition on metrics, milestones or dates that sets a light."""

    id: int | None = Field(default=None, primary_key=True)
    plan_id: int = Field(foreign_key="plan.id", index=True, ondelete="CASCADE")
    kr_id: int | None = Field(default=None, foreign_key="keyresult.id", ondelete="CASCADE")
    kind: str = Field(max_length=40)
    params: str = Field(default="{}", max_length=4000)  # JSON object, validated per kind
    light: str = Field(default="red", max_length=20)
    description: str = Field(default="", max_length=1000)
    response: str = Field(default="", max_length=2000)
    enabled: bool = True


class RuleKind(StrEnum):
    """The warning-rule kinds of the reference plan's 预警机制 (三.3)."""

    GAIN_BELOW = "gain_below"  # weekly gain below X points for N consecutive weeks
    MILESTONE_BY_DATE = "milestone_by_date"  # a work package or deliverable not done by a date
    DOWNGRADE_BY_DATE = "downgrade_by_date"  # a condition not met by a date: target to floor
    FIRST_WEEK_BELOW = "first_week_below"  # value below a threshold after an experiment's week one
