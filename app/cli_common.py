"""What the headless subcommands share: one-line errors and the plan file ``--db`` names.

Standard library only at import time (``okr-planner --help`` stays fast); app.db loads when a
command asks where its plan is.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from models.errors import PlanError


class CommandError(PlanError):
    """A request that cannot be carried out: the CLI prints it as one line, exit code 1."""


def plan_location(args: argparse.Namespace) -> tuple[str, Path | None]:
    """The database URL ``--db`` (or OKR_PLANNER_DB, or the default) names, and its file when
    it is SQLite (None for a database server)."""
    from app.db import resolve_db_url, sqlite_path

    url = resolve_db_url(getattr(args, "db", None))
    return url, sqlite_path(url)


def existing_plan_file(path: Path, error: type[PlanError], hint: str = "") -> Path:
    """``path`` if it is a file; otherwise ``error`` saying so (a plan is never created by a
    command that only reads or copies it)."""
    if not path.is_file():
        raise error(f"{path}: no such plan file{hint}")
    return path
