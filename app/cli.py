"""Command line: ``okr-planner`` opens the window; subcommands work headless.

Only the commands that draw import Qt (the GUI itself, and later the PNG export, which renders
offscreen), so everything else runs on a server with no display.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path

from app import __version__, cli_backup, cli_io, cli_png

PROG = "okr-planner"


class CliError(Exception):
    """A problem to report as one line on stderr with a non-zero exit."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        # One clear line instead of argparse's usage block.
        print(f"{self.prog}: error: {message} (see {PROG} --help)", file=sys.stderr)
        raise SystemExit(2)


def cmd_gui(args: argparse.Namespace) -> int:
    from app.main import run_gui

    return run_gui(args.db)


def cmd_demo(args: argparse.Namespace) -> int:
    """Write a fresh sample plan to a file, atomically (a temp file renamed into place)."""
    from app.db import open_database

    if "://" in args.db:
        raise CliError(f"demo writes a file; give a path, not a URL ({args.db})")
    target = Path(args.db).expanduser().resolve()
    if target.is_dir():
        raise CliError(f"{target}: is a folder, not a plan file")
    if not target.parent.is_dir():
        raise CliError(f"{target.parent}: folder does not exist")
    if target.exists() and not args.force:
        raise CliError(f"{target}: already exists; add --force to replace it")
    fd, tmp_name = tempfile.mkstemp(prefix=".okr-demo-", suffix=".db", dir=target.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        tmp.unlink()
        opened = open_database(f"sqlite:///{tmp}")
        opened.engine.dispose()  # closing the last connection checkpoints the WAL into the file
        for suffix in ("-wal", "-shm"):
            Path(f"{target}{suffix}").unlink(missing_ok=True)
        os.replace(tmp, target)
    finally:
        for leftover in (tmp, Path(f"{tmp}-wal"), Path(f"{tmp}-shm")):
            leftover.unlink(missing_ok=True)
    print(f"Sample plan written to {target}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    common = _Parser(add_help=False)
    common.add_argument(
        "--db",
        metavar="PATH_OR_URL",
        default=argparse.SUPPRESS,
        help="plan file or SQLAlchemy URL (default: $OKR_PLANNER_DB, then the user data folder)",
    )
    parser = _Parser(prog=PROG, description="Plan a quarter on OKRs and steer it week by week.")
    parser.add_argument("--version", action="version", version=f"{PROG} {__version__}")
    parser.add_argument("--db", metavar="PATH_OR_URL", default=None, help=common._actions[0].help)
    parser.set_defaults(func=cmd_gui)
    sub = parser.add_subparsers(title="commands", metavar="COMMAND", parser_class=_Parser)

    demo = sub.add_parser("demo", parents=[common], help="write a fresh sample plan to a file")
    demo.add_argument("--force", action="store_true", help="replace an existing file")
    demo.set_defaults(func=cmd_demo, needs_db=True)
    for register in EXTRA_COMMANDS:
        register(sub, common)
    return parser


# Feature modules add their subcommands here: each is called with (subparsers, common parent).
EXTRA_COMMANDS: list[Callable[[argparse._SubParsersAction, argparse.ArgumentParser], None]] = []
EXTRA_COMMANDS.append(cli_backup.register)  # backup, restore
EXTRA_COMMANDS.append(cli_io.register)  # import-md, report, export-md, export-csv
EXTRA_COMMANDS.append(cli_png.register)  # export-png (the one that draws: imports Qt)


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if getattr(args, "needs_db", False) and not args.db:
        parser.error(f"{sys.argv[1] if argv is None else argv[0]} needs --db PATH")
    try:
        return int(args.func(args) or 0)
    except CliError as exc:
        print(f"{PROG}: {exc}", file=sys.stderr)
        return 1
    except Exception as exc:
        from models.errors import PlanError

        if isinstance(exc, PlanError):
            print(f"{PROG}: {exc}", file=sys.stderr)
            return 1
        if isinstance(exc, OSError) or type(exc).__module__.startswith(("sqlalchemy", "sqlite3")):
            # A read-only file, a full disk, a locked database: one line, not a traceback.
            reason = getattr(exc, "orig", None) or exc
            print(f"{PROG}: the plan database could not be used: {reason}", file=sys.stderr)
            return 1
        raise


if __name__ == "__main__":
    raise SystemExit(main())
