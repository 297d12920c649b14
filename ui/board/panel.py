"""The board panel: filter bar and lane / focus switches above the board view.

What the main window embeds. It wires the scene, the editor (reads and commands), the view and
the actions together, and keeps the switches and the View menu in step with the scene.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from PySide6.QtCore import QRectF, Signal
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QSizePolicy, QVBoxLayout, QWidget

from app.services.plan_service import PlanService
from ui.board.actions import BoardActions
from ui.board.board_model import CardFilter
from ui.board.editor import BoardEditor
from ui.board.filter_bar import BoardControls, FilterBar
from ui.board.scene import BoardScene
from ui.board.view import BoardView
from ui.first_paint import after_first_paint
from ui.undo import PlanBus


class BoardPanel(QWidget):
    """Filter bar + board for one plan."""

    message = Signal(str)  # for the status bar

    def __init__(
        self,
        svc: PlanService,
        plan_id: int,
        undo_stack: QUndoStack,
        bus: PlanBus,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("boardPanel")
        self.scene = BoardScene(self)
        self.editor = BoardEditor(self.scene, svc, plan_id, undo_stack, bus, self)
        self.view = BoardView(self.scene, self)
        self.filter_bar = FilterBar(self)
        self.controls = BoardControls(self)
        self.actions = BoardActions(self)
        self._tree_kr: int | None = None  # KR filter set by a click in the goal tree

        self.view.set_corner_widget(self.controls)
        # The filter row wraps (a flow layout), so it never keeps the splitter from narrowing
        # the board: the board asks for no more width than its widest single filter.
        policy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)
        self.filter_bar.setSizePolicy(policy)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addWidget(self.filter_bar)
        layout.addWidget(self.view, 1)

        self.filter_bar.filter_changed.connect(self._filter_changed)
        self.controls.lane_mode_changed.connect(self.set_lane_mode)
        self.controls.focus_changed.connect(self.set_focus)
        self.scene.message.connect(self.message)
        self.scene.board_changed.connect(self._board_changed)
        if self.editor.load_first_lanes():  # a big plan: the rest after the first paint
            after_first_paint(self.view.viewport(), self.complete_loading, fallback_ms=250)
        self.filter_bar.set_choices(self.scene.model)
        self.controls.set_months(
            [m.start for m in self.scene.model.quarter.months()], self.scene.model.focus
        )
        self._loaded_data = self.scene.model.data
        bus.read_only_changed.connect(self.set_read_only)
        bus.failed.connect(lambda _message: self.editor.reload())
        self.set_read_only(bus.read_only)

    # ----- loading -----------------------------------------------------------------------
    @property
    def is_complete(self) -> bool:
        """False in the moment after opening a big plan, before its other lanes are read."""
        return self.editor.is_complete

    def complete_loading(self) -> None:
        """Read the whole board now if only its first lanes were read (a no-op otherwise)."""
        self.editor.complete()

    # ----- switches ----------------------------------------------------------------------
    def set_lane_mode(self, mode: str) -> None:
        self.complete_loading()
        self.scene.set_lane_mode(mode)
        self.controls.set_lane_mode(mode)
        (self.actions.lanes_by_kr if mode == "kr" else self.actions.lanes_by_line).setChecked(True)

    def set_focus(self, month: dt.date | None) -> None:
        self.scene.set_focus(month)
        self.controls.set_focus(month)

    def focus_current_month(self) -> None:
        model = self.scene.model
        month = next((m.start for m in model.quarter.months() if m.contains(model.today)), None)
        self.set_focus(month)

    def focus_search(self) -> None:
        self.filter_bar.search.setFocus()
        self.filter_bar.search.selectAll()

    def toggle_kr_filter(self, kr_id: int) -> None:
        """A click on a KR in the goal tree: show only its cards; a second click shows all."""
        self.complete_loading()
        current = self.filter_bar.kr.currentData()
        self.filter_bar.set_kr(None if current == kr_id else kr_id)

    def reveal_card(self, card_id: int) -> None:
        """Select a card and scroll to it, showing its month and clearing filters that hide it."""
        self.complete_loading()
        model = self.scene.model
        card = model.cards.get(card_id)
        if card is None:
            return
        if not model.matches(card):
            self.filter_bar.clear_all()
        if card_id not in model.geometry.by_card:
            month = next(
                (m.start for m in model.quarter.months() if m.contains(card.period_start)), None
            )
            self.set_focus(month)
            if card_id not in model.geometry.by_card:
                self.set_focus(None)
                if model.collapsed:
                    self.scene.set_collapsed(())
        self.scene.select_cards([card_id])
        if card_id in model.geometry.by_card:
            x, y, w, h = model.geometry.scene_rect(self.scene.placement(card_id))
            self.view.ensureVisible(QRectF(x, y, w, h), 40, 40)
        self.view.setFocus()

    def set_evaluation(self, evaluation: Any, card_ids: Iterable[int] | None = None) -> None:
        """The warning rules' result after a change (ui.metrics_controller): cards show the
        worse of their own light and the computed one, with the reasons in their tooltip.

        ``card_ids``: only these cards' lights can have changed (repaint just them).
        """
        self.scene.model.evaluation = evaluation
        if self.scene.model.filter.light:  # lights decide what the filter shows
            self.scene.model.relayout()
            self.scene.refresh_all_lanes()
            self._update_count()
        if card_ids is None:
            self.scene.update()
        else:
            self.scene.repaint_cards(card_ids)

    def set_read_only(self, read_only: bool) -> None:
        """Offer no edits that would be refused (the bus refuses them anyway)."""
        self.scene.read_only = read_only
        self.actions.set_read_only(read_only)

    def _filter_changed(self, card_filter: CardFilter) -> None:
        self.complete_loading()
        self.scene.set_filter(card_filter)
        self._update_count()

    def _board_changed(self) -> None:
        data = self.scene.model.data
        if data is not getattr(self, "_loaded_data", data):  # a full reload: new KRs or owners
            self._loaded_data = data
            self.filter_bar.set_choices(self.scene.model)
        self._update_count()

    def _update_count(self) -> None:
        model = self.scene.model
        total = model.data.card_total if model.data is not None else None
        if total is not None:  # the first lanes of a big plan, unfiltered: all will show
            self.filter_bar.set_count(total, total)
            return
        self.filter_bar.set_count(model.visible_count(), len(model.cards))
