"""``import-md``, ``report``, ``export-md`` and ``export-csv``: a plan's actions in and out.

Registered in ``app.cli.EXTRA_COMMANDS``. Headless (no Qt) and lazy: the feature modules load
only when their command runs, so ``okr-planner --help`` stays fast. Every mistake is one line
on stderr and exit code 1, except an import's problems, which are listed one per line.

Reading commands (report, exports, a dry run) open the plan read-only: SQLite itself refuses
any write, so they cannot change the file. An import opens it for editing (taking the
one-editing-window lock) and writes only if the whole table is valid.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from app.cli_common import CommandError, existing_plan_file, plan_location
from models.errors import ValidationError


class IOCommandError(CommandError):
    """A request that cannot be carried out: printed as one line, exit code 1."""


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    imp = sub.add_parser(
        "import-md",
        parents=[common],
        help="add the rows of a Markdown action table to the plan as cards",
        description="Read the first action table in FILE (columns 层级 / 行动事项 / 所属 KR / "
        "责任角色 / 截止时间 / 完成标准, or Level / Action / KR / Owner / Due / Done criteria) "
        "and create one card per row, all in one transaction. If any row has a problem, "
        "nothing is written and every problem is listed with its line number.",
    )
    imp.add_argument("file", metavar="FILE", help="Markdown file (UTF-8)")
    imp.add_argument(
        "--dry-run", action="store_true", help="check the table and report, write nothing"
    )
    imp.set_defaults(func=cmd_import_md, needs_db=True)

    rep = sub.add_parser(
        "report",
        parents=[common],
        help="write the weekly report (周报) as Markdown",
        description="The weekly report of an ISO week: overall status, each KR with its "
        "light, achievements, risks and responses, slips, asks and next week's actions.",
    )
    rep.add_argument("--week", metavar="YYYY-Www", help="e.g. 2025-W50 (default: this week)")
    rep.add_argument("--out", metavar="FILE", help="write to FILE instead of the screen")
    rep.set_defaults(func=cmd_report, needs_db=True)

    for name, what in (("export-md", "a Markdown table"), ("export-csv", "CSV for Excel")):
        exp = sub.add_parser(name, parents=[common], help=f"write the plan's actions as {what}")
        exp.add_argument("--out", metavar="FILE", help="write to FILE instead of the screen")
        exp.set_defaults(func=cmd_export, needs_db=True, export_kind=name)


@contextmanager
def _plan(args: argparse.Namespace, *, read_only: bool) -> Iterator[tuple[Any, int]]:
    """The service and first plan of ``--db``; a missing plan file is an error, never created."""
    from app.db import open_database
    from app.services.plan_service import PlanService

    url, path = plan_location(args)
    if path is not None:
        existing_plan_file(path, IOCommandError, " (create one with `okr-planner demo`)")
    opened = open_database(url, read_only=read_only, exclusive=not read_only)
    try:
        svc = PlanService(opened.engine)
        yield svc, svc.first_plan_id()
    finally:
        opened.close()


def _read_text(name: str) -> str:
    path = Path(name).expanduser()
    try:
        return path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise IOCommandError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise IOCommandError(f"{path}: is a folder, not a Markdown file") from None
    except UnicodeDecodeError as exc:
        raise IOCommandError(
            f"{path}: not UTF-8 text (byte {exc.start}); save it as UTF-8 and try again"
        ) from None
    except OSError as exc:
        raise IOCommandError(f"{path}: cannot be read ({exc.strerror or exc})") from None


def _emit(data: bytes, out: str | None, what: str) -> None:
    """Write to ``--out`` whole or not at all, or to stdout."""
    if out is None:
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return
    from app.file_output import write_atomic

    try:
        target = write_atomic(out, data)
    except OSError as exc:
        reason = f"{out}: cannot be written ({exc.strerror})" if exc.strerror else str(exc)
        raise IOCommandError(reason) from None
    print(f"{what} written to {target}", file=sys.stderr)


def cmd_import_md(args: argparse.Namespace) -> int:
    from app.import_markdown import import_action_table
    from models.markdown_table import ActionTableError

    text = _read_text(args.file)
    with _plan(args, read_only=args.dry_run) as (svc, plan_id):
        plan = svc.get("plan", plan_id)
        try:
            result = import_action_table(svc, plan_id, text, dry_run=args.dry_run)
        except ActionTableError as exc:
            count = len(exc.problems)
            noun = "problem" if count == 1 else "problems"
            print(f"{args.file}: {count} {noun}; nothing was imported", file=sys.stderr)
            for problem in exc.problems:
                print(f"  {problem}", file=sys.stderr)
            return 1
    verb = "Would create" if result.dry_run else "Created"
    cards = "card" if result.total == 1 else "cards"
    print(f"{verb} {result.total} {cards} in plan “{plan.name}”:")
    for code, count in result.per_kr.items():
        print(f"  {code}: {count}")
    if result.dry_run:
        print("Dry run: nothing was written.")
    return 0


def cmd_report(args: argparse.Namespace) -> int:
    from app.report import parse_week, weekly_report

    with _plan(args, read_only=True) as (svc, plan_id):
        try:
            week = None if args.week is None else parse_week(args.week, svc.quarter(plan_id))
        except ValidationError as exc:
            raise IOCommandError(f"--week: {exc.message}") from None
        text = weekly_report(svc, plan_id, week)
    _emit(text.encode("utf-8"), args.out, "Report")
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from app.export_table import export_csv, export_markdown

    with _plan(args, read_only=True) as (svc, plan_id):
        if args.export_kind == "export-csv":
            data = export_csv(svc, plan_id)
        else:
            data = export_markdown(svc, plan_id).encode("utf-8")
    _emit(data, args.out, "Actions")
    return 0
