"""The migrations are the schema: an empty database upgraded to head equals the models."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect

from app.db import current_revision, make_engine, open_database, upgrade_to_head
from app.migrations.head import HEAD_REVISION
from app.migrations.runner import script_head
from models.schema import metadata


def test_head_constant_matches_the_migration_scripts() -> None:
    # app.db compares against this constant so opening a current plan never imports Alembic.
    assert script_head() == HEAD_REVISION


def test_upgrade_of_an_empty_database_gives_exactly_the_models_schema(db_url: str) -> None:
    engine = make_engine(db_url)
    upgrade_to_head(engine)
    with engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True})
        diff = compare_metadata(context, metadata)
    assert diff == []
    assert current_revision(engine) == HEAD_REVISION
    engine.dispose()


def test_first_open_creates_schema_and_sample_plan_and_reopen_keeps_it(db_url: str) -> None:
    first = open_database(db_url)
    assert first.created
    tables = set(inspect(first.engine).get_table_names())
    assert {"plan", "keyresult", "actioncard", "alembic_version"} <= tables
    first.engine.dispose()
    second = open_database(db_url)
    assert not second.created
    second.engine.dispose()


def test_sqlite_runs_with_foreign_keys_and_wal(opened) -> None:
    with opened.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
