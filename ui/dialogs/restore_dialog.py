"""File > Restore backup: pick one of the plan's backups, confirm, and reload the window on it.

The dialog lists what a ``BackupSource`` hands it (date, size, card count, why it was made) and
never touches a file itself: app.main supplies the source, whose ``restore`` backs up the
current plan first, restores, and upgrades an older schema. The undo history is cleared
afterwards, because its commands describe the plan that was replaced.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from PySide6.QtCore import QCoreApplication, QLocale, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMainWindow,
    QMessageBox,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)


def _tr(text: str) -> str:
    return QCoreApplication.translate("RestoreDialog", text)


@dataclass(frozen=True, slots=True)
class BackupRow:
    """One backup as the dialog shows it."""

    path: Path
    created: dt.datetime
    size: int
    label: str
    cards: int | None  # None: the backup could not be read


class BackupSource(Protocol):
    """What the window needs to offer backups; app.main implements it over app.backup."""

    def backups(self) -> list[BackupRow]: ...

    def restore(self, path: Path) -> str:
        """Restore ``path`` over the open plan; returns a message for the status bar."""
        ...


def label_text(label: str) -> str:
    """Why a backup was made, in words."""
    if label.startswith("before-upgrade-from-"):
        return _tr("before upgrading schema %1").replace("%1", label.rsplit("-from-", 1)[1])
    names = {
        "open": _tr("on opening"),
        "close": _tr("on closing"),
        "manual": _tr("by hand"),
        "before-restore": _tr("before a restore"),
    }
    base = label.rsplit("-", 1)[0] if label[-1:].isdigit() and "-" in label else label
    return names.get(label) or names.get(base) or label


class RestoreDialog(QDialog):
    """The list of backups, newest first; ``selected()`` after ``exec()`` returns the choice."""

    def __init__(self, rows: list[BackupRow], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("restoreDialog")
        self.setWindowTitle(_tr("Restore backup"))
        self.rows = rows
        intro = QLabel(
            _tr(
                "Choose the backup to go back to. The plan as it is now is backed up first, "
                "so a restore can itself be undone by restoring that backup."
            ),
            self,
        )
        intro.setWordWrap(True)
        self.table = QTreeWidget(self)
        self.table.setObjectName("backupList")
        self.table.setRootIsDecorated(False)
        self.table.setUniformRowHeights(True)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setHeaderLabels([_tr("Date"), _tr("Size"), _tr("Cards"), _tr("Made")])
        locale = QLocale()
        for row in rows:
            cards = _tr("unreadable") if row.cards is None else str(row.cards)
            item = QTreeWidgetItem(
                [
                    row.created.strftime("%Y-%m-%d %H:%M:%S"),
                    locale.formattedDataSize(row.size),
                    cards,
                    label_text(row.label),
                ]
            )
            item.setTextAlignment(1, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            item.setTextAlignment(2, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            item.setToolTip(0, str(row.path))
            self.table.addTopLevelItem(item)
        for column in range(4):
            self.table.resizeColumnToContents(column)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.restore_button = self.buttons.addButton(
            _tr("Restore…"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.restore_button.setEnabled(False)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.table.itemSelectionChanged.connect(self._selection_changed)
        self.table.itemDoubleClicked.connect(lambda *_: self.accept())
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table)
        layout.addWidget(self.buttons)
        self.resize(620, 380)
        if rows:
            self.table.setCurrentItem(self.table.topLevelItem(0))

    def _selection_changed(self) -> None:
        self.restore_button.setEnabled(self.selected() is not None)

    def selected(self) -> BackupRow | None:
        items = self.table.selectedItems()
        if not items:
            return None
        return self.rows[self.table.indexOfTopLevelItem(items[0])]


def run_restore(window: QMainWindow, source: BackupSource | None) -> str | None:
    """The whole File > Restore backup gesture; a message for the user once the plan was
    replaced, None when nothing happened."""
    if source is None:
        QMessageBox.information(
            window, _tr("Restore backup"), _tr("Backups are kept only for plan files.")
        )
        return None
    rows = source.backups()
    if not rows:
        QMessageBox.information(
            window,
            _tr("Restore backup"),
            _tr("This plan has no backups yet. One is made when a plan is opened and closed."),
        )
        return None
    dialog = RestoreDialog(rows, window)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    row = dialog.selected()
    if row is None:
        return None
    cards = "?" if row.cards is None else str(row.cards)
    question = (
        _tr(
            "Replace the plan with the backup of %1 (%2 cards)?\n\n"
            "The plan as it is now is backed up first, and the undo history is cleared."
        )
        .replace("%1", row.created.strftime("%Y-%m-%d %H:%M"))
        .replace("%2", cards)
    )
    answer = QMessageBox.question(
        window,
        _tr("Restore backup"),
        question,
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
        QMessageBox.StandardButton.Cancel,
    )
    if answer != QMessageBox.StandardButton.Yes:
        return None
    try:
        message = source.restore(row.path)
    except Exception as exc:
        QMessageBox.warning(
            window,
            _tr("Restore backup"),
            _tr("The backup was not restored; the plan is unchanged.\n\n%1").replace(
                "%1", str(exc)
            ),
        )
        return None
    return message
