"""A plan another window edits, a file that cannot be written, a disk that is full: the edit
in flight is refused whole, with a clear error, and everything saved before stays intact."""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.exc import OperationalError

from app.commands import CreateEntity, Macro, MoveCard
from app.db import (
    PlanInUseError,
    ReadOnlyFileError,
    open_database,
)
from app.instance_lock import acquire, lock_path
from app.services.plan_service import PlanService
from tests.app.safety_helpers import dump, dump_file, integrity, read_only_view, tmpfs

D = dt.date


@pytest.fixture
def plan_file(tmp_path) -> Path:
    path = tmp_path / "plan.db"
    open_database(f"sqlite:///{path}").close()
    return path


def _url(path: Path) -> str:
    return f"sqlite:///{path}"


def _week_card(svc: PlanService, plan_id: int, title: str, criteria: str = "") -> CreateEntity:
    start = D(2025, 12, 8)
    return CreateEntity(
        "card",
        {
            "plan_id": plan_id,
            "level": "week",
            "period_start": start,
            "period_end": start,
            "title": title,
            "done_criteria": criteria,
        },
    )


# ----- a second window ---------------------------------------------------------------------------
def test_a_second_editor_is_refused_and_the_first_keeps_working(plan_file) -> None:
    first = open_database(_url(plan_file), exclusive=True)
    with pytest.raises(PlanInUseError) as err:
        open_database(_url(plan_file), exclusive=True)
    assert str(err.value) == f"{plan_file}: another OKR Planner window has this plan open"
    svc = PlanService(first.engine)
    plan_id = svc.first_plan_id()
    svc.update("plan", plan_id, name="still mine")
    assert svc.get("plan", plan_id).name == "still mine"
    first.close()
    again = open_database(_url(plan_file), exclusive=True)  # closing let the next one in
    again.close()
    assert not lock_path(plan_file).exists()


def test_a_second_window_opens_read_only_and_sees_what_the_first_saves(plan_file) -> None:
    first = open_database(_url(plan_file), exclusive=True)
    second = open_database(_url(plan_file), read_only=True)
    assert second.read_only and second.lock is None
    writer, reader = PlanService(first.engine), PlanService(second.engine)
    plan_id = writer.first_plan_id()
    with pytest.raises(OperationalError, match="readonly"):
        reader.update("plan", plan_id, name="from the second window")
    writer.update("plan", plan_id, name="from the first window")
    assert reader.get("plan", plan_id).name == "from the first window"
    second.close()
    first.close()


_HOLD_LOCK = """
import sys, time
from pathlib import Path
from app.instance_lock import acquire
lock = acquire(Path(sys.argv[1]))
print("locked" if lock else "busy", flush=True)
sys.stdin.read()
"""


def test_the_lock_of_a_killed_window_is_not_stale(plan_file) -> None:
    child = subprocess.Popen(
        [sys.executable, "-c", _HOLD_LOCK, str(plan_file)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        cwd=Path(__file__).resolve().parents[2],
    )
    try:
        assert child.stdout is not None and child.stdout.readline().strip() == "locked"
        assert acquire(plan_file) is None
        with pytest.raises(PlanInUseError):
            open_database(_url(plan_file), exclusive=True)
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=30)
    finally:
        if child.poll() is None:
            child.kill()
    assert lock_path(plan_file).exists()  # the file stays behind after a kill...
    lock = acquire(plan_file)  # ...but the OS dropped the lock with the process
    assert lock is not None
    lock.release()


# ----- a file that cannot be written -------------------------------------------------------------
def test_read_only_opening_never_switches_the_file_to_wal(plan_file) -> None:
    conn = sqlite3.connect(plan_file)
    conn.execute("PRAGMA journal_mode=DELETE")
    conn.close()
    before = plan_file.read_bytes()
    db = open_database(_url(plan_file), read_only=True)
    svc = PlanService(db.engine)
    assert len(svc.cards(svc.first_plan_id())) == 13
    with db.engine.connect() as c:
        assert c.exec_driver_sql("PRAGMA journal_mode").scalar() == "delete"
    db.close()
    assert plan_file.read_bytes() == before


def test_an_edit_on_a_read_only_plan_fails_whole_and_changes_nothing(plan_file) -> None:
    db = open_database(_url(plan_file), read_only=True)
    svc = PlanService(db.engine)
    card = next(c for c in svc.cards(svc.first_plan_id()) if c.level == "week")
    before = dump(db.engine)
    move = MoveCard(card.id, {**svc.shift_card(card.id, 1)})
    with pytest.raises(OperationalError, match="attempt to write a readonly database"):
        move.apply(svc)
    assert dump(db.engine) == before
    db.close()


def test_a_read_only_mount_is_refused_for_editing_and_opens_read_only(plan_file, tmp_path) -> None:
    with read_only_view(plan_file.parent, tmp_path / "ro") as view:
        if view is None:
            pytest.skip("bind mounts need root; the SQLite read-only tests cover the rest")
        seen = view / plan_file.name
        before = plan_file.read_bytes()
        with pytest.raises(ReadOnlyFileError) as err:
            open_database(_url(seen))
        assert str(err.value).startswith(f"{seen}: the file cannot be written")
        db = open_database(_url(seen), read_only=True)
        svc = PlanService(db.engine)
        plan_id = svc.first_plan_id()
        with pytest.raises(OperationalError, match="readonly"):
            svc.update("plan", plan_id, name="nope")
        assert svc.get("plan", plan_id).name.startswith("Q4")
        db.close()
        assert plan_file.read_bytes() == before


def _as_nobody(fn, *args) -> dict:
    """Run ``fn(*args)`` as an unprivileged user (a forked child when we are root)."""
    if os.geteuid() != 0:
        return fn(*args)
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - runs in the child
        os.close(read_end)
        try:
            os.setgid(65534)
            os.setuid(65534)
            result = fn(*args)
        except BaseException as exc:
            result = {"error": f"{type(exc).__name__}: {exc}"}
        os.write(write_end, json.dumps(result).encode())
        os._exit(0)
    os.close(write_end)
    with os.fdopen(read_end) as fh:
        data = fh.read()
    os.waitpid(pid, 0)
    return json.loads(data)


def _try_write_protected(path: str) -> dict:
    out: dict = {}
    try:
        open_database(f"sqlite:///{path}")
    except ReadOnlyFileError as exc:
        out["refused"] = str(exc)
    db = open_database(f"sqlite:///{path}", read_only=True)
    svc = PlanService(db.engine)
    out["name"] = svc.get("plan", svc.first_plan_id()).name
    db.close()
    raw = sqlite3.connect(path)
    try:
        raw.execute("UPDATE plan SET name = 'x'")
        raw.commit()
        out["raw"] = "written"
    except sqlite3.Error as exc:
        out["raw"] = str(exc)
    raw.close()
    return out


def test_a_write_protected_file_is_refused_for_editing(plan_file) -> None:
    """chmod 0444 stops writes only for ordinary users; as root, the check runs as nobody."""
    folder = Path(tempfile.mkdtemp(prefix="okr-ro-"))
    try:
        folder.chmod(0o777)
        path = folder / "plan.db"
        shutil.copy(plan_file, path)
        path.chmod(0o444)
        out = _as_nobody(_try_write_protected, str(path))
        assert "error" not in out, out
        assert out["refused"].startswith(f"{path}: the file cannot be written")
        assert out["name"].startswith("Q4")
        assert "readonly" in out["raw"] or "unable to open" in out["raw"]
        assert integrity(path) == "ok"
    finally:
        shutil.rmtree(folder, ignore_errors=True)


# ----- a full disk -------------------------------------------------------------------------------
def test_a_full_database_refuses_the_edit_whole(plan_file) -> None:
    """SQLITE_FULL made with max_page_count: the same error a full disk gives."""
    db = open_database(_url(plan_file))
    with db.engine.connect() as conn:
        pages = conn.exec_driver_sql("PRAGMA page_count").scalar()

    @event.listens_for(db.engine, "connect")
    def _limit(dbapi_conn, _record) -> None:
        dbapi_conn.execute(f"PRAGMA max_page_count={pages}")

    db.engine.dispose()  # the next connection gets the limit
    svc = PlanService(db.engine)
    plan_id = svc.first_plan_id()
    before = dump(db.engine)
    batch = Macro([_week_card(svc, plan_id, f"card {i}", "x" * 2000) for i in range(30)])
    with pytest.raises(OperationalError, match="database or disk is full"):
        batch.apply(svc)
    assert dump(db.engine) == before
    svc.update("plan", plan_id, name="small edits still fit")  # a failed edit leaves no damage
    db.close()
    assert integrity(plan_file) == "ok"
    assert dump_file(plan_file)["plan"][0][1] == "small edits still fit"


def test_a_full_disk_loses_only_the_edit_in_flight(plan_file, tmp_path) -> None:
    with tmpfs(tmp_path / "disk", "640k") as disk:
        if disk is None:
            pytest.skip("mounting a tmpfs needs root; the max_page_count test covers SQLITE_FULL")
        path = disk / "plan.db"
        shutil.copy(plan_file, path)
        db = open_database(_url(path))
        svc = PlanService(db.engine)
        plan_id = svc.first_plan_id()
        saved = []
        with pytest.raises(OperationalError) as err:
            for i in range(2000):
                _week_card(svc, plan_id, f"filler {i}", "填满磁盘" * 400).apply(svc)
                saved.append(f"filler {i}")
        assert "full" in str(err.value.orig) or "disk" in str(err.value.orig)
        titles = [c.title for c in sorted(svc.cards(plan_id), key=lambda c: c.id)]
        assert titles[13:] == saved  # every acknowledged edit, nothing of the failed one
        db.engine.dispose()
        assert integrity(path) == "ok"
        reopened = open_database(_url(path), read_only=True)
        cards = PlanService(reopened.engine).cards(plan_id)
        assert [c.title for c in sorted(cards, key=lambda c: c.id)][13:] == saved
        reopened.close()
        assert len(saved) > 10


def test_cli_reports_a_storage_error_in_one_line(plan_file, capsys, monkeypatch) -> None:
    from app import cli_backup
    from app.cli import main

    def fail(_args):
        raise sa.exc.OperationalError("UPDATE", {}, sqlite3.OperationalError("disk is full"))

    monkeypatch.setattr(cli_backup, "cmd_backup", fail)
    assert main(["backup", "--db", str(plan_file)]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert err == ["okr-planner: the plan database could not be used: disk is full"]
