"""Kill -9 at random moments: the plan always passes integrity_check and holds exactly a prefix
of the edits, each one whole, including every edit the killed process saw committed."""

from __future__ import annotations

import datetime as dt
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import sqlalchemy as sa

from app.backup import list_backups
from app.db import current_revision, make_engine, open_database, upgrade_to_head
from app.migrations.head import HEAD_REVISION
from app.services.plan_service import PlanService
from tests.app.crash_worker import PARTS, QUARTER_START, TRACKER_TITLE, edit_number, week_of
from tests.app.safety_helpers import integrity

ROOT = Path(__file__).resolve().parents[2]
KILLS = 24


def _start(mode: str, path: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "tests.app.crash_worker", mode, str(path)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=ROOT,
        env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"},
    )


def _kill_after(child: subprocess.Popen[str], lines: int, delay: float) -> list[str]:
    """Read ``lines`` lines (after "ready"), wait ``delay`` seconds, SIGKILL; the lines read."""
    assert child.stdout is not None
    seen: list[str] = []
    try:
        if child.stdout.readline().strip() != "ready":
            pytest.fail(f"worker did not start: {child.stderr.read() if child.stderr else ''}")
        while len(seen) < lines:
            line = child.stdout.readline()
            if not line:
                pytest.fail(f"worker died: {child.stderr.read() if child.stderr else ''}")
            seen.append(line.strip())
        time.sleep(delay)  # a random point inside (or between) the next transactions
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=30)
        for stream in (child.stdout, child.stderr):
            if stream is not None:
                stream.close()
    return seen


def _expected_slips(last: int) -> int:
    """A move to a later week records a slip; the tracker starts in the quarter's first week."""
    slips, where = 0, QUARTER_START
    for i in range(last + 1):
        if week_of(i) > where:
            slips += 1
        where = week_of(i)
    return slips


def _check_prefix(path: Path) -> int:
    """The plan holds edits 0..k, each whole; returns k (-1 for none)."""
    assert integrity(path) == "ok"
    db = open_database(f"sqlite:///{path}")  # recovers the WAL; its own checks pass too
    svc = PlanService(db.engine)
    plan_id = svc.first_plan_id()
    last = edit_number(svc.get("plan", plan_id).name)
    cards = svc.cards(plan_id)
    parts = sorted(c.title for c in cards if c.title.startswith("edit "))
    expected = sorted(f"edit {i} part {j}" for i in range(last + 1) for j in range(PARTS))
    assert parts == expected, f"edit {last}: cards of torn or missing edits"
    trackers = [c for c in cards if c.title == TRACKER_TITLE]
    if trackers:
        (tracker,) = trackers
        week = week_of(last) if last >= 0 else QUARTER_START
        assert (tracker.period_start, tracker.due) == (week, week + dt.timedelta(days=4))
        slips = svc.list("slip", card_id=tracker.id)
        assert len(slips) == _expected_slips(last)
    db.close()
    return last


def test_random_kills_leave_a_prefix_of_whole_edits(tmp_path) -> None:
    path = tmp_path / "plan.db"
    open_database(f"sqlite:///{path}").close()
    rnd = random.Random(20251203)
    last = -1
    for kill in range(KILLS):
        child = _start("edits", path)
        acked = _kill_after(child, rnd.randint(0, 6), rnd.uniform(0, 0.004))
        now = _check_prefix(path)
        numbers = [int(n) for n in acked]
        assert numbers == list(range(last + 1, last + 1 + len(numbers))), kill
        committed = numbers[-1] if numbers else last
        # Everything acknowledged survived; at most the edit in flight went through unseen.
        assert committed <= now <= committed + 1, (kill, committed, now)
        last = now
    assert last >= KILLS  # the edits really advanced across the kills


def test_kills_during_backups_never_leave_a_bad_backup(tmp_path) -> None:
    path = tmp_path / "plan.db"
    open_database(f"sqlite:///{path}").close()
    rnd = random.Random(7)
    for _ in range(5):
        _kill_after(_start("backups", path), rnd.randint(0, 3), rnd.uniform(0, 0.01))
        for backup in list_backups(path):
            assert integrity(backup.path) == "ok", backup.path.name
            engine = make_engine(f"sqlite:///{backup.path}")
            assert current_revision(engine) == HEAD_REVISION
            engine.dispose()
    assert len(list_backups(path)) <= 10 + 14  # rotation ran between the kills


def test_a_kill_in_the_middle_of_an_upgrade_leaves_the_old_schema(tmp_path) -> None:
    path = tmp_path / "plan.db"
    _kill_after(_start("migrate", path), 5, 0.05)  # five tables created, then killed
    assert integrity(path) == "ok"
    engine = make_engine(f"sqlite:///{path}")
    assert sa.inspect(engine).get_table_names() == []  # the empty file it started as
    engine.dispose()
    db = open_database(f"sqlite:///{path}")  # and the next open simply starts over
    assert db.created and current_revision(db.engine) == HEAD_REVISION
    db.close()


def test_a_first_run_killed_before_the_sample_plan_gets_it_on_the_next_open(tmp_path) -> None:
    path = tmp_path / "plan.db"
    engine = make_engine(f"sqlite:///{path}")
    upgrade_to_head(engine)  # the schema committed; the kill came before the sample plan's
    engine.dispose()
    db = open_database(f"sqlite:///{path}")
    svc = PlanService(db.engine)
    assert db.created and len(svc.cards(svc.first_plan_id())) == 13
    db.close()
    again = open_database(f"sqlite:///{path}")
    assert not again.created and len(PlanService(again.engine).plans()) == 1
    again.close()
