"""Benchmark sections that move a plan in or out: export-png (CLI) and import-md."""

from __future__ import annotations

import contextlib
import io
import subprocess
import sys
import time
from pathlib import Path

from benchmarks import startup
from benchmarks.sections import ROOT, Context, median, worker_env
from benchmarks.synth import action_table, make_plan

EXPORT_TARGET_SIZES = (2_000, 10_000)  # the targets: <= 1.0 s and <= 5 s


def export_png_available() -> bool:
    """Whether this build has the ``okr-planner export-png`` command (added by another issue)."""
    from app.cli import build_parser

    parser = build_parser()
    for action in parser._subparsers._group_actions if parser._subparsers else []:
        if "export-png" in getattr(action, "choices", {}):
            return True
    return False


def _export_once(url: str, out: Path, home: Path) -> float:
    """Wall time of one ``okr-planner export-png`` process, as a user on a server waits for it."""
    t0 = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "app.cli", "export-png", "--db", url, "--out", str(out)],
        capture_output=True,
        text=True,
        timeout=600,
        cwd=ROOT,
        env=worker_env(home),
    )
    seconds = time.perf_counter() - t0
    if done.returncode != 0 or not out.exists():
        raise RuntimeError(f"export-png failed: {done.stderr[-2000:]}")
    return seconds


def section_export_png(ctx: Context) -> dict[str, object]:
    """export-png of the whole board through the CLI (headless), per size and at 2,000 cards."""
    if not export_png_available():
        return {"export_png": "not measured: export-png missing"}
    startup.compile_sources()  # a process per export: time the command, not the compiler
    plans = dict(ctx.plans)
    for size in EXPORT_TARGET_SIZES:
        if size not in plans and (not ctx.quick or size <= 2_000):
            plans[size] = make_plan(ctx.tmp / f"plan-{size}.db", size)
    figures: dict[str, object] = {}
    repeat = 2 if ctx.quick else 3
    for size, url in sorted(plans.items()):
        times = [
            _export_once(url, ctx.tmp / f"board-{size}-{i}.png", ctx.tmp / "home-export")
            for i in range(repeat + 1)
        ]
        figures[f"export_png@{size}"] = median(times[1:])
    return figures


def section_import(ctx: Context) -> dict[str, object]:
    """import-md of a 10,000-row table: parse + validate + insert in one transaction."""
    from app.cli import main as cli_main
    from app.db import open_database
    from app.import_markdown import import_action_table
    from app.services.plan_service import PlanService

    rows = 2_000 if ctx.quick else 10_000
    text = action_table(rows)
    runs = []
    for i in range(min(ctx.repeat, 3) + 1):
        path = ctx.tmp / f"import-{i}.db"
        with contextlib.redirect_stdout(io.StringIO()):
            cli_main(["demo", "--db", str(path), "--force"])
        db = open_database(f"sqlite:///{path}")
        svc = PlanService(db.engine)
        plan_id = svc.first_plan_id()
        t0 = time.perf_counter()
        result = import_action_table(svc, plan_id, text)
        runs.append(time.perf_counter() - t0)
        db.engine.dispose()
        if result.total != rows:
            raise RuntimeError(f"imported {result.total} of {rows} rows")
    return {f"import.rows_{rows}": median(runs[1:])}
