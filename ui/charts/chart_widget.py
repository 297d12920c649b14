"""Chart widgets: a matplotlib canvas created the first time the widget is shown.

``LazyChart`` holds the data to draw and a placeholder; on the first show it loads matplotlib
(``ui.charts.mpl``), creates ``FigureCanvasQTAgg(Figure())`` (never pyplot) and draws. New data
while hidden only marks the chart stale, so a change redraws only the charts that are on show.
Right-click offers "Export chart as PNG…"; hovering a reading shows its date, value and note.

A check-in changes only a chart's readings, pace lines and legend. Those are drawn as
*animated* artists on top of a cached background (matplotlib's blitting): when the frame of the
chart (titles, limits, goal lines) is what it was, a redraw replaces just them and blits, a few
milliseconds instead of a full layout and draw of the figure.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, QPoint, Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QFileDialog, QLabel, QMenu, QVBoxLayout, QWidget

from models.rules import with_unit
from ui.charts.series import KRCharts, MetricSeries, Point


def _tr(text: str) -> str:
    return QCoreApplication.translate("Charts", text)


class LazyChart(QWidget):
    """Base of the KR chart and the overview: lazy canvas, export, hover notes."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.canvas: Any = None
        self.figure: Any = None
        self._stale = True
        self.last_draw_seconds: float | None = None
        self.draw_count = 0
        # (axes, line, points, unit) for each readings line, for hover notes and tests
        self.lines: dict[int, tuple[Any, Any, tuple[Point, ...], str]] = {}
        self._notes: dict[Any, Any] = {}  # axes -> its hover annotation
        self.dynamic: list[Any] = []  # animated artists, drawn over the cached background
        self._background: Any = None  # (figure size, saved region) after the last full draw
        self.full_draws = 0  # full figure builds (the rest of draw_count were blits)
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self.placeholder = QLabel(_tr("The chart appears here."), self)
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.placeholder.setStyleSheet("color: #6b7178;")
        self._layout.addWidget(self.placeholder)

    # ----- lifecycle ---------------------------------------------------------------------
    def ensure_canvas(self) -> Any:
        """Create the canvas (and load matplotlib) once; returns it."""
        if self.canvas is not None:
            return self.canvas
        from ui.charts import mpl

        mpl.load()
        from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
        from matplotlib.figure import Figure

        self.figure = Figure(figsize=self.figure_size(), layout="constrained", facecolor="white")
        self.canvas = FigureCanvasQTAgg(self.figure)
        self.canvas.setParent(self)
        self.canvas.setObjectName("chartCanvas")
        self.canvas.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.canvas.customContextMenuRequested.connect(self._context_menu)
        self.canvas.mpl_connect("motion_notify_event", self._hover)
        self.canvas.mpl_connect("draw_event", self._on_draw)
        self.placeholder.hide()
        self._layout.addWidget(self.canvas)
        return self.canvas

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale and self.has_data():
            self.redraw()

    def mark_stale(self) -> None:
        """New data: redraw now if on show, else on the next show."""
        self._stale = True
        if self.isVisible() and self.has_data():
            self.redraw()

    def redraw(self) -> None:
        started = time.perf_counter()
        self.ensure_canvas()
        if not self.update_in_place():
            self.figure.clear()
            self.lines = {}
            self._notes = {}
            self.dynamic = []
            self._background = None
            self.draw_into(self.figure)
            for artist in self.dynamic:
                artist.set_animated(True)
            self.canvas.draw_idle()
            self.full_draws += 1
        self._stale = False
        self.draw_count += 1
        self.last_draw_seconds = time.perf_counter() - started

    def update_in_place(self) -> bool:
        """Redraw only the animated artists if the frame is unchanged; False to rebuild."""
        return False

    def _on_draw(self, event: Any) -> None:
        """After every full draw on screen: keep the background and put the animated artists
        on top. (Saving a PNG draws them with the rest: axes draw them when saving.)"""
        if self.canvas.is_saving():
            return
        self._background = (
            tuple(self.figure.bbox.bounds),
            self.canvas.copy_from_bbox(self.figure.bbox),
        )
        for artist in sorted(self.dynamic, key=lambda a: a.get_zorder()):
            artist.draw(event.renderer)

    def blit_dynamic(self) -> None:
        """Show new animated artists: over the cached background if it still fits the canvas,
        else by a full draw (which draws them too)."""
        saved = self._background
        if saved is None or saved[0] != tuple(self.figure.bbox.bounds):
            self.canvas.draw_idle()
            return
        self.canvas.restore_region(saved[1])
        for artist in sorted(self.dynamic, key=lambda a: a.get_zorder()):
            self.figure.draw_artist(artist)
        self.canvas.blit(self.figure.bbox)

    # ----- to override -------------------------------------------------------------------
    def has_data(self) -> bool:
        return False

    def figure_size(self) -> tuple[float, float]:
        return (6.4, 3.2)

    def draw_into(self, figure: Any) -> None:
        raise NotImplementedError

    # ----- export ------------------------------------------------------------------------
    def export_png(self, path: str) -> str:
        """Save the chart as a PNG (drawn now if it never was); returns the path."""
        if self.canvas is None or self._stale:
            self.redraw()
        self.figure.savefig(path, dpi=150, facecolor="white")
        return path

    def _context_menu(self, pos: QPoint) -> None:
        menu = QMenu(self)
        action = menu.addAction(_tr("Export chart as PNG…"))
        action.triggered.connect(self.ask_export)
        menu.popup(self.canvas.mapToGlobal(pos))
        self.context_menu = menu  # kept for tests; replaced on the next right-click

    def ask_export(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, _tr("Export chart as PNG"), self.export_name(), _tr("PNG image (*.png)")
        )
        if path:
            self.export_png(path if path.lower().endswith(".png") else path + ".png")

    def export_name(self) -> str:
        return "chart.png"

    # ----- hover notes -------------------------------------------------------------------
    def register_line(self, key: int, ax: Any, line: Any, series: MetricSeries) -> None:
        self.lines[key] = (ax, line, series.points, series.unit)
        note = ax.annotate(
            "",
            xy=(0, 0),
            xytext=(8, 8),
            textcoords="offset points",
            fontsize=8,
            bbox={"boxstyle": "round,pad=0.3", "fc": "#fffbe6", "ec": "#c8b560"},
            zorder=10,
        )
        note.set_visible(False)
        self._notes[ax] = note

    def note_text(self, point: Point, unit: str) -> str:
        text = f"{point.date.isoformat()}  {with_unit(point.value, unit)}"
        return f"{text}\n{point.note}" if point.note else text

    def _hover(self, event: Any) -> None:
        changed = False
        for ax, line, points, unit in self.lines.values():
            note = self._notes.get(ax)
            if note is None:
                continue
            hit, info = (False, {}) if event.inaxes is not ax else line.contains(event)
            indexes = [int(i) for i in info.get("ind", ()) if int(i) < len(points)]
            if hit and indexes:
                point = points[indexes[0]]
                note.xy = (point.date, point.value)
                note.set_text(self.note_text(point, unit))
                changed = True
                note.set_visible(True)
            elif note.get_visible():
                note.set_visible(False)
                changed = True
        if changed:
            self.canvas.draw_idle()

    def hover_note(self, key: int) -> str | None:
        """The text of the hover note shown on a line's axes (None when hidden)."""
        ax = self.lines[key][0]
        note = self._notes.get(ax)
        return note.get_text() if note is not None and note.get_visible() else None


class KRChart(LazyChart):
    """A KR's metrics side by side (KR1: coverage and accuracy; KR5: cumulative orders);
    stacked when the panel is too narrow for that."""

    MIN_CHART_WIDTH = 380  # pixels a metric needs to be readable side by side
    CHART_HEIGHT = 300

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("krChart")
        self.setMinimumHeight(self.CHART_HEIGHT)
        self.series: list[MetricSeries] = []
        self._drawn: tuple[int, bool] = (0, False)
        self._frames: list[tuple[object, ...]] = []  # static_key of each drawn series
        self._axes: list[Any] = []
        self._drawn_artists: list[list[Any]] = []  # per series, its animated artists

    def set_series(self, series: Sequence[MetricSeries]) -> None:
        self.series = list(series)
        self._fit_height()
        self.mark_stale()

    def _fit_height(self) -> None:
        # A fixed height: a panel whose other parts grow or shrink by a few pixels (a longer
        # reason for a computed light) must not resize the canvas, which would cost a full
        # draw instead of a blit of the new readings.
        rows = -(-max(1, len(self.series)) // self.columns())
        self.setFixedHeight(self.CHART_HEIGHT * rows)

    def showEvent(self, event: QShowEvent) -> None:
        if self._stale and self.series:
            # Settle the size for this width first (and the panel's scroll bar with it), so
            # the first draw is the only one, not one at a guessed size and one after.
            self._fit_height()
            QCoreApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
        super().showEvent(event)

    def columns(self) -> int:
        n = max(1, len(self.series))
        if not self.isVisible():
            return n  # an export of a chart never shown: side by side
        return n if self.width() >= self.MIN_CHART_WIDTH * n else 1

    def resizeEvent(self, event: Any) -> None:
        super().resizeEvent(event)
        if self.canvas is not None and self.series and self._layout_key() != self._drawn:
            self.set_series(self.series)

    def _layout_key(self) -> tuple[int, bool]:
        return self.columns(), self.isVisible() and self.width() < self.MIN_CHART_WIDTH * 1.3

    def has_data(self) -> bool:
        return bool(self.series)

    def figure_size(self) -> tuple[float, float]:
        return (5.4 * max(1, len(self.series)), 3.6)

    def export_name(self) -> str:
        return (self.series[0].title.split(" ")[0] if self.series else "chart") + ".png"

    def draw_into(self, figure: Any) -> None:
        from ui.charts.draw import draw_readings, draw_static, static_key

        if self.canvas is not None and not self.canvas.isVisible():
            figure.set_size_inches(*self.figure_size())
        columns = self.columns()
        rows = -(-max(1, len(self.series)) // columns)
        self._drawn = self._layout_key()
        axes = figure.subplots(rows, columns, squeeze=False).flatten()
        compact = self._drawn[1]  # narrow: the overview's style, labels on lines, no legend
        self._frames, self._axes, self._drawn_artists = [], [], []
        for ax, series in zip(axes, self.series, strict=False):
            draw_static(ax, series, compact=compact)
            line, artists = draw_readings(ax, series, compact=compact)
            if line is not None:
                self.register_line(series.metric.id, ax, line, series)
            self._frames.append(static_key(series, compact))
            self._axes.append(ax)
            self._drawn_artists.append(artists)
            self.dynamic += artists

    def update_in_place(self) -> bool:
        """New readings in the same frame (the usual check-in): swap the readings' artists."""
        from ui.charts.draw import draw_readings, static_key

        compact = self._drawn[1]
        if (
            not self._axes
            or self._layout_key() != self._drawn
            or self._frames != [static_key(s, compact) for s in self.series]
        ):
            return False
        self.dynamic = []
        for i, (ax, series) in enumerate(zip(self._axes, self.series, strict=True)):
            for artist in self._drawn_artists[i]:
                artist.remove()
            line, artists = draw_readings(ax, series, compact=compact)
            for artist in artists:
                artist.set_animated(True)
            if line is not None:
                self.lines[series.metric.id] = (ax, line, series.points, series.unit)
            self._drawn_artists[i] = artists
            self.dynamic += artists
        self.blit_dynamic()
        return True


class OverviewChart(LazyChart):
    """All KRs' small charts in one figure (one canvas, not one widget per chart)."""

    COLUMNS = 3

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("overviewChart")
        self.krs: list[KRCharts] = []

    def set_krs(self, krs: Sequence[KRCharts]) -> None:
        self.krs = list(krs)
        rows = max(1, -(-len(self._panels()) // self.COLUMNS))
        self.setMinimumHeight(210 * rows)
        self.mark_stale()

    def has_data(self) -> bool:
        return bool(self.krs)

    def _panels(self) -> list[tuple[KRCharts, MetricSeries | None]]:
        out: list[tuple[KRCharts, MetricSeries | None]] = []
        for kr in self.krs:
            out += [(kr, s) for s in kr.series] if kr.series else [(kr, None)]
        return out

    def figure_size(self) -> tuple[float, float]:
        rows = max(1, -(-len(self._panels()) // self.COLUMNS))
        return (11.0, 2.6 * rows)

    def export_name(self) -> str:
        return "overview.png"

    def draw_into(self, figure: Any) -> None:
        from ui.charts.draw import draw_kr_text, draw_metric

        panels = self._panels()
        if self.canvas is not None and not self.canvas.isVisible():
            figure.set_size_inches(*self.figure_size())
        rows = max(1, -(-len(panels) // self.COLUMNS))
        axes = figure.subplots(rows, self.COLUMNS, squeeze=False).flatten()
        for ax, (kr, series) in zip(axes, panels, strict=False):
            if series is None:
                draw_kr_text(ax, kr)
                continue
            line = draw_metric(ax, series, compact=True)
            if line is not None:
                self.register_line(series.metric.id, ax, line, series)
        for ax in axes[len(panels) :]:
            ax.set_axis_off()
