"""The Core tables are the schema; the SQLModel classes are mapped onto them, field for column."""

from __future__ import annotations

import datetime as dt

import pytest
import sqlalchemy as sa
from sqlmodel import Session, select

from models import schema, tables


def _classes() -> list[type]:
    return [obj for obj in vars(tables).values() if getattr(obj, "__table__", None) is not None]


def test_every_table_has_one_sqlmodel_class_mapped_onto_it() -> None:
    mapped = {cls.__table__.name: cls.__table__ for cls in _classes()}
    assert set(mapped) == set(schema.metadata.tables)
    for name, table in mapped.items():
        assert table is schema.metadata.tables[name]  # the same Table, not a copy


@pytest.mark.parametrize("cls", _classes(), ids=lambda cls: cls.__name__)
def test_fields_follow_the_columns(cls: type) -> None:
    table = cls.__table__
    fields = cls.model_fields
    assert list(fields) == [col.name for col in table.columns]
    for col in table.columns:
        info = fields[col.name]
        if col.default is not None:
            assert info.default == col.default.arg
        elif col.nullable or col.name == "id":
            assert info.default is None
        else:
            assert info.is_required(), col.name


def test_a_row_written_through_sqlmodel_reads_back_with_the_column_defaults() -> None:
    engine = sa.create_engine("sqlite://")
    schema.metadata.create_all(engine)
    with Session(engine) as s:
        plan = tables.Plan(
            name="Q4", quarter_start=dt.date(2025, 10, 1), quarter_end=dt.date(2025, 12, 31)
        )
        s.add(plan)
        s.commit()
        s.add(
            tables.ActionCard(
                plan_id=plan.id,
                level="week",
                period_start=dt.date(2025, 12, 1),
                period_end=dt.date(2025, 12, 1),
                title="标签抽检",
            )
        )
        s.commit()
        card = s.exec(select(tables.ActionCard)).one()
    assert (card.status, card.owner_role, card.sort_order, card.light) == ("todo", "", 0, None)


def test_moments_are_stored_in_utc_and_read_back_aware() -> None:
    engine = sa.create_engine("sqlite://")
    schema.metadata.create_all(engine)
    beijing = dt.timezone(dt.timedelta(hours=8))
    with engine.begin() as conn:
        conn.execute(
            sa.insert(schema.plan).values(
                id=1,
                name="Q4",
                quarter_start=dt.date(2025, 10, 1),
                quarter_end=dt.date(2025, 12, 31),
            )
        )
        conn.execute(
            sa.insert(schema.actioncard).values(
                id=1,
                plan_id=1,
                level="week",
                period_start=dt.date(2025, 12, 1),
                period_end=dt.date(2025, 12, 1),
                title="x",
            )
        )
        conn.execute(
            sa.insert(schema.cardslip).values(
                card_id=1,
                from_start=dt.date(2025, 12, 1),
                to_start=dt.date(2025, 12, 8),
                at=dt.datetime(2025, 12, 3, 18, 30, tzinfo=beijing),
            )
        )
        at = conn.execute(sa.select(schema.cardslip.c.at)).scalar_one()
    assert at == dt.datetime(2025, 12, 3, 10, 30, tzinfo=dt.UTC)
    assert at.tzinfo is dt.UTC


def test_a_moment_without_its_time_zone_is_refused() -> None:
    engine = sa.create_engine("sqlite://")
    schema.metadata.create_all(engine)
    with engine.begin() as conn, pytest.raises(sa.exc.StatementError, match="time zone"):
        conn.execute(
            sa.insert(schema.cardslip).values(
                card_id=1,
                from_start=dt.date(2025, 12, 1),
                to_start=dt.date(2025, 12, 8),
                at=dt.datetime(2025, 12, 3, 18, 30),
            )
        )
