"""The issue's targets, judged pass/miss on the figures that were measured (never a test)."""

from __future__ import annotations

Verdicts = dict[str, tuple[bool, str]]

FLAT = 0.3  # "flat in the number of cards": grows no faster than n^0.3
LINEAR = 1.1  # "everything else <= linear"
FLAT_FIGURES = ("paint", "drag.")


def _num(r: dict[str, object], key: str) -> float | None:
    value = r.get(key)
    return float(value) if isinstance(value, float | int) and not isinstance(value, bool) else None


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:.2f} ms"


def _paired(r: dict[str, object]) -> str:
    paired = _num(r, "open.paired_ratio@10000")
    return f"; round by round {paired:.2f}x" if paired else ""


def targets(r: dict[str, object]) -> Verdicts:
    """(pass, detail) for every target whose figures were measured in this run."""
    out: Verdicts = {}
    sizes = [int(s) for s in r.get("sizes", [])]  # type: ignore[attr-defined]
    _startup(r, out)
    sample, big = _num(r, "open.sample"), _num(r, "open@10000")
    if sample and big:
        out["10,000-card plan opens in <= 1.5x the sample"] = (
            big <= 1.5 * sample,
            f"{big / sample:.2f}x ({_ms(big)} vs {_ms(sample)})" + _paired(r),
        )
    counts = {s: _num(r, f"drag.statements@{s}") for s in sizes}
    if any(v is not None for v in counts.values()):
        total = int(sum(v or 0 for v in counts.values()))
        out["zero database statements while dragging"] = (total == 0, f"{total} statements")
    _at(r, out, "drag.p95@10000", 0.008, "drag per move p95 <= 8 ms at 10,000")
    _at(r, out, "drop.p95@20000", 0.016, "drop -> commit p95 <= 16 ms at 20,000")
    _at(r, out, "undo.p95@20000", 0.016, "undo p95 <= 16 ms at 20,000")
    _at(r, out, "redo.p95@20000", 0.016, "redo p95 <= 16 ms at 20,000")
    # Per card where cards dominate: at 100 cards the fixed cost of 50 lanes is most of it.
    per_card = {s: v for s in sizes if s >= 1_000 and (v := _num(r, f"build.us_per_card@{s}"))}
    if per_card:
        size = max(per_card, key=lambda s: per_card[s])
        worst = per_card[size]
        out["board build <= 20 us per card"] = (worst <= 20, f"{worst:.2f} us (worst, at {size})")
    _at(r, out, "charts.redraw_p95", 0.050, "chart redraw after a check-in <= 50 ms p95")
    _at(r, out, "charts.first_open", 0.8, "first chart open <= 0.8 s")
    _at(r, out, "export_png@2000", 1.0, "export-png of 2,000 cards <= 1.0 s")
    _at(r, out, "export_png@10000", 5.0, "export-png of 10,000 cards <= 5 s")
    if isinstance(r.get("export_png"), str):
        out["export-png measured"] = (False, str(r["export_png"]))
    _at(r, out, "import.rows_10000", 1.0, "import of 10,000 rows <= 1.0 s")
    rss = _num(r, "rss_mb@20000")
    if rss is not None:
        out["peak RSS <= 300 MB at 20,000"] = (rss <= 300, f"{rss:.0f} MB")
    for key, value in r.items():
        if key.startswith("exponent.") and isinstance(value, float):
            name = key[len("exponent.") :]
            limit = FLAT if name.startswith(FLAT_FIGURES) else LINEAR
            out[f"{name} grows <= n^{limit}"] = (value <= limit, f"n^{value:.2f}")
    return out


def _startup(r: dict[str, object], out: Verdicts) -> None:
    ratio = _num(r, "startup.ratio_c_over_b")
    if ratio is not None:
        out["start-up <= 1.3x the stack's floor"] = (ratio <= 1.3, f"{ratio:.2f}x")
    heavy = r.get("startup.heavy_imports_before_paint")
    if heavy is not None:
        out["no matplotlib/alembic before first paint"] = (heavy == "none", str(heavy))


def _at(r: dict[str, object], out: Verdicts, key: str, limit: float, name: str) -> None:
    value = _num(r, key)
    if value is not None:
        out[name] = (value <= limit, _ms(value) if limit < 1 else f"{value:.2f} s")
