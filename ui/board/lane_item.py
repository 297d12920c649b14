"""Graphics items of the board: one item per lane paints that lane's cards; two small overlays.

One item per lane rather than per card: building a 10,000-card board creates a few dozen Qt
objects, and painting asks the lane's slot grid for the cards inside the exposed rectangle, so a
repaint costs what is on screen, not what is on the board.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem, QWidget

from ui.board.card_painter import draw_card

if TYPE_CHECKING:
    from ui.board.scene import BoardScene


class LaneItem(QGraphicsItem):
    """Paints the cards of lane ``index`` (positioned at the lane's top)."""

    def __init__(self, board: BoardScene, index: int) -> None:
        super().__init__()
        self.board = board
        self.index = index
        self._rect = QRectF()
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemUsesExtendedStyleOption, True)
        self.sync()

    def sync(self) -> None:
        """Follow the geometry after a relayout: size and position."""
        geometry = self.board.model.geometry
        rect = QRectF(0, 0, geometry.width, geometry.lanes[self.index].height)
        if rect != self._rect:
            self.prepareGeometryChange()
            self._rect = rect
        self.setPos(0, geometry.lane_y[self.index])

    def boundingRect(self) -> QRectF:
        return self._rect

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        board = self.board
        model = board.model
        geometry = model.geometry
        lane = geometry.lanes[self.index]
        if not lane.placements:
            return
        exposed = option.exposedRect  # type: ignore[attr-defined]
        metrics = geometry.metrics
        first = geometry.column_at(max(exposed.left(), 0.0))
        last = geometry.column_at(min(exposed.right(), geometry.width - 0.01))
        first = 0 if first is None else first
        last = len(geometry.columns) - 1 if last is None else last
        top = int(max(exposed.top() - metrics.pad, 0.0) // metrics.slot_height)
        bottom = min(int((exposed.bottom() - metrics.pad) // metrics.slot_height), lane.slots - 1)
        seen: set[int] = set()
        selected = board.selected_set
        style = board.card_style
        for col in range(first, last + 1):
            for slot in range(top, bottom + 1):
                p = lane.grid.get((col, slot))
                if p is None or id(p) in seen:
                    continue
                seen.add(id(p))
                card = model.cards[p.card_id]
                rect = QRectF(p.x, p.y, p.w, p.h)
                facts = model.facts(p.card_id)
                draw_card(painter, rect, card, facts, style, selected=p.card_id in selected)


class DropIndicator(QGraphicsItem):
    """The cell a dragged card would land in: blue when it can, red with the reason when not."""

    def __init__(self) -> None:
        super().__init__()
        self._rect = QRectF()
        self.ok = True
        self.reason = ""
        self.setZValue(10)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemUsesExtendedStyleOption, True)
        self.setVisible(False)

    def show_at(self, rect: QRectF, ok: bool, reason: str) -> None:
        if rect != self._rect:
            self.prepareGeometryChange()
            self._rect = rect
        self.ok, self.reason = ok, reason
        self.setVisible(True)
        self.update()

    def boundingRect(self) -> QRectF:
        return self._rect.adjusted(-2, -2, 2, 2)

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        colour = QColor("#3b7ddd") if self.ok else QColor("#d93636")
        fill = QColor(colour)
        fill.setAlpha(38)
        painter.setPen(QPen(colour, 2.0, Qt.PenStyle.SolidLine))
        painter.setBrush(fill)
        # Only the part on screen (and a margin, so cut-off corners stay out of sight): a cell
        # of a 20,000-card lane is thousands of pixels tall, and stroking the whole rounded
        # outline on every mouse move would cost in proportion to it.
        exposed = option.exposedRect.adjusted(-12, -12, 12, 12)  # type: ignore[attr-defined]
        shape = self._rect.adjusted(1, 1, -1, -1).intersected(exposed)
        if not shape.isEmpty():
            painter.drawRoundedRect(shape, 6, 6)
        if not self.ok and self.reason:
            box = self._rect.adjusted(8, 8, -8, -8)
            box.setHeight(min(box.height(), 90))
            painter.setPen(colour.darker(130))
            flags = Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignHCenter
            painter.drawText(box, int(flags) | int(Qt.TextFlag.TextWordWrap), self.reason)


class CellMarker(QGraphicsItem):
    """The selected empty cell (where N creates a card), under the cards."""

    def __init__(self) -> None:
        super().__init__()
        self._rect = QRectF()
        self.setZValue(-1)
        self.setVisible(False)

    def show_at(self, rect: QRectF) -> None:
        if rect != self._rect:
            self.prepareGeometryChange()
            self._rect = rect
        self.setVisible(True)

    def boundingRect(self) -> QRectF:
        return self._rect

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        painter.setPen(QPen(QColor("#3b7ddd"), 1.5, Qt.PenStyle.DashLine))
        painter.setBrush(QColor(59, 125, 221, 18))
        painter.drawRect(self._rect.adjusted(2, 2, -2, -2))
