"""The board's actions (menus, shortcuts, context menu) and what they do.

Card actions are shortcuts of the board view only (``WidgetWithChildrenShortcut``): N, Enter,
Delete or Space typed into the search field or the goal tree never touch a card. The main window
puts the same actions into its Edit and View menus.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QPoint, Qt
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QMenu

from models.calendar import Level
from models.enums import Status
from ui.board.texts import status_name, tr

if TYPE_CHECKING:  # the card dialog is imported when first opened, not at start-up
    from ui.board.card_dialog import CardDialog
    from ui.board.panel import BoardPanel

NEXT_STATUS = {
    Status.TODO.value: Status.DOING.value,
    Status.DOING.value: Status.DONE.value,
    Status.DONE.value: Status.TODO.value,
}


class BoardActions(QObject):
    """Creates the QActions and carries them out through the panel's editor."""

    def __init__(self, panel: BoardPanel) -> None:
        super().__init__(panel)
        self.panel = panel
        self.scene = panel.scene
        self.editor = panel.editor
        self.dialog: CardDialog | None = None
        self.read_only = False
        view = panel.view

        def card_action(text: str, keys: list[str], slot: Callable[[], Any], tip: str) -> QAction:
            action = QAction(text, panel)
            action.setShortcuts([QKeySequence(k) for k in keys])
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            action.setStatusTip(tip)
            action.triggered.connect(slot)
            view.addAction(action)
            return action

        self.new_card = card_action(
            tr("&New card"), ["N"], self.create, tr("Create a card in the selected cell")
        )
        self.edit_card = card_action(
            tr("&Edit card…"),
            ["Return", "Enter"],
            self.edit,
            tr("Open the selected card in the editor"),
        )
        self.delete_card = card_action(
            tr("&Delete card"),
            ["Delete"],
            self.delete,
            tr("Delete the selected cards (Ctrl+Z brings them back)"),
        )
        self.next_status = card_action(
            tr("Next &status"), ["Space"], self.advance_status, tr("To do → Doing → Done")
        )
        self.move_earlier = card_action(
            tr("Move a week &earlier"),
            ["Alt+Left"],
            lambda: self.shift(-1),
            tr("Move the selected card one week earlier"),
        )
        self.move_later = card_action(
            tr("Move a week &later"),
            ["Alt+Right"],
            lambda: self.shift(1),
            tr("Move the selected card one week later"),
        )
        self.status_actions: dict[str, QAction] = {}
        for status in Status:
            action = QAction(tr("Mark %1").replace("%1", status_name(status.value)), panel)
            action.triggered.connect(lambda _c=False, s=status.value: self.set_status(s))
            self.status_actions[status.value] = action

        self.lanes_by_kr = QAction(tr("Lanes by &KR"), panel, checkable=True)
        self.lanes_by_line = QAction(tr("Lanes by &line of work"), panel, checkable=True)
        group = QActionGroup(panel)
        for action in (self.lanes_by_kr, self.lanes_by_line):
            group.addAction(action)
        self.lanes_by_kr.setChecked(True)
        self.lanes_by_kr.triggered.connect(lambda: panel.set_lane_mode("kr"))
        self.lanes_by_line.triggered.connect(lambda: panel.set_lane_mode("line"))
        self.focus_current = QAction(tr("&Focus on the current month"), panel)
        self.focus_current.setShortcut(QKeySequence("Ctrl+Shift+M"))
        self.focus_current.triggered.connect(panel.focus_current_month)
        self.whole_quarter = QAction(tr("Show the &whole quarter"), panel)
        self.whole_quarter.setShortcut(QKeySequence("Ctrl+Shift+Q"))
        self.whole_quarter.triggered.connect(lambda: panel.set_focus(None))
        self.move_due = QAction(tr("Move &due dates with cards"), panel, checkable=True)
        self.move_due.setChecked(True)
        self.move_due.setStatusTip(
            tr("A moved card's due date moves by as many weeks (hold Shift to keep it)")
        )
        self.move_due.toggled.connect(self._set_move_due)
        self.filter_focus = QAction(tr("&Find cards"), panel)
        self.filter_focus.setShortcut(QKeySequence.StandardKey.Find)
        self.filter_focus.triggered.connect(panel.focus_search)

        panel.view.edit_requested.connect(self.edit_card_id)
        panel.view.create_requested.connect(self.create)
        panel.view.context_requested.connect(self.context_menu)
        self.scene.selection_changed.connect(self._update_enabled)
        self._update_enabled()

    def edit_menu_actions(self) -> list[QAction]:
        return [
            self.new_card,
            self.edit_card,
            self.delete_card,
            self.next_status,
            self.move_earlier,
            self.move_later,
        ]

    def view_menu_actions(self) -> list[QAction]:
        return [
            self.lanes_by_kr,
            self.lanes_by_line,
            self.focus_current,
            self.whole_quarter,
            self.move_due,
            self.filter_focus,
        ]

    def _update_enabled(self) -> None:
        has = bool(self.scene.selected) and not self.read_only
        for action in (
            self.edit_card,
            self.delete_card,
            self.next_status,
            self.move_earlier,
            self.move_later,
            *self.status_actions.values(),
        ):
            action.setEnabled(has)
        self.new_card.setEnabled(not self.read_only)

    def set_read_only(self, read_only: bool) -> None:
        self.read_only = read_only
        self._update_enabled()

    def _set_move_due(self, on: bool) -> None:
        self.scene.move_due = on

    # ----- card actions ------------------------------------------------------------------
    def shift(self, steps: int) -> bool:
        keep = not self.scene.move_due
        return self.editor.shift_cards(self.scene.selected, steps, keep_due=keep)

    def delete(self) -> bool:
        return self.editor.delete_cards(self.scene.selected)

    def set_status(self, status: str) -> bool:
        return self.editor.set_status(self.scene.selected, status)

    def advance_status(self) -> bool:
        if not self.scene.selected:
            return False
        card = self.scene.model.cards[self.scene.selected[-1]]
        return self.set_status(NEXT_STATUS.get(card.status, Status.TODO.value))

    def edit(self) -> None:
        if self.scene.selected:
            self.edit_card_id(self.scene.selected[-1])

    def edit_card_id(self, card_id: int) -> None:
        card = self.scene.model.cards.get(card_id)
        if card is None or self.read_only:
            return
        values = {
            name: getattr(card, name)
            for name in (
                "title",
                "kr_ids",
                "owner_role",
                "level",
                "period_start",
                "period_end",
                "due",
                "due_text",
                "done_criteria",
                "status",
                "light",
            )
        }
        dialog = self._open_dialog(values, creating=False)
        dialog.accepted.connect(lambda: self.editor.update_card(card_id, dialog.values()))

    def create(self) -> None:
        """Open the editor for a new card in the selected cell (its level, period and KR)."""
        if self.read_only:
            return
        model = self.scene.model
        cell = self.scene.current_cell()
        values: dict[str, Any] = {"level": Level.WEEK.value, "status": Status.TODO.value}
        if cell is None:
            today = model.quarter.bucket_for(Level.WEEK, model.today)
            values |= {"period_start": today.start, "period_end": today.start}
        else:
            lane, col = cell
            bucket = model.columns[col].bucket
            key = model.lanes[lane].key
            values |= {
                "level": bucket.level.value,
                "period_start": bucket.start,
                "period_end": bucket.start,
            }
            if key[0] == "kr":
                values["kr_ids"] = (key[1],)
        dialog = self._open_dialog(values, creating=True)
        dialog.accepted.connect(lambda: self.editor.create_card(dict(dialog.values())))

    def _open_dialog(self, values: dict[str, Any], *, creating: bool) -> CardDialog:
        model = self.scene.model
        assert model.data is not None
        from ui.board.card_dialog import CardDialog

        dialog = CardDialog(
            model.quarter,
            list(model.data.krs),
            model.owners(),
            values,
            creating=creating,
            parent=self.panel.window(),
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        self.dialog = dialog
        dialog.open()
        return dialog

    def context_menu(self, global_pos: QPoint) -> None:
        menu = QMenu(self.panel)
        if self.scene.selected:
            menu.addAction(self.edit_card)
            status = menu.addMenu(tr("Status"))
            for action in self.status_actions.values():
                status.addAction(action)
            menu.addAction(self.move_earlier)
            menu.addAction(self.move_later)
            menu.addSeparator()
            menu.addAction(self.delete_card)
        else:
            menu.addAction(self.new_card)
        menu.exec(global_pos)
