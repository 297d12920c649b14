"""The check-ins of a metric as a table: week, date, value, change on the week before, note.

Value and note are edited in place; the date through the dialog (it checks the week); delete
with the button or the Delete key. Every change is a command pushed through the EditContext, so
each one is an undo step and the table refreshes from the service like every other view.
"""

from __future__ import annotations

from collections.abc import Sequence
from enum import IntEnum
from typing import Any

from PySide6.QtCore import QCoreApplication, QModelIndex, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QAbstractItemView, QWidget

from app.commands import Command
from models import validation as v
from models.rules import signed, with_unit
from models.trends import gain_unit, sign_of
from ui.checkin_commands import delete_checkin, edit_checkin, week_label
from ui.checkin_dialog import parse_value
from ui.edit_context import EditContext
from ui.record_table import Index, RecordTable, RecordTableModel


class CheckInColumn(IntEnum):
    WEEK = 0
    DATE = 1
    VALUE = 2
    CHANGE = 3
    NOTE = 4


def _tr(text: str) -> str:
    return QCoreApplication.translate("CheckInTable", text)


class CheckInTableModel(RecordTableModel):
    """A metric's check-ins, newest first. Edits become commands; ``edit`` may be None
    (read-only, e.g. in a report preview)."""

    validation_failed = Signal(str)

    def __init__(self, edit: EditContext | None = None, parent: Any = None) -> None:
        super().__init__(edit, parent)
        self._metric: Any = None
        self._changes: dict[int, float | None] = {}

    def load(self, metric: Any, checkins: Sequence[Any]) -> None:
        self.beginResetModel()
        self._metric = metric
        ordered = sorted(checkins, key=lambda c: (c.date, c.id))
        sign = sign_of(metric.direction) if metric is not None else 1.0
        self._changes = {}
        for prev, cur in zip([None, *ordered], ordered, strict=False):
            self._changes[cur.id] = None if prev is None else sign * (cur.value - prev.value)
        self._rows = list(reversed(ordered))  # newest first
        self.endResetModel()

    @property
    def metric(self) -> Any:
        return self._metric

    def checkins(self) -> list[Any]:
        return list(self._rows)

    def checkin(self, row: int) -> Any:
        return self._rows[row]

    def row_of(self, checkin_id: int) -> int:
        return next((i for i, c in enumerate(self._rows) if c.id == checkin_id), -1)

    # ----- QAbstractTableModel -----------------------------------------------------------
    def titles(self) -> tuple[str, ...]:
        return (_tr("Week"), _tr("Date"), _tr("Value"), _tr("Change"), _tr("Note"))

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if self._edit is not None and index.column() in (CheckInColumn.VALUE, CheckInColumn.NOTE):
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        c = self._rows[index.row()]
        column = index.column()
        unit = (self._metric.unit or "") if self._metric is not None else ""
        if role == Qt.ItemDataRole.DisplayRole:
            if column == CheckInColumn.WEEK:
                return week_label(c.date)
            if column == CheckInColumn.DATE:
                return c.date.isoformat()
            if column == CheckInColumn.VALUE:
                return with_unit(c.value, unit)
            if column == CheckInColumn.CHANGE:
                change = self._changes.get(c.id)
                return "" if change is None else signed(change, gain_unit(unit))
            if column == CheckInColumn.NOTE:
                return c.note
        if role == Qt.ItemDataRole.EditRole:
            if column == CheckInColumn.VALUE:
                return f"{c.value:g}"
            if column == CheckInColumn.NOTE:
                return c.note
        if role == Qt.ItemDataRole.ToolTipRole and column == CheckInColumn.NOTE and c.note:
            return c.note
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (
            CheckInColumn.VALUE,
            CheckInColumn.CHANGE,
        ):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        """Value or note typed in the cell, checked like the dialog checks it, then pushed."""
        if self._edit is None or role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        c = self._rows[index.row()]
        column = index.column()
        if column == CheckInColumn.VALUE:
            number = parse_value(str(value))
            if number is None:
                self.validation_failed.emit(
                    _tr("Value: “%1” is not a number").replace("%1", str(value))
                )
                return False
            if self._metric.unit == v.PERCENT and not 0 <= number <= 100:
                text = _tr("Value: %1% is outside 0-100").replace("%1", f"{number:g}")
                self.validation_failed.emit(text)
                return False
            changes: dict[str, Any] = {"value": number}
        elif column == CheckInColumn.NOTE:
            changes = {"note": str(value).strip()}
        else:
            return False
        command = edit_checkin(self._metric, self._rows, c, changes)
        return True if command is None else self._edit.push(command)

    def delete_command(self, row: int) -> Command:
        return delete_checkin(self._metric, self._rows, self._rows[row])


class CheckInTable(RecordTable):
    """The table with Add / Edit / Delete buttons; the owner opens the dialog on request."""

    model: CheckInTableModel

    def __init__(self, edit: EditContext, parent: QWidget | None = None) -> None:
        super().__init__(edit, CheckInTableModel(edit), (CheckInColumn.NOTE,), parent)
        self.model.setParent(self)
        self.setObjectName("checkInTable")
        self.view.setObjectName("checkInView")
        self.view.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
        )
        self.model.validation_failed.connect(self._show_message)
        self.add_button.setText(_tr("Check in…"))
        self.add_button.setObjectName("addCheckIn")
        self.add_button.setToolTip(_tr("Enter this week's value with a note (Ctrl+K)"))
        self.edit_button.setText(_tr("Edit…"))
        self.delete_button.setText(_tr("Delete"))
        self.delete_button.setObjectName("deleteCheckIn")
        shortcut = QShortcut(QKeySequence.StandardKey.Delete, self.view)
        shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
        shortcut.activated.connect(self.delete_current)
        self.view.doubleClicked.connect(self._double_clicked)

    def load(self, metric: Any, checkins: Sequence[Any]) -> None:
        self.model.load(metric, checkins)
        self.add_button.setEnabled(metric is not None)

    def delete_command(self, row: int) -> Command:
        return self.model.delete_command(row)

    def _double_clicked(self, index: QModelIndex) -> None:
        if index.column() in (CheckInColumn.WEEK, CheckInColumn.DATE):
            self.edit_requested.emit(self.model.checkin(index.row()).id)
