"""Helpers shared by tests across tests/app and tests/ui."""

from __future__ import annotations

import subprocess
import sys
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Engine
from sqlmodel import SQLModel

import models.tables  # noqa: F401 - registers the tables


def dump(source: Engine | Any) -> dict[str, list[tuple]]:
    """Every row of every table, ordered by primary key: the whole saved plan.

    ``source`` is an engine or anything with one (a PlanService): comparing two dumps tells
    whether anything at all was saved in between.
    """
    engine: Engine = getattr(source, "engine", source)
    out = {}
    with engine.connect() as conn:
        for table in SQLModel.metadata.sorted_tables:
            order = list(table.primary_key.columns)
            out[table.name] = [tuple(r) for r in conn.execute(sa.select(table).order_by(*order))]
    return out


def run_gui_cli(db: str, env: dict[str, str]) -> tuple[int, list[str]]:
    """Start ``okr-planner --db DB`` (the window) in a fresh interpreter, offscreen, and return
    its exit code and the lines it printed that name the program: what a user sees when the
    window cannot open."""
    result = subprocess.run(
        [sys.executable, "-m", "app.cli", "--db", db],
        capture_output=True,
        text=True,
        timeout=60,
        env={**env, "QT_QPA_PLATFORM": "offscreen"},
    )
    lines = [line for line in result.stderr.splitlines() if line.startswith("okr-planner")]
    return result.returncode, lines
