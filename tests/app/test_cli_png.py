"""``okr-planner export-png``: the board as a PNG from the command line, with no display."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from app.cli import main

DEC = dt.date(2025, 12, 1)


@pytest.fixture
def plan(tmp_path) -> Path:
    path = tmp_path / "plan.db"
    assert main(["demo", "--db", str(path)]) == 0
    return path


def export(plan: Path, out: Path, *options: str) -> Path:
    assert main(["export-png", "--db", str(plan), "--out", str(out), *options]) == 0
    return out


def image(path: Path):
    from PySide6.QtGui import QImage

    loaded = QImage(str(path))
    assert not loaded.isNull(), f"{path} is not a readable image"
    return loaded


def colours(path: Path) -> set[int]:
    from PySide6.QtGui import QImage

    rgb32 = image(path).convertToFormat(QImage.Format.Format_RGB32)
    raw = np.frombuffer(rgb32.constBits(), np.uint32).reshape(rgb32.height(), -1)
    return set(np.unique(raw[:, : rgb32.width()] & 0xFFFFFF).tolist())


def expected_size(plan: Path, *, focus=None, lane_mode="kr", scale=1) -> tuple[int, int]:
    """From the board's layout: lane names + columns wide; band + column names + lanes high."""
    from app.db import open_database
    from app.services.board_queries import load_board
    from app.services.plan_service import PlanService
    from ui.board.layout import Metrics
    from ui.board.render import BoardSnapshot, build_scene
    from ui.board.view import COLUMN_HEADER_HEIGHT, LANE_HEADER_WIDTH

    opened = open_database(f"sqlite:///{plan}", read_only=True)
    try:
        svc = PlanService(opened.engine)
        data = load_board(svc, svc.first_plan_id())
    finally:
        opened.close()
    scene = build_scene(data, focus=focus, lane_mode=lane_mode)
    months = 1 if focus else 3
    weeks = len(data.quarter.weeks_of_month(focus)) if focus else len(data.quarter.weeks())
    width = LANE_HEADER_WIDTH + (1 + months + weeks) * Metrics().col_width
    band = BoardSnapshot(scene).band_height
    height = band + COLUMN_HEADER_HEIGHT + scene.model.geometry.height
    return int(width) * scale, int(height) * scale


def test_december_at_1x_has_the_size_of_its_layout_and_the_light_colours(
    qapp, plan, tmp_path, capsys
) -> None:
    from models.lights import Light
    from ui.lights import COLOURS

    out = export(plan, tmp_path / "dec.png", "--month", "12")
    png = image(out)
    assert (png.width(), png.height()) == expected_size(plan, focus=DEC)
    assert (
        f"Board written to {out} ({png.width()} x {png.height()} pixels)" in capsys.readouterr().err
    )
    seen = colours(out)
    for light in (Light.GREEN, Light.YELLOW, Light.YELLOW_RED, Light.RED):
        assert COLOURS[light].rgb() & 0xFFFFFF in seen, light


def test_the_same_call_twice_gives_the_same_bytes(qapp, plan, tmp_path) -> None:
    first = export(plan, tmp_path / "a.png", "--scale", "2").read_bytes()
    second = export(plan, tmp_path / "b.png", "--scale", "2").read_bytes()
    assert hashlib.sha256(first).digest() == hashlib.sha256(second).digest()


def test_scale_2_doubles_both_sides(qapp, plan, tmp_path) -> None:
    one = image(export(plan, tmp_path / "one.png", "--month", "12"))
    two = image(export(plan, tmp_path / "two.png", "--month", "12", "--scale", "2"))
    assert (two.width(), two.height()) == (2 * one.width(), 2 * one.height())
    assert (two.width(), two.height()) == expected_size(plan, focus=DEC, scale=2)


def test_the_whole_quarter_is_wider_than_one_month(qapp, plan, tmp_path) -> None:
    month = image(export(plan, tmp_path / "dec.png", "--month", "12"))
    quarter = image(export(plan, tmp_path / "q.png"))
    assert quarter.width() > month.width()
    assert (quarter.width(), quarter.height()) == expected_size(plan)


def test_lanes_by_line(qapp, plan, tmp_path) -> None:
    by_line = image(export(plan, tmp_path / "line.png", "--lane", "line"))
    assert (by_line.width(), by_line.height()) == expected_size(plan, lane_mode="line")
    by_kr = image(export(plan, tmp_path / "kr.png"))
    assert by_line.height() != by_kr.height()  # two lines of work vs five KRs


def test_as_of_moves_the_current_week(qapp, plan, tmp_path) -> None:
    default = export(plan, tmp_path / "a.png", "--month", "12").read_bytes()
    same = export(plan, tmp_path / "b.png", "--month", "12", "--as-of", "2025-12-03")
    later = export(plan, tmp_path / "c.png", "--month", "12", "--as-of", "2025-12-17")
    assert same.read_bytes() == default  # the sample plan is frozen at 2025-12-03
    assert later.read_bytes() != default


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (["--month", "3"], "--month 3: not a month of the plan's quarter"),
        (["--month", "13"], "is not a month number"),
        (["--scale", "5"], "is not a scale; use 1, 2, 3 or 4"),
        (["--scale", "x"], "is not a scale"),
        (["--lane", "owner"], "invalid choice"),
        (["--as-of", "2025-12-32"], "is not a date"),
    ],
)
def test_bad_options_print_one_line_and_fail(plan, tmp_path, capsys, options, message) -> None:
    out = tmp_path / "b.png"
    try:
        code = main(["export-png", "--db", str(plan), "--out", str(out), *options])
    except SystemExit as exc:  # argparse's errors
        code = exc.code
    assert code != 0
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and message in err[0]
    assert not out.exists()


def test_bad_paths_print_one_line_and_fail(plan, tmp_path, capsys) -> None:
    cases = [
        (["--db", str(tmp_path / "none.db"), "--out", str(tmp_path / "b.png")], "no such plan"),
        (["--db", str(plan), "--out", str(tmp_path / "no" / "b.png")], "folder does not exist"),
        (["--db", str(plan), "--out", str(plan / "b.png")], "plan.db: is not a folder"),
        (["--db", str(plan), "--out", str(tmp_path)], "is a folder, not a file"),
    ]
    for options, message in cases:
        assert main(["export-png", *options]) == 1
        err = capsys.readouterr().err.strip().splitlines()
        assert len(err) == 1 and message in err[0], err
    assert not (tmp_path / "b.png").exists() and not (tmp_path / "none.db").exists()


def _headless_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    env.pop("QT_QPA_PLATFORM", None)  # the command picks offscreen itself
    env["PYTHONPATH"] = str(Path(__file__).parents[2])
    return env


def test_two_processes_with_no_display_write_the_same_bytes(qapp, plan, tmp_path) -> None:
    outs = [tmp_path / "p1.png", tmp_path / "p2.png"]
    for out in outs:
        result = subprocess.run(
            [sys.executable, "-m", "app.cli", "export-png", "--db", str(plan), "--out", str(out)],
            capture_output=True,
            text=True,
            timeout=120,
            env=_headless_env(),
        )
        assert result.returncode == 0, result.stderr
        assert result.stderr.strip().splitlines() == [
            line for line in result.stderr.strip().splitlines() if line.startswith("Board written")
        ]
    assert outs[0].read_bytes() == outs[1].read_bytes()
    assert export(plan, tmp_path / "here.png").read_bytes() == outs[0].read_bytes()


def test_other_commands_never_import_qt(plan, tmp_path) -> None:
    code = (
        "import sys\n"
        "from app.cli import main\n"
        f"assert main(['export-md', '--db', {str(plan)!r}, '--out', {str(tmp_path / 'a.md')!r}]) == 0\n"
        "try:\n"
        "    main(['--help'])\n"
        "except SystemExit:\n"
        "    pass\n"
        "assert not [m for m in sys.modules if m.startswith(('PySide6', 'ui'))], 'Qt imported'\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        timeout=120,
        env=_headless_env(),
    )
    assert result.returncode == 0, result.stderr
    assert "export-png" in result.stdout  # listed in --help all the same
