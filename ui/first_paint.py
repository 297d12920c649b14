"""Work that can wait until the window is on screen: run it right after the first paint.

A window that appears sooner and then finishes building a hidden page, or a backup, in the next
turn of the event loop feels faster than one that does everything first; nothing the user can
reach yet depends on that work (whatever does, builds or runs it on first use instead).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget


class _FirstPaint(QObject):
    def __init__(
        self, widget: QWidget, callback: Callable[[], None], fallback_ms: int | None
    ) -> None:
        super().__init__(widget)
        self._callback: Callable[[], None] | None = callback
        widget.installEventFilter(self)
        if fallback_ms is not None:
            QTimer.singleShot(fallback_ms, self, self._run)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and self._callback is not None:
            watched.removeEventFilter(self)
            # The rest of the window paints in this same pass; the callback runs after it.
            QTimer.singleShot(0, self, self._run)  # not at all if the widget is gone by then
        return False

    def _run(self) -> None:
        callback, self._callback = self._callback, None
        if callback is not None:
            self.deleteLater()
            callback()


def after_first_paint(
    widget: QWidget, callback: Callable[[], None], *, fallback_ms: int | None = None
) -> None:
    """Call ``callback`` once, in the event-loop turn after ``widget`` is first painted.

    Without ``fallback_ms`` it is never called if the widget is never shown (offscreen tests
    that only build a window), so the callback must be safe to skip: whatever needs its work
    does it on first use. With it, a widget not painted by then gets the call anyway.
    """
    _FirstPaint(widget, callback, fallback_ms)
