"""The banner of a window opened read-only, and the switch that disables its edit controls.

The guarantee that nothing is written comes from below: the engine opens the file with SQLite's
read-only mode and ``push_command`` refuses every command while ``PlanBus.read_only`` is set. This
module makes that visible: a strip under the menus saying why, and edit controls disabled so no
edit is offered only to be refused. It covers what exists when the flag changes:

- actions marked with ``mark_edit_action(action)`` (menu and toolbar entries that change data);
- item views (no editing, no drops) and graphics views (no drops).

Widgets built later, or with their own edit gestures, check ``bus.read_only`` (or
``window.read_only``) and follow ``bus.read_only_changed``.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGraphicsView,
    QLabel,
    QMainWindow,
    QSizePolicy,
    QToolBar,
    QWidget,
)

from ui.undo import PlanBus

EDIT_ACTION_PROPERTY = "okr_edits_plan"
_SAVED_TRIGGERS = "okr_saved_edit_triggers"
_SAVED_DROPS = "okr_saved_accept_drops"


def mark_edit_action(action: QAction) -> QAction:
    """Mark an action that changes the plan, so a read-only window disables it."""
    action.setProperty(EDIT_ACTION_PROPERTY, True)
    return action


def default_reason() -> str:
    return QCoreApplication.translate(
        "ReadOnlyBanner",
        "Opened read-only because another window has this plan open. "
        "Changes are not possible here; close the other window to edit.",
    )


class ReadOnlyBanner(QToolBar):
    """A fixed, light-yellow strip under the menus, shown only while the window is read-only."""

    def __init__(self, parent: QMainWindow) -> None:
        super().__init__(parent)
        self.setObjectName("readOnlyBanner")
        self.setMovable(False)
        self.setFloatable(False)
        self.toggleViewAction().setVisible(False)
        self.setWindowTitle(self.tr("Read-only"))
        self.label = QLabel(self)
        self.label.setObjectName("readOnlyBannerText")
        self.label.setWordWrap(True)
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.label.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.addWidget(self.label)
        self.setStyleSheet(
            "QToolBar#readOnlyBanner { background: #fff4c2; border-bottom: 1px solid #e0c060; }"
            "QLabel#readOnlyBannerText { color: #5a4500; padding: 4px 8px; }"
        )
        self.hide()

    def text(self) -> str:
        return self.label.text()

    def set_text(self, text: str) -> None:
        self.label.setText(text)


def install_read_only_banner(window: QMainWindow, bus: PlanBus) -> ReadOnlyBanner:
    """Add the banner to ``window`` and keep it and the edit controls in step with ``bus``."""
    banner = ReadOnlyBanner(window)
    window.addToolBar(Qt.ToolBarArea.TopToolBarArea, banner)
    window.insertToolBarBreak(banner)  # its own row, above any other toolbar

    def apply(read_only: bool) -> None:
        banner.set_text(bus.read_only_reason or default_reason())
        banner.setVisible(read_only)
        set_edit_controls_enabled(window, not read_only)

    bus.read_only_changed.connect(apply)
    if bus.read_only:
        apply(True)
    return banner


def set_edit_controls_enabled(window: QMainWindow, enabled: bool) -> None:
    for action in window.findChildren(QAction):
        if action.property(EDIT_ACTION_PROPERTY):
            action.setEnabled(enabled)
    for view in window.findChildren(QAbstractItemView):
        _toggle_view(view, enabled)
    for scene_view in window.findChildren(QGraphicsView):
        _toggle_drops(scene_view, enabled)
        _toggle_drops(scene_view.viewport(), enabled)


def _toggle_view(view: QAbstractItemView, enabled: bool) -> None:
    if not enabled:
        if view.property(_SAVED_TRIGGERS) is None:
            view.setProperty(_SAVED_TRIGGERS, int(view.editTriggers().value))
        view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    else:
        saved = view.property(_SAVED_TRIGGERS)
        if saved is not None:
            view.setEditTriggers(QAbstractItemView.EditTrigger(saved))
            view.setProperty(_SAVED_TRIGGERS, None)
    _toggle_drops(view, enabled)
    _toggle_drops(view.viewport(), enabled)


def _toggle_drops(widget: QWidget, enabled: bool) -> None:
    if not enabled:
        if widget.property(_SAVED_DROPS) is None:
            widget.setProperty(_SAVED_DROPS, widget.acceptDrops())
        widget.setAcceptDrops(False)
    else:
        saved = widget.property(_SAVED_DROPS)
        if saved is not None:
            widget.setAcceptDrops(bool(saved))
            widget.setProperty(_SAVED_DROPS, None)
