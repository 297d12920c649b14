"""Draw one metric's chart into a matplotlib Axes. Imported only after ``mpl.load()``.

Per metric: the readings over the weeks of the quarter (a running total as steps for counts),
the baseline, floor (保底) and stretch (冲刺) as horizontal lines, dotted pace lines from the latest
reading to the floor and the stretch at the quarter's end, and a line at the plan's today.
"""

from __future__ import annotations

import datetime as dt
import math

from matplotlib.artist import Artist
from matplotlib.axes import Axes
from matplotlib.lines import Line2D
from PySide6.QtCore import QCoreApplication

from models.rules import signed, with_unit
from models.trends import gain_unit
from ui.charts.series import KRCharts, MetricSeries

DATA = "#2463b5"
FLOOR = "#ef7d1a"
STRETCH = "#2f9e5b"
BASELINE = "#8a9099"
TODAY = "#6b7178"
GRID = "#e6e8eb"


def _tr(text: str) -> str:
    return QCoreApplication.translate("Charts", text)


def _week_ticks(series: MetricSeries, compact: bool) -> tuple[list[dt.date], list[str]]:
    weeks = [w for w in series.quarter.weeks() if series.quarter.contains(w.start)]
    step = 3 if compact else 1 if len(weeks) <= 9 else 2
    shown = weeks[::step]
    return [w.start for w in shown], [w.label for w in shown]


def _hline(
    ax: Axes, y: float, colour: str, style: str, label: str, compact: bool, *, left: bool = True
) -> None:
    """A goal line; in compact charts labelled on the line itself (left: floor and stretch,
    where an increasing metric has not got to yet; right: the baseline, clear of the pace
    lines that end at the right edge)."""
    ax.axhline(y, color=colour, linestyle=style, linewidth=1.2, label=None if compact else label)
    if compact:
        ax.annotate(
            label,
            xy=(0.0 if left else 1.0, y),
            xycoords=("axes fraction", "data"),
            xytext=(2 if left else -2, 2),
            textcoords="offset points",
            ha="left" if left else "right",
            va="bottom",
            fontsize=7,
            color=colour,
        )


def _limits(series: MetricSeries) -> tuple[float, float]:
    m = series.metric
    values = [p.value for p in series.points]
    values += [
        v for v in (m.baseline, m.floor, series.stretch, series.downgraded_from) if v is not None
    ]
    if not values:
        return (0.0, 100.0) if series.unit == "%" else (0.0, 10.0)
    low, high = min(values), max(values)
    pad = max((high - low) * 0.12, 1.0)
    low, high = low - pad, high + pad
    if series.unit == "%":
        low, high = max(low, 0.0), min(high, 100.0)
    elif series.cumulative:
        low = min(0.0, low)
    return low, high


def draw_metric(ax: Axes, series: MetricSeries, *, compact: bool = False) -> Line2D | None:
    """Draw ``series`` into ``ax``; returns the readings' line (for hover), None without any."""
    draw_static(ax, series, compact=compact)
    line, _artists = draw_readings(ax, series, compact=compact)
    return line


def static_key(series: MetricSeries, compact: bool) -> tuple[object, ...]:
    """Everything ``draw_static`` draws from: equal keys, equal background (only the
    readings, their pace lines and the legend differ), so a chart can redraw just those."""
    m = series.metric
    return (
        series.title,
        series.unit,
        series.quarter,
        series.today,
        m.baseline,
        m.floor,
        series.stretch,
        series.downgraded_from,
        series.cumulative,
        _limits(series),
        bool(series.points),
        compact,
    )


def draw_static(ax: Axes, series: MetricSeries, *, compact: bool = False) -> None:
    """The frame of a metric's chart: axes, goal lines, today, or "No check-in yet"."""
    m, unit, q = series.metric, series.unit, series.quarter
    ax.set_title(series.title, fontsize=9 if compact else 11, loc="left")
    ax.set_xlim(q.start, q.end + dt.timedelta(days=1))
    ax.set_ylim(*_limits(series))
    ticks, labels = _week_ticks(series, compact)
    ax.set_xticks(ticks, labels, fontsize=7 if compact else 8)
    ax.tick_params(axis="y", labelsize=7 if compact else 8)
    ax.grid(True, color=GRID, linewidth=0.8)
    ax.set_axisbelow(True)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    if unit and not compact:
        ax.set_ylabel(unit, fontsize=8)

    if m.baseline is not None:
        text = _tr("Baseline %1").replace("%1", with_unit(m.baseline, unit))
        _hline(ax, m.baseline, BASELINE, ":", text, compact, left=False)
    same = m.floor is not None and series.stretch is not None and series.stretch == m.floor
    if m.floor is not None:
        text = _tr("Floor (保底) %1").replace("%1", with_unit(m.floor, unit))
        if same and series.downgraded_from is not None:
            # After a downgrade to the floor, one line says both (two labels would overlap).
            text = _tr("Floor (保底) %1 = stretch (冲刺), lowered from %2")
            text = text.replace("%1", with_unit(m.floor, unit))
            text = text.replace("%2", with_unit(series.downgraded_from, unit))
        _hline(ax, m.floor, FLOOR, "--", text, compact)
    if series.downgraded_from is not None:
        ax.axhline(series.downgraded_from, color=STRETCH, linestyle="--", linewidth=1, alpha=0.3)
    if series.stretch is not None and not same:
        if series.downgraded_from is not None:
            text = _tr("Stretch (冲刺) lowered %1 → %2").replace(
                "%1", with_unit(series.downgraded_from, unit)
            )
            text = text.replace("%2", with_unit(series.stretch, unit))
        else:
            text = _tr("Stretch (冲刺) %1").replace("%1", with_unit(series.stretch, unit))
        _hline(ax, series.stretch, STRETCH, "--", text, compact)
    if q.contains(series.today):
        ax.axvline(series.today, color=TODAY, linewidth=1, alpha=0.6)
        # Bottom left of the line: the line labels sit at the right edge, readings go up.
        ax.annotate(
            _tr("Today %1").replace("%1", f"{series.today:%m-%d}"),
            xy=(series.today, 0.0),
            xycoords=("data", "axes fraction"),
            xytext=(-3, 3),
            textcoords="offset points",
            ha="right",
            fontsize=7,
            color=TODAY,
        )
    if not series.points:
        ax.text(
            0.5,
            0.5,
            _tr("No check-in yet"),
            transform=ax.transAxes,
            ha="center",
            va="center",
            color=TODAY,
            fontsize=8 if compact else 10,
        )


def draw_readings(
    ax: Axes, series: MetricSeries, *, compact: bool = False
) -> tuple[Line2D | None, list[Artist]]:
    """What a check-in changes: the readings, the latest value, the pace lines and the legend
    (it names the paces). Returns the readings' line and every artist drawn here."""
    before = set(ax.get_children())
    line = None
    if series.points:
        xs = [p.date for p in series.points]
        ys = [p.value for p in series.points]
        if series.carry_to is not None:
            xs.append(series.carry_to)
            ys.append(ys[-1])
        (line,) = ax.plot(
            xs,
            ys,
            color=DATA,
            linewidth=2,
            marker="o",
            markersize=3 if compact else 5,
            markevery=list(range(len(series.points))),
            drawstyle="steps-post" if series.cumulative else "default",
            label=series.metric.name,
            zorder=5,
        )
        last = series.trend.latest
        if last is not None:
            ax.annotate(
                with_unit(last.value, series.unit),
                xy=(last.date, last.value),
                xytext=(-4, 6),
                textcoords="offset points",
                ha="right",
                fontsize=7 if compact else 8,
                color=DATA,
                fontweight="bold",
            )
        _pace_lines(ax, series, compact)
    _legend(ax, compact)
    return line, [a for a in ax.get_children() if a not in before]


def _pace_lines(ax: Axes, series: MetricSeries, compact: bool) -> None:
    latest, trend, unit = series.trend.latest, series.trend, gain_unit(series.unit)
    if latest is None:
        return
    end = series.quarter.end
    for goal, pace, colour, text in (
        (series.metric.floor, trend.pace_to_floor, FLOOR, _tr("Pace to floor: %1 a week")),
        (series.stretch, trend.pace_to_stretch, STRETCH, _tr("Pace to stretch: %1 a week")),
    ):
        if goal is None or pace is None or pace <= 0 or latest.date >= end:
            continue
        if colour == STRETCH and goal == series.metric.floor:
            continue  # the same line as the pace to the floor
        shown = "∞" if math.isinf(pace) else signed(pace, unit)
        ax.plot(
            [latest.date, end],
            [latest.value, goal],
            color=colour,
            linestyle=":",
            linewidth=1.6,
            label=None if compact else text.replace("%1", shown),
        )


def _legend(ax: Axes, compact: bool) -> None:
    if not compact and ax.get_legend_handles_labels()[0]:
        ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.1), ncol=2, fontsize=7, frameon=False)


def draw_kr_text(ax: Axes, charts: KRCharts) -> None:
    """A KR without a metric in the overview: its title and a line saying so."""
    ax.set_axis_off()
    ax.set_title(charts.title, fontsize=9, loc="left")
    ax.text(0.5, 0.5, _tr("No metric to chart"), transform=ax.transAxes, ha="center",
            va="center", color=TODAY, fontsize=8)  # fmt: skip
