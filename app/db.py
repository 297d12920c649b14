"""Engine set-up, schema migrations and the first-run fill with the sample plan.

The only module that knows SQLite specifics (pragmas, file paths). Alembic is imported only when a
migration must actually run, so opening an up-to-date plan costs no Alembic import at start-up.

Opening a plan file first diagnoses it read-only (``app.sqlite_file``: header, truncation,
integrity_check, schema revision), so a damaged, foreign or newer file is refused before an engine
could switch it to WAL or checkpoint into it. An out-of-date schema is backed up (named for its old
revision) and upgraded in one transaction.
"""

from __future__ import annotations

import os
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import create_engine, event, inspect, pool, text
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.exc import ArgumentError

from app.check_memo import unchanged_since_checked
from app.instance_lock import InstanceLock, acquire
from app.migrations.head import HEAD_REVISION, SAME_TABLES_AS_HEAD
from app.sqlite_file import (
    BadFileError,
    DatabaseError,
    NewerSchemaError,
    PlanInUseError,
    ReadOnlyFileError,
    check_plan_file,
    read_only_uri,
    writable,
)

__all__ = [
    "APP_NAME",
    "ENV_VAR",
    "BadFileError",
    "DatabaseError",
    "NewerSchemaError",
    "OpenedDatabase",
    "PlanInUseError",
    "ReadOnlyFileError",
    "current_revision",
    "default_db_path",
    "make_engine",
    "open_database",
    "resolve_db_url",
    "sqlite_path",
    "upgrade_to_head",
]

ENV_VAR = "OKR_PLANNER_DB"
APP_NAME = "okr-planner"


@dataclass(frozen=True, slots=True)
class OpenedDatabase:
    engine: Engine
    url: str
    created: bool  # True when this open created the schema and filled the sample plan
    read_only: bool = False  # opened with SQLite's read-only mode: every write fails
    lock: InstanceLock | None = field(default=None, compare=False)  # held while editing
    # The file passed its integrity check on this open (or is unchanged since one passed).
    verified: bool = field(default=False, compare=False)

    @property
    def display_name(self) -> str:
        """The file path for SQLite, the URL without password otherwise (for the status bar)."""
        url = make_url(self.url)
        if url.get_backend_name() == "sqlite":
            return url.database or ":memory:"
        return url.render_as_string(hide_password=True)

    @property
    def path(self) -> Path | None:
        """The plan file, None for other databases."""
        return sqlite_path(self.url)

    def close(self) -> None:
        """Close every connection (the last one checkpoints the WAL) and let other windows in.

        A checked file that this window alone edited is noted as sound as it is left, so its
        next open can skip the integrity check (app.check_memo)."""
        self.engine.dispose()
        if self.lock is not None:
            path = self.path
            if self.verified and path is not None:
                from app.check_memo import remember_checked

                remember_checked(path)
            self.lock.release()


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
        raise DatabaseError(f"{path}: is a folder, not a plan file", path=path)
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


def _sqlite_read_only_pragmas(dbapi_conn, _record) -> None:
    # No journal_mode here: switching modes writes the header, which a read-only file refuses.
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA busy_timeout=5000")
    cur.execute("PRAGMA query_only=ON")
    cur.close()


def make_engine(url: str, *, read_only: bool = False) -> Engine:
    """An engine with foreign keys, WAL and full sync for SQLite; plain for other backends.

    ``read_only`` opens a SQLite file with ``mode=ro``: SQLite itself refuses every write (for
    root too, unlike file permissions), and the engine never tries to switch the file to WAL.
    """
    if make_url(url).get_backend_name() != "sqlite":
        return create_engine(url, pool_pre_ping=True)
    path = sqlite_path(url)
    if not read_only or path is None:
        engine = create_engine(url, connect_args={"check_same_thread": False})
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    uri = read_only_uri(path)
    engine = create_engine(
        "sqlite://",
        creator=lambda: sqlite3.connect(uri, uri=True, check_same_thread=False),
        poolclass=pool.QueuePool,  # "sqlite://" alone would pick the in-memory singleton pool
    )
    event.listen(engine, "connect", _sqlite_read_only_pragmas)
    return engine


def current_revision(engine: Engine) -> str | None:
    """The schema revision stored in the database, None for an empty database."""
    with engine.connect() as conn:
        if not inspect(conn).has_table("alembic_version"):
            return None
        return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()


def upgrade_to_head(engine: Engine) -> None:
    """Run the Alembic migrations up to head on this engine's database, all or nothing.

    On SQLite the upgrade runs in one explicit transaction: Python's sqlite3 module would run
    DDL outside any transaction, so a kill between two statements of a batch-mode table copy
    could leave half a schema. Foreign keys are off meanwhile (batch mode drops and re-creates
    tables, and dropping a parent with them on would cascade-delete its children) and checked
    before the commit.
    """
    from alembic import command

    from app.migrations.runner import alembic_config

    if engine.dialect.name != "sqlite":
        with engine.begin() as conn:
            command.upgrade(alembic_config(conn), "head")
        return
    with engine.connect() as conn:
        raw = conn.connection.driver_connection
        saved = raw.isolation_level
        raw.isolation_level = None  # we issue BEGIN ourselves; COMMIT/ROLLBACK go through SA
        raw.execute("PRAGMA foreign_keys=OFF")
        try:
            with conn.begin():
                raw.execute("BEGIN IMMEDIATE")
                command.upgrade(alembic_config(conn), "head")
                broken = raw.execute("PRAGMA foreign_key_check").fetchall()
                if broken:
                    raise DatabaseError(
                        f"the upgrade would break {len(broken)} links (first in table "
                        f"{broken[0][0]}); nothing was changed"
                    )
        finally:
            raw.execute("PRAGMA foreign_keys=ON")
            raw.isolation_level = saved


def open_database(
    url: str,
    *,
    fill_sample: bool = True,
    read_only: bool = False,
    exclusive: bool = False,
    check_integrity: bool = True,
) -> OpenedDatabase:
    """Open (creating if needed) a plan database and bring its schema to head.

    A new or empty database gets the schema and, with ``fill_sample``, the sample Q4 plan.
    ``read_only`` opens an existing plan file so that nothing can be written. ``exclusive``
    takes the one-editing-window lock first and raises PlanInUseError when another window
    holds it. A damaged or foreign file raises BadFileError, a newer schema NewerSchemaError;
    neither file is modified.
    """
    path = sqlite_path(url)
    lock = None
    if path is not None:
        if not path.parent.exists():
            if path == default_db_path() and not read_only:
                path.parent.mkdir(parents=True, exist_ok=True)
            else:
                raise DatabaseError(f"{path.parent}: folder does not exist", path=path)
        if read_only and not path.exists():
            raise DatabaseError(f"{path}: does not exist", path=path)
        # A file we closed cleanly after it passed its check, untouched since, is not read
        # page by page again (app.check_memo); anything else is.
        integrity = check_integrity and not unchanged_since_checked(path)
        stored = check_plan_file(path, integrity=integrity)
        _refuse_unknown(path, stored)
        if read_only and stored not in SAME_TABLES_AS_HEAD:
            problem = "it needs an upgrade, which a read-only window cannot do"
            raise DatabaseError(f"{path}: {problem}", path=path, problem=problem)
        if not read_only and not writable(path):
            problem = "the file cannot be written (read-only file, folder or disk)"
            raise ReadOnlyFileError(f"{path}: {problem}", path=path, problem=problem)
        if exclusive and not read_only:
            lock = acquire(path)
            if lock is None:
                problem = "another OKR Planner window has this plan open"
                raise PlanInUseError(f"{path}: {problem}", path=path, problem=problem)
    try:
        opened = _open_engine(url, path, fill_sample=fill_sample, read_only=read_only)
    except BaseException:
        if lock is not None:
            lock.release()
        raise
    verified = path is not None and check_integrity
    return OpenedDatabase(
        opened[0], url, opened[1], read_only=read_only, lock=lock, verified=verified
    )


def _open_engine(
    url: str, path: Path | None, *, fill_sample: bool, read_only: bool
) -> tuple[Engine, bool]:
    engine = make_engine(url, read_only=read_only)
    try:
        revision = current_revision(engine)
        with engine.connect() as conn:
            tables = inspect(conn).get_table_names()
    except Exception as exc:
        engine.dispose()
        raise DatabaseError(
            f"{path or url}: cannot be read as a plan database ({exc})", path=path
        ) from exc
    created = False
    try:
        if revision is None:
            if tables:
                message = f"{path or url}: holds other tables, not an OKR Planner plan"
                raise BadFileError(message, path=path, problem="it is not an OKR Planner plan")
            upgrade_to_head(engine)
            created = True
        elif revision != HEAD_REVISION and not (read_only and revision in SAME_TABLES_AS_HEAD):
            _refuse_unknown(path or Path(url), revision)
            if path is not None:
                _backup_before_upgrade(path, revision)
            upgrade_to_head(engine)
        if fill_sample and not read_only and (created or _first_run_interrupted(engine)):
            from app.sample_plan import load_sample_plan

            load_sample_plan(engine)
            created = True
    except BaseException:
        engine.dispose()
        raise
    return engine, created


def _first_run_interrupted(engine: Engine) -> bool:
    """A schema without a single plan: a first run killed between creating the schema and
    committing the sample plan (each is one transaction). It gets the sample plan now."""
    with engine.connect() as conn:
        return conn.execute(text("SELECT count(*) FROM plan")).scalar() == 0


def ensure_schema(engine: Engine, path: Path | None) -> None:
    """Upgrade an open plan whose schema is older (after restoring an old backup)."""
    revision = current_revision(engine)
    if revision is None or revision == HEAD_REVISION:
        return
    _refuse_unknown(path or Path(str(engine.url)), revision)
    if path is not None:
        _backup_before_upgrade(path, revision)
    upgrade_to_head(engine)


def _backup_before_upgrade(path: Path, revision: str) -> None:
    from app.backup import BackupError, make_backup

    try:
        make_backup(path, label=f"before-upgrade-from-{revision}", skip_unchanged=False)
    except BackupError as exc:
        raise DatabaseError(
            f"{path}: not upgraded, because no backup could be made first ({exc})", path=path
        ) from exc


def _refuse_unknown(path: Path, revision: str | None) -> None:
    if revision is None or revision == HEAD_REVISION or _known_revision(revision):
        return
    problem = f"written by a newer OKR Planner (schema {revision}); update the app to open it"
    raise NewerSchemaError(f"{path}: {problem}", path=path, problem=problem)


def _known_revision(revision: str) -> bool:
    from app.migrations.runner import known_revisions

    return revision in known_revisions()
