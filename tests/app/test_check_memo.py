"""A plan we closed cleanly after its check opens without reading every page again; any change
to the file since (or a WAL left by a crash) brings the check back."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from app import check_memo, sqlite_file
from app.db import BadFileError, open_database
from app.services.plan_service import PlanService

PAGE = 4096


@pytest.fixture
def checks(monkeypatch) -> list[int]:
    """Counts the integrity checks run on open."""
    ran: list[int] = []
    real = sqlite_file._integrity_problem

    def counted(conn, size):
        ran.append(size)
        return real(conn, size)

    monkeypatch.setattr(sqlite_file, "_integrity_problem", counted)
    return ran


def _edit_and_close(path: Path, title: str | None = None) -> None:
    """Open ``path`` as the editing window does (the lock held), change a card, close."""
    db = open_database(f"sqlite:///{path}", exclusive=True)
    if title is not None:
        svc = PlanService(db.engine)
        card = svc.cards(svc.first_plan_id())[0]
        svc.update("card", card.id, title=title)
    db.close()


def _first_title(path: Path) -> str:
    db = open_database(f"sqlite:///{path}", exclusive=True)
    svc = PlanService(db.engine)
    title = svc.cards(svc.first_plan_id())[0].title
    db.close()
    return title


def test_a_plan_closed_cleanly_opens_without_a_second_check(tmp_path, checks) -> None:
    path = tmp_path / "plan.db"
    open_database(f"sqlite:///{path}").close()  # the sample plan, made without the lock
    _edit_and_close(path, title="周会对齐")
    assert len(checks) == 1  # that open checked the file; its close noted it
    assert check_memo.unchanged_since_checked(path)
    assert _first_title(path) == "周会对齐"  # the edit is there, read without a check
    assert len(checks) == 1
    assert check_memo.unchanged_since_checked(path)


def test_a_file_changed_after_the_close_is_checked_and_its_damage_found(tmp_path, checks) -> None:
    path = tmp_path / "plan.db"
    _edit_and_close(path)
    _edit_and_close(path, title="周会对齐")
    data = bytearray(path.read_bytes())
    middle = len(data) // PAGE // 2
    data[middle * PAGE : (middle + 1) * PAGE] = b"\xa5" * PAGE
    path.write_bytes(data)
    assert not check_memo.unchanged_since_checked(path)
    with pytest.raises(BadFileError, match="damaged"):
        open_database(f"sqlite:///{path}", exclusive=True)


def test_a_touched_file_and_a_left_over_wal_are_checked_again(tmp_path, checks) -> None:
    path = tmp_path / "plan.db"
    _edit_and_close(path)
    _edit_and_close(path)
    runs = len(checks)
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))  # same bytes, new time
    _first_title(path)
    assert len(checks) == runs + 1
    Path(f"{path}-wal").write_bytes(b"\0" * 32)  # as a crash leaves it (SQLite ignores junk)
    assert not check_memo.unchanged_since_checked(path)


def test_read_only_opens_and_unlocked_opens_note_nothing(tmp_path, checks) -> None:
    path = tmp_path / "plan.db"
    open_database(f"sqlite:///{path}").close()  # created without the editing lock
    assert not check_memo.unchanged_since_checked(path)
    open_database(f"sqlite:///{path}", read_only=True).close()
    assert not check_memo.unchanged_since_checked(path)
    assert len(checks) == 1  # the read-only open checked it; the create had nothing to check


def test_an_unreadable_memo_means_the_checks_run(tmp_path, checks) -> None:
    path = tmp_path / "plan.db"
    _edit_and_close(path)
    _edit_and_close(path)
    memo = check_memo._memo_file()
    memo.write_text("{ not json", encoding="utf-8")
    assert not check_memo.unchanged_since_checked(path)
    runs = len(checks)
    _edit_and_close(path)
    assert len(checks) == runs + 1
    assert check_memo.unchanged_since_checked(path)  # rewritten whole at that close
