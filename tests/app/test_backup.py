"""Backups: consistent verified copies in backups/, rotation, skipping when unchanged, restore."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import pytest

from app import backup as bk
from app.backup import (
    BackupError,
    backup_folder,
    backup_on_close,
    backup_on_open,
    card_count,
    list_backups,
    make_backup,
    newest_good_backup,
    restore_backup,
    rotate_backups,
)
from app.cli import main
from app.db import open_database
from app.instance_lock import acquire
from app.migrations.head import HEAD_REVISION
from app.services.plan_service import PlanService
from tests.app.safety_helpers import dump, dump_file, integrity

T0 = dt.datetime(2025, 12, 3, 9, 0, 0)


@pytest.fixture
def plan_file(tmp_path) -> Path:
    path = tmp_path / "plan.db"
    open_database(f"sqlite:///{path}").close()
    return path


def _rename(svc_path: Path, name: str) -> None:
    db = open_database(f"sqlite:///{svc_path}")
    svc = PlanService(db.engine)
    svc.update("plan", svc.first_plan_id(), name=name)
    db.close()


def test_a_backup_is_a_verified_self_contained_copy_in_backups(plan_file) -> None:
    made = make_backup(plan_file, now=T0)
    assert made is not None
    assert made.path == backup_folder(plan_file) / "plan-20251203-090000-manual.db"
    assert made.path.parent == plan_file.parent / "backups"
    assert (made.created, made.label, made.size) == (T0, "manual", made.path.stat().st_size)
    assert integrity(made.path) == "ok"
    conn = sqlite3.connect(made.path)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"  # one file, no WAL
    conn.close()
    assert dump_file(made.path) == dump_file(plan_file)
    assert card_count(made.path) == 13
    assert not list(backup_folder(plan_file).glob(".okr-backup-*")), "no temporary left"


def test_a_backup_of_a_live_plan_holds_only_committed_edits(plan_file) -> None:
    """The online backup API copies a consistent snapshot while another connection writes."""
    db = open_database(f"sqlite:///{plan_file}")
    with db.engine.connect() as conn:
        conn.exec_driver_sql("UPDATE plan SET name = 'uncommitted'")  # inside a transaction
        made = make_backup(plan_file, now=T0)
        conn.commit()
    assert made is not None and dump_file(made.path)["plan"][0][1].startswith("Q4")
    later = make_backup(plan_file, now=T0 + dt.timedelta(minutes=1))
    assert later is not None and dump_file(later.path)["plan"][0][1] == "uncommitted"
    db.close()


def test_nothing_changed_means_no_new_backup(plan_file) -> None:
    assert make_backup(plan_file, now=T0) is not None
    assert make_backup(plan_file, now=T0 + dt.timedelta(minutes=5)) is None
    _rename(plan_file, "changed")
    assert make_backup(plan_file, now=T0 + dt.timedelta(minutes=6)) is not None
    assert make_backup(plan_file, skip_unchanged=False, now=T0 + dt.timedelta(minutes=7))
    assert len(list_backups(plan_file)) == 3


def test_on_open_at_most_once_an_hour_and_on_close_only_when_changed(plan_file) -> None:
    assert backup_on_open(plan_file, now=T0) is not None
    _rename(plan_file, "edited")
    assert backup_on_open(plan_file, now=T0 + dt.timedelta(minutes=59)) is None
    assert backup_on_close(plan_file, now=T0 + dt.timedelta(minutes=59)) is not None
    assert backup_on_close(plan_file, now=T0 + dt.timedelta(minutes=60)) is None
    _rename(plan_file, "edited again")
    assert backup_on_open(plan_file, now=T0 + dt.timedelta(minutes=121)) is not None
    labels = [b.label for b in list_backups(plan_file)]
    assert labels == ["open", "close", "open"]


def _fake_backups(plan_file: Path, times: list[dt.datetime], label: str = "close") -> None:
    folder = backup_folder(plan_file)
    folder.mkdir(exist_ok=True)
    source = make_backup(plan_file, skip_unchanged=False, rotate=False, now=T0)
    assert source is not None
    for when in times:
        target = folder / f"plan-{when:%Y%m%d-%H%M%S}-{label}.db"
        target.write_bytes(source.path.read_bytes())
    source.path.unlink()


def test_rotation_keeps_the_last_ten_and_one_a_day_for_fourteen_days(plan_file) -> None:
    now = dt.datetime(2025, 12, 31, 18, 0)
    # Three backups a day for thirty days, at 09:00, 12:00 and 17:00.
    times = [
        dt.datetime(2025, 12, 31, hour) - dt.timedelta(days=d)
        for d in range(30)
        for hour in (9, 12, 17)
    ]
    _fake_backups(plan_file, times)
    _fake_backups(plan_file, [dt.datetime(2025, 10, 1, 8)], label="before-upgrade-from-0001_x")
    removed = rotate_backups(plan_file, now=now)
    kept = {b.created for b in list_backups(plan_file)}
    newest_ten = set(sorted(times, reverse=True)[:10])
    daily = {dt.datetime(2025, 12, 31, 17) - dt.timedelta(days=d) for d in range(14)}
    assert kept == newest_ten | daily | {dt.datetime(2025, 10, 1, 8)}
    assert len(removed) == len(times) - len(newest_ten | daily)


def test_a_backup_that_fails_verification_rotates_nothing_out(plan_file, monkeypatch) -> None:
    times = [T0 - dt.timedelta(hours=h) for h in range(12)]
    _fake_backups(plan_file, times)
    before = {b.path for b in list_backups(plan_file)}

    def broken(source: Path, target: Path, same_as: Path | None = None) -> bool:
        target.write_bytes(b"half a copy")
        raise BackupError(f"{source}: the backup failed its integrity check (fake)")

    monkeypatch.setattr(bk, "_copy_verified", broken)
    with pytest.raises(BackupError, match="integrity check"):
        make_backup(plan_file, now=T0)
    assert {b.path for b in list_backups(plan_file)} == before
    assert not list(backup_folder(plan_file).glob(".okr-backup-*"))


def test_stale_temporaries_of_a_killed_backup_are_cleaned_and_never_listed(plan_file) -> None:
    folder = backup_folder(plan_file)
    folder.mkdir()
    stale = folder / ".okr-backup-plan-1234-deadbeef.tmp"
    stale.write_bytes(b"SQLite format 3\x00 cut short")
    assert list_backups(plan_file) == []
    old = dt.datetime.now().timestamp() - 7200
    import os

    os.utime(stale, (old, old))
    make_backup(plan_file)
    assert not stale.exists()


def test_restore_puts_the_backup_back_and_keeps_the_plan_as_it_was(plan_file) -> None:
    made = make_backup(plan_file, now=T0)
    assert made is not None
    db = open_database(f"sqlite:///{plan_file}")  # a window with the plan open
    svc = PlanService(db.engine)
    plan_id = svc.first_plan_id()
    svc.update("plan", plan_id, name="edited after the backup")
    for card in svc.cards(plan_id)[:3]:
        svc.delete("card", card.id)
    edited = dump(db.engine)
    result = restore_backup(made.path, plan_file, now=T0 + dt.timedelta(hours=1))
    assert result.moved_aside is None and result.safety_backup is not None
    assert result.safety_backup.label == "before-restore"
    assert dump_file(result.safety_backup.path) == edited
    assert svc.get("plan", plan_id).name.startswith("Q4")  # the open window sees the restore
    assert len(svc.cards(plan_id)) == 13
    assert dump(db.engine) == dump_file(made.path)
    db.close()
    assert integrity(plan_file) == "ok"


def test_restore_over_a_damaged_plan_moves_it_aside_untouched(plan_file) -> None:
    made = make_backup(plan_file, now=T0)
    assert made is not None
    damaged = bytearray(plan_file.read_bytes())
    damaged[:100] = bytes(100)
    plan_file.write_bytes(damaged)
    good = newest_good_backup(plan_file)
    assert good is not None and good.path == made.path
    result = restore_backup(made.path, plan_file, now=T0 + dt.timedelta(hours=1))
    assert result.safety_backup is None and result.moved_aside is not None
    assert result.moved_aside.read_bytes() == damaged
    assert "damaged" in result.moved_aside.name
    assert made.path in {b.path for b in list_backups(plan_file)}
    assert result.moved_aside not in {b.path for b in list_backups(plan_file)}
    db = open_database(f"sqlite:///{plan_file}")
    assert len(PlanService(db.engine).cards(1)) == 13
    db.close()


def test_restore_refuses_a_damaged_backup_and_leaves_the_plan_alone(plan_file, tmp_path) -> None:
    bad = tmp_path / "bad.db"
    bad.write_text("not a backup")
    before = plan_file.read_bytes()
    with pytest.raises(BackupError, match=r"bad\.db: cannot be restored \(it is a text file"):
        restore_backup(bad, plan_file)
    assert plan_file.read_bytes() == before
    assert list_backups(plan_file) == []


def test_newest_good_backup_skips_damaged_and_newer_ones(plan_file) -> None:
    older = make_backup(plan_file, now=T0)
    _rename(plan_file, "middle")
    middle = make_backup(plan_file, now=T0 + dt.timedelta(hours=1))
    _rename(plan_file, "newest")
    newest = make_backup(plan_file, now=T0 + dt.timedelta(hours=2))
    assert older and middle and newest
    data = bytearray(newest.path.read_bytes())
    data[4096 * 3 : 4096 * 4] = b"\xff" * 4096
    newest.path.write_bytes(data)
    conn = sqlite3.connect(middle.path)
    conn.execute("UPDATE alembic_version SET version_num = '9999_future'")
    conn.commit()
    conn.close()
    assert newest_good_backup(plan_file) == older


# ----- the command line --------------------------------------------------------------------------
def test_cli_backup_list_and_restore(plan_file, capsys) -> None:
    assert main(["backup", "--db", str(plan_file)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Backup written to ") and "(13 cards)" in out
    assert main(["backup", "--db", str(plan_file)]) == 0
    assert capsys.readouterr().out.startswith("Nothing changed since the newest backup")
    name = list_backups(plan_file)[0].path.name
    _rename(plan_file, "to be undone")
    assert main(["backup", "--db", str(plan_file), "--list"]) == 0
    listing = capsys.readouterr().out.splitlines()
    assert len(listing) == 1 and "13 cards" in listing[0] and "manual" in listing[0]
    assert main(["restore", name, "--db", str(plan_file)]) == 0
    out = capsys.readouterr().out
    assert f"Restored {plan_file} from {name}" in out and "before-restore" in out
    assert dump_file(plan_file)["plan"][0][1].startswith("Q4")


def test_cli_restore_refuses_while_a_window_has_the_plan(plan_file, capsys) -> None:
    made = make_backup(plan_file)
    assert made is not None
    lock = acquire(plan_file)
    assert lock is not None
    before = plan_file.read_bytes()
    assert main(["restore", str(made.path), "--db", str(plan_file)]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "another OKR Planner window has this plan open" in err[0]
    assert plan_file.read_bytes() == before
    lock.release()


def test_cli_restore_of_a_missing_backup_is_one_line(plan_file, capsys) -> None:
    assert main(["restore", "nope.db", "--db", str(plan_file)]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "no such backup file" in err[0]


# ----- upgrades ----------------------------------------------------------------------------------
def test_an_upgrade_is_preceded_by_a_backup_named_for_the_old_revision(
    plan_file, monkeypatch
) -> None:
    import app.db as db_module

    calls: list[str] = []

    def fake_upgrade(engine) -> None:
        calls.append("upgrade")
        names = [b.path.name for b in list_backups(plan_file)]
        assert any(f"before-upgrade-from-{HEAD_REVISION}" in n for n in names), names

    monkeypatch.setattr(db_module, "HEAD_REVISION", "9999_future_head")
    monkeypatch.setattr(db_module, "_known_revision", lambda rev: True)
    monkeypatch.setattr(db_module, "upgrade_to_head", fake_upgrade)
    open_database(f"sqlite:///{plan_file}").close()
    assert calls == ["upgrade"]
    (kept,) = list_backups(plan_file)
    assert kept.kept and dump_file(kept.path) == dump_file(plan_file)
