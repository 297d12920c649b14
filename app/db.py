"""Engine set-up, schema migrations and the first-run fill with the sample plan.

The only module that knows SQLite specifics (pragmas, file paths). Alembic is imported only when a
migration must actually run, so opening an up-to-date plan costs no Alembic import at start-up.
"""

from __future__ import annotations

import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import event, inspect, text
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.exc import ArgumentError
from sqlmodel import create_engine

from app.migrations.head import HEAD_REVISION
from models.errors import PlanError

ENV_VAR = "OKR_PLANNER_DB"
APP_NAME = "okr-planner"


class DatabaseError(PlanError):
    """A database that cannot be opened: bad URL, missing folder, not a plan, newer schema."""


@dataclass(frozen=True, slots=True)
class OpenedDatabase:
    engine: Engine
    url: str
    created: bool  # True when this open created the schema and filled the sample plan

    @property
    def display_name(self) -> str:
        """The file path for SQLite, the URL without password otherwise (for the status bar)."""
        url = make_url(self.url)
        if url.get_backend_name() == "sqlite":
            return url.database or ":memory:"
        return url.render_as_string(hide_password=True)


def default_db_path() -> Path:
    """plan.db in the user's data folder (platformdirs), e.g. ~/.local/share/okr-planner."""
    from platformdirs import user_data_path

    return user_data_path(APP_NAME, appauthor=False) / "plan.db"


def resolve_db_url(arg: str | None = None) -> str:
    """``--db`` wins, then ``$OKR_PLANNER_DB``, then the default file. Paths become sqlite URLs."""
    raw = arg or os.environ.get(ENV_VAR) or str(default_db_path())
    if "://" in raw:
        try:
            make_url(raw)
        except ArgumentError as exc:
            raise DatabaseError(f"{raw}: not a valid database URL ({exc})") from exc
        return raw
    path = Path(raw).expanduser()
    if path.is_dir():
        raise DatabaseError(f"{path}: is a folder, not a plan file")
    return f"sqlite:///{path.resolve()}"


def sqlite_path(url: str) -> Path | None:
    """The file behind a sqlite URL, None for other databases and in-memory SQLite."""
    parsed = make_url(url)
    if (
        parsed.get_backend_name() != "sqlite"
        or not parsed.database
        or parsed.database == ":memory:"
    ):
        return None
    return Path(parsed.database)


def _sqlite_pragmas(dbapi_conn, _record) -> None:
    # WAL + synchronous=FULL: an acknowledged edit survives an OS crash, not only an app crash.
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=FULL")
    cur.execute("PRAGMA busy_timeout=5000")
    cur.close()


def make_engine(url: str) -> Engine:
    """An engine with foreign keys, WAL and full sync for SQLite; plain for other backends."""
    if make_url(url).get_backend_name() == "sqlite":
        engine = create_engine(url, connect_args={"check_same_thread": False})
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    return create_engine(url, pool_pre_ping=True)


def current_revision(engine: Engine) -> str | None:
    """The schema revision stored in the database, None for an empty database."""
    with engine.connect() as conn:
        if not inspect(conn).has_table("alembic_version"):
            return None
        return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()


def upgrade_to_head(engine: Engine) -> None:
    """Run the Alembic migrations up to head on this engine's database."""
    from alembic import command

    from app.migrations.runner import alembic_config

    with engine.begin() as conn:
        cfg = alembic_config(conn)
        command.upgrade(cfg, "head")


def open_database(url: str, *, fill_sample: bool = True) -> OpenedDatabase:
    """Open (creating if needed) a plan database and bring its schema to head.

    A new or empty database gets the schema and, with ``fill_sample``, the sample Q4 plan.
    """
    path = sqlite_path(url)
    if path is not None and not path.parent.exists():
        if path == default_db_path():
            path.parent.mkdir(parents=True, exist_ok=True)
        else:
            raise DatabaseError(f"{path.parent}: folder does not exist")
    if path is not None:
        _check_sqlite_file(path)  # before our pragmas (WAL) would change a foreign file
    engine = make_engine(url)
    try:
        revision = current_revision(engine)
        with engine.connect() as conn:
            tables = inspect(conn).get_table_names()
    except Exception as exc:
        engine.dispose()
        raise DatabaseError(f"{path or url}: cannot be read as a plan database ({exc})") from exc
    created = False
    if revision is None:
        if tables:
            engine.dispose()
            raise DatabaseError(f"{path or url}: holds other tables, not an OKR Planner plan")
        upgrade_to_head(engine)
        created = True
    elif revision != HEAD_REVISION:
        if not _known_revision(revision):
            engine.dispose()
            raise DatabaseError(
                f"{path or url}: written by a newer OKR Planner (schema {revision}); "
                "update the app to open it"
            )
        upgrade_to_head(engine)
    if created and fill_sample:
        from app.sample_plan import load_sample_plan

        load_sample_plan(engine)
    return OpenedDatabase(engine=engine, url=url, created=created)


def _check_sqlite_file(path: Path) -> None:
    """Refuse, without writing a byte, a file that is not an SQLite plan database.

    Opened read-only with the sqlite3 module directly: an engine would switch the file to WAL
    on connect, which rewrites its header even when we then refuse it.
    """
    if not path.exists() or path.stat().st_size == 0:
        return
    with path.open("rb") as fh:
        header = fh.read(16)
    if header != b"SQLite format 3\x00":
        raise DatabaseError(f"{path}: cannot be read as a plan database (not an SQLite file)")
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            names = {row[0] for row in conn.execute("SELECT name FROM sqlite_master")}
        finally:
            conn.close()
    except sqlite3.Error as exc:
        raise DatabaseError(f"{path}: cannot be read as a plan database ({exc})") from exc
    if names and "alembic_version" not in names:
        raise DatabaseError(f"{path}: holds other tables, not an OKR Planner plan")


def _known_revision(revision: str) -> bool:
    from app.migrations.runner import known_revisions

    return revision in known_revisions()
