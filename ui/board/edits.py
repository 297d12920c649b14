"""Turning board gestures into app commands: where a dropped card lands, and its undo name.

Plain functions over card records: a drop, a keyboard move and the editor all compute a card's new
period the same way, and a move that changes nothing gives no command (so nothing is pushed).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from app.commands import Command, Macro, MoveCard, UpdateEntity
from models.calendar import Bucket, Level, Quarter, normalize_period_start, shift_period
from ui.board.texts import bucket_name, move_name, tr

MOVE_FIELDS = ("level", "period_start", "period_end", "due")


def moved_fields(card: Any, target: Bucket, *, keep_due: bool, anchor: int = 0) -> dict[str, Any]:
    """A card's level, period and due date after dropping it on ``target``.

    A week range keeps its length when it lands on a week (``anchor`` is the week of the range
    that was grabbed, so grabbing W52 of W51-52 and dropping on W53 moves it by one week); any
    other move gives a single-bucket period. The due date moves by the days between the old and
    new period starts unless ``keep_due``.
    """
    start, end = target.start, target.start
    if target.level is Level.WEEK and card.level == Level.WEEK.value:
        start = start - dt.timedelta(weeks=anchor)
        end = start + (card.period_end - card.period_start)
    due = card.due
    if due is not None and not keep_due:
        due = due + (start - card.period_start)
    return {"level": target.level.value, "period_start": start, "period_end": end, "due": due}


def shifted_fields(card: Any, steps: int, *, keep_due: bool) -> dict[str, Any] | str:
    """A week card moved ``steps`` weeks (a month card ``steps`` months), or why it cannot move."""
    level = Level(card.level)
    if level is Level.QUARTER:
        return tr("A quarter card cannot move by weeks; drag it to a month or a week instead")
    start = shift_period(level, card.period_start, steps)
    end = shift_period(level, card.period_end, steps)
    due = card.due
    if due is not None and not keep_due:
        due = due + (start - card.period_start)
    return {"level": level.value, "period_start": start, "period_end": end, "due": due}


def outside_quarter(fields: dict[str, Any], quarter: Quarter) -> str | None:
    """Why a keyboard move would leave the quarter's columns, or None."""
    level = Level(fields["level"])
    keys = {(b.level, b.start) for b in quarter.buckets()}
    for day in (fields["period_start"], fields["period_end"]):
        if (level, day) not in keys:
            label = quarter.bucket_for(level, day)
            name = bucket_name(label)
            return tr("%1 is outside the quarter").replace("%1", name)
    return None


def target_bucket(fields: dict[str, Any], quarter: Quarter) -> Bucket:
    level = Level(fields["level"])
    return quarter.bucket_for(level, normalize_period_start(level, fields["period_start"]))


def changed(card: Any, fields: dict[str, Any]) -> bool:
    return any(getattr(card, key) != value for key, value in fields.items())


def move_command(moves: Sequence[tuple[Any, dict[str, Any]]], target: Bucket) -> Command | None:
    """One undo step for a drop: a MoveCard, a Macro of them, or None when nothing changes."""
    real = [(card, fields) for card, fields in moves if changed(card, fields)]
    if not real:
        return None
    name = move_name(len(real), target)
    # ``before`` from the board's record (current: the board re-reads every card a command
    # touches), so applying the move does not first read the card back from the database.
    commands: list[Command] = [
        MoveCard(card.id, dict(fields), name=name, before={k: getattr(card, k) for k in fields})
        for card, fields in real
    ]
    return commands[0] if len(commands) == 1 else Macro(commands, name=name)


def edit_command(card: Any, fields: dict[str, Any], name: str) -> Command | None:
    """The editor's changes as one step: a period change goes through MoveCard (so a later
    period is recorded as a slip, as a drag would), the rest through UpdateEntity."""
    move = {k: fields[k] for k in MOVE_FIELDS if k in fields}
    other = {k: v for k, v in fields.items() if k not in MOVE_FIELDS}
    other = {k: v for k, v in other.items() if getattr(card, k) != v}
    commands: list[Command] = []
    period_moved = any(getattr(card, k) != move[k] for k in move if k != "due")
    if period_moved:
        full = {k: move.get(k, getattr(card, k)) for k in MOVE_FIELDS}
        commands.append(MoveCard(card.id, full, name=name))
    elif "due" in move and move["due"] != card.due:
        other["due"] = move["due"]
    if other:
        commands.append(UpdateEntity("card", card.id, other, name=name))
    if not commands:
        return None
    return commands[0] if len(commands) == 1 else Macro(commands, name=name)
