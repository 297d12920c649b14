"""The goal tree's view: inline rename, reorder by drag, and state that survives reloads.

A reload that changes rows resets the model; this view notes which nodes were expanded and which
was current (by their path of (kind, id) keys, which also tells apart the two places a shared
work package shows) and puts both back afterwards. It works through whatever model it is given,
so a filter proxy between it and the GoalTreeModel changes nothing here.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractItemModel, QModelIndex, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QAbstractItemView, QApplication, QTreeView, QWidget

from ui.goal_tree_delegate import GoalTreeDelegate
from ui.goal_tree_model import Column, Roles

PathKeys = tuple[tuple[str, int], ...]
MIN_NAME_WIDTH = 140
MIN_LIGHT_WIDTH = 48  # the dot and a few letters


class GoalTreeView(QTreeView):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setItemDelegate(GoalTreeDelegate(self))  # paints a cell in a few painter calls
        self.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
        )
        self.setDragEnabled(True)
        self.setAcceptDrops(True)
        self.setDropIndicatorShown(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)
        self._expanded: set[PathKeys] = set()
        self._current: PathKeys | None = None
        self._scroll = 0
        self._first_load = True
        self._watched: QAbstractItemModel | None = None
        self._auto_name_width = True  # until the user drags the name column's edge
        # What the light and name columns' contents measure (every shown row asked), kept
        # until rows change: a resize of the pane refits without measuring again.
        self._content_hints: tuple[int, int] | None = None
        self.header().sectionResized.connect(self._section_resized)
        self.expanded.connect(self._rows_changed)
        self.collapsed.connect(self._rows_changed)

    def setModel(self, model: QAbstractItemModel | None) -> None:  # type: ignore[override]
        if self._watched is not None:
            self._watched.modelAboutToBeReset.disconnect(self._save_state)
            self._watched.modelReset.disconnect(self._restore_state)
        super().setModel(model)
        self._watched = model
        header = self.header()
        if model is not None and header.count() > Column.PROGRESS:
            header.resizeSection(Column.SCORE, 56)
            header.resizeSection(Column.PROGRESS, 300)
        if model is not None:
            # Connected after QTreeView's own handlers, so ours run once it has reset itself.
            model.modelAboutToBeReset.connect(self._save_state)
            model.modelReset.connect(self._restore_state)
            for signal in (
                model.modelReset,
                model.dataChanged,
                model.layoutChanged,
                model.rowsInserted,
                model.rowsRemoved,
                model.rowsMoved,
            ):
                signal.connect(self._rows_changed)
        self._content_hints = None

    def sizeHintForColumn(self, column: int) -> int:
        """Fit a column to its contents, but never let a long title push the lights out of
        sight: the name takes what the light column leaves (long titles elide; their
        tooltip has them in full) and the other columns are a scroll away."""
        hint = super().sizeHintForColumn(column)
        model = self.model()
        if model is None or model.columnCount() <= Column.LIGHT:
            return hint
        if column == Column.NAME:
            room = self.viewport().width() - self.sizeHintForColumn(Column.LIGHT)
            return min(hint, max(MIN_NAME_WIDTH, room))
        if column == Column.LIGHT:  # a long light name ("Yellow leaning red") elides first
            return min(hint, max(MIN_LIGHT_WIDTH, self.viewport().width() * 2 // 5))
        return hint

    def resizeEvent(self, event: QResizeEvent) -> None:
        """A wider or narrower pane refits the name column, until the user sizes it by hand."""
        super().resizeEvent(event)
        if self._auto_name_width and event.size().width() != event.oldSize().width():
            self.fit_name_column()

    def fit_name_column(self) -> None:
        """Light first (the name takes what it leaves), then the name. Each column's contents
        are measured once (``sizeHintForColumn`` asks every shown row's delegate): on a
        50-KR plan that is most of what a reload of the tree costs."""
        model = self.model()
        if model is None or model.columnCount() <= Column.LIGHT:
            self.resizeColumnToContents(Column.NAME)
            return
        header = self.header()

        def title(column: int) -> int:  # as resizeColumnToContents: never under the title
            return 0 if header.isHidden() else header.sectionSizeHint(column)

        if self._content_hints is None:  # the rows changed since the last fit
            self._content_hints = (
                QTreeView.sizeHintForColumn(self, Column.LIGHT),
                QTreeView.sizeHintForColumn(self, Column.NAME),
            )
        light_hint, name_hint = self._content_hints
        width = self.viewport().width()
        light = min(light_hint, max(MIN_LIGHT_WIDTH, width * 2 // 5))  # as sizeHintForColumn
        name = min(name_hint, max(MIN_NAME_WIDTH, width - light))
        header.resizeSection(Column.LIGHT, max(light, title(Column.LIGHT)))
        header.resizeSection(Column.NAME, max(name, title(Column.NAME)))

    def _rows_changed(self, *_args: object) -> None:
        self._content_hints = None

    def _section_resized(self, logical: int, _old: int, _new: int) -> None:
        # Only a drag with the mouse is the user's choice; reloads and refits resize it too.
        dragging = QApplication.mouseButtons() & Qt.MouseButton.LeftButton
        if logical in (Column.NAME, Column.LIGHT) and dragging:
            self._auto_name_width = False

    # ----- paths -------------------------------------------------------------------------
    @staticmethod
    def path_of(index: QModelIndex) -> PathKeys | None:
        path = index.data(Roles.PATH) if index.isValid() else None
        return tuple(tuple(key) for key in path) if path else None  # type: ignore[misc]

    def index_at_path(self, path: PathKeys | list[Any]) -> QModelIndex:
        """The view-model index at ``path``, or an invalid index when it is not shown."""
        model = self.model()
        parent = QModelIndex()
        if model is None:
            return parent
        for kind, ident in path:
            found = QModelIndex()
            for row in range(model.rowCount(parent)):
                child = model.index(row, 0, parent)
                if child.data(Roles.KIND) == kind and child.data(Roles.ENTITY_ID) == ident:
                    found = child
                    break
            if not found.isValid():
                return found
            parent = found
        return parent

    def expanded_paths(self) -> set[PathKeys]:
        model = self.model()
        out: set[PathKeys] = set()
        if model is None:
            return out
        pending = [QModelIndex()]
        while pending:
            parent = pending.pop()
            for row in range(model.rowCount(parent)):
                child = model.index(row, 0, parent)
                if self.isExpanded(child):
                    path = self.path_of(child)
                    if path:
                        out.add(path)
                    pending.append(child)
        return out

    # ----- keeping state over resets -----------------------------------------------------
    def _save_state(self) -> None:
        model = self.model()
        if model is not None and model.rowCount() > 0:
            self._first_load = False
            self._expanded = self.expanded_paths()
            self._current = self.path_of(self.currentIndex())
            self._scroll = self.verticalScrollBar().value()

    def _restore_state(self) -> None:
        if self._first_load:
            self.expandToDepth(2)  # objective, lines and KRs open; work packages closed
            return
        for path in sorted(self._expanded, key=len):
            index = self.index_at_path(path)
            if index.isValid():
                self.setExpanded(index, True)
        if self._current:
            # A deleted node gives way to its nearest surviving ancestor.
            for length in range(len(self._current), 0, -1):
                index = self.index_at_path(self._current[:length])
                if index.isValid():
                    self.setCurrentIndex(index)
                    break
        self.verticalScrollBar().setValue(self._scroll)

    def select_path(self, path: PathKeys | list[Any], *, edit: bool = False) -> bool:
        index = self.index_at_path(path)
        if not index.isValid():
            return False
        parent = index.parent()
        while parent.isValid():
            self.expand(parent)
            parent = parent.parent()
        self.setCurrentIndex(index)
        self.scrollTo(index)
        if edit:
            self.edit(index)
        return True
