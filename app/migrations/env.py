"""Alembic environment: always runs on a connection handed in by app.db (online mode only)."""

from __future__ import annotations

from alembic import context

from models.schema import metadata as target_metadata


def run_migrations_online() -> None:
    connection = context.config.attributes.get("connection")
    if connection is None:
        raise RuntimeError("app.migrations needs a connection; use app.db.upgrade_to_head")
    # render_as_batch: SQLite cannot ALTER most things; batch mode copies the table instead.
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=True,
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


run_migrations_online()
