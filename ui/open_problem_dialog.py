"""What the user is asked when a plan cannot be opened for editing.

A damaged, foreign or too-new file: say which file and what is wrong, that it was not changed,
and offer the newest good backup, another file, or a new plan. A plan another window has open:
offer to open it read-only. These only ask; app.main acts on the answer.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

PLAN_FILTER = "OKR plans (*.db *.sqlite *.sqlite3);;All files (*)"


def _tr(text: str) -> str:
    return QCoreApplication.translate("OpenProblemDialog", text)


class OpenChoice(enum.Enum):
    RESTORE_BACKUP = "restore"
    OTHER_FILE = "other"
    NEW_PLAN = "new"
    QUIT = "quit"


@dataclass(frozen=True, slots=True)
class OpenDecision:
    choice: OpenChoice
    path: Path | None = None  # the file picked for OTHER_FILE and NEW_PLAN


class OpenProblemDialog(QDialog):
    """The problem in words and one button per way out; ``choice`` holds the one clicked."""

    def __init__(
        self, file: str, problem: str, backup: str | None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("openProblemDialog")
        self.setWindowTitle(_tr("Cannot open plan"))
        self.choice = OpenChoice.QUIT
        headline = QLabel(_tr("This plan cannot be opened:"), self)
        name = QLabel(file, self)
        name.setObjectName("problemFile")
        name.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        name.setStyleSheet("font-weight: bold;")
        name.setWordWrap(True)
        reason = QLabel(problem[:1].upper() + problem[1:] + ".", self)
        reason.setObjectName("problemText")
        reason.setWordWrap(True)
        untouched = QLabel(_tr("The file has not been changed."), self)
        layout = QVBoxLayout(self)
        for label in (headline, name, reason, untouched):
            layout.addWidget(label)
        layout.addSpacing(8)
        self.buttons: dict[OpenChoice, QPushButton] = {}
        if backup is not None:
            self._add(
                layout,
                OpenChoice.RESTORE_BACKUP,
                _tr("Restore the newest good backup (%1)").replace("%1", backup),
            )
        self._add(layout, OpenChoice.OTHER_FILE, _tr("Open another plan file…"))
        self._add(layout, OpenChoice.NEW_PLAN, _tr("Start a new plan…"))
        self._add(layout, OpenChoice.QUIT, _tr("Quit"))
        first = next(iter(self.buttons.values()))
        first.setDefault(True)
        first.setFocus()
        self.setMinimumWidth(460)

    def _add(self, layout: QVBoxLayout, choice: OpenChoice, text: str) -> None:
        button = QPushButton(text, self)
        button.setObjectName(f"choice_{choice.value}")
        button.clicked.connect(lambda: self._choose(choice))
        layout.addWidget(button)
        self.buttons[choice] = button

    def _choose(self, choice: OpenChoice) -> None:
        self.choice = choice
        self.accept()


def ask_what_to_do(file: str, problem: str, backup: str | None) -> OpenDecision:
    """Show the dialog (and a file chooser when needed); QUIT when the user backs out."""
    while True:
        dialog = OpenProblemDialog(file, problem, backup)
        dialog.exec()
        choice = dialog.choice
        if choice in (OpenChoice.QUIT, OpenChoice.RESTORE_BACKUP):
            return OpenDecision(choice)
        folder = str(Path(file).parent)
        if choice is OpenChoice.OTHER_FILE:
            name, _ = QFileDialog.getOpenFileName(None, _tr("Open plan"), folder, _tr(PLAN_FILTER))
        else:
            name, _ = QFileDialog.getSaveFileName(
                None, _tr("New plan"), str(Path(folder) / "new-plan.db"), _tr(PLAN_FILTER)
            )
        if name:
            return OpenDecision(choice, Path(name))


def ask_open_read_only(file: str) -> bool:
    """Another window has the plan: open it read-only instead?"""
    box = QMessageBox(
        QMessageBox.Icon.Information,
        _tr("Plan already open"),
        _tr(
            "Another OKR Planner window has this plan open:\n%1\n\n"
            "You can open it read-only here; the other window is not affected."
        ).replace("%1", file),
    )
    read_only = box.addButton(_tr("Open read-only"), QMessageBox.ButtonRole.AcceptRole)
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(read_only)
    box.exec()
    return box.clickedButton() is read_only
