"""Every schema revision a user's plan may have been written at upgrades to head on open, after a
backup named for the old revision, with nothing lost and a schema equal to the models'.

The revisions come from walking the migration scripts, so a new migration is covered the moment
it is added. Plans at old revisions are filled generically through reflection (a few rows in
every table, foreign keys pointing at real parents), since the app's own writers only know the
head schema; the head revision additionally carries the sample plan.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
import sqlalchemy as sa
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory

from app.backup import list_backups
from app.db import current_revision, make_engine, open_database
from app.migrations.head import HEAD_REVISION, SAME_TABLES_AS_HEAD
from app.migrations.runner import alembic_config
from app.sample_plan import load_sample_plan
from models.schema import metadata


def revisions() -> list[str]:
    """Every revision in the script directory, oldest first."""
    script = ScriptDirectory.from_config(alembic_config())
    return [rev.revision for rev in reversed(list(script.walk_revisions()))]


def _value(col: sa.Column, i: int, parents: dict[str, list[Any]]) -> Any:
    for fk in col.foreign_keys:
        ids = parents[fk.column.table.name]
        return ids[i % len(ids)]
    python = col.type.python_type if not isinstance(col.type, sa.types.NullType) else str
    if python is bool:
        return i % 2 == 0
    if python is int:
        return i
    if python is float:
        return 12.5 + i
    if python is dt.datetime:
        return dt.datetime(2025, 12, 1, 9, i)
    if python is dt.date:
        return dt.date(2025, 12, 1) + dt.timedelta(weeks=i)
    text = f"{col.table.name}.{col.name} 第{i}行"
    if col.name == "code":
        text = f"KR{i + 1}"
    if col.name in ("level",):
        text = "week"
    length = getattr(col.type, "length", None)
    return text[:length] if length else text


def generic_fill(engine: sa.Engine, rows: int = 3) -> None:
    """A few rows in every table of the schema the database has now (reflected)."""
    meta = sa.MetaData()
    with engine.begin() as conn:
        meta.reflect(conn)
        ids: dict[str, list[Any]] = {}
        for table in meta.sorted_tables:
            if table.name == "alembic_version":
                continue
            auto_id = "id" in table.c and table.c.id.primary_key
            for i in range(rows):
                values = {
                    col.name: _value(col, i, ids)
                    for col in table.columns
                    if not (auto_id and col.name == "id")
                }
                result = conn.execute(sa.insert(table).values(**values))
                if auto_id:
                    ids.setdefault(table.name, []).append(result.inserted_primary_key[0])


def snapshot(engine: sa.Engine) -> dict[str, dict[tuple, dict[str, Any]]]:
    """Every row of every table by primary key, as the schema on disk describes them."""
    meta = sa.MetaData()
    out: dict[str, dict[tuple, dict[str, Any]]] = {}
    with engine.connect() as conn:
        meta.reflect(conn)
        for table in meta.sorted_tables:
            if table.name == "alembic_version":
                continue
            pk = list(table.primary_key.columns)
            rows = conn.execute(sa.select(table)).mappings()
            out[table.name] = {tuple(r[c.name] for c in pk): dict(r) for r in rows}
    return out


@pytest.mark.parametrize("revision", revisions())
def test_a_plan_written_at_any_revision_upgrades_with_nothing_lost(tmp_path, revision) -> None:
    path = tmp_path / "plan.db"
    url = f"sqlite:///{path}"
    engine = make_engine(url)
    with engine.begin() as conn:
        command.upgrade(alembic_config(conn), revision)
    if revision == HEAD_REVISION:
        load_sample_plan(engine)
    generic_fill(engine)
    before = snapshot(engine)
    engine.dispose()
    assert sum(len(rows) for rows in before.values()) > 30

    db = open_database(url)  # what the app does on open: back up, then upgrade
    assert not db.created
    assert current_revision(db.engine) == HEAD_REVISION
    after = snapshot(db.engine)
    with db.engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True})
        assert compare_metadata(context, metadata) == []
    db.close()

    for table, rows in before.items():
        assert table in after, f"table {table} was lost"
        for key, row in rows.items():
            assert key in after[table], f"{table} row {key} was lost"
            kept = {name: after[table][key][name] for name in row if name in after[table][key]}
            assert kept == {name: row[name] for name in kept}, f"{table} row {key} changed"
    backups = [b.path.name for b in list_backups(path)]
    if revision == HEAD_REVISION:
        assert backups == []  # nothing to upgrade, nothing to back up
    else:
        assert any(f"before-upgrade-from-{revision}" in name for name in backups)


def test_the_harness_sees_every_migration_script() -> None:
    from pathlib import Path

    import app.migrations.versions as versions

    scripts = [p for p in Path(versions.__path__[0]).glob("*.py") if not p.name.startswith("_")]
    assert len(revisions()) == len(scripts)
    assert revisions()[-1] == HEAD_REVISION


@pytest.mark.parametrize(
    "revision", [r for r in revisions() if r in SAME_TABLES_AS_HEAD and r != HEAD_REVISION]
)
def test_a_read_only_window_opens_a_plan_whose_tables_are_the_heads_as_it_is(
    tmp_path, revision
) -> None:
    """Later migrations only added indexes: a read-only window reads the plan without the
    upgrade it cannot make, sees what the upgraded plan shows, and writes nothing."""
    from app.services.evaluation import evaluate_plan
    from app.services.plan_service import PlanService

    path = tmp_path / "plan.db"
    engine = make_engine(f"sqlite:///{path}")
    with engine.begin() as conn:
        command.upgrade(alembic_config(conn), revision)
    load_sample_plan(engine)
    engine.dispose()
    before = path.read_bytes()

    db = open_database(f"sqlite:///{path}", read_only=True)
    assert current_revision(db.engine) == revision
    svc = PlanService(db.engine)
    plan_id = svc.first_plan_id()
    seen = (svc.tree(plan_id).plan.name, evaluate_plan(svc, plan_id).lights)
    db.close()
    assert path.read_bytes() == before
    assert list_backups(path) == []

    upgraded = open_database(f"sqlite:///{path}")
    svc = PlanService(upgraded.engine)
    assert current_revision(upgraded.engine) == HEAD_REVISION
    assert (svc.tree(plan_id).plan.name, evaluate_plan(svc, plan_id).lights) == seen
    upgraded.close()
