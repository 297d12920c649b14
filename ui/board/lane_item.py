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

RADIUS = 6.0  # of the drop outline's corners
WHITE_TINT = "#ffffff"

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


OK_COLOUR, REFUSED_COLOUR = QColor("#3b7ddd"), QColor("#d93636")
TINT_ALPHA = 38  # of the drop colour over the cell's background


def tint_over(colour: QColor, base: QColor, alpha: int = TINT_ALPHA) -> QColor:
    """``colour`` at ``alpha`` over the opaque ``base``, as one opaque colour."""
    a = alpha / 255
    return QColor(
        round(colour.red() * a + base.red() * (1 - a)),
        round(colour.green() * a + base.green() * (1 - a)),
        round(colour.blue() * a + base.blue() * (1 - a)),
    )


class DropIndicator(QGraphicsItem):
    """The cell a dragged card would land in: blue when it can, red with the reason when not.

    The outline (and a refusal's reason) is drawn over the cards; the cell's tint is a second
    item under them (``fill``), one opaque colour: a translucent fill over a cell as tall as
    the screen cost most of each mouse move on a dense board, and grew with the cards a cell
    holds. Add ``fill`` to the scene too.
    """

    def __init__(self) -> None:
        super().__init__()
        self._rect = QRectF()
        self.ok = True
        self.reason = ""
        self._tint = QColor(WHITE_TINT)
        self.setZValue(10)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemUsesExtendedStyleOption, True)
        self.setVisible(False)
        self.fill = DropFill()

    def show_at(self, rect: QRectF, ok: bool, reason: str, background: QColor) -> None:
        """Show the cell ``rect``, whose own background colour is ``background``."""
        if rect != self._rect:
            self.prepareGeometryChange()
            self._rect = rect
        self.ok, self.reason = ok, reason
        self._tint = tint_over(OK_COLOUR if ok else REFUSED_COLOUR, background)
        self.fill.show_at(rect, self._tint)
        self.setVisible(True)
        self.update()

    def clear(self) -> None:
        self.setVisible(False)
        self.fill.setVisible(False)

    def boundingRect(self) -> QRectF:
        return self._rect.adjusted(-2, -2, 2, 2)

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        colour = OK_COLOUR if self.ok else REFUSED_COLOUR
        painter.setPen(QPen(colour, 2.0, Qt.PenStyle.SolidLine))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        # Only the part on screen (and a margin, so cut-off corners stay out of sight): a cell
        # of a 20,000-card lane is thousands of pixels tall, and stroking the whole rounded
        # outline on every mouse move would cost in proportion to it.
        exposed = option.exposedRect.adjusted(-12, -12, 12, 12)  # type: ignore[attr-defined]
        shape = self._rect.adjusted(1, 1, -1, -1).intersected(exposed)
        if not shape.isEmpty():
            painter.drawRoundedRect(shape, RADIUS, RADIUS)
        if not self.ok and self.reason:
            box = self._rect.adjusted(8, 8, -8, -8)
            box.setHeight(min(box.height(), 90))
            flags = int(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignHCenter) | int(
                Qt.TextFlag.TextWordWrap
            )
            text = painter.boundingRect(box, flags, self.reason).intersected(box)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(self._tint)  # the reason stays legible over the cards under it
            painter.drawRoundedRect(text.adjusted(-4, -2, 4, 2), 4, 4)
            painter.setPen(colour.darker(130))
            painter.drawText(box, flags, self.reason)


class DropFill(QGraphicsItem):
    """The drop target's tint, under the cards: an opaque fill of the outline's inside."""

    def __init__(self) -> None:
        super().__init__()
        self._rect = QRectF()
        self.colour = QColor(WHITE_TINT)
        self.setZValue(-0.5)  # over the cell marker, under the lanes' cards
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemUsesExtendedStyleOption, True)
        self.setVisible(False)

    def show_at(self, rect: QRectF, colour: QColor) -> None:
        inner = rect.adjusted(2, 2, -2, -2)  # up to the outline's inner edge
        if inner != self._rect:
            self.prepareGeometryChange()
            self._rect = inner
        self.colour = colour
        self.setVisible(True)
        self.update()

    def boundingRect(self) -> QRectF:
        return self._rect

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        exposed = option.exposedRect  # type: ignore[attr-defined]
        area = self._rect.intersected(exposed)
        if area.isEmpty():
            return
        # The inside of the outline: its straight body as plain rectangles (no antialiasing:
        # their edges lie on pixel edges), only its four rounded corners as antialiased
        # quarter discs, so the cost does not grow with the cell's height.
        rect, r = self._rect, min(RADIUS - 1, self._rect.width() / 2, self._rect.height() / 2)
        left, top, right, bottom = rect.left(), rect.top(), rect.right(), rect.bottom()
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        for part in (
            QRectF(left + r, top, rect.width() - 2 * r, rect.height()),
            QRectF(left, top + r, r, rect.height() - 2 * r),
            QRectF(right - r, top + r, r, rect.height() - 2 * r),
        ):
            painter.fillRect(part.intersected(area), self.colour)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(self.colour)
        d = 2 * r
        for x, y, start in (
            (left, top, 90),
            (right - d, top, 0),
            (left, bottom - d, 180),
            (right - d, bottom - d, 270),
        ):
            corner = QRectF(x, y, d, d)
            if corner.intersects(area):
                painter.drawPie(corner, start * 16, 90 * 16)
        painter.restore()


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
