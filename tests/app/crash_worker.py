"""A process for the kill tests: it writes to a plan until it is killed with SIGKILL.

``python -m tests.app.crash_worker edits PLAN``  applies numbered edits through the commands
    and the service, each one transaction, printing the number of each edit once committed.
``python -m tests.app.crash_worker backups PLAN`` makes backups in a loop, printing each.
``python -m tests.app.crash_worker migrate PLAN`` upgrades an empty file to head, pausing
    after each table so the parent can kill it half way.

Edit ``i`` is a Macro: three new week cards titled ``edit i part j``, a move of the tracker card
to week ``i % 13`` of the quarter with its due date (a later week records a slip), and the plan
renamed ``edit i``. A whole edit is visible by all of its parts; a torn one would show as a
missing part, a move without its due date or slip, or a name out of step with the cards.
"""

from __future__ import annotations

import datetime as dt
import sys
import time
from pathlib import Path

PARTS = 3
QUARTER_START = dt.date(2025, 9, 29)  # the Monday of the sample quarter's first ISO week
TRACKER_TITLE = "crash tracker"


def week_of(i: int) -> dt.date:
    return QUARTER_START + dt.timedelta(weeks=i % 13)


def edit_number(name: str) -> int:
    """The last whole edit a plan holds, from its name; -1 before the first."""
    return int(name.split()[1]) if name.startswith("edit ") else -1


def _edits(path: Path) -> None:
    from app.commands import CreateEntity, Macro, MoveCard, UpdateEntity
    from app.db import open_database
    from app.services.plan_service import PlanService

    db = open_database(f"sqlite:///{path}")
    svc = PlanService(db.engine)
    plan_id = svc.first_plan_id()
    tracker = next((c for c in svc.cards(plan_id) if c.title == TRACKER_TITLE), None)
    if tracker is None:
        fields = _card(plan_id, TRACKER_TITLE, QUARTER_START)
        tracker = svc.create("card", **fields)
    i = edit_number(svc.get("plan", plan_id).name) + 1
    print("ready", flush=True)
    while True:
        monday = week_of(i)
        children = [
            CreateEntity("card", _card(plan_id, f"edit {i} part {j}", monday)) for j in range(PARTS)
        ]
        after = {"level": "week", "period_start": monday, "period_end": monday}
        after["due"] = monday + dt.timedelta(days=4)
        children.append(MoveCard(tracker.id, after))
        children.append(UpdateEntity("plan", plan_id, {"name": f"edit {i}"}))
        Macro(children, name=f"edit {i}").apply(svc)
        print(i, flush=True)
        i += 1


def _card(plan_id: int, title: str, monday: dt.date) -> dict:
    return {
        "plan_id": plan_id,
        "level": "week",
        "period_start": monday,
        "period_end": monday,
        "due": monday + dt.timedelta(days=4),
        "title": title,
        "done_criteria": "完成标准 " * 40,  # a few hundred bytes: edits span several pages
    }


def _backups(path: Path) -> None:
    from app.backup import make_backup

    n = 0
    print("ready", flush=True)
    while True:
        made = make_backup(path, label=f"loop{n}", skip_unchanged=False)
        print(made.path.name if made else "skipped", flush=True)
        n += 1


def _migrate(path: Path) -> None:
    from alembic.operations import Operations

    from app.db import make_engine, upgrade_to_head

    original = Operations.create_table
    count = 0

    def slow_create_table(self, *args, **kwargs):
        nonlocal count
        result = original(self, *args, **kwargs)
        count += 1
        print(f"table {count}", flush=True)
        time.sleep(0.2)  # room for the parent's kill between two statements
        return result

    Operations.create_table = slow_create_table
    print("ready", flush=True)
    upgrade_to_head(make_engine(f"sqlite:///{path}"))
    print("upgraded", flush=True)


if __name__ == "__main__":
    mode, target = sys.argv[1], Path(sys.argv[2])
    {"edits": _edits, "backups": _backups, "migrate": _migrate}[mode](target)
