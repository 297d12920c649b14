"""Charts in one fresh process: the first open of a KR's chart, then redraws after check-ins.

``python -m benchmarks.chart_worker PLAN_PATH REPEAT`` prints ``RESULT {json}`` last.

* first open: a KR chosen in the goal tree -> its trend chart painted, including the lazy import
  of matplotlib, the canvas and the first draw (the window itself is built before the clock);
* redraw after a check-in: a check-in pushed through the undo stack -> the chart painted again.
  ``redraw`` runs from the chart being handed the new series to its canvas painted; ``checkin``
  from the push (commit and every view's refresh included) to the same paint.
"""

from __future__ import annotations

import json
import os
import sys
import time
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QEvent, QObject, QStandardPaths
from PySide6.QtWidgets import QApplication, QScrollArea, QWidget


class CanvasPaints(QObject):
    """Application-wide filter: counts paints of any chart canvas (it does not exist yet) and
    notes when the last one finished (a full draw happens inside the canvas's paint)."""

    def __init__(self) -> None:
        super().__init__()
        self.count = 0
        self.ends: list[float] = []
        self._canvas: Any = None

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and obj.objectName() == "chartCanvas":
            self.count += 1
            if self._canvas is None:
                self._watch_end(type(obj))
        return False

    def _watch_end(self, canvas_type: Any) -> None:
        original = canvas_type.paintEvent
        paints = self

        def paint_event(canvas: Any, event: Any) -> None:
            original(canvas, event)
            paints.ends.append(time.perf_counter())

        canvas_type.paintEvent = paint_event
        self._canvas = canvas_type


def wait_for_paint(paints: CanvasPaints, seen: int, since: float, limit: float = 30.0) -> float:
    """Process events until a canvas painted after ``seen`` paints; when the first paint after
    ``since`` ended (a full draw happens inside the canvas's paint, a blit before it)."""
    app = QApplication.instance()
    deadline = time.perf_counter() + limit
    while paints.count == seen:
        app.processEvents()
        if time.perf_counter() > deadline:
            raise RuntimeError("the chart never painted")
    app.processEvents()
    return next((t for t in paints.ends if t >= since), time.perf_counter())


def _scroll_into_view(widget: QWidget) -> None:
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QScrollArea):
            parent.ensureWidgetVisible(widget, 0, 0)
            return
        parent = parent.parentWidget()


def main(argv: list[str]) -> int:
    QStandardPaths.setTestModeEnabled(True)
    path, repeat = argv[0], int(argv[1])
    from app.main import create_main_window

    window = create_main_window(path)
    app = QApplication.instance()
    window.resize(1600, 1000)
    window.show()
    for _ in range(5):
        app.processEvents()
    assert "matplotlib" not in sys.modules, "matplotlib was imported before the first chart"
    paints = CanvasPaints()
    app.installEventFilter(paints)
    tree = window.svc.tree(window.plan_id)
    kr = next(k for k in tree.krs if tree.metrics_of(k.id))
    t0 = time.perf_counter()
    window.goal_tree.setCurrentIndex(window.tree_model.find("kr", kr.id))
    chart = window.metrics.section.chart
    _scroll_into_view(chart)  # the KR panel scrolls; the chart may sit below its fold
    first_open = wait_for_paint(paints, 0, t0) - t0

    started: list[float] = []
    original = chart.redraw

    def timed_redraw() -> None:
        started.append(time.perf_counter())
        original()

    chart.redraw = timed_redraw  # type: ignore[method-assign]
    from ui.checkin_commands import add_checkin

    metric = tree.metrics_of(kr.id)[0]
    today = window.svc.today(window.plan_id)
    redraws, totals = [], []
    for i in range(repeat + 1):
        existing = window.svc.checkins(metric.id)
        command = add_checkin(metric, existing, today, float(40 + i), f"bench {i}")
        seen = paints.count
        started.clear()
        t0 = time.perf_counter()
        window.edit_context.push(command)
        t1 = wait_for_paint(paints, seen, started[0] if started else t0)
        if started:
            redraws.append(t1 - started[0])
        totals.append(t1 - t0)
        seen = paints.count
        window.undo_stack.undo()
        wait_for_paint(paints, seen, time.perf_counter())
    result: dict[str, Any] = {
        "first_open": first_open,
        "full_draws": chart.full_draws,
        "draws": chart.draw_count,
        "redraw": redraws[1:],
        "checkin": totals[1:],
    }
    window.close()
    window.context.db.engine.dispose()
    print("RESULT " + json.dumps(result), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
