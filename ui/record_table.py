"""A table of records (check-ins, warning rules) with Add / Edit / Delete buttons under it.

What the KR panel's small tables share: a flat list of records as rows, fixed column titles,
one selected row, an owner that opens the dialogs on request (``add_requested``,
``edit_requested``), and a delete that pushes one command through the EditContext. Long texts
wrap in their cells so the table fits a narrow pane instead of scrolling sideways.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.commands import Command
from ui.dialogs.common import error_label, show_error
from ui.edit_context import EditContext
from ui.kr_panel_fit import Index, WrapDelegate


class RecordTableModel(QAbstractTableModel):
    """Rows are records (plain dataclasses with an ``id``); subclasses name the columns."""

    def __init__(self, edit: EditContext | None = None, parent: Any = None) -> None:
        super().__init__(parent)
        self._edit = edit
        self._rows: list[Any] = []

    def titles(self) -> tuple[str, ...]:
        """The column titles, translated: their number is the number of columns."""
        raise NotImplementedError

    def record(self, row: int) -> Any:
        return self._rows[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.titles())

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        titles = self.titles()
        return titles[section] if 0 <= section < len(titles) else None


class RecordTable(QWidget):
    """The view over a RecordTableModel, a message line and Add / Edit / Delete buttons.

    Subclasses give the buttons their texts (in their own translation context) and say what
    deleting a row means (``delete_command``). ``wrapping`` columns share the width left by the
    others and wrap their text; the rows grow to fit.
    """

    add_requested = Signal()
    edit_requested = Signal(int)  # the record's id

    def __init__(
        self,
        edit: EditContext,
        model: RecordTableModel,
        wrapping: tuple[int, ...],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.edit = edit
        self.model = model
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.view = QTableView(self)
        self.view.setModel(model)
        self.view.verticalHeader().hide()
        self.view.setWordWrap(True)
        self.view.setItemDelegate(WrapDelegate(self.view, wrapping))
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = self.view.horizontalHeader()
        header.setTextElideMode(Qt.TextElideMode.ElideRight)
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        for column in wrapping:
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        # Wrapped texts need taller rows whenever the data or the column widths change; the
        # header resizes its sections one by one, so measure once they have all settled.
        self._rows_pending = False
        model.modelReset.connect(self.view.resizeRowsToContents)
        header.sectionResized.connect(self._schedule_row_fit)
        layout.addWidget(self.view)

        self.message = error_label(self)
        layout.addWidget(self.message)
        model.modelReset.connect(self.message.hide)

        buttons = QHBoxLayout()
        self.add_button = QPushButton(self)
        self.add_button.clicked.connect(self.add_requested)
        self.edit_button = QPushButton(self)
        self.edit_button.clicked.connect(self._edit_current)
        self.delete_button = QPushButton(self)
        self.delete_button.clicked.connect(self.delete_current)
        for button in (self.add_button, self.edit_button, self.delete_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self.view.selectionModel().selectionChanged.connect(self._update_buttons)
        model.modelReset.connect(self._update_buttons)
        self._update_buttons()

    def _schedule_row_fit(self, *_args: object) -> None:
        if not self._rows_pending:
            self._rows_pending = True
            QTimer.singleShot(0, self.view, self._fit_rows)  # dropped if the view is gone

    def _fit_rows(self) -> None:
        self._rows_pending = False
        self.view.resizeRowsToContents()

    def delete_command(self, row: int) -> Command:
        """The command that deletes the record in ``row``."""
        raise NotImplementedError

    def current_row(self) -> int:
        index = self.view.currentIndex()
        return index.row() if index.isValid() else -1

    def delete_current(self) -> bool:
        row = self.current_row()
        if row < 0:
            return False
        return self.edit.push(self.delete_command(row))

    def _edit_current(self) -> None:
        self._edit_row(self.current_row())

    def _edit_row(self, row: int) -> None:
        if row >= 0:
            self.edit_requested.emit(self.model.record(row).id)

    def _update_buttons(self) -> None:
        has = self.current_row() >= 0
        self.edit_button.setEnabled(has)
        self.delete_button.setEnabled(has)

    def _show_message(self, text: str) -> None:
        show_error(self.message, text)
