"""Diagnose a plan file without writing a byte to it, and the errors that name what is wrong.

Everything here reads through Python's ``sqlite3`` with ``mode=ro`` URIs, never through an
engine: the engine switches a file to WAL on connect and checkpoints on close, both of which
rewrite the file, and a file we refuse must come out of the check exactly as it went in.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from models.errors import PlanError

SQLITE_HEADER = b"SQLite format 3\x00"
# integrity_check reads every page and cross-checks every index against its table: under a
# millisecond for the sample plan, 15 ms for a 10,000-card plan (2.3 MB) here. Above this size
# quick_check runs instead: the same page-by-page checks (a torn write, a garbage page, a broken
# b-tree or freelist) without the index-against-table cross-check, 3.5x faster: the check stays
# a small part of opening a big plan.
FULL_CHECK_LIMIT = 1024 * 1024
READ_PROBLEM = "cannot be read as a plan database"


class DatabaseError(PlanError):
    """A database that cannot be opened: bad URL, missing folder, not a plan, newer schema.

    ``path`` is the file (None for URLs) and ``problem`` the short reason, for a dialog that
    shows them apart; ``str()`` is the one line the CLI prints.
    """

    def __init__(self, message: str, *, path: Path | None = None, problem: str = "") -> None:
        super().__init__(message)
        self.path = path
        self.problem = problem or message


class BadFileError(DatabaseError):
    """The file is not a plan or is damaged: the GUI offers a backup, another file or a new plan."""


class NewerSchemaError(DatabaseError):
    """Written by a newer OKR Planner: refused unchanged; the user may pick a backup instead."""


class PlanInUseError(DatabaseError):
    """Another window (another process) has this plan open for editing."""


class ReadOnlyFileError(DatabaseError):
    """The plan file or its folder cannot be written (permissions, read-only media)."""


def writable(path: Path) -> bool:
    """Whether SQLite could write ``path`` and create its WAL files beside it.

    ``os.access`` answers for the real user, and reports a read-only mount even to root.
    """
    file_ok = not path.exists() or os.access(path, os.W_OK)
    return file_ok and os.access(path.parent, os.W_OK)


def read_only_uri(path: Path) -> str:
    """A ``file:`` URI opening ``path`` read-only (percent-encoded, so any file name works).

    On read-only media SQLite cannot create the ``-shm`` file a WAL plan needs even to be read;
    there nobody can write either, so the file is opened as immutable.
    """
    uri = f"{path.resolve().as_uri()}?mode=ro"
    if not os.access(path.parent, os.W_OK) and not Path(f"{path}-shm").exists():
        uri += "&immutable=1"
    return uri


def connect_read_only(path: Path, *, timeout: float = 5.0) -> sqlite3.Connection:
    return sqlite3.connect(read_only_uri(path), uri=True, timeout=timeout)


def bad_file(path: Path, problem: str) -> BadFileError:
    return BadFileError(f"{path}: {READ_PROBLEM} ({problem})", path=path, problem=problem)


def check_plan_file(path: Path, *, integrity: bool = True) -> str | None:
    """The schema revision stored in ``path``; raises BadFileError naming the problem.

    None means a new plan: a missing or empty file, or an SQLite file without tables. The file
    is only ever read. ``integrity`` runs SQLite's integrity_check (quick_check on huge files).
    """
    if not path.exists():
        return None
    size = path.stat().st_size
    if size == 0:
        return None
    with path.open("rb") as fh:
        head = fh.read(4096)
    problem = _header_problem(path, head, size)
    if problem is not None:
        raise bad_file(path, problem)
    try:
        conn = connect_read_only(path)
    except sqlite3.Error as exc:
        raise bad_file(path, str(exc)) from exc
    try:
        names = {row[0] for row in conn.execute("SELECT name FROM sqlite_master")}
        if integrity:
            problem = _integrity_problem(conn, size)
            if problem is not None:
                raise bad_file(path, problem)
        if not names:
            return None
        if "alembic_version" not in names:
            message = f"{path}: holds other tables, not an OKR Planner plan"
            raise BadFileError(message, path=path, problem="it is not an OKR Planner plan")
        row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
    except sqlite3.Error as exc:
        raise bad_file(path, f"the file is damaged: {exc}") from exc
    finally:
        conn.close()
    if row is None or not row[0]:
        raise bad_file(path, "it has no schema revision")
    return str(row[0])


def _header_problem(path: Path, head: bytes, size: int) -> str | None:
    """What the first bytes say is wrong, before SQLite gets to misread them."""
    if head[:16] != SQLITE_HEADER:
        if size >= 100 and not any(head[:100]):
            return "its header is zeroed: the file is damaged"
        if b"\x00" not in head:
            try:
                head.decode("utf-8")
            except UnicodeDecodeError as exc:
                # A UTF-8 sequence cut off at the end of the sample is still text.
                if exc.start < len(head) - 4:
                    return "it is not an SQLite database file"
            return "it is a text file, not a plan database"
        return "it is not an SQLite database file"
    if size < 100:
        return f"the file is truncated: {size} bytes is shorter than the header"
    page_size = int.from_bytes(head[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    if page_size < 512 or page_size & (page_size - 1):
        return f"its header is damaged (page size {page_size})"
    wal = Path(f"{path}-wal")
    if wal.exists() and wal.stat().st_size > 32:
        return None  # pages may still live in the WAL; integrity_check judges the whole
    if size % page_size:
        return f"the file is truncated: {size} bytes is not a whole number of pages"
    pages = int.from_bytes(head[28:32], "big")
    size_is_valid = head[24:28] == head[92:96] and pages > 0
    if size_is_valid and size < pages * page_size:
        return f"the file is truncated: {size} of {pages * page_size} bytes are there"
    return None


def _integrity_problem(conn: sqlite3.Connection, size: int) -> str | None:
    pragma = "integrity_check" if size <= FULL_CHECK_LIMIT else "quick_check"
    rows = [row[0] for row in conn.execute(f"PRAGMA {pragma}(5)")]
    if rows == ["ok"]:
        return None
    first = " ".join(str(rows[0]).split()) if rows else "no answer"  # one line, as every message
    more = f" and {len(rows) - 1} more" if len(rows) > 1 else ""
    return f"the file is damaged (integrity check: {first}{more})"
