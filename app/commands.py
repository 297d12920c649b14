"""Command objects: every user-visible change, with apply and revert through the service.

The UI wraps these in a thin QUndoCommand (ui/undo.py); the CLI and the tests use them directly.
Each command carries a human name ("Move card to W50"), the ids it touches and the before and
after values it needs, and reports what changed so views refresh only that.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from app.services.plan_service import PlanService, Snapshot


@dataclass(frozen=True, slots=True)
class Change:
    """What a command touched: an entity kind and the ids of that kind."""

    kind: str
    ids: tuple[int, ...]


class Command:
    """Base class: ``apply`` does (and redoes) the change, ``revert`` undoes it exactly."""

    name: str = ""

    def apply(self, svc: PlanService) -> list[Change]:
        raise NotImplementedError

    def revert(self, svc: PlanService) -> list[Change]:
        raise NotImplementedError


@dataclass
class CreateEntity(Command):
    """Create one entity; undo deletes it (and anything added under it since), redo restores
    it with the same id so later commands that refer to it keep working."""

    kind: str
    fields: dict[str, Any]
    name: str = ""
    created_id: int | None = None
    _snapshot: Snapshot | None = None

    def apply(self, svc: PlanService) -> list[Change]:
        if self._snapshot is not None:
            svc.restore(self._snapshot)
        else:
            self.created_id = svc.create(self.kind, **self.fields).id
        return [Change(self.kind, (self.created_id,))]

    def revert(self, svc: PlanService) -> list[Change]:
        assert self.created_id is not None
        self._snapshot = svc.delete(self.kind, self.created_id)
        return [Change(self.kind, (self.created_id,))]


@dataclass
class UpdateEntity(Command):
    """Change fields of one entity; ``before`` is filled on first apply."""

    kind: str
    ident: int
    after: dict[str, Any]
    name: str = ""
    before: dict[str, Any] = field(default_factory=dict)

    def apply(self, svc: PlanService) -> list[Change]:
        _, before = svc.update(self.kind, self.ident, **self.after)
        if not self.before:
            self.before = before
        return [Change(self.kind, (self.ident,))]

    def revert(self, svc: PlanService) -> list[Change]:
        svc.update(self.kind, self.ident, **self.before)
        return [Change(self.kind, (self.ident,))]


@dataclass
class DeleteEntity(Command):
    """Delete an entity with everything under it; undo restores every row with its id."""

    kind: str
    ident: int
    name: str = ""
    _snapshot: Snapshot | None = None

    def apply(self, svc: PlanService) -> list[Change]:
        self._snapshot = svc.delete(self.kind, self.ident)
        return _changes_of(self._snapshot)

    def revert(self, svc: PlanService) -> list[Change]:
        assert self._snapshot is not None
        svc.restore(self._snapshot)
        return _changes_of(self._snapshot)


@dataclass
class MoveCard(Command):
    """Move a card to another period (and usually its due date along); a later period is a
    slip and is recorded, and undo removes that record again."""

    card_id: int
    after: dict[str, Any]  # level, period_start, period_end, due
    name: str = ""
    before: dict[str, Any] = field(default_factory=dict)
    at: dt.datetime | None = None
    _slip_id: int | None = None

    def apply(self, svc: PlanService) -> list[Change]:
        if not self.before:
            card = svc.get("card", self.card_id)
            self.before = {key: getattr(card, key) for key in self.after}
        if self.at is None:  # fixed on first apply so a redo records the same slip, not a new one
            self.at = dt.datetime.now(dt.UTC)
        _, self._slip_id = svc.move_card(self.card_id, at=self.at, **self.after)
        changes = [Change("card", (self.card_id,))]
        if self._slip_id is not None:
            changes.append(Change("slip", (self._slip_id,)))
        return changes

    def revert(self, svc: PlanService) -> list[Change]:
        with svc.batch():
            if self._slip_id is not None:
                svc.delete("slip", self._slip_id)
            svc.move_card(self.card_id, record_slip=False, **self.before)
        changes = [Change("card", (self.card_id,))]
        if self._slip_id is not None:
            changes.append(Change("slip", (self._slip_id,)))
            self._slip_id = None
        return changes


@dataclass
class ImportCards(Command):
    """Create many cards at once (a Markdown import) as one undo step.

    Apply inserts them in one statement; undo deletes them all in one transaction, keeping what
    was deleted so redo puts them back with the same ids.
    """

    cards: list[dict[str, Any]]
    name: str = ""
    created_ids: tuple[int, ...] = ()
    _snapshot: Snapshot | None = None

    def apply(self, svc: PlanService) -> list[Change]:
        if self._snapshot is not None:
            svc.restore(self._snapshot)
            self._snapshot = None
        else:
            self.created_ids = tuple(svc.create_many("card", self.cards))
        return [Change("card", self.created_ids)]

    def revert(self, svc: PlanService) -> list[Change]:
        self._snapshot = svc.delete_many("card", self.created_ids)
        return [Change("card", self.created_ids)]


@dataclass
class Macro(Command):
    """Several commands as one undo step (a multi-card action, a cascade)."""

    children: list[Command]
    name: str = ""

    def apply(self, svc: PlanService) -> list[Change]:
        changes: list[Change] = []
        with svc.batch():
            for child in self.children:
                changes += child.apply(svc)
        return changes

    def revert(self, svc: PlanService) -> list[Change]:
        changes: list[Change] = []
        with svc.batch():
            for child in reversed(self.children):
                changes += child.revert(svc)
        return changes


def _changes_of(snapshot: Snapshot) -> list[Change]:
    by_table: dict[str, list[int]] = {}
    for table_name, values in snapshot.rows:
        if "id" in values:
            by_table.setdefault(_KIND_OF_TABLE.get(table_name, table_name), []).append(values["id"])
    return [Change(kind, tuple(ids)) for kind, ids in by_table.items()]


_KIND_OF_TABLE = {
    "keyresult": "kr",
    "workpackage": "work_package",
    "actioncard": "card",
    "cardslip": "slip",
    "warningrule": "rule",
}
