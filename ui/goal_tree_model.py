"""The goal tree as a QAbstractItemModel over plain Python nodes.

Objective -> line of work -> KR -> work package -> deliverable. A work package that serves two
KRs appears under each of them (as in the reference plan, where 非油品工作包 #1 serves KR4 and
KR5). Nodes hold frozen records from the service; the model never touches the database.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import IntEnum
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)

from app.services.records import PlanTree
from models.lights import Light, worst
from ui.lights import light_icon, light_name

Index = QModelIndex | QPersistentModelIndex


class Roles(IntEnum):
    """Custom data roles of our item models."""

    KIND = Qt.ItemDataRole.UserRole + 1  # "objective", "line", "kr", "work_package", ...
    ENTITY_ID = Qt.ItemDataRole.UserRole + 2
    LIGHT = Qt.ItemDataRole.UserRole + 3  # models.lights.Light value or None
    RECORD = Qt.ItemDataRole.UserRole + 4


class Column(IntEnum):
    NAME = 0
    LIGHT = 1
    PROGRESS = 2
    TARGET = 3


@dataclass(eq=False)
class Node:
    kind: str
    record: Any
    parent: Node | None = None
    children: list[Node] = field(default_factory=list)
    light: Light | None = None
    progress: str = ""
    target: str = ""
    tooltip: str = ""

    def add(self, child: Node) -> Node:
        child.parent = self
        self.children.append(child)
        return child

    def row(self) -> int:
        return self.parent.children.index(self) if self.parent is not None else 0


def _tr(text: str) -> str:
    return QCoreApplication.translate("GoalTreeModel", text)


def _num(value: float | None, unit: str) -> str:
    if value is None:
        return "—"
    return f"{value:g}{unit}" if unit == "%" else f"{value:g} {unit}".rstrip()


def metric_summary(metric: Any) -> str:
    """'覆盖率 65% (floor 80% / stretch 90%, baseline 30%)' in the user's language."""
    unit = metric.unit or ""
    parts = []
    if metric.floor is not None:
        parts.append(_tr("floor %1").replace("%1", _num(metric.floor, unit)))
    if metric.stretch is not None:
        parts.append(_tr("stretch %1").replace("%1", _num(metric.stretch, unit)))
    if metric.baseline is not None:
        parts.append(_tr("baseline %1").replace("%1", _num(metric.baseline, unit)))
    if not parts and metric.target is not None:
        parts.append(_tr("target %1").replace("%1", _num(metric.target, unit)))
    detail = f" ({' / '.join(parts)})" if parts else ""
    return f"{metric.name} {_num(metric.current, unit)}{detail}"


def _light(value: str | None) -> Light | None:
    return Light(value) if value else None


def build_nodes(tree: PlanTree) -> Node:
    """Turn the service's PlanTree into the node hierarchy the model shows."""
    root = Node("root", None)
    for objective in tree.objectives:
        obj_node = root.add(Node("objective", objective))
        for line in tree.lines_of(objective.id):
            line_node = obj_node.add(Node("line", line))
            for kr in tree.krs_of(line.id):
                line_node.add(_kr_node(tree, kr))
            line_node.light = worst([child.light for child in line_node.children])
            line_node.tooltip = _tr("Worst light of its KRs")
        obj_node.light = worst([child.light for child in obj_node.children])
        obj_node.tooltip = _tr("Worst light of its lines of work")
    return root


def _kr_node(tree: PlanTree, kr: Any) -> Node:
    metrics = tree.metrics_of(kr.id)
    node = Node(
        "kr",
        kr,
        light=_light(kr.light),
        progress="; ".join(metric_summary(m) for m in metrics) or kr.current_text,
        target=kr.target_text,
        tooltip=kr.light_reason,
    )
    for wp in tree.work_packages_of(kr.id):
        wp_node = node.add(
            Node("work_package", wp, light=_light(wp.light), target=wp.due_text or _date(wp.due))
        )
        deliverables = tree.deliverables_of(wp.id)
        done = sum(1 for d in deliverables if d.done)
        wp_node.progress = _tr("%1 of %2 deliverables done").replace("%1", str(done))
        wp_node.progress = wp_node.progress.replace("%2", str(len(deliverables)))
        for d in deliverables:
            wp_node.add(
                Node(
                    "deliverable",
                    d,
                    light=_light(d.light),
                    progress=_tr("Done") if d.done else _tr("Open"),
                    target=d.acceptance or _date(d.due),
                )
            )
    return node


def _date(value: Any) -> str:
    return value.isoformat() if value is not None else ""


def node_title(node: Node) -> str:
    rec = node.record
    if node.kind == "line":
        return f"{rec.code} {rec.title}".strip()
    if node.kind == "kr":
        return f"{rec.code} {rec.title}"
    return rec.title


class GoalTreeModel(QAbstractItemModel):
    """Read side of the goal tree; edits arrive as commands and a ``reload``."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._root = Node("root", None)

    # ----- loading -----------------------------------------------------------------------
    def load(self, tree: PlanTree) -> None:
        self.beginResetModel()
        self._root = build_nodes(tree)
        self.endResetModel()

    def node(self, index: Index) -> Node:
        if index.isValid():
            return index.internalPointer()  # type: ignore[no-any-return]
        return self._root

    def find(self, kind: str, ident: int) -> QModelIndex:
        """The first index showing the given entity, or an invalid index."""
        stack = [(self._root, QModelIndex())]
        while stack:
            node, index = stack.pop()
            for row, child in enumerate(node.children):
                child_index = self.index(row, 0, index)
                if child.kind == kind and child.record.id == ident:
                    return child_index
                stack.append((child, child_index))
        return QModelIndex()

    # ----- QAbstractItemModel ------------------------------------------------------------
    def index(self, row: int, column: int, parent: Index = QModelIndex()) -> QModelIndex:
        if column < 0 or column >= len(Column) or row < 0:
            return QModelIndex()
        if parent.isValid() and parent.column() != 0:
            return QModelIndex()
        parent_node = self.node(parent)
        if row >= len(parent_node.children):
            return QModelIndex()
        return self.createIndex(row, column, parent_node.children[row])

    def parent(self, index: Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]
        if not index.isValid():
            return QModelIndex()
        node = self.node(index)
        parent = node.parent
        if parent is None or parent is self._root:
            return QModelIndex()
        return self.createIndex(parent.row(), 0, parent)

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        if parent.isValid() and parent.column() != 0:
            return 0
        return len(self.node(parent).children)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return len(Column)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            headers = (_tr("Goal"), _tr("Light"), _tr("Progress"), _tr("Target / due"))
            if 0 <= section < len(headers):
                return headers[section]
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        node = self.node(index)
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == Column.NAME:
                return node_title(node)
            if column == Column.LIGHT:
                return light_name(node.light)
            if column == Column.PROGRESS:
                return node.progress
            if column == Column.TARGET:
                return node.target
        if role == Qt.ItemDataRole.DecorationRole and column == Column.LIGHT:
            return light_icon(node.light)
        is_check = role == Qt.ItemDataRole.CheckStateRole and column == Column.NAME
        if is_check and node.kind == "deliverable":
            return Qt.CheckState.Checked if node.record.done else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(node, column)
        if role == Roles.KIND:
            return node.kind
        if role == Roles.ENTITY_ID:
            return node.record.id
        if role == Roles.LIGHT:
            return node.light.value if node.light is not None else None
        if role == Roles.RECORD:
            return node.record
        return None

    def _tooltip(self, node: Node, column: int) -> str | None:
        if column == Column.LIGHT:
            reason = node.tooltip
            return f"{light_name(node.light)}: {reason}" if reason else light_name(node.light)
        if column == Column.NAME and node.kind == "kr" and node.record.bottleneck:
            return _tr("Risks / bottlenecks:") + "\n" + node.record.bottleneck
        if column in (Column.PROGRESS, Column.TARGET):
            text = node.progress if column == Column.PROGRESS else node.target
            return text or None
        return None
