"""Random sequences of create / move / edit / delete / undo / redo / reopen, checked against a
plain-Python model of the cards after every step: the database holds exactly what the model
says, including after the file is closed and opened again.

The commands run through ``app.commands`` on a ``PlanService`` with a minimal undo stack that
behaves as QUndoStack does (a push drops the redo tail), so this is the app's real write path
without Qt. The model's undo is simply the state before the step: whatever a command's revert
does, it must land there.
"""

from __future__ import annotations

import copy
import datetime as dt
import shutil
import tempfile
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule

from app.commands import Command, CreateEntity, DeleteEntity, MoveCard, UpdateEntity
from app.db import open_database
from app.services.plan_service import PlanService
from models.errors import PlanError

FIELDS = (
    "title",
    "level",
    "period_start",
    "period_end",
    "due",
    "status",
    "owner_role",
    "done_criteria",
    "light",
    "kr_ids",
)
MONDAYS = [dt.date(2025, 9, 29) + dt.timedelta(weeks=i) for i in range(14)]
TITLES = st.one_of(
    st.text(min_size=1, max_size=20),
    st.sampled_from(["", "   ", "画像诊断", "x" * 501]),  # refused: blank, too long
)
EDITS = {
    "title": TITLES,
    "status": st.sampled_from(["todo", "doing", "done", "blocked"]),
    "owner_role": st.text(max_size=10),
    "done_criteria": st.text(max_size=30),
    "light": st.sampled_from([None, "green", "yellow", "yellow_red", "red", "purple"]),
    "kr_ids": st.lists(st.integers(0, 7), max_size=3),
}

_TEMPLATE: Path | None = None


def _template() -> Path:
    """The sample plan, built once and copied for every run (a copy is much cheaper)."""
    global _TEMPLATE
    if _TEMPLATE is None:
        _TEMPLATE = Path(tempfile.mkdtemp(prefix="okr-sm-")) / "template.db"
        open_database(f"sqlite:///{_TEMPLATE}").close()
    return _TEMPLATE


Model = dict[str, Any]  # {"cards": {id: {field: value}}, "slips": Counter[(card, from, to)]}


class PlanMachine(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.folder = Path(tempfile.mkdtemp(prefix="okr-sm-run-"))
        self.path = self.folder / "plan.db"
        shutil.copy(_template(), self.path)
        self._open()
        self.plan_id = self.svc.first_plan_id()
        self.kr_ids = sorted(self.svc.kr_codes(self.plan_id).values())
        self.stack: list[Command] = []
        self.index = 0
        self.states: list[Model] = [self._read()]  # states[i]: the model after i stack steps

    # ----- plumbing ------------------------------------------------------------------------
    def _open(self) -> None:
        self.db = open_database(f"sqlite:///{self.path}")
        self.svc = PlanService(self.db.engine)

    def _read(self) -> Model:
        cards = {
            c.id: {name: getattr(c, name) for name in FIELDS} for c in self.svc.cards(self.plan_id)
        }
        slips = Counter(
            (s.card_id, s.from_start, s.to_start) for card in cards for s in self._slips(card)
        )
        return {"cards": cards, "slips": slips}

    def _slips(self, card_id: int) -> list[Any]:
        return self.svc.list("slip", card_id=card_id)

    @property
    def model(self) -> Model:
        return self.states[self.index]

    def _push(self, command: Command, expected: Model | Callable[[], Model] | None) -> None:
        """Apply as push_command does; ``expected`` None means the command must be refused
        (a callable builds the model after the apply, when it needs the new id)."""
        try:
            command.apply(self.svc)
        except PlanError:
            assert expected is None, f"{command} was refused"
            return
        assert expected is not None, f"{command} should have been refused"
        if callable(expected):
            expected = expected()
        del self.stack[self.index :]
        del self.states[self.index + 1 :]
        self.stack.append(command)
        self.states.append(expected)
        self.index += 1

    def _next(self) -> Model:
        return copy.deepcopy(self.model)

    def _card_id(self, pick: int) -> int:
        ids = sorted(self.model["cards"])
        return ids[pick % len(ids)]

    # ----- rules ---------------------------------------------------------------------------
    @rule(title=TITLES, week=st.integers(0, 13), krs=st.lists(st.integers(0, 7), max_size=3))
    def create(self, title: str, week: int, krs: list[int]) -> None:
        monday = MONDAYS[week]
        kr_ids = [self.kr_ids[k % len(self.kr_ids)] for k in krs]
        fields = {
            "plan_id": self.plan_id,
            "level": "week",
            "period_start": monday,
            "period_end": monday,
            "due": monday + dt.timedelta(days=4),
            "title": title,
            "kr_ids": kr_ids,
        }
        command = CreateEntity("card", fields)

        def expected() -> Model:
            model = self._next()
            model["cards"][command.created_id] = {
                "title": title.strip(),
                "level": "week",
                "period_start": monday,
                "period_end": monday,
                "due": monday + dt.timedelta(days=4),
                "status": "todo",
                "owner_role": "",
                "done_criteria": "",
                "light": None,
                "kr_ids": tuple(sorted(set(kr_ids))),
            }
            return model

        valid = bool(title.strip()) and len(title) <= 500
        self._push(command, expected if valid else None)

    @precondition(lambda self: self.model["cards"])
    @rule(pick=st.integers(0, 10_000), week=st.integers(0, 13))
    def move(self, pick: int, week: int) -> None:
        card_id = self._card_id(pick)
        monday = MONDAYS[week]
        after = {"level": "week", "period_start": monday, "period_end": monday}
        after["due"] = monday + dt.timedelta(days=4)
        expected = self._next()
        card = expected["cards"][card_id]
        if monday > card["period_start"]:
            expected["slips"][(card_id, card["period_start"], monday)] += 1
        card.update(after)
        self._push(MoveCard(card_id, after), expected)

    @precondition(lambda self: self.model["cards"])
    @rule(pick=st.integers(0, 10_000), data=st.data())
    def edit(self, pick: int, data: st.DataObject) -> None:
        card_id = self._card_id(pick)
        name = data.draw(st.sampled_from(sorted(EDITS)))
        value = data.draw(EDITS[name])
        if name == "kr_ids":
            value = [self.kr_ids[k % len(self.kr_ids)] for k in value]
        expected: Model | None = self._next()
        assert expected is not None
        if name == "title":
            ok = bool(value.strip()) and len(value) <= 500
            expected["cards"][card_id]["title"] = value.strip()
        elif name == "status":
            ok = value in ("todo", "doing", "done")
        elif name == "light":
            ok = value != "purple"
        else:
            ok = True
        if name == "kr_ids":
            expected["cards"][card_id]["kr_ids"] = tuple(sorted(set(value)))
        elif name != "title":
            expected["cards"][card_id][name] = value
        self._push(UpdateEntity("card", card_id, {name: value}), expected if ok else None)

    @precondition(lambda self: self.model["cards"])
    @rule(pick=st.integers(0, 10_000))
    def delete(self, pick: int) -> None:
        card_id = self._card_id(pick)
        expected = self._next()
        del expected["cards"][card_id]
        for key in [k for k in expected["slips"] if k[0] == card_id]:
            del expected["slips"][key]
        self._push(DeleteEntity("card", card_id), expected)

    @precondition(lambda self: self.index > 0)
    @rule()
    def undo(self) -> None:
        self.stack[self.index - 1].revert(self.svc)
        self.index -= 1

    @precondition(lambda self: self.index < len(self.stack))
    @rule()
    def redo(self) -> None:
        self.stack[self.index].apply(self.svc)
        self.index += 1

    @rule()
    def reopen(self) -> None:
        """Close the file and open it again (with every check open_database runs)."""
        self.db.close()
        self._open()

    # ----- the check -----------------------------------------------------------------------
    @invariant()
    def database_equals_model(self) -> None:
        assert self._read() == self.model

    def teardown(self) -> None:
        self.db.close()
        self._open()  # what was saved, read back from the file
        try:
            assert self._read() == self.model
        finally:
            self.db.close()
            shutil.rmtree(self.folder, ignore_errors=True)


PlanMachine.TestCase.settings = settings(
    max_examples=25,
    stateful_step_count=30,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
TestPlanMachine = PlanMachine.TestCase
