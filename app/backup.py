"""Backups of a plan file into ``backups/`` beside it, their rotation, and restoring one.

Copies are made with SQLite's online backup API from a read-only connection, so they are
consistent even while a window is writing (a file copy of a live WAL database can catch half a
transaction). Each copy is written to a temporary name, switched to a self-contained rollback
journal, checked with integrity_check and synced before it gets its real name; only then are
older backups rotated out, so a failed or killed backup never costs a good one.

Names are ``<stem>-YYYYMMDD-HHMMSS-<label>.db`` in local time, e.g.
``plan-20251203-141502-close.db``: sortable, readable, and the date needs no metadata.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import os
import re
import secrets
import sqlite3
import time
from dataclasses import dataclass
from pathlib import Path

from app.sqlite_file import BadFileError, check_plan_file, connect_read_only
from models.errors import PlanError

BACKUP_FOLDER = "backups"
KEEP_LAST = 10
KEEP_DAYS = 14
OPEN_INTERVAL = dt.timedelta(hours=1)
_STAMP = "%Y%m%d-%H%M%S"
_TMP_PREFIX = ".okr-backup-"
_STALE_TMP_SECONDS = 3600
# Rotation never removes these: the way back to an older app version, and damaged plans that
# were moved aside when a backup replaced them (kept for the user or a recovery tool).
_KEPT_LABELS = ("before-upgrade", "damaged")


class BackupError(PlanError):
    """A backup could not be made or restored; the message names the file and the reason."""


@dataclass(frozen=True, slots=True)
class BackupInfo:
    """One backup file: where, when (local time, from its name), why, and how big."""

    path: Path
    created: dt.datetime
    label: str
    size: int

    @property
    def kept(self) -> bool:
        """Exempt from rotation (made before an upgrade, or a damaged plan moved aside)."""
        return self.label.startswith(_KEPT_LABELS)


@dataclass(frozen=True, slots=True)
class RestoreResult:
    """What a restore left behind: the safety copy of the current plan, or the damaged file
    moved aside when the current plan could not be read."""

    safety_backup: BackupInfo | None
    moved_aside: Path | None


def backup_folder(db_path: Path) -> Path:
    return db_path.parent / BACKUP_FOLDER


def _name_pattern(db_path: Path) -> re.Pattern[str]:
    stem = re.escape(db_path.stem)
    return re.compile(rf"^{stem}-(\d{{8}}-\d{{6}})(?:-([A-Za-z0-9_.-]+))?\.db$")


def list_backups(db_path: Path, *, include_damaged: bool = False) -> list[BackupInfo]:
    """This plan's backups, newest first (damaged plans moved aside only when asked)."""
    folder = backup_folder(db_path)
    if not folder.is_dir():
        return []
    pattern = _name_pattern(db_path)
    found = []
    for entry in folder.iterdir():
        match = pattern.match(entry.name)
        if match is None or not entry.is_file():
            continue
        try:
            created = dt.datetime.strptime(match.group(1), _STAMP)
            size = entry.stat().st_size
        except (ValueError, OSError):
            continue
        info = BackupInfo(entry, created, match.group(2) or "", size)
        if include_damaged or not info.label.startswith("damaged"):
            found.append(info)
    return sorted(found, key=lambda b: (b.created, b.path.name), reverse=True)


def card_count(path: Path) -> int | None:
    """How many action cards a backup holds, None when it cannot be read."""
    try:
        conn = connect_read_only(path)
        try:
            return int(conn.execute("SELECT count(*) FROM actioncard").fetchone()[0])
        finally:
            conn.close()
    except sqlite3.Error:
        return None


def make_backup(
    db_path: Path,
    *,
    label: str = "manual",
    skip_unchanged: bool = True,
    rotate: bool = True,
    now: dt.datetime | None = None,
) -> BackupInfo | None:
    """Back up ``db_path``; None when ``skip_unchanged`` and the newest backup holds the same.

    Raises BackupError when the plan cannot be read or the copy fails its integrity check.
    """
    folder = backup_folder(db_path)
    try:
        folder.mkdir(exist_ok=True)
    except OSError as exc:
        raise BackupError(f"{folder}: cannot create the backup folder ({exc})") from exc
    _remove_stale_temporaries(folder)
    tmp = folder / f"{_TMP_PREFIX}{db_path.stem}-{os.getpid()}-{secrets.token_hex(4)}.tmp"
    try:
        newest = next(iter(list_backups(db_path)), None) if skip_unchanged else None
        if not _copy_verified(db_path, tmp, same_as=newest.path if newest else None):
            return None
        target = _free_name(db_path, now or dt.datetime.now(), label)
        os.replace(tmp, target)
        _fsync_dir(folder)
    finally:
        with contextlib.suppress(OSError):
            tmp.unlink()
    info = BackupInfo(target, _created_of(target, db_path), label, target.stat().st_size)
    if rotate:
        rotate_backups(db_path, now=now)
    return info


def backup_on_open(db_path: Path, *, now: dt.datetime | None = None) -> BackupInfo | None:
    """The backup made when a plan is opened: at most one an hour, none if nothing changed."""
    now = now or dt.datetime.now()
    newest = next(iter(list_backups(db_path)), None)
    if newest is not None and abs(now - newest.created) < OPEN_INTERVAL:
        return None
    return make_backup(db_path, label="open", now=now)


def backup_on_close(db_path: Path, *, now: dt.datetime | None = None) -> BackupInfo | None:
    """The backup made on a clean close, unless nothing changed since the newest one."""
    return make_backup(db_path, label="close", now=now)


def rotate_backups(
    db_path: Path,
    *,
    now: dt.datetime | None = None,
    keep_last: int = KEEP_LAST,
    keep_days: int = KEEP_DAYS,
) -> list[Path]:
    """Keep the ``keep_last`` newest and the newest of each of the last ``keep_days`` days.

    Returns the files removed. Backups made before an upgrade are always kept.
    """
    today = (now or dt.datetime.now()).date()
    backups = [b for b in list_backups(db_path) if not b.kept]
    keep = {b.path for b in backups[:keep_last]}
    days: set[dt.date] = set()
    for backup in backups:  # newest first, so the first one seen of a day is that day's newest
        day = backup.created.date()
        if (today - day).days < keep_days and day not in days:
            days.add(day)
            keep.add(backup.path)
    removed = []
    for backup in backups:
        if backup.path not in keep:
            with contextlib.suppress(FileNotFoundError):
                backup.path.unlink()
            removed.append(backup.path)
    return removed


def newest_good_backup(db_path: Path) -> BackupInfo | None:
    """The newest backup that passes integrity_check and that this version can open."""
    from app.migrations.runner import known_revisions

    known = known_revisions()
    for backup in list_backups(db_path):
        try:
            revision = check_plan_file(backup.path)
        except BadFileError:
            continue
        if revision in known:
            return backup
    return None


def restore_backup(backup: Path, db_path: Path, *, now: dt.datetime | None = None) -> RestoreResult:
    """Put the contents of ``backup`` into ``db_path``, keeping what was there first.

    A readable current plan is backed up (label ``before-restore``) and then overwritten in
    place through the backup API, in one transaction that other connections see atomically. A
    damaged current plan is moved, untouched, into the backup folder (label ``damaged``) and a
    fresh file takes its place. The caller opens the result with ``app.db.open_database``, which
    upgrades a backup from an older schema.
    """
    from app.migrations.runner import known_revisions

    revision = _check_backup(backup)
    if revision not in known_revisions():
        raise BackupError(f"{backup}: written by a newer OKR Planner (schema {revision})")
    try:
        current_ok = check_plan_file(db_path) is not None
    except BadFileError:
        current_ok = False
    safety = moved = None
    if current_ok:
        safety = make_backup(db_path, label="before-restore", skip_unchanged=False, rotate=False)
        _restore_in_place(backup, db_path)
    else:
        moved = _move_aside(db_path, now or dt.datetime.now()) if db_path.exists() else None
        _restore_to_new_file(backup, db_path)
    rotate_backups(db_path, now=now)
    return RestoreResult(safety, moved)


# ----- internals -------------------------------------------------------------------------
def _check_backup(backup: Path) -> str:
    if not backup.is_file():
        raise BackupError(f"{backup}: no such backup file")
    try:
        revision = check_plan_file(backup)
    except BadFileError as exc:
        raise BackupError(f"{backup}: cannot be restored ({exc.problem})") from exc
    if revision is None:
        raise BackupError(f"{backup}: cannot be restored (it holds no plan)")
    return revision


def _copy_verified(source: Path, target: Path, *, same_as: Path | None = None) -> bool:
    """Online-backup ``source`` into ``target`` (a new file), self-contained and checked.

    False, before the (costlier) check, when the copy equals ``same_as`` page for page.
    """
    try:
        src = connect_read_only(source)
        try:
            dst = sqlite3.connect(target)
            try:
                src.backup(dst)
                # The copy inherits WAL from its source; a backup should be one file that
                # opens anywhere, even from read-only media.
                dst.execute("PRAGMA journal_mode=DELETE")
                dst.close()
                if same_as is not None and _digest(same_as) == _digest(target):
                    return False
                dst = sqlite3.connect(target)
                result = [row[0] for row in dst.execute("PRAGMA integrity_check(5)")]
            finally:
                dst.close()
        finally:
            src.close()
    except sqlite3.Error as exc:
        raise BackupError(f"{source}: cannot be backed up ({exc})") from exc
    if result != ["ok"]:
        raise BackupError(f"{source}: the backup failed its integrity check ({result[0]})")
    _fsync_file(target)
    return True


def _restore_in_place(backup: Path, db_path: Path) -> None:
    try:
        src = connect_read_only(backup)
        try:
            dst = sqlite3.connect(db_path, timeout=5.0)
            try:
                src.backup(dst)
                result = [row[0] for row in dst.execute("PRAGMA integrity_check(5)")]
            finally:
                dst.close()
        finally:
            src.close()
    except sqlite3.Error as exc:
        raise BackupError(f"{db_path}: cannot be restored from {backup.name} ({exc})") from exc
    if result != ["ok"]:  # pragma: no cover - the source passed the same check
        raise BackupError(f"{db_path}: the restored plan failed its integrity check")


def _restore_to_new_file(backup: Path, db_path: Path) -> None:
    tmp = db_path.with_name(f"{_TMP_PREFIX}{db_path.name}-{secrets.token_hex(4)}.tmp")
    try:
        _copy_verified(backup, tmp)
        os.replace(tmp, db_path)
        _fsync_dir(db_path.parent)
    finally:
        with contextlib.suppress(OSError):
            tmp.unlink()


def _move_aside(db_path: Path, now: dt.datetime) -> Path:
    """Move a damaged plan (and its WAL files) into the backup folder, bytes untouched."""
    folder = backup_folder(db_path)
    folder.mkdir(exist_ok=True)
    target = _free_name(db_path, now, "damaged")
    os.replace(db_path, target)
    for suffix in ("-wal", "-shm"):
        side = Path(f"{db_path}{suffix}")
        if side.exists():
            os.replace(side, Path(f"{target}{suffix}"))
    _fsync_dir(folder)
    return target


def _free_name(db_path: Path, when: dt.datetime, label: str) -> Path:
    folder = backup_folder(db_path)
    base = f"{db_path.stem}-{when.strftime(_STAMP)}"
    name = f"{base}-{label}" if label else base
    candidate, n = folder / f"{name}.db", 2
    while candidate.exists():
        candidate, n = folder / f"{name}-{n}.db", n + 1
    return candidate


def _created_of(path: Path, db_path: Path) -> dt.datetime:
    match = _name_pattern(db_path).match(path.name)
    assert match is not None
    return dt.datetime.strptime(match.group(1), _STAMP)


def _digest(path: Path) -> bytes:
    """A hash of a backup's pages, blind to the header fields that count writes.

    Two copies of unchanged data are page-for-page identical (the backup API copies pages
    verbatim), so equal digests mean nothing changed; a changed plan always differs somewhere.
    """
    data = bytearray(path.read_bytes())
    data[24:28] = bytes(4)  # file change counter
    data[92:100] = bytes(8)  # version-valid-for and the SQLite version that wrote it
    return hashlib.sha256(data).digest()


def _remove_stale_temporaries(folder: Path) -> None:
    """Temporaries left by a killed backup (a live one is younger than an hour)."""
    cutoff = time.time() - _STALE_TMP_SECONDS
    for entry in folder.glob(f"{_TMP_PREFIX}*.tmp"):
        with contextlib.suppress(OSError):
            if entry.stat().st_mtime < cutoff:
                entry.unlink()


def _fsync_file(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _fsync_dir(folder: Path) -> None:
    """Make a rename durable (POSIX); Windows cannot open folders and needs no such step."""
    if os.name != "posix":  # pragma: no cover - Windows
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
