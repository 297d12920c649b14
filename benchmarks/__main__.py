"""OKR Planner benchmark: ``python -m benchmarks [--quick] [--sizes 100,1000,...] [--only ...]``.

Synthetic plans (100 to 20,000 cards over 50 KRs, a year of weekly check-ins) in temporary
files; start-up against PySide6 and the stack's floor; per size: open, a full repaint of the
board, per-move drag handling (and the statements it issues), board build, drop -> commit,
undo, redo, peak RSS; charts (first open, redraw after a check-in); export-png (CLI); import of a
Markdown table. Prints a readable table, how each figure grows with size (exponent of a log-log
fit), the targets as pass/miss, and last one JSON line with every figure. Medians (and p95 where
a target names it) over repeated runs, dropping the first. Never a test: timings are reported,
not asserted.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from benchmarks import sections
from benchmarks.synth import make_plan
from benchmarks.targets import FLAT_FIGURES, targets

FULL_SIZES = [100, 1_000, 10_000, 20_000]
QUICK_SIZES = [100, 1_000]
FULL_VIEWPORT = 1_000  # cards from which a 1600x1000 board viewport is full of them


def loglog_exponent(sizes: list[int], values: list[float]) -> float | None:
    """Slope of log(value) against log(size): 1 is linear, 0 flat, 2 quadratic."""
    pairs = [(math.log(s), math.log(v)) for s, v in zip(sizes, values, strict=True) if v > 0]
    if len(pairs) < 2:
        return None
    mx = sum(x for x, _ in pairs) / len(pairs)
    my = sum(y for _, y in pairs) / len(pairs)
    sxx = sum((x - mx) ** 2 for x, _ in pairs)
    return sum((x - mx) * (y - my) for x, y in pairs) / sxx if sxx else None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="small sizes and few repeats (CI)")
    parser.add_argument("--sizes", help="comma-separated card counts (default 100..20000)")
    parser.add_argument("--repeat", type=int, default=None, help="runs per figure (first dropped)")
    parser.add_argument("--only", help="comma-separated sections (startup,board,commit,charts,...)")
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",")] if args.sizes else None
    sizes = sizes or (QUICK_SIZES if args.quick else FULL_SIZES)
    repeat = args.repeat or (3 if args.quick else 7)

    results: dict[str, object] = {"sizes": sizes, "quick": args.quick, "repeat": repeat}
    rows: list[tuple[str, str]] = []
    with tempfile.TemporaryDirectory(prefix="okr-bench-") as tmp:
        plans = {n: make_plan(Path(tmp) / f"plan-{n}.db", n) for n in sizes}
        sample = str(Path(tmp) / "sample.db")
        ctx = sections.Context(
            plans=plans, sample=sample, repeat=repeat, tmp=Path(tmp), quick=args.quick
        )
        only = set(args.only.split(",")) if args.only else None
        for name, section in sections.all_sections():
            if only is not None and name not in only:
                continue
            try:
                figures = section(ctx)
            except Exception as exc:
                last = (str(exc).strip().splitlines() or [""])[-1]
                figures = {f"{name}.error": f"{type(exc).__name__}: {last}"}
            results.update(figures)
            rows += [(key, _fmt(key, value)) for key, value in figures.items()]
    growth = _growth(results, sizes)
    results.update(growth)
    verdicts = targets(results)
    results["targets"] = verdicts

    width = max(len(key) for key, _ in rows) + 2
    print("OKR Planner benchmark" + (" (quick)" if args.quick else ""))
    for key, value in rows:
        print(f"  {key:<{width}}{value}")
    print("growth with size (log-log exponent):")
    for key, value in growth.items():
        print(f"  {key:<{width}}{_fmt(key, value)}")
    print("targets:")
    for name, (ok, detail) in verdicts.items():
        print(f"  {'pass' if ok else 'MISS'}  {name}: {detail}")
    print(json.dumps(results, ensure_ascii=False, default=str))
    # A missed target is reported, not failed; a section that broke fails the run (CI).
    return 1 if any(key.endswith(".error") for key in results) else 0


UNITLESS = ("rss_mb", "ratio", "statements", "exponent", "count")


def _fmt(key: str, value: object) -> str:
    """Times are seconds (shown in ms); sizes, ratios and counts are shown as they are."""
    if "us_per_card" in key:
        return f"{value} us"
    if isinstance(value, float) and not any(word in key for word in UNITLESS):
        return f"{value * 1000:.2f} ms"
    return str(value)


def _growth(results: dict[str, object], sizes: list[int]) -> dict[str, object]:
    """Exponent of each per-size figure. Paint and drag are fitted from 1,000 cards up: below
    that the 1600x1000 viewport is not yet full of cards, so there is simply less to draw."""
    out: dict[str, object] = {}
    per_size: dict[str, dict[int, float]] = {}
    for key, value in results.items():
        if "@" in key and isinstance(value, float):
            base, size = key.rsplit("@", 1)
            relative = "us_per_card" in base or "ratio" in base  # no growth to fit
            if size.isdigit() and int(size) in sizes and not relative:
                per_size.setdefault(base, {})[int(size)] = value
    for base, values in per_size.items():
        fitted = sorted(values)
        if base.startswith(FLAT_FIGURES):
            fitted = [s for s in fitted if s >= FULL_VIEWPORT]
        if len(values) == len(sizes) and len(fitted) >= 2:
            exponent = loglog_exponent(fitted, [values[s] for s in fitted])
            if exponent is not None:
                out[f"exponent.{base}"] = round(exponent, 3)
    return out


Section = Callable[["sections.Context"], dict[str, object]]

if __name__ == "__main__":
    sys.exit(main())
