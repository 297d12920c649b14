"""Edit actions of the goal tree: add, rename, delete, move up / down and set light.

They live in the Edit menu and the tree's context menu. Their shortcuts (Insert, F2, Delete,
Ctrl+Up / Ctrl+Down, Ctrl+L) act only while the tree has focus, so Delete in a text field of the
KR panel never deletes a KR. Every action builds one command and pushes it on the undo stack.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QWidget

from app.commands import Command
from models.lights import Light
from ui.dialogs.light_dialog import KINDS_WITH_REASON, LightDialog, light_command
from ui.edit_context import EditContext
from ui.goal_tree_edits import add_command, delete_command, kind_name, reorder_command
from ui.goal_tree_model import GoalTreeModel
from ui.goal_tree_nodes import CHILD_KIND, Node, node_title
from ui.goal_tree_view import GoalTreeView
from ui.read_only_banner import mark_edit_action

PARENT_KIND = {child: parent for parent, child in CHILD_KIND.items()}
LIT_KINDS = ("kr", "work_package", "deliverable")


class GoalTreeActions(QObject):
    def __init__(
        self, view: GoalTreeView, model: GoalTreeModel, edit: EditContext, parent: QWidget
    ) -> None:
        super().__init__(parent)
        self.view = view
        self.model = model
        self.edit = edit
        self.light_dialog: LightDialog | None = None

        self.add_child = self._action(self.tr("&Add under selected goal"), "Ins", self._add_child)
        self.add_child.setShortcuts([QKeySequence("Ins"), QKeySequence("Ctrl+N")])
        self.add_actions: dict[str, QAction] = {}
        for kind in ("objective", "line", "kr", "work_package", "deliverable"):
            text = self.tr("New %1").replace("%1", kind_name(kind))
            self.add_actions[kind] = self._action(text, None, lambda _=False, k=kind: self.add(k))
        self.rename = self._action(self.tr("&Rename goal"), "F2", self._rename)
        self.delete = self._action(self.tr("&Delete goal"), "Del", self._delete)
        self.move_up = self._action(self.tr("Move goal &up"), "Ctrl+Up", lambda: self.move(-1))
        self.move_down = self._action(self.tr("Move goal do&wn"), "Ctrl+Down", lambda: self.move(1))
        self.set_light = self._action(self.tr("Set &light…"), "Ctrl+L", self.open_light_dialog)

        self.add_menu = QMenu(self.tr("New in &tree"), parent)
        for action in self.add_actions.values():
            self.add_menu.addAction(action)
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        for action in self.menu_actions():
            self.view.addAction(action)
        self.view.selectionModel().currentChanged.connect(self.update_enabled)
        self.model.modelReset.connect(self.update_enabled)
        read_only_changed = getattr(edit.bus, "read_only_changed", None)
        if read_only_changed is not None:
            read_only_changed.connect(self.update_enabled)
        self.update_enabled()

    def _action(self, text: str, shortcut: str | None, slot: object) -> QAction:
        action = mark_edit_action(QAction(text, self.view))
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.triggered.connect(slot)  # type: ignore[arg-type]
        return action

    def menu_actions(self) -> list[QAction]:
        return [
            self.add_child,
            self.rename,
            self.delete,
            self.move_up,
            self.move_down,
            self.set_light,
        ]

    def add_to_menu(self, menu: QMenu) -> None:
        menu.addSeparator()
        menu.addAction(self.add_child)
        menu.addMenu(self.add_menu)
        for action in self.menu_actions()[1:]:
            menu.addAction(action)

    # ----- selection ---------------------------------------------------------------------
    def selected(self) -> Node | None:
        path = self.view.path_of(self.view.currentIndex())
        if not path:
            return None
        index = self.model.find_path(path)
        return self.model.node(index) if index.isValid() else None

    def _parent_for(self, kind: str) -> Node | None:
        """The node a new ``kind`` goes under: the selection or its nearest fitting ancestor."""
        wanted = PARENT_KIND[kind]
        if wanted == "root":
            return self.model.node(QModelIndex())
        node = self.selected()
        while node is not None and node.kind != wanted:
            node = node.parent
        return node

    def update_enabled(self, *_args: object) -> None:
        node = self.selected()
        ok = self.edit.can_edit and self.model.plan_tree is not None
        for kind, action in self.add_actions.items():
            action.setEnabled(ok and self._parent_for(kind) is not None)
        self.add_child.setEnabled(ok)
        for action in (self.rename, self.delete):
            action.setEnabled(ok and node is not None)
        siblings = node.parent.children if node is not None and node.parent else []
        self.move_up.setEnabled(ok and node is not None and siblings.index(node) > 0)
        last = len(siblings) - 1
        self.move_down.setEnabled(ok and node is not None and siblings.index(node) < last)
        self.set_light.setEnabled(ok and node is not None and node.kind in LIT_KINDS)

    # ----- gestures ----------------------------------------------------------------------
    def _push(self, command: Command | None) -> bool:
        return command is not None and self.edit.push(command)

    def _add_child(self) -> None:
        node = self.selected()
        if node is None:
            self.add("objective")
        elif node.kind == "deliverable":
            self.add("deliverable")
        else:
            self.add(CHILD_KIND[node.kind])

    def add(self, kind: str, title: str = "", *, edit: bool = True) -> int | None:
        """Add a ``kind`` under the selection, select it and open its name for typing."""
        tree = self.model.plan_tree
        parent = self._parent_for(kind)
        if tree is None or parent is None:
            return None
        codes = list(self.edit.svc.kr_codes(self.edit.plan_id)) if kind == "kr" else []
        command = add_command(tree, parent, kind, title, kr_codes=codes)
        if not self._push(command):
            return None
        assert command.created_id is not None
        self.view.select_path((*parent.path(), (kind, command.created_id)), edit=edit)
        return command.created_id

    def _rename(self) -> None:
        index = self.view.currentIndex()
        if index.isValid():
            self.view.edit(index.siblingAtColumn(0))

    def _delete(self) -> None:
        node = self.selected()
        tree = self.model.plan_tree
        if node is None or tree is None or node.parent is None:
            return
        siblings = node.parent.children
        row = siblings.index(node)
        neighbour = siblings[row + 1] if row + 1 < len(siblings) else None
        neighbour = neighbour or (siblings[row - 1] if row > 0 else None)
        target = neighbour.path() if neighbour is not None else node.parent.path()
        if self._push(delete_command(tree, node)) and target:
            self.view.select_path(target)

    def move(self, step: int) -> bool:
        node = self.selected()
        tree = self.model.plan_tree
        if node is None or tree is None or node.parent is None:
            return False
        row = node.parent.children.index(node)
        position = row + step if step < 0 else row + step + 1
        return self._push(reorder_command(tree, node.parent, node.key, position))

    def open_light_dialog(self) -> LightDialog | None:
        node = self.selected()
        if node is None or node.kind not in LIT_KINDS:
            return None
        record = node.record
        dialog = LightDialog(
            node_title(node),
            Light(record.light) if record.light else None,
            getattr(record, "light_reason", ""),
            with_reason=node.kind in KINDS_WITH_REASON,
            parent=self.view.window(),
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        kind = node.kind

        def accept() -> None:
            self._push(light_command(kind, record, dialog.light(), dialog.reason()))

        dialog.accepted.connect(accept)
        self.light_dialog = dialog
        dialog.open()
        return dialog
