"""What an editing widget needs to change the plan: the service to read, and one way to write.

Widgets and item models get an ``EditContext`` instead of the stack, service and bus separately,
so each of them has exactly one door for changes (``push``), which goes through the undo stack.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QUndoStack

from app.commands import Command
from app.services.plan_service import PlanService
from ui.undo import PlanBus, push_command


@dataclass
class EditContext:
    svc: PlanService
    plan_id: int
    undo_stack: QUndoStack
    bus: PlanBus

    @property
    def can_edit(self) -> bool:
        """False in a window opened read-only: models then offer no editing, check boxes or
        drops, rather than accepting a gesture the undo stack would refuse."""
        return not getattr(self.bus, "read_only", False)

    def push(self, command: Command) -> bool:
        """Apply ``command`` as one undo step; False (and a message on the bus) if refused."""
        return push_command(self.undo_stack, command, self.svc, self.bus)
