"""``okr-planner backup`` and ``okr-planner restore``: the File > Restore backup flow, headless.

Registered in ``app.cli.EXTRA_COMMANDS``. Kept free of module-level imports beyond the standard
library, so ``okr-planner --help`` stays fast; errors are PlanErrors, which the CLI prints as
one line with exit code 1.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from app.cli_common import CommandError, existing_plan_file, plan_location


class BackupCommandError(CommandError):
    """A backup or restore request that cannot be carried out (printed as one line)."""


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    backup = sub.add_parser(
        "backup",
        parents=[common],
        help="back up a plan into the backups/ folder beside it",
        description="Make a consistent, verified copy of the plan in backups/ beside it "
        "(skipped when nothing changed since the newest backup), or list the backups.",
    )
    backup.add_argument("--list", action="store_true", help="list the backups instead")
    backup.set_defaults(func=cmd_backup)

    restore = sub.add_parser(
        "restore",
        parents=[common],
        help="replace a plan with one of its backups (the current plan is backed up first)",
    )
    restore.add_argument("backup", metavar="BACKUP", help="backup file (a path or its name)")
    restore.set_defaults(func=cmd_restore)


def _sqlite_path(args: argparse.Namespace) -> Path:
    url, path = plan_location(args)
    if path is None:
        raise BackupCommandError(f"{url}: backups work on plan files, not database servers")
    return path


def _plan_path(args: argparse.Namespace) -> Path:
    return existing_plan_file(_sqlite_path(args), BackupCommandError)


def _size(n: int) -> str:
    return f"{n / 1024:.0f} KB" if n < 1024 * 1024 else f"{n / 1024 / 1024:.1f} MB"


def cmd_backup(args: argparse.Namespace) -> int:
    from app.backup import card_count, list_backups, make_backup
    from app.sqlite_file import check_plan_file

    path = _plan_path(args)
    if args.list:
        backups = list_backups(path)
        if not backups:
            print(f"No backups of {path} yet")
        for b in backups:
            cards = card_count(b.path)
            count = "?" if cards is None else str(cards)
            print(
                f"{b.created:%Y-%m-%d %H:%M:%S}  {_size(b.size):>8}  {count:>6} cards  "
                f"{b.label:<14}  {b.path}"
            )
        return 0
    check_plan_file(path)  # a damaged plan is reported, not copied over a good backup
    made = make_backup(path, label="manual")
    if made is None:
        newest = list_backups(path)[0]
        print(f"Nothing changed since the newest backup, {newest.path}")
    else:
        print(f"Backup written to {made.path} ({card_count(made.path)} cards)")
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    from app.backup import backup_folder, restore_backup
    from app.db import open_database
    from app.instance_lock import acquire

    db_path = _plan_path_for_restore(args)
    backup = Path(args.backup).expanduser()
    if not backup.exists() and (backup_folder(db_path) / args.backup).exists():
        backup = backup_folder(db_path) / args.backup
    lock = acquire(db_path)
    if lock is None:
        raise BackupCommandError(
            f"{db_path}: another OKR Planner window has this plan open; close it first"
        )
    try:
        result = restore_backup(backup.resolve(), db_path)
        opened = open_database(f"sqlite:///{db_path}", fill_sample=False)  # upgrades old ones
        opened.close()
    finally:
        lock.release()
    print(f"Restored {db_path} from {backup.name}")
    if result.safety_backup is not None:
        print(f"The plan as it was is kept in {result.safety_backup.path}")
    if result.moved_aside is not None:
        print(f"The damaged file was moved, unchanged, to {result.moved_aside}")
    return 0


def _plan_path_for_restore(args: argparse.Namespace) -> Path:
    """Like _plan_path, but a missing or damaged plan file is exactly what restore is for."""
    path = _sqlite_path(args)
    if not path.parent.is_dir():
        raise BackupCommandError(f"{path.parent}: folder does not exist")
    return path
