"""The thin QUndoCommand adapter around app.commands, and the signal views listen to."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from app.commands import Change, Command
from app.services.plan_service import PlanService


class PlanBus(QObject):
    """Tells views what a command changed, so each refreshes only what it shows."""

    changed = Signal(list)  # list[Change]
    failed = Signal(str)  # a message for the user when a command could not be applied


class UndoableCommand(QUndoCommand):
    """Runs an app command through the service on redo/undo and announces the change.

    ``push_command`` applies the command before pushing, so a command that fails validation
    never becomes a stack entry; the redo() that QUndoStack.push() calls is then skipped.
    """

    def __init__(
        self, command: Command, svc: PlanService, bus: PlanBus, *, applied: bool = False
    ) -> None:
        super().__init__(command.name)
        self.command = command
        self._svc = svc
        self._bus = bus
        self._applied = applied  # already applied once: the push's own redo() is skipped

    def redo(self) -> None:
        if self._applied:
            self._applied = False
            return
        self._bus.changed.emit(self.command.apply(self._svc))

    def undo(self) -> None:
        self._bus.changed.emit(self.command.revert(self._svc))


def push_command(stack: QUndoStack, command: Command, svc: PlanService, bus: PlanBus) -> bool:
    """Apply ``command`` and put it on the undo stack; False (and a message) if it failed.

    The command is applied before pushing so a validation error never leaves a stack entry
    whose redo failed; QUndoStack.push() would otherwise call redo() a second time.
    """
    try:
        changes: list[Change] = command.apply(svc)
    except Exception as exc:
        bus.failed.emit(str(exc))
        return False
    stack.push(UndoableCommand(command, svc, bus, applied=True))
    bus.changed.emit(changes)
    return True
