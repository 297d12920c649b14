"""The board's one door to the plan: reads through the service, writes by pushing commands.

Every edit (move, create, edit, delete, status) becomes one command on the undo stack via
``push_command``; the board then refreshes from ``PlanBus.changed``, re-reading only the cards a
command touched, so undo, redo and edits made elsewhere all show the same way.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QGuiApplication, QUndoStack

from app.commands import Change, Command, CreateEntity, DeleteEntity, Macro, UpdateEntity
from app.services.board_queries import load_board, load_cards, slip_counts
from app.services.plan_service import PlanService
from models.calendar import Bucket
from ui.board.edits import (
    edit_command,
    move_command,
    moved_fields,
    outside_quarter,
    shifted_fields,
    target_bucket,
)
from ui.board.scene import BoardScene
from ui.board.texts import delete_name, status_command_name, tr
from ui.undo import PlanBus, push_command

CARD_KINDS = {"card", "slip"}


def first_screen_rows(scene: BoardScene) -> int:
    """How many cards high the board's first screen can be: as tall as the tallest screen, or
    as its window if that is taller (a window can be sized past its screen)."""
    tallest = max((s.availableGeometry().height() for s in QGuiApplication.screens()), default=0)
    for view in scene.views():
        tallest = max(tallest, view.window().height())
    return max(1, math.ceil(tallest / scene.model.metrics.slot_height))


class BoardEditor(QObject):
    """Connects a BoardScene to one plan: loading, refreshing after commands, and edits."""

    completed = Signal()  # the rest of a big plan was read after its first lanes

    def __init__(
        self,
        scene: BoardScene,
        svc: PlanService,
        plan_id: int,
        undo_stack: QUndoStack,
        bus: PlanBus,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.scene = scene
        self.svc = svc
        self.plan_id = plan_id
        self.undo_stack = undo_stack
        self.bus = bus
        scene.editor = self
        bus.changed.connect(self.on_changed)

    # ----- reading -----------------------------------------------------------------------
    def reload(self) -> None:
        """Read the whole board again (a big plan's first-lanes view becomes complete)."""
        was_complete = self.is_complete
        self.scene.load_data(load_board(self.svc, self.plan_id))
        if not was_complete:
            self.completed.emit()

    def load_first_lanes(self) -> bool:
        """Opening the plan: a big plan's first lanes only (see ``load_board``), as many as the
        first screen shows; True when the rest is still to be read (``complete``)."""
        rows = first_screen_rows(self.scene)
        data = load_board(self.svc, self.plan_id, first_lanes=True, first_rows=rows)
        self.scene.load_data(data)
        return not data.complete

    @property
    def is_complete(self) -> bool:
        data = self.scene.model.data
        return data is None or data.complete

    def complete(self) -> bool:
        """Read the whole board if only its first lanes were read; True if it did."""
        if self.is_complete:
            return False
        self.reload()
        return True

    def on_changed(self, changes: list[Change]) -> None:
        """Refresh what a command touched: its cards, or everything if lanes or the plan changed."""
        kinds = {change.kind for change in changes}
        ids = {i for change in changes if change.kind == "card" for i in change.ids}
        if self.complete():  # the whole board was read now, as it is after the command
            return
        if not kinds <= CARD_KINDS or not ids:
            self.reload()
            return
        self.scene.replace_cards(ids, load_cards(self.svc, ids), slip_counts(self.svc, ids))

    # ----- writing -----------------------------------------------------------------------
    def push(self, command: Command) -> bool:
        self.complete()  # an edit in the moment before the rest of a big plan was read
        return push_command(self.undo_stack, command, self.svc, self.bus)

    def cards(self, ids: Iterable[int]) -> list[Any]:
        model = self.scene.model
        return [model.cards[i] for i in ids if i in model.cards]

    def move_cards(
        self, ids: Sequence[int], target: Bucket, *, keep_due: bool, anchor: int = 0
    ) -> bool:
        """Move cards to ``target`` as one undo step; False when nothing changed or refused."""
        moves = [
            (card, moved_fields(card, target, keep_due=keep_due, anchor=anchor))
            for card in self.cards(ids)
        ]
        command = move_command(moves, target)
        if command is None:
            return False
        return self.push(command)

    def shift_cards(self, ids: Sequence[int], steps: int, *, keep_due: bool) -> bool:
        """Alt+Left / Alt+Right: a week earlier or later (a month card by a month)."""
        quarter = self.scene.model.quarter
        moves = []
        for card in self.cards(ids):
            fields = shifted_fields(card, steps, keep_due=keep_due)
            if isinstance(fields, str):
                self.scene.message.emit(fields)
                return False
            why = outside_quarter(fields, quarter)
            if why is not None:
                self.scene.message.emit(why)
                return False
            moves.append((card, fields))
        if not moves:
            self.scene.message.emit(tr("Select a card to move"))
            return False
        command = move_command(moves, target_bucket(moves[0][1], quarter))
        return command is not None and self.push(command)

    def create_card(self, fields: dict[str, Any]) -> int | None:
        """Create a card (at the end of its cell); returns its id, or None if refused."""
        self.complete()  # the new card goes after every card of the plan
        cards = self.scene.model.cards.values()
        order = max((card.sort_order for card in cards), default=-1) + 1
        values = {"plan_id": self.plan_id, "sort_order": order} | fields
        command = CreateEntity("card", values, name=tr("Create card"))
        if not self.push(command):
            return None
        self.scene.select_cards([command.created_id] if command.created_id else [])
        return command.created_id

    def update_card(self, card_id: int, fields: dict[str, Any]) -> bool:
        card = self.scene.model.cards.get(card_id)
        if card is None:
            return False
        command = edit_command(card, fields, tr("Edit card"))
        return command is not None and self.push(command)

    def delete_cards(self, ids: Sequence[int]) -> bool:
        """Delete (with their slips); one undo step brings them all back with their ids."""
        cards = self.cards(ids)
        if not cards:
            return False
        name = delete_name(len(cards))
        children: list[Command] = [DeleteEntity("card", card.id, name=name) for card in cards]
        command = children[0] if len(children) == 1 else Macro(children, name=name)
        if not self.push(command):
            return False
        deleted = (
            tr("Deleted the card; Ctrl+Z brings it back")
            if len(cards) == 1
            else tr("Deleted %1 cards; Ctrl+Z brings them back").replace("%1", str(len(cards)))
        )
        self.scene.message.emit(deleted)
        return True

    def set_status(self, ids: Sequence[int], status: str) -> bool:
        cards = [card for card in self.cards(ids) if card.status != status]
        if not cards:
            return False
        name = status_command_name(len(cards), status)
        children: list[Command] = [
            UpdateEntity("card", card.id, {"status": status}, name=name) for card in cards
        ]
        command = children[0] if len(children) == 1 else Macro(children, name=name)
        return self.push(command)
