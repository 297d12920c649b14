"""Helpers shared by tests across tests/app and tests/ui."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from models.schema import metadata


def dump(source: Engine | Any) -> dict[str, list[tuple]]:
    """Every row of every table, ordered by primary key: the whole saved plan.

    ``source`` is an engine or anything with one (a PlanService): comparing two dumps tells
    whether anything at all was saved in between.
    """
    engine: Engine = getattr(source, "engine", source)
    out = {}
    with engine.connect() as conn:
        for table in metadata.sorted_tables:
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


ROOT = Path(__file__).resolve().parents[1]


def run_window_script(code: str, db: Path) -> str:
    """Run ``code`` in a fresh interpreter (offscreen, test-mode settings) after it has built
    ``window`` for the plan file ``db``, and return what it printed: what start-up loads and
    does can only be seen in a process of its own."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT))
    env.pop("OKR_PLANNER_DB", None)
    script = textwrap.dedent(
        """
        import sys
        from PySide6.QtCore import QStandardPaths
        QStandardPaths.setTestModeEnabled(True)
        from app.main import create_main_window
        window = create_main_window(sys.argv[1])
        """
    ) + textwrap.dedent(code)
    done = subprocess.run(
        [sys.executable, "-c", script, str(db)],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout
