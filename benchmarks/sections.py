"""The measured sections of the benchmark and the targets they are judged against."""

from __future__ import annotations

import datetime as dt
import resource
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import sqlalchemy as sa

from benchmarks import startup

ROOT = Path(__file__).resolve().parents[1]


@dataclass
class Context:
    plans: dict[int, str]  # card count -> database URL
    sample: str  # path for a fresh sample plan
    repeat: int
    tmp: Path


def _runs(ctx: Context, fn: Callable[[], float], *, repeat: int | None = None) -> list[float]:
    """Run ``fn`` repeat+1 times, drop the first (warm-up), return the rest."""
    out = [fn() for _ in range((repeat or ctx.repeat) + 1)]
    return out[1:]


def _median(xs: list[float]) -> float:
    from benchmarks.__main__ import median

    return median(xs)


def _p95(xs: list[float]) -> float:
    from benchmarks.__main__ import p95

    return p95(xs)


# ----- start-up ------------------------------------------------------------------------------
def section_startup(ctx: Context) -> dict[str, object]:
    from app.cli import main as cli_main

    if not Path(ctx.sample).exists():
        cli_main(["demo", "--db", ctx.sample])
    bare, floor, app = [], [], []
    heavy = ""
    for i in range(ctx.repeat + 1):
        b, _ = startup.time_to_paint(startup.BARE)
        f, _ = startup.time_to_paint(startup.FLOOR)
        a, out = startup.time_to_paint(startup.APP, ctx.sample)
        heavy = next((ln[6:] for ln in out.splitlines() if ln.startswith("HEAVY")), "")
        if i:
            bare.append(b)
            floor.append(f)
            app.append(a)
    a, b, c = _median(bare), _median(floor), _median(app)
    return {
        "startup.bare_window": a,
        "startup.stack_floor": b,
        "startup.app_sample_board": c,
        "startup.ratio_c_over_b": round(c / b, 3),
        "startup.ratio_c_over_a": round(c / a, 3),
        "startup.heavy_imports_before_paint": heavy or "none",
    }


# ----- open a plan ---------------------------------------------------------------------------
_OPEN = """
import sys, time
from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QAbstractScrollArea, QApplication, QWidget
from app.main import create_main_window, ensure_application
app = ensure_application()
class Probe(QObject):
    painted = False
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint:
            Probe.painted = True
        return False
times = []
for url in sys.argv[1:]:
    t0 = time.perf_counter()
    w = create_main_window(url); w.resize(1600, 1000)
    target = w.findChild(QWidget, "board") or w.findChild(QWidget, "goalTree")
    if isinstance(target, QAbstractScrollArea):
        target = target.viewport()
    Probe.painted = False
    probe = Probe(); target.installEventFilter(probe)
    w.show()
    while not Probe.painted:
        app.processEvents()
    times.append(time.perf_counter() - t0)
    w.close(); w.context.db.engine.dispose(); w.deleteLater(); app.processEvents()
print("OPEN " + " ".join(f"{t:.6f}" for t in times))
import resource
print(f"RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}")
"""


def _open_times(urls: list[str]) -> tuple[list[float], int]:
    out = subprocess.run(
        [sys.executable, "-c", _OPEN, *urls],
        capture_output=True,
        text=True,
        timeout=600,
        cwd=ROOT,
    )
    times: list[float] = []
    rss = 0
    for line in out.stdout.splitlines():
        if line.startswith("OPEN "):
            times = [float(x) for x in line.split()[1:]]
        if line.startswith("RSS "):
            rss = int(line.split()[1])
    if not times:
        raise RuntimeError(out.stderr[-2000:])
    return times, rss


def section_open(ctx: Context) -> dict[str, object]:
    """Choosing a plan file -> board painted, per size, in one warm process per size."""
    figures: dict[str, object] = {}
    sample_times, _ = _open_times([f"sqlite:///{ctx.sample}"] * (ctx.repeat + 1))
    figures["open.sample"] = _median(sample_times[1:])
    for size, url in ctx.plans.items():
        times, rss_kb = _open_times([url] * (ctx.repeat + 1))
        figures[f"open@{size}"] = _median(times[1:])
        figures[f"rss_mb@{size}"] = round(rss_kb / 1024, 1)
    return figures


# ----- drop -> durable commit ----------------------------------------------------------------
def section_commit(ctx: Context) -> dict[str, object]:
    """MoveCard through the service (WAL + synchronous=FULL), then its undo, per size."""
    from app.commands import MoveCard
    from app.db import open_database
    from app.services.plan_service import PlanService

    figures: dict[str, object] = {}
    for size, url in ctx.plans.items():
        db = open_database(url)
        svc = PlanService(db.engine)
        plan_id = svc.first_plan_id()
        week_cards = [c for c in svc.cards(plan_id) if c.level == "week"][:50]
        statements = _count_statements(db.engine)
        apply_t, revert_t = [], []
        for card in week_cards:
            cmd = MoveCard(
                card.id,
                {
                    "level": "week",
                    "period_start": card.period_start + dt.timedelta(weeks=1),
                    "period_end": card.period_end + dt.timedelta(weeks=1),
                    "due": card.due + dt.timedelta(weeks=1) if card.due else None,
                },
                name="bench move",
            )
            t0 = time.perf_counter()
            cmd.apply(svc)
            apply_t.append(time.perf_counter() - t0)
            t0 = time.perf_counter()
            cmd.revert(svc)
            revert_t.append(time.perf_counter() - t0)
        figures[f"commit.drop_median@{size}"] = _median(apply_t[1:])
        figures[f"commit.drop_p95@{size}"] = _p95(apply_t[1:])
        figures[f"commit.undo_p95@{size}"] = _p95(revert_t[1:])
        figures[f"commit.statements_per_move@{size}"] = round(
            statements() / (2 * len(week_cards)), 1
        )
        db.engine.dispose()
    return figures


def _count_statements(engine: sa.Engine) -> Callable[[], int]:
    count = [0]

    def before(*_args: object) -> None:
        count[0] += 1

    sa.event.listen(engine, "before_cursor_execute", before)
    return lambda: count[0]


# ----- import --------------------------------------------------------------------------------
def section_import(ctx: Context) -> dict[str, object]:
    """import-md of a 10,000-row table (parse + validate + insert in one transaction)."""
    try:
        from app import import_markdown
    except ImportError:
        return {"import.rows_10000": "not measured: app.import_markdown missing"}
    from benchmarks.synth import action_table

    rows = 2_000 if len(ctx.plans) <= 2 else 10_000
    text = action_table(rows)
    runs = []
    for i in range(min(ctx.repeat, 3) + 1):
        path = ctx.tmp / f"import-{i}.db"
        from app.cli import main as cli_main

        cli_main(["demo", "--db", str(path), "--force"])
        t0 = time.perf_counter()
        import_markdown.import_text(f"sqlite:///{path}", text)  # type: ignore[attr-defined]
        runs.append(time.perf_counter() - t0)
    return {f"import.rows_{rows}": _median(runs[1:])}


def section_self_rss(_ctx: Context) -> dict[str, object]:
    return {
        "benchmark_process_rss_mb": round(
            resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1
        )
    }


SECTIONS: list[tuple[str, Callable[[Context], dict[str, object]]]] = [
    ("startup", section_startup),
    ("open", section_open),
    ("commit", section_commit),
    ("import", section_import),
    ("self", section_self_rss),
]


def targets(r: dict[str, object]) -> dict[str, tuple[bool, str]]:
    """The issue's targets as (pass, detail) for every figure that was measured."""
    out: dict[str, tuple[bool, str]] = {}

    def num(key: str) -> float | None:
        value = r.get(key)
        return value if isinstance(value, float | int) else None

    ratio = num("startup.ratio_c_over_b")
    if ratio is not None:
        out["start-up <= 1.3x the stack's floor"] = (ratio <= 1.3, f"{ratio:.2f}x")
    heavy = r.get("startup.heavy_imports_before_paint")
    if heavy is not None:
        out["no matplotlib/alembic before first paint"] = (heavy == "none", str(heavy))
    sample, big = num("open.sample"), num("open@10000")
    if sample and big:
        out["10,000-card plan opens in <= 1.5x the sample"] = (
            big <= 1.5 * sample,
            f"{big / sample:.2f}x",
        )
    drop = num("commit.drop_p95@20000")
    if drop is not None:
        out["drop -> commit p95 <= 16 ms at 20,000"] = (drop <= 0.016, f"{drop * 1000:.2f} ms")
    undo = num("commit.undo_p95@20000")
    if undo is not None:
        out["undo p95 <= 16 ms at 20,000"] = (undo <= 0.016, f"{undo * 1000:.2f} ms")
    imp = num("import.rows_10000")
    if imp is not None:
        out["import of 10,000 rows <= 1.0 s"] = (imp <= 1.0, f"{imp:.2f} s")
    rss = num("rss_mb@20000")
    if rss is not None:
        out["peak RSS <= 300 MB at 20,000"] = (rss <= 300, f"{rss:.0f} MB")
    for key, value in r.items():
        if key.startswith("exponent.") and isinstance(value, float):
            flat = any(word in key for word in ("paint", "drag"))
            limit = 0.3 if flat else 1.1
            out[f"{key[9:]} grows <= n^{limit}"] = (value <= limit, f"n^{value:.2f}")
    return out
