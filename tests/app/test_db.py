"""Where the database is and what happens with files that are not plans."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from app.db import ENV_VAR, DatabaseError, default_db_path, open_database, resolve_db_url


def test_db_argument_wins_over_environment_and_default(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv(ENV_VAR, str(tmp_path / "env.db"))
    assert resolve_db_url(str(tmp_path / "arg.db")).endswith("arg.db")
    assert resolve_db_url(None).endswith("env.db")
    monkeypatch.delenv(ENV_VAR)
    assert resolve_db_url(None) == f"sqlite:///{default_db_path().resolve()}"


def test_urls_pass_through_and_default_lives_in_the_user_data_folder() -> None:
    assert resolve_db_url("sqlite:////tmp/x.db") == "sqlite:////tmp/x.db"
    assert default_db_path().name == "plan.db"
    assert "okr-planner" in str(default_db_path())


def test_a_folder_or_a_missing_folder_is_refused_with_the_path(tmp_path) -> None:
    with pytest.raises(DatabaseError, match="is a folder"):
        resolve_db_url(str(tmp_path))
    with pytest.raises(DatabaseError, match="folder does not exist"):
        open_database(resolve_db_url(str(tmp_path / "nope" / "plan.db")))


def test_a_foreign_sqlite_file_is_not_touched(tmp_path) -> None:
    path = tmp_path / "other.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE notes (x)")
    conn.commit()
    conn.close()
    before = path.read_bytes()
    with pytest.raises(DatabaseError, match="not an OKR Planner plan"):
        open_database(f"sqlite:///{path}")
    assert path.read_bytes() == before


def test_a_text_file_is_refused_and_left_alone(tmp_path) -> None:
    path: Path = tmp_path / "notes.db"
    path.write_text("just some text, not a database\n" * 100)
    before = path.read_bytes()
    with pytest.raises(DatabaseError, match="cannot be read as a plan database"):
        open_database(f"sqlite:///{path}")
    assert path.read_bytes() == before


def test_a_newer_schema_is_refused(db_url) -> None:
    db = open_database(db_url)
    with db.engine.begin() as conn:
        conn.exec_driver_sql("UPDATE alembic_version SET version_num = '9999_future'")
    db.engine.dispose()
    with pytest.raises(DatabaseError, match="newer OKR Planner"):
        open_database(db_url)
