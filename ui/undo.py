"""The thin QUndoCommand adapter around app.commands, and the signal views listen to.

Read-only hook: ``PlanBus.read_only`` (set with ``set_read_only``; ``read_only_changed`` tells
widgets) makes ``push_command`` refuse every command with a message, so a window opened
read-only cannot write whatever widget tries. Widgets should still disable their edit controls
(check ``bus.read_only`` when built, follow ``read_only_changed``) so users are not offered
edits that will be refused.

Failures: a command whose first apply fails never reaches the stack. One whose undo or redo
fails (a read-only or full disk, a row deleted meanwhile) has been rolled back by the service's
transaction; it is dropped from the stack (``setObsolete``), so the stack still describes the
database, and ``failed`` carries the message; views re-read what they show on ``failed``.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from app.commands import Change, Command
from app.services.plan_service import PlanService


class PlanBus(QObject):
    """Tells views what a command changed, so each refreshes only what it shows."""

    changed = Signal(list)  # list[Change]
    failed = Signal(str)  # a message for the user when a command could not be applied
    read_only_changed = Signal(bool)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._read_only = False
        self.read_only_reason = ""
        self._before_write: list[Callable[[], None]] = []

    @property
    def read_only(self) -> bool:
        """True when this window may not write: push_command refuses every command."""
        return self._read_only

    def set_read_only(self, read_only: bool, reason: str = "") -> None:
        self.read_only_reason = reason if read_only else ""
        if read_only != self._read_only:
            self._read_only = read_only
            self.read_only_changed.emit(read_only)

    def before_next_write(self, hook: Callable[[], None]) -> None:
        """Run ``hook`` once, before the next command changes the plan: work deferred past
        the first paint (the backup made on open) that must still happen before any write."""
        self._before_write.append(hook)

    def run_before_write(self) -> None:
        hooks, self._before_write = self._before_write, []
        for hook in hooks:
            hook()


def describe_failure(exc: BaseException) -> str:
    """A message for a write that failed: ours as they are, storage errors in plain words."""
    from models.errors import PlanError

    if isinstance(exc, PlanError):
        return str(exc)
    text = str(getattr(exc, "orig", None) or exc)
    lowered = text.lower()
    tr = QCoreApplication.translate
    if "readonly" in lowered or "read-only" in lowered:
        return tr(
            "undo",
            "The plan file is read-only, so the change was not saved. "
            "Everything saved before is intact.",
        )
    if "disk is full" in lowered or "no space" in lowered:
        return tr(
            "undo",
            "The disk is full, so the change was not saved. "
            "Free some space and try again; everything saved before is intact.",
        )
    if "locked" in lowered or "busy" in lowered:
        return tr(
            "undo",
            "The plan file is busy (another program is writing to it), so the change was "
            "not saved. Try again in a moment.",
        )
    return tr("undo", "The change could not be saved: %1").replace("%1", text)


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
        try:
            changes = self.command.apply(self._svc)
        except Exception as exc:
            self._drop(QCoreApplication.translate("undo", "Could not redo “%1”"), exc)
            return
        self._bus.changed.emit(changes)

    def undo(self) -> None:
        try:
            changes = self.command.revert(self._svc)
        except Exception as exc:
            self._drop(QCoreApplication.translate("undo", "Could not undo “%1”"), exc)
            return
        self._bus.changed.emit(changes)

    def _drop(self, what: str, exc: Exception) -> None:
        # The service rolled the transaction back, so the database is as before this call.
        # Qt removes an obsolete command instead of moving the index past it, which keeps the
        # stack in step with the database (the step can no longer be undone or redone).
        self.setObsolete(True)
        headline = what.replace("%1", self.text())
        self._bus.failed.emit(f"{headline}: {describe_failure(exc)}")


def push_command(stack: QUndoStack, command: Command, svc: PlanService, bus: PlanBus) -> bool:
    """Apply ``command`` and put it on the undo stack; False (and a message) if it failed.

    The command is applied before pushing so a validation error never leaves a stack entry
    whose redo failed; QUndoStack.push() would otherwise call redo() a second time.
    """
    if bus.read_only:
        bus.failed.emit(
            QCoreApplication.translate("undo", "This plan is open read-only; nothing was changed.")
        )
        return False
    bus.run_before_write()
    try:
        changes: list[Change] = command.apply(svc)
    except Exception as exc:
        bus.failed.emit(describe_failure(exc))
        return False
    stack.push(UndoableCommand(command, svc, bus, applied=True))
    bus.changed.emit(changes)
    return True
