"""The KR panel's work packages (工作包) with their deliverables (产出物) as a checklist.

Two levels: a work package row (light, title, due, acceptance, n of m done) and its deliverables
(a check box, due date, acceptance criteria). Checking a deliverable off, and editing a title, a
due date or acceptance criteria in place, each push one UpdateEntity on the undo stack.
"""

from __future__ import annotations

import datetime as dt
from enum import IntEnum
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QCoreApplication,
    QModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QFont, QResizeEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTreeView, QWidget

from app.commands import UpdateEntity
from app.services.records import PlanTree
from models.lights import Light
from ui.edit_context import EditContext
from ui.kr_panel_fit import Index, WrapDelegate, fit_height, unwrapped_width
from ui.lights import light_icon


class WorkColumn(IntEnum):
    TITLE = 0
    DONE = 1
    DUE = 2
    ACCEPTANCE = 3


def _tr(text: str) -> str:
    return QCoreApplication.translate("WorkPackageModel", text)


def parse_due(text: str, year: int) -> dt.date | None:
    """'2025-12-10', '12-10' (in the plan's year) or blank (no due date)."""
    cleaned = text.strip()
    if not cleaned:
        return None
    parts = cleaned.replace("/", "-").split("-")
    if len(parts) == 2:
        parts = [str(year), *parts]
    if len(parts) != 3:
        raise ValueError(cleaned)
    return dt.date(int(parts[0]), int(parts[1]), int(parts[2]))


class _Row:
    """A work package (``parent`` None) or a deliverable of one."""

    __slots__ = ("children", "kind", "parent", "record")

    def __init__(self, kind: str, record: Any, parent: _Row | None = None) -> None:
        self.kind = kind
        self.record = record
        self.parent = parent
        self.children: list[_Row] = []


class WorkPackageModel(QAbstractItemModel):
    """The work packages of one KR and their deliverables."""

    validation_failed = Signal(str)

    def __init__(self, edit: EditContext | None, parent: Any = None) -> None:
        super().__init__(parent)
        self._edit = edit
        self._rows: list[_Row] = []
        self._year = dt.date.today().year

    def load(self, tree: PlanTree, kr_id: int) -> None:
        self._year = tree.plan.quarter_end.year
        rows = []
        for wp in tree.work_packages_of(kr_id):
            row = _Row("work_package", wp)
            row.children = [_Row("deliverable", d, row) for d in tree.deliverables_of(wp.id)]
            rows.append(row)
        if self._shape(rows) != self._shape(self._rows) or not rows:
            self.beginResetModel()
            self._rows = rows
            self.endResetModel()
            return
        for old, new in zip(self._rows, rows, strict=True):
            old.record = new.record
            for old_child, new_child in zip(old.children, new.children, strict=True):
                old_child.record = new_child.record
            self._changed_range(self.createIndex(old_index(self._rows, old), 0, old), old)
        last = self.index(len(self._rows) - 1, len(WorkColumn) - 1)
        self.dataChanged.emit(self.index(0, 0), last)

    def _changed_range(self, parent: QModelIndex, row: _Row) -> None:
        if row.children:
            last = self.index(len(row.children) - 1, len(WorkColumn) - 1, parent)
            self.dataChanged.emit(self.index(0, 0, parent), last)

    @staticmethod
    def _shape(rows: list[_Row]) -> list[tuple[int, list[int]]]:
        return [(r.record.id, [c.record.id for c in r.children]) for r in rows]

    def _row(self, index: Index) -> _Row:
        return index.internalPointer()  # type: ignore[no-any-return]

    def find_deliverable(self, title: str) -> QModelIndex:
        for wp in self._rows:
            for row, child in enumerate(wp.children):
                if child.record.title == title:
                    return self.createIndex(row, 0, child)
        return QModelIndex()

    # ----- QAbstractItemModel ------------------------------------------------------------
    def index(self, row: int, column: int, parent: Index = QModelIndex()) -> QModelIndex:
        if row < 0 or not 0 <= column < len(WorkColumn):
            return QModelIndex()
        if not parent.isValid():
            return (
                self.createIndex(row, column, self._rows[row])
                if row < len(self._rows)
                else (QModelIndex())
            )
        if parent.column() != 0:
            return QModelIndex()
        owner = self._row(parent)
        if owner.kind != "work_package" or row >= len(owner.children):
            return QModelIndex()
        return self.createIndex(row, column, owner.children[row])

    def parent(self, index: Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]
        if not index.isValid():
            return QModelIndex()
        row = self._row(index)
        if row.parent is None:
            return QModelIndex()
        return self.createIndex(old_index(self._rows, row.parent), 0, row.parent)

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        if not parent.isValid():
            return len(self._rows)
        if parent.column() != 0:
            return 0
        return len(self._row(parent).children)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return len(WorkColumn)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            titles = (
                _tr("Work package / deliverable"),
                _tr("Done"),
                _tr("Due"),
                _tr("Acceptance"),
            )
            return titles[section] if 0 <= section < len(titles) else None
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        can_edit = self._edit is not None and self._edit.can_edit
        if can_edit and index.column() != WorkColumn.DONE:
            flags |= Qt.ItemFlag.ItemIsEditable
            if index.column() == WorkColumn.TITLE and self._row(index).kind == "deliverable":
                flags |= Qt.ItemFlag.ItemIsUserCheckable
        return flags

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self._row(index)
        rec, column = row.record, index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self._display(row, column, role) or None
        if role == Qt.ItemDataRole.EditRole:
            return self._edit_text(row, column)
        is_title = column == WorkColumn.TITLE
        if role == Qt.ItemDataRole.CheckStateRole and is_title and row.kind == "deliverable":
            return Qt.CheckState.Checked if rec.done else Qt.CheckState.Unchecked
        lit = row.kind == "work_package" or bool(rec.light)
        if role == Qt.ItemDataRole.DecorationRole and is_title and lit:
            return light_icon(Light(rec.light) if rec.light else None)
        if role == Qt.ItemDataRole.TextAlignmentRole and column == WorkColumn.DONE:
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == Qt.ItemDataRole.ForegroundRole and row.kind == "deliverable" and rec.done:
            return QColor("#6b7178")
        if role == Qt.ItemDataRole.FontRole and row.kind == "work_package":
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.UserRole:
            return (row.kind, rec.id)
        return None

    def _display(self, row: _Row, column: int, role: int) -> str:
        rec = row.record
        if column == WorkColumn.TITLE:
            return str(rec.title)
        if column == WorkColumn.DONE:
            if row.kind != "work_package":
                return ""
            done = sum(1 for child in row.children if child.record.done)
            if role == Qt.ItemDataRole.ToolTipRole:
                text = _tr("%1 of %2 deliverables done")
            else:
                text = "%1/%2"
            return text.replace("%1", str(done)).replace("%2", str(len(row.children)))
        if column == WorkColumn.DUE:
            if row.kind == "work_package":
                return rec.due_text or (rec.due.isoformat() if rec.due else "")
            return rec.due.isoformat() if rec.due else ""
        return str(rec.acceptance)

    def _edit_text(self, row: _Row, column: int) -> str:
        rec = row.record
        if column == WorkColumn.DONE:
            return ""
        if column == WorkColumn.TITLE:
            return str(rec.title)
        if column == WorkColumn.DUE:
            if row.kind == "work_package":
                return str(rec.due_text)
            return rec.due.isoformat() if rec.due else ""
        return str(rec.acceptance)

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if self._edit is None or not index.isValid():
            return False
        row = self._row(index)
        rec, column = row.record, index.column()
        if role == Qt.ItemDataRole.CheckStateRole and row.kind == "deliverable":
            done = Qt.CheckState(value) == Qt.CheckState.Checked
            if done == rec.done:
                return True
            text = _tr("Check off “%1”") if done else _tr("Reopen “%1”")
            command = UpdateEntity(
                "deliverable", rec.id, {"done": done}, name=text.replace("%1", rec.title)
            )
            return self._edit.push(command)
        if role != Qt.ItemDataRole.EditRole:
            return False
        text = "" if value is None else str(value).strip()
        field, new = self._field_value(row, column, text)
        if field is None:
            return False
        if new == getattr(rec, field):
            return True
        name = _tr("Edit “%1”").replace("%1", rec.title)
        return self._edit.push(UpdateEntity(row.kind, rec.id, {field: new}, name=name))

    def _field_value(self, row: _Row, column: int, text: str) -> tuple[str | None, Any]:
        if column == WorkColumn.DONE:
            return None, None
        if column == WorkColumn.TITLE:
            if not text:
                self.validation_failed.emit(_tr("A title cannot be empty"))
                return None, None
            return "title", text
        if column == WorkColumn.ACCEPTANCE:
            return "acceptance", text
        if row.kind == "work_package":
            return "due_text", text
        try:
            return "due", parse_due(text, self._year)
        except ValueError:
            message = _tr("Due of “%1”: “%2” is not a date; use 2025-12-10 or 12-10")
            self.validation_failed.emit(message.replace("%1", row.record.title).replace("%2", text))
            return None, None


def old_index(rows: list[_Row], row: _Row) -> int:
    return next(i for i, r in enumerate(rows) if r is row)


class WorkPackageView(QTreeView):
    """Work packages and deliverables, all expanded, as tall as their rows. The title column
    keeps about half the width; done, due dates and acceptance criteria get what they need up
    to a share of it; long texts wrap onto more lines rather than being cut off."""

    def __init__(self, model: WorkPackageModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("krWork")
        self.setModel(model)
        self.setItemDelegate(WrapDelegate(self))
        self.setWordWrap(True)
        self.setUniformRowHeights(False)
        self.setIndentation(14)
        self._fitted_width = -1
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
        )
        header = self.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setTextElideMode(Qt.TextElideMode.ElideRight)  # a narrow column shows "Acc…"

    def fit(self) -> None:
        self.expandAll()
        self._fit_columns()

    def _fit_columns(self) -> None:
        """Share the width, then re-measure the wrapped rows and take their height."""
        width = self._fitted_width = self.viewport().width()
        caps = {WorkColumn.DONE: 0.14, WorkColumn.DUE: 0.18, WorkColumn.ACCEPTANCE: 0.22}
        sizes = {c: min(unwrapped_width(self, c), int(width * cap)) for c, cap in caps.items()}
        sizes[WorkColumn.TITLE] = max(120, width - sum(sizes.values()))
        header = self.header()
        for column, size in sizes.items():
            if header.sectionSize(column) != size:
                header.resizeSection(column, size)
        self.doItemsLayout()  # wrapped heights follow the new widths
        fit_height(self)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self.viewport().width() != self._fitted_width:  # a height change needs no refit
            self._fit_columns()
