"""Frozen headers of the board: week/month/quarter names on top, lane names on the left.

Plain widgets in the view's margins that follow its scroll bars, so the grid scrolls under them
and a header repaint never touches the cards.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QFont, QMouseEvent, QPainter, QPainterPath, QPaintEvent, QPen
from PySide6.QtWidgets import QWidget

from models.calendar import Level
from ui.board.layout import Column
from ui.board.texts import month_name, tr, week_range
from ui.lights import light_colour

if TYPE_CHECKING:
    from ui.board.scene import BoardScene
    from ui.board.view import BoardView

HEADER_BG = QColor("#f1f3f6")
HEADER_LINE = QColor("#cfd6df")
INK = QColor("#1d2733")
MUTED = QColor("#5f6b7a")
ACCENT = QColor("#d98a00")


def _fonts(base: QFont) -> tuple[QFont, QFont]:
    bold = QFont(base)
    bold.setWeight(QFont.Weight.DemiBold)
    small = QFont(base)
    small.setPointSizeF(max(base.pointSizeF() - 1.0, 7.0))
    return bold, small


def _triangle(painter: QPainter, x: float, y: float, size: float, down: bool) -> None:
    path = QPainterPath()
    if down:
        path.moveTo(x, y)
        path.lineTo(x + size, y)
        path.lineTo(x + size / 2, y + size * 0.7)
    else:
        path.moveTo(x, y)
        path.lineTo(x + size * 0.7, y + size / 2)
        path.lineTo(x, y + size)
    path.closeSubpath()
    painter.save()
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(MUTED)
    painter.drawPath(path)
    painter.restore()


# ----- painting, shared by the header widgets and the PNG export (ui.board.render) ----------
def paint_column_headers(
    painter: QPainter,
    scene: BoardScene,
    width: float,
    height: float,
    offset: float,
    font: QFont,
    *,
    affordances: bool = True,
) -> None:
    """Column names in a ``width`` x ``height`` band whose left edge shows scene x ``offset``.

    ``affordances`` draws the fold triangles of months (a click folds them); an image leaves
    them out.
    """
    painter.fillRect(QRectF(0, 0, width, height), HEADER_BG)
    bold, small = _fonts(font)
    model = scene.model
    today = model.today if model.data is not None else None
    for index, col in enumerate(scene.columns()):
        x = col.x - offset
        if x > width or x + col.width < 0:
            continue
        rect = QRectF(x, 0, col.width, height)
        _paint_column(painter, col, rect, bold, small, model.focus, affordances)
        if today is not None and col.bucket.level is Level.MONTH and col.collapsed:
            count = model.geometry.hidden_count(index)
            if count:
                painter.setFont(small)
                painter.setPen(MUTED)
                box = QRectF(x, height / 2, col.width, height / 2)
                painter.drawText(box, Qt.AlignmentFlag.AlignCenter, f"({count})")
    painter.setPen(QPen(HEADER_LINE, 1))
    painter.drawLine(QPointF(0, height - 1), QPointF(width, height - 1))


def _paint_column(
    painter: QPainter,
    col: Column,
    rect: QRectF,
    bold: QFont,
    small: QFont,
    focus: object,
    affordances: bool,
) -> None:
    bucket = col.bucket
    half = rect.height() / 2
    top = QRectF(rect.left() + 8, 3, rect.width() - 16, half - 1)
    bottom = QRectF(rect.left() + 8, half, rect.width() - 16, half - 3)
    left = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
    if col.current and bucket.level is Level.WEEK:
        painter.fillRect(rect.adjusted(0, 0, 0, -1), QColor("#ffe9a8"))
        painter.fillRect(QRectF(rect.left(), rect.bottom() - 4, rect.width(), 3), ACCENT)
    elif col.current:
        painter.fillRect(rect.adjusted(0, 0, 0, -1), QColor("#fff4d6"))
    if bucket.level is Level.QUARTER:
        quarter = (bucket.start.month - 1) // 3 + 1
        painter.setFont(bold)
        painter.setPen(INK)
        painter.drawText(top, left, f"{bucket.start.year} Q{quarter}")
        painter.setFont(small)
        painter.setPen(MUTED)
        painter.drawText(bottom, left, tr("Quarter"))
    elif bucket.level is Level.MONTH:
        painter.setFont(bold)
        painter.setPen(INK)
        if col.collapsed:
            if affordances:
                _triangle(painter, rect.left() + 6, 10, 9, down=False)
            box = QRectF(rect.left(), 3, rect.width(), half - 1)
            painter.drawText(
                box.adjusted(12, 0, 0, 0),
                Qt.AlignmentFlag.AlignCenter,
                month_name(bucket.start),
            )
        elif focus is None and affordances:
            _triangle(painter, rect.left() + 8, top.center().y() - 3, 9, down=True)
            painter.drawText(top.adjusted(14, 0, 0, 0), left, month_name(bucket.start))
        else:
            painter.drawText(top, left, month_name(bucket.start))
        if not col.collapsed:
            painter.setFont(small)
            painter.setPen(MUTED)
            painter.drawText(bottom, left, tr("Month · %1").replace("%1", bucket.label))
    else:
        painter.setFont(bold)
        painter.setPen(INK)
        painter.drawText(top, left, bucket.label)
        if col.current:
            painter.setFont(small)
            painter.setPen(ACCENT.darker(140))
            painter.drawText(
                top,
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                tr("This week"),
            )
        painter.setFont(small)
        painter.setPen(MUTED)
        painter.drawText(bottom, left, week_range(bucket))
    painter.setPen(QPen(HEADER_LINE, 1))
    painter.drawLine(QPointF(rect.right(), 4), QPointF(rect.right(), rect.bottom() - 4))


def paint_lane_headers(
    painter: QPainter,
    scene: BoardScene,
    width: float,
    height: float,
    offset: float,
    font: QFont,
    *,
    rows: tuple[float, float] | None = None,
) -> None:
    """Lane names in a ``width`` x ``height`` band whose top edge shows scene y ``offset``.

    A lane's name stays at the top of the band while the lane is scrolled partly out of it.
    ``rows`` (band y from, to) paints only what lies there: an image painted in strips.
    """
    low, high = rows if rows is not None else (0.0, height)
    painter.fillRect(QRectF(0, low, width, high - low), HEADER_BG)
    model = scene.model
    g = model.geometry
    bold, small = _fonts(font)
    for i, spec in enumerate(model.lanes):
        y = g.lane_y[i] - offset
        h = g.lanes[i].height
        if y > high or y + h < low:
            continue
        top = max(y, 0.0)
        x = 10.0
        if spec.key[0] == "kr":
            colour = light_colour(spec.light)
            painter.setPen(QPen(colour.darker(125), 1.2))
            painter.setBrush(colour if spec.light is not None else Qt.BrushStyle.NoBrush)
            painter.drawEllipse(QRectF(x, top + 12, 10, 10))
            x += 16
        painter.setFont(bold)
        painter.setPen(INK)
        head = QRectF(x, top + 6, width - x - 8, 22)
        painter.drawText(
            head,
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            spec.code or spec.title,
        )
        if spec.code:
            painter.setFont(small)
            painter.setPen(MUTED)
            body = QRectF(10, top + 30, width - 18, max(min(h, y + h - top) - 36, 0))
            painter.drawText(
                body,
                int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
                | int(Qt.TextFlag.TextWordWrap),
                spec.title,
            )
        painter.setPen(QPen(HEADER_LINE, 1))
        painter.drawLine(QPointF(0, y + h), QPointF(width, y + h))
    painter.setPen(QPen(HEADER_LINE, 1))
    painter.drawLine(QPointF(width - 1, 0), QPointF(width - 1, height))


class ColumnHeader(QWidget):
    """Names of the columns; the current week is marked; a month header folds its weeks."""

    month_clicked = Signal(object)  # the month's start date

    def __init__(self, view: BoardView) -> None:
        super().__init__(view)
        self.view = view
        self.setObjectName("boardColumnHeader")
        self.setMouseTracking(False)

    def _offset(self) -> float:
        return self.view.mapToScene(0, 0).x()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        paint_column_headers(
            painter, self.view.board_scene, self.width(), self.height(), self._offset(), self.font()
        )
        painter.end()

    def column_at(self, x: float) -> Column | None:
        scene = self.view.board_scene
        index = scene.model.geometry.column_at(x + self._offset())
        return None if index is None else scene.columns()[index]

    def mousePressEvent(self, event: QMouseEvent) -> None:
        col = self.column_at(event.position().x())
        if col is not None and col.bucket.level is Level.MONTH:
            self.month_clicked.emit(col.bucket.start)
            event.accept()
            return
        super().mousePressEvent(event)

    def event(self, ev: object) -> bool:
        from PySide6.QtCore import QEvent
        from PySide6.QtGui import QHelpEvent
        from PySide6.QtWidgets import QToolTip

        if isinstance(ev, QHelpEvent) and ev.type() == QEvent.Type.ToolTip:
            col = self.column_at(ev.pos().x())
            if col is not None and col.bucket.level is Level.MONTH:
                tip = tr("Click to open %1") if col.collapsed else tr("Click to fold %1")
                QToolTip.showText(ev.globalPos(), tip.replace("%1", month_name(col.bucket.start)))
                return True
            QToolTip.hideText()
            return True
        return super().event(ev)


class LaneHeader(QWidget):
    """Lane names on the left: KR code, light and title (or line of work)."""

    def __init__(self, view: BoardView) -> None:
        super().__init__(view)
        self.view = view
        self.setObjectName("boardLaneHeader")

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        offset = self.view.mapToScene(0, 0).y()
        paint_lane_headers(
            painter, self.view.board_scene, self.width(), self.height(), offset, self.font()
        )
        painter.end()
