"""The command line: one clear line and a non-zero exit for every mistake."""

from __future__ import annotations

import pytest

from app import __version__
from app.cli import main
from app.db import open_database
from app.services.plan_service import PlanService
from tests.helpers import run_gui_cli


def test_version(capsys) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["--version"])
    assert exit_info.value.code == 0
    assert capsys.readouterr().out.strip() == f"okr-planner {__version__}"


def test_unknown_option_is_one_line_and_exit_2(capsys) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["--bogus"])
    assert exit_info.value.code == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "--bogus" in err[0]


def test_demo_writes_the_sample_plan(tmp_path, capsys) -> None:
    target = tmp_path / "demo.db"
    assert main(["demo", "--db", str(target)]) == 0
    assert "Sample plan written" in capsys.readouterr().out
    db = open_database(f"sqlite:///{target}")
    svc = PlanService(db.engine)
    assert len(svc.cards(svc.first_plan_id())) == 13
    db.engine.dispose()
    assert not list(tmp_path.glob(".okr-demo-*")), "no temporary file left behind"


def test_demo_refuses_to_overwrite_without_force(tmp_path, capsys) -> None:
    target = tmp_path / "demo.db"
    target.write_text("precious")
    assert main(["demo", "--db", str(target)]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "--force" in err[0]
    assert target.read_text() == "precious"
    assert main(["demo", "--db", str(target), "--force"]) == 0
    assert target.read_bytes().startswith(b"SQLite format 3")


def test_demo_needs_a_path_and_an_existing_folder(tmp_path, capsys) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["demo"])
    assert exit_info.value.code == 2
    assert main(["demo", "--db", str(tmp_path / "missing" / "x.db")]) == 1
    assert "folder does not exist" in capsys.readouterr().err


def test_gui_with_a_bad_path_prints_one_line_and_fails(tmp_path) -> None:
    code, lines = run_gui_cli(str(tmp_path / "no" / "such" / "plan.db"), {"PATH": "/usr/bin:/bin"})
    assert code == 1
    assert len(lines) == 1 and "folder does not exist" in lines[0]
