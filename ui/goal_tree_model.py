"""The goal tree as an editable QAbstractItemModel over plain Python nodes.

Objective -> line of work -> KR -> work package -> deliverable (nodes in ui/goal_tree_nodes.py).
Nodes hold frozen records from the service; the model never touches the database. Edits made in
the view (rename, check a deliverable, drop to reorder) become app.commands objects handed to the
``EditContext``, which pushes them on the undo stack; the change comes back as a ``load`` of the
new tree. A load that keeps the tree's shape updates rows in place instead of resetting, so an
open editor, the selection and the expansion survive it.
"""

from __future__ import annotations

import json
from enum import IntEnum
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QCoreApplication,
    QMimeData,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QIcon

from app.commands import UpdateEntity
from app.services.records import PlanTree
from ui.edit_context import EditContext
from ui.goal_tree_edits import kind_name, reorder_command
from ui.goal_tree_nodes import Key, Node, build_nodes, node_title
from ui.goal_tree_nodes import fmt_score as _fmt_score
from ui.goal_tree_nodes import metric_summary as metric_summary  # re-exported: older imports
from ui.lights import light_icon, light_name
from ui.rule_icons import pair_icon
from ui.rule_text import tooltip_text

Index = QModelIndex | QPersistentModelIndex
MIME_TYPE = "application/x-okr-tree-node"


class Roles(IntEnum):
    """Custom data roles of our item models."""

    KIND = Qt.ItemDataRole.UserRole + 1  # "objective", "line", "kr", "work_package", ...
    ENTITY_ID = Qt.ItemDataRole.UserRole + 2
    LIGHT = Qt.ItemDataRole.UserRole + 3  # models.lights.Light value or None
    RECORD = Qt.ItemDataRole.UserRole + 4
    SCORE = Qt.ItemDataRole.UserRole + 5  # float 0..100 (95 = floor, 100 = stretch) or None
    PATH = Qt.ItemDataRole.UserRole + 6  # tuple of (kind, id) keys from the top level down
    COMPUTED_LIGHT = Qt.ItemDataRole.UserRole + 7  # the warning rules' Light value, or None


# The roles ``data`` answers; views also ask for fonts, colours, size hints and more, per cell
# and paint, and get None at once (a 50-KR tree asks a few thousand times when it first shows).
_ANSWERED = frozenset(
    int(role)
    for role in (
        Qt.ItemDataRole.DisplayRole,
        Qt.ItemDataRole.EditRole,
        Qt.ItemDataRole.DecorationRole,
        Qt.ItemDataRole.TextAlignmentRole,
        Qt.ItemDataRole.CheckStateRole,
        Qt.ItemDataRole.ToolTipRole,
        *Roles,
    )
)


# The roles and columns ``_value`` tells apart, as plain ints (it runs for every painted cell).
_DISPLAY = int(Qt.ItemDataRole.DisplayRole)
_DECORATION = int(Qt.ItemDataRole.DecorationRole)
_ALIGNMENT = int(Qt.ItemDataRole.TextAlignmentRole)
_CHECK_STATE = int(Qt.ItemDataRole.CheckStateRole)
_EDIT = int(Qt.ItemDataRole.EditRole)
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole)
_SCORE_ALIGNMENT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


# Item flags, combined once (combining Qt's flag enums costs a Python call per operator, and a
# view asks for every cell's flags as it paints).
_SELECTABLE = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
_EDITABLE_NAME = (
    _SELECTABLE
    | Qt.ItemFlag.ItemIsEditable
    | Qt.ItemFlag.ItemIsDragEnabled
    | Qt.ItemFlag.ItemIsDropEnabled
)
_CHECKABLE_NAME = _EDITABLE_NAME | Qt.ItemFlag.ItemIsUserCheckable


class Column(IntEnum):
    NAME = 0
    LIGHT = 1
    SCORE = 2
    PROGRESS = 3
    TARGET = 4


_NAME_COLUMN, _LIGHT_COLUMN, _SCORE_COLUMN = int(Column.NAME), int(Column.LIGHT), int(Column.SCORE)
_COLUMNS = len(Column)


def _tr(text: str) -> str:
    return QCoreApplication.translate("GoalTreeModel", text)


class GoalTreeModel(QAbstractItemModel):
    """The goal tree; editable when given an ``EditContext`` (read-only without one)."""

    def __init__(self, parent: Any = None, edit: EditContext | None = None) -> None:
        super().__init__(parent)
        self._root = Node("root", None)
        self._tree: PlanTree | None = None
        self._edit = edit
        self._evaluation: Any = None  # models.rules.Evaluation: the rules' lights (set_evaluation)

    def set_edit_context(self, edit: EditContext | None) -> None:
        self._edit = edit

    def set_evaluation(self, evaluation: Any) -> None:
        """The warning rules' result (ui.metrics_controller sets it before each ``load``): the
        light column then shows the computed light beside the manual one, with the reasons."""
        self._evaluation = evaluation

    def computed_light(self, node: Node) -> Any:
        ev = self._evaluation
        return ev.light(*node.key) if ev is not None and node.record is not None else None

    @property
    def plan_tree(self) -> PlanTree | None:
        return self._tree

    # ----- loading -----------------------------------------------------------------------
    def load(self, tree: PlanTree) -> None:
        """Show ``tree``: in place when only values changed, with a reset when rows did."""
        new_root = build_nodes(tree)
        self._tree = tree
        if new_root.shape() == self._root.shape() and self._root.children:
            self._update_in_place(self._root, new_root)
            return
        self.beginResetModel()
        self._root = new_root
        self.endResetModel()

    def _update_in_place(self, old: Node, new: Node) -> None:
        for old_child, new_child in zip(old.children, new.children, strict=True):
            for name in ("record", "light", "progress", "target", "tooltip", "score", "score_tip"):
                setattr(old_child, name, getattr(new_child, name))
            self._update_in_place(old_child, new_child)
        if old.children:
            parent = self._index_of(old)
            last = len(old.children) - 1
            self.dataChanged.emit(
                self.index(0, 0, parent), self.index(last, len(Column) - 1, parent)
            )

    def _index_of(self, node: Node, column: int = 0) -> QModelIndex:
        if node is self._root or node.parent is None:
            return QModelIndex()
        return self.createIndex(node.row(), column, node)

    def node(self, index: Index) -> Node:
        if index.isValid():
            return index.internalPointer()  # type: ignore[no-any-return]
        return self._root

    def find(self, kind: str, ident: int) -> QModelIndex:
        """The first index showing the given entity, or an invalid index."""
        stack = [self._root]
        while stack:
            node = stack.pop(0)
            for child in node.children:
                if child.kind == kind and child.record.id == ident:
                    return self._index_of(child)
                stack.append(child)
        return QModelIndex()

    def find_path(self, path: tuple[Key, ...] | list[Key]) -> QModelIndex:
        """The index at a path of (kind, id) keys, or an invalid index if it is gone."""
        node = self._root
        for key in path:
            key = (key[0], key[1])
            match = next((child for child in node.children if child.key == key), None)
            if match is None:
                return QModelIndex()
            node = match
        return self._index_of(node)

    # ----- QAbstractItemModel ------------------------------------------------------------
    def index(self, row: int, column: int, parent: Index = QModelIndex()) -> QModelIndex:
        if column < 0 or column >= _COLUMNS or row < 0:
            return QModelIndex()
        # A view asks this several times a painted row: the node is read inline (no ``node()``).
        if parent.isValid():
            if parent.column() != 0:
                return QModelIndex()
            children = parent.internalPointer().children
        else:
            children = self._root.children
        if row >= len(children):
            return QModelIndex()
        return self.createIndex(row, column, children[row])

    def parent(self, index: Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]
        if not index.isValid():
            return QModelIndex()
        parent = index.internalPointer().parent
        if parent is None or parent is self._root:
            return QModelIndex()
        return self.createIndex(parent.row(), 0, parent)

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        if parent.isValid() and parent.column() != 0:
            return 0
        return len(self.node(parent).children)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return _COLUMNS

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            headers = (
                _tr("Goal"),
                _tr("Light"),
                _tr("Score"),
                _tr("Progress"),
                _tr("Target / due"),
            )
            if 0 <= section < len(headers):
                return headers[section]
        if role == Qt.ItemDataRole.ToolTipRole and section == Column.SCORE:
            return _tr("0 = baseline, 95 = floor (保底) reached, 100 = stretch (冲刺) reached")
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            # The top level takes drops too: objectives are reordered there.
            return Qt.ItemFlag.ItemIsDropEnabled if self._editable() else Qt.ItemFlag.NoItemFlags
        if not (self._editable() and index.column() == Column.NAME):
            return _SELECTABLE
        return _CHECKABLE_NAME if self.node(index).kind == "deliverable" else _EDITABLE_NAME

    def _editable(self) -> bool:
        return self._edit is not None and self._edit.can_edit

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role not in _ANSWERED or not index.isValid():  # a view asks for ~10 roles a cell
            return None
        return self._value(index.internalPointer(), index.column(), role)

    def multiData(self, index: Index, roleDataSpan: Any) -> None:
        """Every role a delegate asks of one cell in one call (Qt's delegates ask seven roles
        a cell through this): painting a 50-KR tree then crosses from C++ into Python once a
        cell instead of once a role. The span is reused from cell to cell, so every role is
        set, or cleared when it has no value here."""
        node = index.internalPointer() if index.isValid() else None
        column = index.column()
        for slot in roleDataSpan:
            role = slot.role()
            value = None
            if node is not None and role in _ANSWERED:
                value = self._value(node, column, role)
            if value is None:
                slot.clearData()
            else:
                slot.setData(value)

    def _value(self, node: Node, column: int, role: int) -> Any:
        """What ``data`` answers for a valid cell and a role in ``_ANSWERED``."""
        if role == _DISPLAY:
            return self._display(node, column)
        if role == _DECORATION:
            return self._decoration(node, column)
        if role == _ALIGNMENT:
            return _SCORE_ALIGNMENT if column == _SCORE_COLUMN else None
        if role == _CHECK_STATE:
            if column != _NAME_COLUMN or node.kind != "deliverable":
                return None
            return Qt.CheckState.Checked if node.record.done else Qt.CheckState.Unchecked
        if role == _EDIT:
            return node.record.title if column == _NAME_COLUMN else None
        if role == _TOOLTIP:
            return self._tooltip(node, column)
        return self._custom(node, role)

    def cell(self, node: Node, column: int) -> tuple[str, QIcon | None]:
        """What a cell paints (ui.goal_tree_delegate): its text and its icon, or None."""
        return self._display(node, column) or "", self._decoration(node, column)

    def _decoration(self, node: Node, column: int) -> QIcon | None:
        if column != _LIGHT_COLUMN:
            return None
        if self._evaluation is None:
            return light_icon(node.light)
        return pair_icon(node.light, self.computed_light(node))

    def _display(self, node: Node, column: int) -> Any:
        if column == Column.NAME:
            return node_title(node)
        if column == Column.LIGHT:
            return light_name(node.light)
        if column == Column.SCORE:
            return _fmt_score(node.score)
        if column == Column.PROGRESS:
            return node.progress
        if column == Column.TARGET:
            return node.target
        return None

    def _custom(self, node: Node, role: int) -> Any:
        if role == Roles.KIND:
            return node.kind
        if role == Roles.ENTITY_ID:
            return node.record.id
        if role == Roles.LIGHT:
            return node.light.value if node.light is not None else None
        if role == Roles.RECORD:
            return node.record
        if role == Roles.SCORE:
            return node.score
        if role == Roles.PATH:
            return node.path()
        if role == Roles.COMPUTED_LIGHT:
            computed = self.computed_light(node)
            return computed.value if computed is not None else None
        return None

    def _tooltip(self, node: Node, column: int) -> str | None:
        if column == Column.LIGHT:
            reason = node.tooltip
            text = f"{light_name(node.light)}: {reason}" if reason else light_name(node.light)
            rules = tooltip_text(self._evaluation, *node.key) if node.record is not None else ""
            return f"{text}\n\n{rules}" if rules else text
        if column == Column.SCORE:
            return node.score_tip or None
        if column == Column.NAME and node.kind == "kr" and node.record.bottleneck:
            return _tr("Risks / bottlenecks:") + "\n" + node.record.bottleneck
        if column in (Column.PROGRESS, Column.TARGET):
            text = node.progress if column == Column.PROGRESS else node.target
            return text or None
        return None

    # ----- editing -----------------------------------------------------------------------
    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        """Rename (EditRole) or check a deliverable (CheckStateRole), through a command."""
        if self._edit is None or not index.isValid() or index.column() != Column.NAME:
            return False
        node = self.node(index)
        if role == Qt.ItemDataRole.EditRole:
            title = str(value).strip() if value is not None else ""
            if not title:
                return False  # an emptied title keeps the old one rather than failing
            if title == node.record.title:
                return True
            name = _tr("Rename %1 to “%2”").replace("%1", kind_name(node.kind))
            name = name.replace("%2", title)
            command = UpdateEntity(node.kind, node.record.id, {"title": title}, name=name)
        elif role == Qt.ItemDataRole.CheckStateRole and node.kind == "deliverable":
            done = Qt.CheckState(value) == Qt.CheckState.Checked
            if done == node.record.done:
                return True
            text = _tr("Check off “%1”") if done else _tr("Reopen “%1”")
            command = UpdateEntity(
                "deliverable",
                node.record.id,
                {"done": done},
                name=text.replace("%1", node_title(node)),
            )
        else:
            return False
        return self._edit.push(command)

    # ----- drag and drop: reorder within a parent ----------------------------------------
    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:
        return [MIME_TYPE]

    def mimeData(self, indexes: list[QModelIndex]) -> QMimeData:  # type: ignore[override]
        """The dragged node as JSON: its path of (kind, id) keys (one node per drag)."""
        data = QMimeData()
        rows = [i for i in indexes if i.isValid() and i.column() == Column.NAME]
        if rows:
            path = [list(key) for key in self.node(rows[0]).path()]
            data.setData(MIME_TYPE, json.dumps({"path": path}).encode())
        return data

    def _drop_target(
        self, data: QMimeData, row: int, parent: Index
    ) -> tuple[Node, Key, int] | None:
        """(parent node, moved key, insert position) for a drop that reorders, else None."""
        if self._edit is None or self._tree is None or not data.hasFormat(MIME_TYPE):
            return None
        try:
            payload = json.loads(bytes(data.data(MIME_TYPE).data()).decode())
            path = tuple((str(kind), int(ident)) for kind, ident in payload["path"])
        except (ValueError, KeyError, TypeError):
            return None
        if not path:
            return None
        target = self.node(parent)
        if row < 0 and parent.isValid() and target.path()[:-1] == path[:-1]:
            # Dropped onto a sibling: take its place.
            row, target = target.row(), target.parent or self._root
        elif row < 0:
            row = len(target.children)  # onto the parent itself: to the end
        if target.path() != path[:-1]:
            return None  # only within the same parent
        return target, path[-1], row

    def canDropMimeData(
        self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: Index
    ) -> bool:
        return self._drop_target(data, row, parent) is not None

    def dropMimeData(
        self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: Index
    ) -> bool:
        """Reorder siblings as one undo step; a drop elsewhere or to the same place is refused."""
        if action == Qt.DropAction.IgnoreAction:
            return True
        found = self._drop_target(data, row, parent)
        if found is None or self._tree is None or self._edit is None:
            return False
        target, moved, position = found
        command = reorder_command(self._tree, target, moved, position)
        if command is None:
            return False
        return self._edit.push(command)
