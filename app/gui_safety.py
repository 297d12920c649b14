"""Data-safety wiring for the GUI: backups on open and close, File > Restore backup, and what
happens when a plan cannot be opened (recovery choices, read-only second window).

Part of the entry layer with app.main (it imports Qt and ui); the work itself is headless, in
app.backup and app.db, so the CLI shares it.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication, QMessageBox

from app.db import (
    BadFileError,
    DatabaseError,
    NewerSchemaError,
    OpenedDatabase,
    PlanInUseError,
    ReadOnlyFileError,
    ensure_schema,
)
from app.sqlite_file import writable
from ui.first_paint import after_first_paint
from ui.main_window import MainWindow
from ui.open_problem_dialog import OpenChoice, ask_open_read_only, ask_what_to_do

if TYPE_CHECKING:
    from ui.dialogs.restore_dialog import BackupRow

# app.backup is imported where a backup is made, listed or restored: after the first paint.


def _tr(text: str) -> str:
    return QCoreApplication.translate("main", text)


def read_only_reason(path: Path | None) -> str:
    """What the read-only banner says: the file cannot be written, or another window edits it."""
    if path is not None and not writable(path):
        return _tr(
            "Opened read-only because the plan file cannot be written "
            "(a read-only file, folder or disk). Nothing can be changed here."
        )
    return _tr(
        "Opened read-only because another window has this plan open. "
        "Nothing can be changed here; close the other window to edit."
    )


class PlanBackups:
    """The window's BackupSource: lists this plan's backups and restores one in place."""

    def __init__(self, opened: OpenedDatabase, path: Path) -> None:
        self.opened = opened
        self.path = path

    def backups(self) -> list[BackupRow]:
        from app.backup import card_count, list_backups
        from ui.dialogs.restore_dialog import BackupRow  # with its dialog, not at start-up

        return [
            BackupRow(b.path, b.created, b.size, b.label, card_count(b.path))
            for b in list_backups(self.path)
        ]

    def restore(self, path: Path) -> str:
        from app.backup import restore_backup

        engine = self.opened.engine
        engine.dispose()  # no pooled connection holds a snapshot of the old plan
        result = restore_backup(path, self.path)
        ensure_schema(engine, self.path)  # a backup from before an upgrade is upgraded again
        engine.dispose()
        message = _tr("Restored the backup of %1.").replace("%1", path.name)
        if result.safety_backup is not None:
            message += " " + _tr("The plan as it was is kept as %1.").replace(
                "%1", result.safety_backup.path.name
            )
        return message


def wire_window(window: MainWindow, opened: OpenedDatabase) -> None:
    """Backups for a window that edits a plan file; nothing for read-only windows or servers."""
    path = opened.path
    if path is None or opened.read_only:
        window.close_hooks.append(opened.close)
        return
    open_backup = OpenBackup(path, pending=not opened.created)
    # After the first paint, so the window shows sooner; before the first write whatever
    # happens, so the backup still holds the plan as it was opened.
    after_first_paint(window, open_backup.run)
    window.bus.before_next_write(open_backup.run)
    window.backup_source = PlanBackups(opened, path)

    def on_close() -> None:
        from app.backup import backup_on_close

        open_backup.run()  # closed before it ran (never shown): the plan as opened first
        _report(lambda: backup_on_close(path))
        opened.close()

    window.close_hooks.append(on_close)


class OpenBackup:
    """The backup made when a plan is opened (at most one an hour), run once, when first
    asked: after the window's first paint, or before its first write or close if sooner."""

    def __init__(self, path: Path, *, pending: bool = True) -> None:
        self.path = path
        self.pending = pending  # False: a new plan, nothing to back up

    def run(self) -> None:
        if self.pending:
            from app.backup import backup_on_open

            self.pending = False
            _report(lambda: backup_on_open(self.path))


def _report(make: Callable[[], object]) -> None:
    """A failed automatic backup must not stop the user working: say so on stderr."""
    from app.backup import BackupError

    try:
        make()
    except (BackupError, OSError) as exc:
        print(f"okr-planner: backup skipped: {exc}", file=sys.stderr)


def open_window_with_recovery(
    db: str | None, create: Callable[..., MainWindow], *, interactive: bool | None = None
) -> MainWindow | None:
    """Open the plan, asking the user what to do when it cannot be opened; None to give up.

    Without a real display (offscreen tests, scripts) nothing is asked: the one-line message
    on stderr and a non-zero exit are the answer.
    """
    if interactive is None:
        app = QApplication.instance()
        interactive = app is not None and app.platformName() not in ("offscreen", "minimal")
    target, read_only = db, False
    while True:
        try:
            return create(target, read_only=read_only)
        except PlanInUseError as exc:
            print(f"okr-planner: {exc}", file=sys.stderr)
            if not interactive or not ask_open_read_only(str(exc.path)):
                return None
            read_only = True
        except ReadOnlyFileError as exc:
            print(f"okr-planner: {exc}", file=sys.stderr)
            if exc.path is None or not exc.path.exists():
                if interactive:
                    QMessageBox.critical(None, _tr("Cannot open plan"), str(exc))
                return None
            read_only = True  # look, but not touch; the banner says why
        except (BadFileError, NewerSchemaError) as exc:
            print(f"okr-planner: {exc}", file=sys.stderr)
            if not interactive or exc.path is None:
                return None
            target, read_only = _recover(exc), False
            if target is None:
                return None
        except DatabaseError as exc:
            print(f"okr-planner: {exc}", file=sys.stderr)
            if interactive:
                QMessageBox.critical(None, _tr("Cannot open plan"), str(exc))
            return None


def _recover(exc: DatabaseError) -> str | None:
    """Ask what to do about a bad file; the path to try next, None to quit."""
    from app.backup import BackupError, card_count, newest_good_backup, restore_backup

    assert exc.path is not None
    path = exc.path
    good = newest_good_backup(path)
    text = None
    if good is not None:
        cards = card_count(good.path)
        text = f"{good.created:%Y-%m-%d %H:%M}, " + _tr("%1 cards").replace("%1", str(cards))
    decision = ask_what_to_do(str(path), exc.problem, text)
    if decision.choice is OpenChoice.RESTORE_BACKUP and good is not None:
        try:
            restore_backup(good.path, path)
        except (BackupError, OSError) as err:
            QMessageBox.critical(None, _tr("Cannot restore backup"), str(err))
            return None
        return str(path)
    if decision.path is not None:
        return str(decision.path)
    return None
