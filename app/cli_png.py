"""``export-png``: the action board as a PNG image, on a machine with no display.

Registered in ``app.cli.EXTRA_COMMANDS``. The only subcommand that draws, so the only one that
imports Qt, and only inside the command function: ``okr-planner --help`` and every other
command stay headless. Qt runs on its offscreen platform here whatever the desktop: the image
must not depend on whether a display happens to be there (same data, same options, same bytes).

The database is read first (read-only), the options checked against it, and only then is Qt
started, so a mistake costs a fraction of a second and prints one line.
"""

from __future__ import annotations

import argparse
import atexit
import datetime as dt
import gc
import os
import sys
from dataclasses import replace
from pathlib import Path
from typing import Any

from models.errors import PlanError

ORGANIZATION = "OKR Planner"  # as app.main: the same settings (the chosen language) apply
APPLICATION = "okr-planner"
SCALES = (1, 2, 3, 4)


class PngCommandError(PlanError):
    """A request that cannot be carried out: printed as one line, exit code 1."""


def _scale(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value not in SCALES:
        raise argparse.ArgumentTypeError(f"{text!r} is not a scale; use 1, 2, 3 or 4")
    return value


def _month(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if not 1 <= value <= 12:
        raise argparse.ArgumentTypeError(f"{text!r} is not a month number (1-12)")
    return value


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date like 2025-12-03") from None


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    png = sub.add_parser(
        "export-png",
        parents=[common],
        help="draw the whole action board as a PNG image (no display needed)",
        description="Draw the plan's whole action board (every lane, every card, not just a "
        "window's worth) under a header with the plan, quarter, focus, as-of date and the "
        "legend of lights. Works on a server with no display. The same plan and options "
        "always give the same bytes.",
    )
    png.add_argument("--out", metavar="FILE", required=True, help="the PNG file to write")
    png.add_argument(
        "--month",
        type=_month,
        metavar="M",
        help="show one month of the quarter and its weeks, e.g. 12 (default: the whole quarter)",
    )
    png.add_argument(
        "--scale", type=_scale, default=1, metavar="N", help="pixels per point: 1 (default) to 4"
    )
    png.add_argument(
        "--lane",
        choices=("kr", "line"),
        default="kr",
        help="one lane per KR (default) or per line of work",
    )
    png.add_argument(
        "--as-of",
        type=_date,
        metavar="YYYY-MM-DD",
        help="the day the board is drawn for: current week, overdue cards, rule lights "
        "(default: the plan's today, its frozen date or the real date)",
    )
    png.set_defaults(func=cmd_export_png, needs_db=True)


def _out_path(name: str) -> Path:
    from app.file_output import output_target

    try:
        out = output_target(name)
    except OSError as exc:
        raise PngCommandError(str(exc)) from None
    if not os.access(out.parent, os.W_OK | os.X_OK):
        raise PngCommandError(f"{out}: cannot be written (the folder is not writable)")
    if out.exists() and not os.access(out, os.W_OK):
        raise PngCommandError(f"{out}: cannot be written (the file is read-only)")
    return out


def _read(args: argparse.Namespace) -> tuple[Any, Any, dt.date | None]:
    """The board's records, the rule lights and the focus month, from the plan (read-only)."""
    from app.cli_io import _plan
    from app.services.board_queries import load_board
    from app.services.evaluation import load_snapshot
    from models.rules import evaluate

    with _plan(args, read_only=True) as (svc, plan_id):
        data = load_board(svc, plan_id)
        focus = None
        if args.month is not None:
            months = [m.start for m in data.quarter.months()]
            focus = next((m for m in months if m.month == args.month), None)
            if focus is None:
                choices = ", ".join(str(m.month) for m in months)
                raise PngCommandError(
                    f"--month {args.month}: not a month of the plan's quarter "
                    f"{data.quarter.start} – {data.quarter.end} (choose {choices})"
                )
        today = args.as_of or data.today
        snapshot = load_snapshot(svc, plan_id, today, cards=data.cards)  # read once, above
    if data.today != today:
        data = replace(data, today=today)
    if snapshot.today != today:  # a frozen plan's own date would win otherwise
        snapshot = replace(snapshot, today=today)
    return data, evaluate(snapshot), focus


def _quick_exit() -> None:
    """Let the process end without a last garbage collection over every object it made.

    At exit Python collects cycles among all the objects still alive; with SQLAlchemy,
    pydantic and a board's records that walk takes 0.2-0.3 s, longer than painting a
    100-card board. Frozen objects are skipped: they are only freed with the process, which
    is about to end. (In a process that goes on, such as the tests, this runs at its end.)
    """
    atexit.register(gc.freeze)


def _start_qt() -> Any:
    """A QApplication on the offscreen platform, with the user's language (once per process)."""
    core = sys.modules.get("PySide6.QtCore")
    if core is None or core.QCoreApplication.instance() is None:
        os.environ["QT_QPA_PLATFORM"] = "offscreen"  # read when the application starts
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    if app is None:
        QCoreApplication.setOrganizationName(ORGANIZATION)
        QCoreApplication.setApplicationName(APPLICATION)
        app = QApplication([APPLICATION])
        from ui.language import chosen_language, install_translations

        install_translations(chosen_language())
    return app


def _snapshot(args: argparse.Namespace, data: Any, evaluation: Any, focus: Any) -> Any:
    """The board of ``data`` as ``args`` asks for it, ready to paint (starts Qt)."""
    _start_qt()
    from ui.board.render import BoardSnapshot, build_scene

    scene = build_scene(data, lane_mode=args.lane, focus=focus, evaluation=evaluation)
    return BoardSnapshot(scene, args.scale)


def cmd_export_png(args: argparse.Namespace) -> int:
    _quick_exit()
    out = _out_path(args.out)
    data, evaluation, focus = _read(args)

    def paint_share(pipe: Any) -> None:  # in the helper process (app.png_helper)
        from ui.board.render_png import paint_share

        paint_share(_snapshot(args, data, evaluation, focus), pipe)

    from app.png_helper import start_helper

    helper = start_helper(paint_share)
    try:
        snapshot = _snapshot(args, data, evaluation, focus)
        width, height = snapshot.pixel_size
        try:
            target = snapshot.write_png(out, helper=helper)
        except OSError as exc:
            raise PngCommandError(f"{out}: cannot be written ({exc.strerror or exc})") from None
    finally:
        if helper is not None:
            helper.close()
    print(f"Board written to {target} ({width} x {height} pixels)", file=sys.stderr)
    return 0
