"""The measured sections of the benchmark: start-up, the board per size, commits, charts.

Each section returns flat figures: seconds as floats (shown in ms), counts as ints. A figure
measured per plan size is keyed ``name@size`` so ``__main__`` can fit how it grows. Anything that
needs Qt runs in a fresh worker process (``board_worker``, ``chart_worker``), so one size's
memory and one chart's lazy import do not leak into another figure.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import json
import math
import os
import resource
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from benchmarks import startup

ROOT = Path(__file__).resolve().parents[1]


@dataclass
class Context:
    plans: dict[int, str]  # card count -> database URL
    sample: str  # path for a fresh sample plan
    repeat: int
    tmp: Path
    quick: bool = False


def median(xs: list[float]) -> float:
    return statistics.median(xs)


def p95(xs: list[float]) -> float:
    ordered = sorted(xs)
    return ordered[min(len(ordered) - 1, math.ceil(0.95 * len(ordered)) - 1)]


def ensure_sample(ctx: Context) -> str:
    from app.cli import main as cli_main

    if not Path(ctx.sample).exists():
        with contextlib.redirect_stdout(io.StringIO()):
            cli_main(["demo", "--db", ctx.sample])
    return ctx.sample


def run_worker(module: str, *args: str, home: Path, timeout: float = 1200) -> dict[str, Any]:
    """Run ``python -m module args`` with its own HOME (settings never touch the user's) and
    return the JSON it prints on its ``RESULT`` line."""
    out = subprocess.run(
        [sys.executable, "-m", module, *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        cwd=ROOT,
        env=worker_env(home),
    )
    for line in out.stdout.splitlines():
        if line.startswith("RESULT "):
            return json.loads(line[7:])  # type: ignore[no-any-return]
    raise RuntimeError(f"{module} {' '.join(args)} failed:\n{out.stderr[-3000:]}")


def worker_env(home: Path) -> dict[str, str]:
    """A fresh HOME, so Qt's settings (geometry, language) never touch the user's; the real
    cache folder, so matplotlib finds its font list as on a user's machine instead of scanning
    every installed font (a first-ever run only)."""
    home.mkdir(parents=True, exist_ok=True)
    cache = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", HOME=str(home), XDG_CACHE_HOME=cache)
    env.pop("OKR_PLANNER_DB", None)
    return env


# ----- start-up ------------------------------------------------------------------------------
def section_startup(ctx: Context) -> dict[str, object]:
    """(a) bare PySide6 window, (b) the stack's floor, (c) the app to the painted sample board."""
    sample = ensure_sample(ctx)
    startup.compile_sources()
    bare, floor, app = [], [], []
    loaded: list[str] = []
    # A HOME of its own: the default window layout, never the user's saved one (nor the
    # user's settings rewritten by a benchmark).
    app_env = worker_env(ctx.tmp / "home-startup")
    for i in range(ctx.repeat + 1):
        b, _ = startup.time_to_paint(startup.BARE)
        f, _ = startup.time_to_paint(startup.FLOOR)
        a, out = startup.time_to_paint(startup.APP, sample, env=app_env)
        line = next((ln for ln in out.splitlines() if ln.startswith("LOADED")), "LOADED ")
        loaded = [name for name in line[7:].split(",") if name]
        if i:
            bare.append(b)
            floor.append(f)
            app.append(a)
    a, b, c = median(bare), median(floor), median(app)
    heavy = [name for name in loaded if name in ("matplotlib", "alembic")]
    stack = [name for name in loaded if name not in heavy]
    return {
        "startup.bare_window": a,
        "startup.stack_floor": b,
        "startup.app_sample_board": c,
        "startup.ratio_c_over_b": round(c / b, 3),
        "startup.ratio_c_over_a": round(c / a, 3),
        "startup.heavy_imports_before_paint": ",".join(heavy) or "none",
        # SQLModel, pydantic and the ORM load right after the first paint (for the writes).
        "startup.stack_modules_before_paint": ",".join(stack) or "none",
    }


# ----- the board, per size -------------------------------------------------------------------
OPEN_ROUNDS = 3  # opens per plan, per repeat


def section_board(ctx: Context) -> dict[str, object]:
    """Open, paint, drag, board build, drop -> commit, undo and redo, peak RSS: per size."""
    figures: dict[str, object] = {}
    # Opens of the sample and of every size take turns in one process: the ratio the target
    # names compares plans opened under the same conditions. An open is short (~0.1 s) and a
    # shared machine's noise is not: three times the repeats keep the two medians steady.
    sample_url = f"sqlite:///{ensure_sample(ctx)}"
    urls = [sample_url, *ctx.plans.values()]
    opens = run_worker(
        "benchmarks.board_worker",
        ",".join(urls),
        str(OPEN_ROUNDS * ctx.repeat),
        "--open-only",
        home=ctx.tmp / "home-open",
    )
    figures["open.sample"] = median(opens[sample_url]["open"])
    figures["open_complete.sample"] = median(opens[sample_url]["complete"])
    for size, url in ctx.plans.items():
        figures[f"open@{size}"] = median(opens[url]["open"])
        # The same ratio taken round by round (each open against the sample's open of that
        # round), then the median: it shows how far the machine's drift moves the one above.
        pairs = zip(opens[url]["open"], opens[sample_url]["open"], strict=True)
        figures[f"open.paired_ratio@{size}"] = round(median([b / a for b, a in pairs]), 3)
        # A plan of more than 3,000 cards paints its first lanes, then reads the rest.
        figures[f"open_complete@{size}"] = median(opens[url]["complete"])
    for size, url in ctx.plans.items():
        home = ctx.tmp / f"home-{size}"
        r = run_worker("benchmarks.board_worker", url, str(ctx.repeat), home=home)
        figures[f"paint@{size}"] = median(r["paint"])
        figures[f"drag.median@{size}"] = median(r["drag"])
        figures[f"drag.p95@{size}"] = p95(r["drag"])
        figures[f"drag.statements@{size}"] = r["drag_statements"]
        figures[f"build.total@{size}"] = median(r["build"])
        figures[f"build.us_per_card@{size}"] = round(median(r["build"]) / r["cards"] * 1e6, 2)
        figures[f"board_read@{size}"] = median(r["read"])
        figures[f"drop.median@{size}"] = median(r["drop"])
        figures[f"drop.p95@{size}"] = p95(r["drop"])
        figures[f"drop.settle_p95@{size}"] = p95(r["settle"])
        figures[f"drop.statements@{size}"] = max(r["statements"])
        figures[f"undo.p95@{size}"] = p95(r["undo"])
        figures[f"redo.p95@{size}"] = p95(r["redo"])
        figures[f"rss_mb@{size}"] = round(r["rss_kb"] / 1024, 1)
    return figures


# ----- the service alone: MoveCard and its revert ------------------------------------------
def section_commit(ctx: Context) -> dict[str, object]:
    """MoveCard through the service (WAL + synchronous=FULL) and its revert, without the UI:
    what the storage costs on its own, to compare with the drop through the board."""
    from app.commands import MoveCard
    from app.db import open_database
    from app.services.plan_service import PlanService

    figures: dict[str, object] = {}
    for size, url in ctx.plans.items():
        db = open_database(url)
        svc = PlanService(db.engine)
        plan_id = svc.first_plan_id()
        week_cards = [c for c in svc.cards(plan_id) if c.level == "week"][:50]
        statements = count_statements(db.engine)
        apply_t, revert_t = [], []
        for card in week_cards:
            week = dt.timedelta(weeks=1)
            cmd = MoveCard(
                card.id,
                {
                    "level": "week",
                    "period_start": card.period_start + week,
                    "period_end": card.period_end + week,
                    "due": card.due + week if card.due else None,
                },
                name="bench move",
            )
            t0 = time.perf_counter()
            cmd.apply(svc)
            apply_t.append(time.perf_counter() - t0)
            t0 = time.perf_counter()
            cmd.revert(svc)
            revert_t.append(time.perf_counter() - t0)
        figures[f"service.move_p95@{size}"] = p95(apply_t[1:])
        figures[f"service.revert_p95@{size}"] = p95(revert_t[1:])
        figures[f"service.statements_per_move@{size}"] = round(
            statements() / (2 * len(week_cards)), 1
        )
        db.engine.dispose()
    return figures


def count_statements(engine: sa.Engine) -> Callable[[], int]:
    """Every statement the engine sends to the database from now on (SQLAlchemy event)."""
    count = [0]

    def before(*_args: object) -> None:
        count[0] += 1

    sa.event.listen(engine, "before_cursor_execute", before)
    return lambda: count[0]


# ----- charts --------------------------------------------------------------------------------
def section_charts(ctx: Context) -> dict[str, object]:
    """First open of a KR's chart in a fresh process; redraw after a check-in (p95)."""
    opens, redraws, checkins = [], [], []
    runs = 2 if ctx.quick else 4
    for i in range(runs):
        plan = ctx.tmp / f"charts-{i}.db"
        shutil.copyfile(ensure_sample(ctx), plan)
        r = run_worker(
            "benchmarks.chart_worker", str(plan), str(ctx.repeat * 2), home=ctx.tmp / f"home-c{i}"
        )
        opens.append(r["first_open"])
        redraws += r["redraw"]
        checkins += r["checkin"]
    return {
        "charts.first_open": median(opens[1:]) if len(opens) > 1 else opens[0],
        "charts.redraw_median": median(redraws),
        "charts.redraw_p95": p95(redraws),
        "charts.checkin_to_painted_p95": p95(checkins),
    }


def section_self_rss(_ctx: Context) -> dict[str, object]:
    return {
        "benchmark_process_rss_mb": round(
            resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1
        )
    }


def all_sections() -> list[tuple[str, Callable[[Context], dict[str, object]]]]:
    from benchmarks.io_sections import section_export_png, section_import

    return [
        ("startup", section_startup),
        ("board", section_board),
        ("commit", section_commit),
        ("charts", section_charts),
        ("export_png", section_export_png),
        ("import", section_import),
        ("self", section_self_rss),
    ]
