"""Files that are not good plans: each is refused with one message naming the file and the
problem, and comes out of the attempt byte for byte as it went in."""

from __future__ import annotations

import os
import random
import sqlite3
from pathlib import Path

import pytest

from app.cli import main
from app.db import BadFileError, NewerSchemaError, open_database
from app.migrations.head import HEAD_REVISION
from app.sqlite_file import check_plan_file
from tests.helpers import run_gui_cli

PAGE = 4096


@pytest.fixture
def plan_file(tmp_path) -> Path:
    """The sample plan, checkpointed into one file (no WAL beside it)."""
    path = tmp_path / "plan.db"
    db = open_database(f"sqlite:///{path}")
    db.close()
    assert not Path(f"{path}-wal").exists()
    return path


def _refused(path: Path, exc_type: type = BadFileError) -> str:
    """Open ``path``; it must be refused, unchanged, with a message naming it. The message."""
    before = path.read_bytes()
    stat = path.stat()
    with pytest.raises(exc_type) as err:
        open_database(f"sqlite:///{path}")
    assert path.read_bytes() == before
    assert path.stat().st_mtime_ns == stat.st_mtime_ns
    message = str(err.value)
    assert message.startswith(f"{path}: ")
    assert "\n" not in message
    assert err.value.path == path
    return message


def test_random_bytes_are_not_an_sqlite_file(tmp_path) -> None:
    path = tmp_path / "random.db"
    path.write_bytes(random.Random(1).randbytes(8 * PAGE))
    assert "not an SQLite database file" in _refused(path)


def test_a_zeroed_header_is_reported_as_damage(plan_file) -> None:
    data = bytearray(plan_file.read_bytes())
    data[:100] = bytes(100)
    plan_file.write_bytes(data)
    assert "header is zeroed" in _refused(plan_file)


def test_a_text_file_is_reported_as_text(tmp_path) -> None:
    path = tmp_path / "notes.db"
    path.write_text("# 作战看板\n| 层级 | 行动事项 |\n" * 200, encoding="utf-8")
    assert "text file" in _refused(path)


def _used_pages(path: Path) -> list[int]:
    conn = sqlite3.connect(path)
    count, free = (
        conn.execute(f"PRAGMA {p}").fetchone()[0] for p in ("page_count", "freelist_count")
    )
    conn.close()
    assert free == 0, "every page of the sample plan is in use"
    return list(range(2, count + 1))


@pytest.mark.parametrize("check", ["integrity_check", "quick_check"])
def test_a_garbage_page_anywhere_in_the_plan_is_found(
    plan_file, tmp_path, monkeypatch, check: str
) -> None:
    """The check on open catches a bad page wherever it is, not only where a read looks; so
    does the quicker check that big plans get."""
    if check == "quick_check":
        from app import sqlite_file

        monkeypatch.setattr(sqlite_file, "FULL_CHECK_LIMIT", 0)  # the sample counts as big
    pristine = plan_file.read_bytes()
    rnd = random.Random(7)
    for page in _used_pages(plan_file):
        data = bytearray(pristine)
        data[(page - 1) * PAGE : page * PAGE] = rnd.randbytes(PAGE)
        plan_file.write_bytes(data)
        message = _refused(plan_file)
        assert "damaged" in message, (page, message)


def test_a_garbage_page_in_the_middle_names_the_integrity_problem(plan_file) -> None:
    data = bytearray(plan_file.read_bytes())
    middle = len(data) // PAGE // 2
    data[middle * PAGE : (middle + 1) * PAGE] = b"\xa5" * PAGE
    plan_file.write_bytes(data)
    assert "the file is damaged" in _refused(plan_file)


@pytest.mark.parametrize("keep", [0.5, 0.9, 100 / (32 * PAGE)])
def test_a_truncated_plan_is_reported_as_truncated(plan_file, keep: float) -> None:
    data = plan_file.read_bytes()
    plan_file.write_bytes(data[: max(100, int(len(data) * keep) // PAGE * PAGE)])
    assert "truncated" in _refused(plan_file)


def test_a_plan_cut_mid_page_is_reported_as_truncated(plan_file) -> None:
    data = plan_file.read_bytes()
    plan_file.write_bytes(data[: len(data) - 1000])
    assert "not a whole number of pages" in _refused(plan_file)


def test_a_newer_schema_is_refused_unchanged(plan_file) -> None:
    conn = sqlite3.connect(plan_file)
    conn.execute("UPDATE alembic_version SET version_num = '9999_future'")
    conn.commit()
    conn.close()
    message = _refused(plan_file, NewerSchemaError)
    assert "newer OKR Planner" in message and "9999_future" in message


def test_a_plan_with_a_wal_from_a_crash_still_opens(plan_file, tmp_path) -> None:
    """A WAL left by a kill is part of the plan, not damage: header checks defer to SQLite."""
    db = open_database(f"sqlite:///{plan_file}")
    with db.engine.begin() as conn:
        conn.exec_driver_sql("UPDATE plan SET name = 'after the crash'")
    copy = tmp_path / "copy"
    copy.mkdir()
    for suffix in ("", "-wal"):  # what a kill leaves: the file and its uncheckpointed WAL
        (copy / f"plan.db{suffix}").write_bytes(Path(f"{plan_file}{suffix}").read_bytes())
    db.close()
    again = open_database(f"sqlite:///{copy / 'plan.db'}")
    with again.engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT name FROM plan").scalar() == "after the crash"
    again.close()


def test_check_plan_file_reads_only(plan_file) -> None:
    assert check_plan_file(plan_file) == HEAD_REVISION
    assert not Path(f"{plan_file}-wal").exists() or Path(f"{plan_file}-wal").stat().st_size == 0


# ----- the command line: one line, exit 1 --------------------------------------------------------
def _zeroed(plan_file: Path) -> Path:
    data = bytearray(plan_file.read_bytes())
    data[:100] = bytes(100)
    plan_file.write_bytes(data)
    return plan_file


def test_cli_reports_a_damaged_plan_in_one_line(plan_file, capsys) -> None:
    assert main(["backup", "--db", str(_zeroed(plan_file))]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1
    assert str(plan_file) in err[0] and "header is zeroed" in err[0]


def test_gui_on_a_damaged_plan_prints_one_line_and_exits_1(plan_file) -> None:
    code, lines = run_gui_cli(str(_zeroed(plan_file)), dict(os.environ))
    assert code == 1
    assert len(lines) == 1 and str(plan_file) in lines[0] and "zeroed" in lines[0]
