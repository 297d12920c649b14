"""Helpers for the data-safety tests: the whole saved plan as plain data, and real mounts.

Tests run as root in CI containers, where file permissions do not stop writes. Read-only and
full-disk conditions are therefore made with mounts the kernel enforces even for root: a
read-only bind mount, and a tiny tmpfs. Both need root (CAP_SYS_ADMIN); without it the tests
that use them skip, and SQLite-level equivalents (``mode=ro``, ``max_page_count``) still run.
"""

from __future__ import annotations

import contextlib
import subprocess
from collections.abc import Iterator
from pathlib import Path

from tests.helpers import dump

__all__ = ["dump", "dump_file", "integrity", "read_only_view", "tmpfs"]


def dump_file(path: Path) -> dict[str, list[tuple]]:
    """``dump`` through a fresh read-only engine: what is on disk, not what a session caches."""
    from app.db import make_engine

    engine = make_engine(f"sqlite:///{path}", read_only=True)
    try:
        return dump(engine)
    finally:
        engine.dispose()


def integrity(path: Path) -> str:
    import sqlite3

    from app.sqlite_file import read_only_uri

    conn = sqlite3.connect(read_only_uri(path), uri=True)
    try:
        return conn.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        conn.close()


def _run(*args: str) -> bool:
    try:
        return subprocess.run(args, capture_output=True, timeout=30).returncode == 0
    except (OSError, subprocess.SubprocessError):
        return False


@contextlib.contextmanager
def tmpfs(mount_point: Path, size: str) -> Iterator[Path | None]:
    """A tmpfs of ``size`` at ``mount_point``; yields None where mounting is not allowed."""
    mount_point.mkdir(exist_ok=True)
    if not _run("mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(mount_point)):
        yield None
        return
    try:
        yield mount_point
    finally:
        _run("umount", "-l", str(mount_point))


@contextlib.contextmanager
def read_only_view(source: Path, mount_point: Path) -> Iterator[Path | None]:
    """``source`` (a folder) seen through a read-only bind mount; None where not allowed."""
    mount_point.mkdir(exist_ok=True)
    if not _run("mount", "--bind", str(source), str(mount_point)):
        yield None
        return
    try:
        if not _run("mount", "-o", "remount,bind,ro", str(mount_point)):
            yield None
            return
        yield mount_point
    finally:
        _run("umount", "-l", str(mount_point))
