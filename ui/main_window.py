"""The main window: goal tree, details, menus, status bar; wired by app.main."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QByteArray, QModelIndex, QSettings, Qt, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QWidget,
)

from app import __version__
from app.commands import Change
from app.services.plan_service import PlanService
from models.calendar import Quarter
from ui.board.panel import BoardPanel
from ui.dialogs.io_actions import IOActions
from ui.edit_context import EditContext
from ui.goal_tree_actions import GoalTreeActions
from ui.goal_tree_model import Column, GoalTreeModel, Roles
from ui.goal_tree_view import GoalTreeView
from ui.language import add_language_menu
from ui.metrics_controller import MetricsController
from ui.read_only_banner import install_read_only_banner, mark_edit_action
from ui.side_pane import SidePane
from ui.undo import PlanBus
from ui.window_layout import DEFAULT_WINDOW_SIZE, apply_default_sizes, restore_splitter

if TYPE_CHECKING:  # the dialogs are imported when first opened, not at start-up
    from ui.dialogs.restore_dialog import BackupSource

SETTINGS_GEOMETRY = "main_window/geometry"
SETTINGS_SPLITTER = "main_window/splitter"


class MainWindow(QMainWindow):
    """One plan in one window. Reads through the service; writes only via the undo stack."""

    def __init__(
        self,
        svc: PlanService,
        plan_id: int,
        undo_stack: QUndoStack,
        bus: PlanBus,
        db_display: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.svc = svc
        self.plan_id = plan_id
        self.undo_stack = undo_stack
        self.bus = bus
        self.db_display = db_display
        try:
            self._build()
        except BaseException:
            # A read that fails halfway (a damaged page, an I/O error) must not leave a
            # half-built window behind: the event loop would deliver its pending events to
            # parts whose Python side is gone, and crash. Delete it whole, then report.
            import shiboken6

            shiboken6.delete(self)
            raise

    def _build(self) -> None:
        svc, plan_id, undo_stack, bus = self.svc, self.plan_id, self.undo_stack, self.bus
        self.setObjectName("mainWindow")

        self.edit_context = EditContext(svc, plan_id, undo_stack, bus)
        self.tree_model = GoalTreeModel(self, edit=self.edit_context)
        self.goal_tree = GoalTreeView(self)
        self.goal_tree.setObjectName("goalTree")
        self.goal_tree.setModel(self.tree_model)
        self.goal_tree.setUniformRowHeights(True)
        self.goal_tree.setAlternatingRowColors(True)
        self.goal_tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.goal_tree.setToolTip(self.tr("The plan's goals: objective, lines, KRs, work packages"))
        header = self.goal_tree.header()
        header.setSectionResizeMode(Column.NAME, QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)

        self.side_pane = SidePane(self.edit_context, self)
        self.details = self.side_pane.details
        self.kr_panel = self.side_pane.kr_panel
        self.kr_panel.card_activated.connect(self._reveal_card)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setObjectName("mainSplitter")
        self.board = BoardPanel(svc, plan_id, undo_stack, bus, self)
        self.board_message = QLabel(self)
        self.board_message.setObjectName("boardMessage")
        self.splitter.addWidget(self.goal_tree)
        self.splitter.addWidget(self.board)
        self.splitter.addWidget(self.side_pane)
        apply_default_sizes(self.splitter, DEFAULT_WINDOW_SIZE.width())  # tree, board, pane
        self.setCentralWidget(self.splitter)
        self.statusBar().addPermanentWidget(self.board_message)
        self.board.message.connect(self._show_board_message)
        self.board.editor.completed.connect(self._board_completed)
        self.goal_tree.clicked.connect(self._on_tree_clicked)

        self.metrics = MetricsController(self)  # rules, computed lights, charts, check-ins
        # After a change to cards only, their lights follow on the next event-loop turn.
        self._pending_cards: set[int] = set()
        self._cards_timer = QTimer(self)
        self._cards_timer.setSingleShot(True)
        self._cards_timer.setInterval(0)
        self._cards_timer.timeout.connect(self._refresh_cards)
        self.refresh_counts = {"reload": 0, "cards": 0}  # how often each path ran (tests)
        self._build_menus()
        self.goal_tree.selectionModel().currentChanged.connect(self._on_current_changed)
        self.bus.changed.connect(self._on_changed)
        self.bus.failed.connect(self._on_failed)
        self.close_hooks: list[Callable[[], None]] = []  # app.main: close backup, unlock
        self.backup_source: BackupSource | None = None  # app.main: File > Restore backup
        self.read_only_banner = install_read_only_banner(self, bus)

        self._reload(self.board.scene.model.cards.values())  # the board has just read them
        self._restore_geometry()

    # ----- building ----------------------------------------------------------------------
    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu(self.tr("&File"))
        self.io_actions = IOActions(self, file_menu)  # import, weekly report, exports
        quit_action = QAction(self.tr("&Quit"), self)
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.setStatusTip(self.tr("Close OKR Planner; every edit is already saved"))
        quit_action.triggered.connect(self.close)
        self.restore_action = mark_edit_action(QAction(self.tr("&Restore backup…"), self))
        self.restore_action.setStatusTip(self.tr("Go back to one of this plan's backups"))
        self.restore_action.triggered.connect(self._restore_backup)
        file_menu.addAction(self.restore_action)
        file_menu.addSeparator()
        file_menu.addAction(quit_action)
        self.file_menu = file_menu

        edit_menu = self.menuBar().addMenu(self.tr("&Edit"))
        undo = self.undo_stack.createUndoAction(self, self.tr("&Undo"))
        undo.setShortcut(QKeySequence.StandardKey.Undo)
        redo = self.undo_stack.createRedoAction(self, self.tr("&Redo"))
        redo.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence.StandardKey.Redo])
        edit_menu.addAction(undo)
        edit_menu.addAction(redo)
        self.undo_action, self.redo_action = undo, redo
        self.edit_menu = edit_menu
        self.tree_actions = GoalTreeActions(
            self.goal_tree, self.tree_model, self.edit_context, self
        )
        self.tree_actions.add_to_menu(edit_menu)
        edit_menu.addSeparator()
        edit_menu.addActions(self.board.actions.edit_menu_actions())
        edit_menu.addSeparator()
        edit_menu.addAction(self.metrics.check_in_action)

        self.view_menu = self.menuBar().addMenu(self.tr("&View"))
        expand = QAction(self.tr("Expand the whole tree"), self)
        expand.triggered.connect(self.goal_tree.expandAll)
        self.view_menu.addAction(expand)
        self.view_menu.addSeparator()
        self.view_menu.addActions(self.board.actions.view_menu_actions())
        self.view_menu.addAction(self.metrics.overview_action)
        self.view_menu.addSeparator()
        self.language_menu = add_language_menu(self.view_menu, self)  # English / 简体中文

        help_menu = self.menuBar().addMenu(self.tr("&Help"))
        about = QAction(self.tr("&About OKR Planner"), self)
        about.triggered.connect(self._about)
        help_menu.addAction(about)
        self.help_menu = help_menu

    # ----- data --------------------------------------------------------------------------
    def reload(self) -> None:
        """Read the plan again and show it, keeping the selection and expansion."""
        self._reload(None)

    def _reload(self, cards: Iterable[Any] | None) -> None:
        """``cards``: the plan's cards as the board has just read them (not read twice)."""
        self.refresh_counts["reload"] += 1
        current = self.goal_tree.currentIndex()
        selected = (current.data(Roles.KIND), current.data(Roles.ENTITY_ID))
        tree = self.svc.tree(self.plan_id)
        self.metrics.refresh(tree, cards)  # first: the views below read the fresh rule lights
        self.side_pane.set_tree(tree)
        self.tree_model.load(tree)  # the view keeps expansion and current node itself
        self.goal_tree.fit_name_column()
        if selected[0] is not None and not self.goal_tree.currentIndex().isValid():
            index = self.tree_model.find(selected[0], selected[1])
            if index.isValid():
                self.goal_tree.setCurrentIndex(index)
        self.setWindowTitle(self.tr("%1 — OKR Planner").replace("%1", tree.plan.name))
        self._update_status(tree.plan)

    def _update_status(self, plan: object) -> None:
        today = self.svc.today(self.plan_id)
        quarter = Quarter(plan.quarter_start, plan.quarter_end)  # type: ignore[attr-defined]
        week = today.isocalendar().week
        if plan.as_of is not None:  # type: ignore[attr-defined]
            when = self.tr("As of %1 (frozen)").replace("%1", today.isoformat())
        else:
            when = self.tr("Today %1 (live)").replace("%1", today.isoformat())
        weeks = quarter.weeks_left(today)
        left = (
            self.tr("1 week left")
            if weeks == 1
            else self.tr("%1 weeks left").replace("%1", str(weeks))
        )
        message = f"{when} · W{week:02d} · {left} · " + self.tr("Database: %1").replace(
            "%1", self.db_display
        )
        self.statusBar().showMessage(message)

    def _on_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self.side_pane.show_entity(current.data(Roles.KIND), current.data(Roles.RECORD))

    def _reveal_card(self, card_id: int) -> None:
        """Show a card the KR panel asked for on the board, if the board can do that."""
        board = getattr(self, "board", None)
        for name in ("reveal_card", "select_card"):
            reveal = getattr(board, name, None)
            if callable(reveal):
                reveal(card_id)
                return

    def _on_tree_clicked(self, index: QModelIndex) -> None:
        """A click on a KR filters the board to its cards; a second click on it clears that."""
        if index.data(Roles.KIND) == "kr":
            self.board.toggle_kr_filter(index.data(Roles.ENTITY_ID))

    def _show_board_message(self, message: str) -> None:
        self.board_message.setText(message)
        self.board_message.setToolTip(message)

    def _on_changed(self, changes: list[Change]) -> None:
        """A command ran; the board (connected first) has already shown what it changed.

        Cards only (a drop, a status, a card edit): the goal tree shows no cards, so it is not
        read again; the rules' lights of those cards follow on the next turn of the event loop,
        coalesced, so a drop on a 20,000-card board returns within a frame. Anything else: the
        plan is read again now.
        """
        if changes and {change.kind for change in changes} <= {"card", "slip"}:
            self._pending_cards.update(i for c in changes if c.kind == "card" for i in c.ids)
            self._cards_timer.start()
            return
        self._cards_timer.stop()
        self._pending_cards.clear()
        self._reload(self.board.scene.model.cards.values())

    def _board_completed(self) -> None:
        """A big plan opened with its first lanes: the board has now read every card, so the
        rules run over all of them (the tree's own rows have not changed)."""
        tree = self.tree_model.plan_tree
        if tree is not None:
            self.metrics.refresh(tree, self.board.scene.model.cards.values())

    def _refresh_cards(self) -> None:
        """The deferred half of a change to cards: their lights, and the KR panel's list."""
        ids, self._pending_cards = self._pending_cards, set()
        if not ids or self.tree_model.plan_tree is None:
            return
        self.refresh_counts["cards"] += 1
        cards = self.board.scene.model.cards
        self.metrics.refresh_cards(ids, [cards[i] for i in ids if i in cards])
        if self.kr_panel.current_kr_id is not None:  # it lists the KR's actions
            self.kr_panel.set_tree(self.tree_model.plan_tree)

    def _on_failed(self, message: str) -> None:
        QMessageBox.warning(self, self.tr("Change not saved"), message)
        # Show what the database holds (the board, connected first, has read it again).
        self._cards_timer.stop()
        self._pending_cards.clear()
        self._reload(self.board.scene.model.cards.values())

    @property
    def read_only(self) -> bool:
        """Opened read-only (another window edits this plan): edit controls are disabled."""
        return self.bus.read_only

    def _restore_backup(self) -> None:
        from ui.dialogs.restore_dialog import run_restore

        message = run_restore(self, self.backup_source)
        if message is not None:
            self.undo_stack.clear()  # its commands describe the plan that was replaced
            self.bus.changed.emit([])  # everything may have changed: every view reloads
            self.statusBar().showMessage(message, 15000)

    # ----- window state ------------------------------------------------------------------
    def _restore_geometry(self) -> None:
        settings = QSettings()
        geometry = settings.value(SETTINGS_GEOMETRY)
        if isinstance(geometry, QByteArray) and not geometry.isEmpty():
            self.restoreGeometry(geometry)
        else:
            self.resize(DEFAULT_WINDOW_SIZE)
        # A state saved for another set of panes would starve one of them: use the defaults.
        restore_splitter(self.splitter, settings.value(SETTINGS_SPLITTER), self.width())

    def closeEvent(self, event: QCloseEvent) -> None:
        settings = QSettings()
        settings.setValue(SETTINGS_GEOMETRY, self.saveGeometry())
        settings.setValue(SETTINGS_SPLITTER, self.splitter.saveState())
        super().closeEvent(event)
        hooks, self.close_hooks = self.close_hooks, []  # once, even if closed twice
        for hook in hooks:
            hook()

    def _about(self) -> None:
        QMessageBox.about(
            self,
            self.tr("About OKR Planner"),
            self.tr(
                "<b>OKR Planner</b> %1<br>Plan a quarter on OKRs and steer it week by week.<br>"
                "Database: %2"
            )
            .replace("%1", __version__)
            .replace("%2", self.db_display),
        )
