"""One plan size in one fresh process: open, paint, drag, board build, drop -> commit, undo, redo.

``python -m benchmarks.board_worker URL REPEAT [--open-only]`` prints ``RESULT {json}`` last. A process per size
keeps the peak RSS (``ru_maxrss``) of one size apart from the others. Everything goes through the
real window (``app.main.create_main_window``): the board's own event handlers for a drag, the
scene's drop entry point for a drop, the undo stack for undo and redo.
"""

from __future__ import annotations

import datetime as dt
import gc
import json
import os
import resource
import sys
import time
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QEvent, QMimeData, QObject, QPoint, Qt
from PySide6.QtGui import QDragEnterEvent, QDragLeaveEvent, QDragMoveEvent
from PySide6.QtWidgets import QApplication, QWidget

from app.main import create_main_window, ensure_application
from benchmarks.sections import count_statements

VIEWPORT = (1600, 1000)
DRAG_MOVES = 240
DROPS = 40


class PaintCounter(QObject):
    """Counts paint events of one widget (a repaint that did not happen is not measured)."""

    def __init__(self, widget: QWidget) -> None:
        super().__init__(widget)
        self.count = 0
        widget.installEventFilter(self)

    def eventFilter(self, _obj: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.count += 1
        return False


def open_window(url: str) -> tuple[Any, float]:
    """Choosing a plan file -> board painted: the window and the seconds it took."""
    app = QApplication.instance()
    t0 = time.perf_counter()
    window = create_main_window(url)
    window.resize(1600, 1000)
    counter = PaintCounter(window.board.view.viewport())
    window.show()
    while not counter.count:
        app.processEvents()
    return window, time.perf_counter() - t0


def wait_complete(window: Any) -> float:
    """Seconds from the first paint until the board holds every card: a big plan shows its
    first lanes first and reads the rest on the next turn of the event loop."""
    app = QApplication.instance()
    t0 = time.perf_counter()
    while not window.board.is_complete:
        app.processEvents()
    app.processEvents()  # the repaint with the whole board
    return time.perf_counter() - t0


def close_window(window: Any) -> None:
    """Close and really delete (``processEvents`` alone never runs deferred deletes)."""
    window.close()
    window.context.db.engine.dispose()
    window.deleteLater()
    QApplication.instance().processEvents()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)
    gc.collect()


def fit_viewport(window: Any) -> QWidget:
    """Resize the window until the board's viewport is exactly 1600x1000."""
    app = QApplication.instance()
    viewport = window.board.view.viewport()
    for _ in range(6):
        app.processEvents()
        dw, dh = VIEWPORT[0] - viewport.width(), VIEWPORT[1] - viewport.height()
        if not dw and not dh:
            break
        sizes = window.splitter.sizes()
        window.resize(window.width() + dw, window.height() + dh)
        sizes[1] += dw
        window.splitter.setSizes(sizes)
    return viewport


def measure_paint(window: Any, repeat: int) -> list[float]:
    """A full repaint of the board viewport (synchronous ``repaint``), centred on the board."""
    view = window.board.view
    viewport = fit_viewport(window)
    g = window.board.scene.model.geometry
    view.centerOn(g.width / 2, g.height / 2)
    QApplication.instance().processEvents()
    times = []
    for _ in range(repeat * 5 + 1):
        t0 = time.perf_counter()
        viewport.repaint()
        times.append(time.perf_counter() - t0)
    return times[1:]


def _drag_path(viewport: QWidget, moves: int) -> list[QPoint]:
    """A zigzag over the viewport: a third of a column per step, crossing lanes and columns."""
    w, h = viewport.width(), viewport.height()
    points, x, y, dx = [], 20, 30, 67
    for _ in range(moves):
        points.append(QPoint(x, y))
        x += dx
        if not 0 < x < w:
            dx, x, y = -dx, min(max(x, 20), w - 20), (y + 97) % (h - 40) + 20
    return points


def measure_drag(window: Any) -> tuple[list[float], int, int]:
    """Per mouse move of a drag: the view's handler + scene update + the repaint it causes.

    Returns the times, the number of database statements issued during the drag and how many
    moves repainted the viewport.
    """
    app = QApplication.instance()
    scene, view = window.board.scene, window.board.view
    viewport = fit_viewport(window)
    view.horizontalScrollBar().setValue(0)
    view.verticalScrollBar().setValue(0)
    app.processEvents()
    card = next(iter(scene.model.geometry.by_card))
    mime = QMimeData()
    mime.setData("application/x-okr-card-ids", json.dumps([card]).encode())
    statements = count_statements(window.svc.engine)
    before = statements()
    paints = PaintCounter(viewport)
    action, left = Qt.DropAction.MoveAction, Qt.MouseButton.LeftButton
    none = Qt.KeyboardModifier.NoModifier
    path = _drag_path(viewport, DRAG_MOVES)
    app.sendEvent(viewport, QDragEnterEvent(path[0], action, mime, left, none))
    app.processEvents()
    times = []
    for point in path:
        t0 = time.perf_counter()
        app.sendEvent(viewport, QDragMoveEvent(point, action, mime, left, none))
        app.processEvents()
        times.append(time.perf_counter() - t0)
    app.sendEvent(viewport, QDragLeaveEvent())
    app.processEvents()
    return times[1:], statements() - before, paints.count


def measure_build(window: Any, repeat: int) -> tuple[list[float], list[float], int]:
    """Board build: the scene from plain records (``BoardScene.load_data``), and the read."""
    from app.services.board_queries import load_board
    from ui.board.scene import BoardScene

    svc, plan_id = window.svc, window.plan_id
    reads, builds = [], []
    data = None
    for _ in range(repeat + 1):
        t0 = time.perf_counter()
        data = load_board(svc, plan_id)
        reads.append(time.perf_counter() - t0)
        scene = BoardScene()
        t0 = time.perf_counter()
        scene.load_data(data)
        builds.append(time.perf_counter() - t0)
        scene.deleteLater()
        QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)
        del scene
    assert data is not None
    return reads[1:], builds[1:], len(data.cards)


def _drop_targets(window: Any, count: int) -> list[tuple[int, Any, dt.date]]:
    """Week cards, their lane and the next week (all months open, so every week is a column)."""
    scene = window.board.scene
    scene.set_focus(None)
    scene.set_collapsed(())
    model = scene.model
    last_week = model.quarter.weeks()[-1].start
    out = []
    for card in model.cards.values():
        if card.level != "week" or card.period_start >= last_week or not card.kr_ids:
            continue
        lane_key = model.lanes[model.lanes_of(card)[0]].key
        out.append((card.id, lane_key, card.period_start + dt.timedelta(weeks=1)))
        if len(out) == count:
            break
    return out


def measure_drops(window: Any) -> dict[str, Any]:
    """Drop -> committed through ``scene.drop_mime``; then undo and redo of that move.

    ``drop`` is the synchronous handling of the drop (the command applied and committed with
    WAL + synchronous=FULL, the board refreshed); ``settle`` is the work queued behind it
    (deferred refreshes) until the event loop is idle again.
    """
    from ui.board.scene import encode_ids

    app = QApplication.instance()
    scene, stack = window.board.scene, window.undo_stack
    statements = count_statements(window.svc.engine)
    drops, settles, undos, redos, counts = [], [], [], [], []
    refused: list[str] = []
    scene.message.connect(refused.append)
    for card_id, lane_key, week in _drop_targets(window, DROPS):
        mime = encode_ids([card_id])
        app.processEvents()
        pos = scene.cell_center(lane_key, "week", week)  # lanes grow and shrink after drops
        before = statements()
        t0 = time.perf_counter()
        ok = scene.drop_mime(mime, pos, Qt.KeyboardModifier.NoModifier)
        t1 = time.perf_counter()
        app.processEvents()
        t2 = time.perf_counter()
        if not ok:
            raise RuntimeError(f"drop of card {card_id} was refused: {refused}")
        counts.append(statements() - before)
        drops.append(t1 - t0)
        settles.append(t2 - t1)
        t0 = time.perf_counter()
        stack.undo()
        undos.append(time.perf_counter() - t0)
        app.processEvents()
        t0 = time.perf_counter()
        stack.redo()
        redos.append(time.perf_counter() - t0)
        app.processEvents()
    return {
        "drop": drops[1:],
        "settle": settles[1:],
        "undo": undos[1:],
        "redo": redos[1:],
        "statements": counts[1:],
    }


def main(argv: list[str]) -> int:
    """``--open-only``: time ``REPEAT`` + 1 opens of each plan in ``URL`` (comma-separated,
    taking turns; the first round dropped). Otherwise one open, then everything a user does on
    a board, and the peak RSS of that one window."""
    from PySide6.QtCore import QStandardPaths

    QStandardPaths.setTestModeEnabled(True)  # never the user's settings, language or geometry
    url, repeat = argv[0], int(argv[1])
    ensure_application()
    if "--open-only" in argv:
        # URL may list several plans (comma-separated): their opens take turns, so a drift in
        # the machine's speed over the run touches each plan alike and their ratio holds.
        urls = url.split(",")
        opens: dict[str, list[float]] = {u: [] for u in urls}
        completes: dict[str, list[float]] = {u: [] for u in urls}
        for _ in range(repeat + 1):
            for each in urls:
                window, seconds = open_window(each)
                opens[each].append(seconds)
                completes[each].append(seconds + wait_complete(window))
                close_window(window)
        result = {u: {"open": opens[u][1:], "complete": completes[u][1:]} for u in urls}
        print("RESULT " + json.dumps(result), flush=True)
        return 0
    window, seconds = open_window(url)
    wait_complete(window)
    result: dict[str, Any] = {"first_open": seconds}
    result["paint"] = measure_paint(window, repeat)
    result["drag"], result["drag_statements"], result["drag_paints"] = measure_drag(window)
    result.update(measure_drops(window))
    # The peak of one window doing what a user does; the build below adds scenes of its own.
    result["rss_kb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    result["read"], result["build"], result["cards"] = measure_build(window, repeat)
    close_window(window)
    print("RESULT " + json.dumps(result), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
