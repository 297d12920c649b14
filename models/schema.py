"""The tables of a plan as stored: SQLAlchemy Core, the one definition of the schema.

The service reads and writes with these tables (column selects, Core inserts and updates), the
migrations compare against ``metadata``, and models.tables maps each of them to a SQLModel class.
Core alone imports in a fraction of the time SQLModel and pydantic take, so a window can read and
paint its plan before those are loaded (they load right after the first paint, for the writes).

Enumerations (lights, levels, status, direction, rule kind) are stored as short strings and
checked in the service layer: a portable choice that keeps SQLite and PostgreSQL schemas alike.
Defaults are client-side (``default=``), as SQLModel's field defaults are: a default does not
change the DDL.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import sqlalchemy as sa

from models.enums import Direction, Status

metadata = sa.MetaData()


class UTCDateTime(sa.types.TypeDecorator[dt.datetime]):
    """A moment in time, stored in UTC and read back as an aware UTC datetime.

    A naive datetime is refused rather than guessed at (its zone is unknown). SQLite keeps no
    offset, so what it returns is taken as the UTC it was stored in; a server with time zones
    (PostgreSQL's ``timestamp with time zone``) gets and gives aware values.
    """

    impl = sa.DateTime
    cache_ok = True

    def __init__(self) -> None:
        super().__init__(timezone=True)

    def process_bind_param(self, value: dt.datetime | None, dialect: sa.Dialect) -> Any:
        if value is None:
            return None
        if value.utcoffset() is None:
            raise ValueError(f"{value}: a time needs its time zone (use datetime.now(UTC))")
        return value.astimezone(dt.UTC)

    def process_result_value(self, value: Any, dialect: sa.Dialect) -> dt.datetime | None:
        if value is None:
            return None
        if value.utcoffset() is None:
            return value.replace(tzinfo=dt.UTC)
        return value.astimezone(dt.UTC)


def _id() -> sa.Column:
    return sa.Column("id", sa.Integer, primary_key=True)


def _parent(name: str, target: str, *, primary_key: bool = False, **kw: Any) -> sa.Column:
    """A foreign key to ``target`` ("table.id") whose rows go with their parent (CASCADE)."""
    fk = sa.ForeignKey(target, ondelete="CASCADE")
    if primary_key:
        return sa.Column(name, sa.Integer, fk, primary_key=True, **kw)
    return sa.Column(name, sa.Integer, fk, nullable=kw.pop("nullable", False), **kw)


def _text(name: str, length: int, default: str | None = None) -> sa.Column:
    """Text of at most ``length`` characters; required unless it has a default."""
    return sa.Column(name, sa.String(length), nullable=False, default=default)


def _light(name: str = "light") -> sa.Column:
    """A traffic light (models.lights.Light value), or none set."""
    return sa.Column(name, sa.String(20), nullable=True)


def _date(name: str, *, nullable: bool = False) -> sa.Column:
    return sa.Column(name, sa.Date, nullable=nullable)


def _number(name: str) -> sa.Column:
    return sa.Column(name, sa.Float, nullable=True)


def _sort_order() -> sa.Column:
    return sa.Column("sort_order", sa.Integer, nullable=False, default=0)


def _work() -> list[sa.Column]:
    """What a piece of work states (a work package, an action): its title, the owner's role,
    the due date and the due as written (e.g. "12-10 首版", "本周五")."""
    return [
        _text("title", 500),
        _text("owner_role", 200, ""),
        _date("due", nullable=True),
        _text("due_text", 200, ""),
    ]


def _child(name: str, parent_column: str, parent: str, *columns: sa.Column | sa.Index) -> sa.Table:
    """A table whose rows belong to a ``parent`` row ("table.id"): its id, then the indexed
    link to the parent (rows go with it), then ``columns`` (and any further indexes)."""
    return sa.Table(name, metadata, _id(), _parent(parent_column, parent, index=True), *columns)


def _kr_link(name: str, owner_column: str, owner: str) -> sa.Table:
    """A many-to-many link from ``owner`` rows ("table.id") to KRs: one row per KR served."""
    return sa.Table(
        name,
        metadata,
        _parent(owner_column, owner, primary_key=True),
        _parent("kr_id", "keyresult.id", primary_key=True, index=True),
    )


def _plan_work(
    name: str, link: str, link_column: str, *columns: sa.Column
) -> tuple[sa.Table, sa.Table]:
    """Work of a plan that can serve several KRs (a work package, an action card): its table
    (``columns``, then its light and sort order) and the table ``link`` of the KRs it serves."""
    table = _child(name, "plan_id", "plan.id", *columns, _light(), _sort_order())
    return table, _kr_link(link, link_column, f"{name}.id")


plan = sa.Table(
    "plan",
    metadata,
    _id(),
    _text("name", 200),
    _date("quarter_start"),
    _date("quarter_end"),
    # The plan's "today". None = live (the real date); a date = frozen, reviewed as it stood then.
    _date("as_of", nullable=True),
)

objective = _child(
    "objective",
    "plan_id",
    "plan.id",
    _text("title", 500),
    _sort_order(),
)

# A line of work (主线) under the objective.
line = _child(
    "line",
    "objective_id",
    "objective.id",
    _text("code", 50, ""),  # 主线一
    _text("title", 500),  # 商户画像
    _sort_order(),
)

keyresult = _child(
    "keyresult",
    "line_id",
    "line.id",
    _text("code", 20),  # KR1
    _text("title", 500),
    _text("target_text", 2000, ""),
    _text("current_text", 2000, ""),
    _light(),
    _text("light_reason", 2000, ""),
    _text("key_projects", 4000, ""),  # one per line
    _text("bottleneck", 4000, ""),  # risks / 核心瓶颈, one per line
    _sort_order(),
)

metric = _child(
    "metric",
    "kr_id",
    "keyresult.id",
    _text("name", 200),
    _text("unit", 20, ""),  # "%" limits values to 0-100
    _text("direction", 20, Direction.INCREASE.value),
    _number("baseline"),
    _number("current"),
    _number("floor"),  # 保底
    _number("stretch"),  # 冲刺
    _number("target"),  # the external target
    _sort_order(),
)

checkin = _child(
    "checkin",
    "metric_id",
    "metric.id",
    _date("date"),
    sa.Column("value", sa.Float, nullable=False),
    _text("note", 2000, ""),
    # A metric's readings by date: its latest before a day, its first, are one seek each.
    sa.Index("ix_checkin_metric_id_date", "metric_id", "date"),
)

# A work package can serve several KRs (工作包 #1 of 非油品 serves KR4 and KR5).
workpackage, workpackagekr = _plan_work(
    "workpackage", "workpackagekr", "work_package_id", *_work(), _text("acceptance", 2000, "")
)

deliverable = _child(
    "deliverable",
    "work_package_id",
    "workpackage.id",
    _text("title", 500),
    sa.Column("done", sa.Boolean, nullable=False, default=False),
    _date("due", nullable=True),
    _text("link", 2000, ""),
    _text("acceptance", 2000, ""),
    _light(),
    _sort_order(),
)

# One row of the action table (作战看板) and one card on the board. An action can serve
# several KRs ("KR1/KR3"); it shows in each KR's lane.
actioncard, cardkr = _plan_work(
    "actioncard",
    "cardkr",
    "card_id",
    _text("level", 20),
    _date("period_start"),  # start of the bucket it sits in
    _date("period_end"),  # start of the last bucket it spans (== period_start unless a range)
    *_work(),
    _text("done_criteria", 2000, ""),
    _text("status", 20, Status.TODO.value),
)

# A move of a card to a later period: slips are history, shown on cards and in reports.
cardslip = _child(
    "cardslip",
    "card_id",
    "actioncard.id",
    _date("from_start"),
    _date("to_start"),
    sa.Column("at", UTCDateTime(), nullable=False),
)

# A 预警机制 rule: a condition on metrics, milestones or dates that sets a light.
warningrule = _child(
    "warningrule",
    "plan_id",
    "plan.id",
    _parent("kr_id", "keyresult.id", nullable=True),
    _text("kind", 40),
    _text("params", 4000, "{}"),  # JSON object, validated per kind
    _text("light", 20, "red"),
    _text("description", 1000, ""),
    _text("response", 2000, ""),
    sa.Column("enabled", sa.Boolean, nullable=False, default=True),
)
