"""Painting one card: light stripe and dot, title, KR tags, status, owner, due, done criteria.

A function over a QPainter rather than a widget, so lanes paint many cards cheaply, a drag can
render its pixmap, and an image export can reuse it. Wrapped titles are cached per text and width:
after the first paint a card costs a handful of draw calls.
"""

from __future__ import annotations

from collections import OrderedDict
from typing import Any

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QPainter,
    QPainterPath,
    QPen,
    QPixmap,
    QTextLayout,
    QTextOption,
)

from models.tables import Status
from ui.board.board_model import CardFacts
from ui.board.texts import short_date, status_name, tr
from ui.lights import light_colour

INK = QColor("#1d2733")
MUTED = QColor("#5f6b7a")
FAINT = QColor("#8a95a3")
BORDER = QColor("#d3d9e1")
SELECTED = QColor("#3b7ddd")
RED = QColor("#c62828")
AMBER = QColor("#e08600")
STATUS_COLOURS = {
    Status.TODO.value: (QColor("#eef1f5"), QColor("#4a5563")),
    Status.DOING.value: (QColor("#dbe9ff"), QColor("#1f5fbf")),
    Status.DONE.value: (QColor("#dcf3e4"), QColor("#1e7b45")),
}
STRIPE = 5.0
PAD = 7.0


class CardStyle:
    """Fonts and the card height they imply; one per scene."""

    def __init__(self, base: QFont) -> None:
        self.title_font = QFont(base)
        self.title_font.setPointSizeF(base.pointSizeF() + 0.5)
        self.title_font.setWeight(QFont.Weight.DemiBold)
        self.text_font = QFont(base)
        self.small_font = QFont(base)
        self.small_font.setPointSizeF(max(base.pointSizeF() - 1.0, 7.0))
        self.title_fm = QFontMetricsF(self.title_font)
        self.text_fm = QFontMetricsF(self.text_font)
        self.small_fm = QFontMetricsF(self.small_font)
        self.title_line = self.title_fm.lineSpacing()
        self.chip_h = self.small_fm.height() + 3
        self.text_line = self.text_fm.lineSpacing()
        self.card_height = round(
            PAD
            + 2 * self.title_line
            + 5
            + self.chip_h
            + 5
            + self.text_line
            + 2
            + self.text_line
            + PAD
        )
        self._wrapped: dict[tuple[str, float], tuple[str, str]] = {}
        # An image export paints each card once: straight onto its opaque image is faster
        # than through a cached card image with an alpha channel.
        self.cache_images = True
        self._pixmaps: OrderedDict[tuple[Any, ...], QPixmap] = OrderedDict()
        self._pixmap_bytes = 0

    def title_lines(self, text: str, width: float) -> tuple[str, str]:
        """The title in at most two lines, the second elided."""
        key = (text, width)
        found = self._wrapped.get(key)
        if found is not None:
            return found
        layout = QTextLayout(text, self.title_font)
        option = QTextOption()
        option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        layout.setTextOption(option)
        layout.beginLayout()
        line = layout.createLine()
        first, rest = text, ""
        if line.isValid():
            line.setLineWidth(width)
            cut = line.textStart() + line.textLength()
            first, rest = text[:cut].rstrip(), text[cut:].lstrip()
        layout.endLayout()
        second = self.title_fm.elidedText(rest, Qt.TextElideMode.ElideRight, width) if rest else ""
        if len(self._wrapped) > 50_000:
            self._wrapped.clear()
        self._wrapped[key] = (first, second)
        return first, second


PIXMAP_BUDGET = 48 * 1024 * 1024  # bytes of card images kept (a few screens' worth)


def draw_card(
    painter: QPainter,
    rect: QRectF,
    card: Any,
    facts: CardFacts,
    style: CardStyle,
    *,
    selected: bool = False,
) -> None:
    """Paint a card from a cached image of it, painting the image first when needed.

    Cards change only through a new record (or new facts), which is part of the key, so a
    repaint of a screen of cards (scrolling, a drag's highlight moving) is a few dozen blits.
    """
    ratio = painter.device().devicePixelRatioF() * painter.worldTransform().m11()
    if ratio <= 0 or painter.worldTransform().isRotating() or not style.cache_images:
        paint_card(painter, rect, card, facts, style, selected=selected)
        return
    key = (card, facts, selected, rect.width(), rect.height(), ratio)
    cache = style._pixmaps
    pixmap = cache.get(key)
    if pixmap is None:
        width, height = round(rect.width() * ratio), round(rect.height() * ratio)
        pixmap = QPixmap(width, height)
        pixmap.setDevicePixelRatio(ratio)
        pixmap.fill(Qt.GlobalColor.transparent)
        inner = QPainter(pixmap)
        paint_card(
            inner, QRectF(0, 0, rect.width(), rect.height()), card, facts, style, selected=selected
        )
        inner.end()
        cache[key] = pixmap
        style._pixmap_bytes += width * height * 4
        while style._pixmap_bytes > PIXMAP_BUDGET and len(cache) > 1:
            _old_key, old = cache.popitem(last=False)
            style._pixmap_bytes -= old.width() * old.height() * 4
    else:
        cache.move_to_end(key)
    painter.drawPixmap(rect.topLeft(), pixmap)


def _chip(
    painter: QPainter, style: CardStyle, x: float, y: float, text: str, bg: QColor, fg: QColor
) -> float:
    """A small rounded label; returns its right edge."""
    width = style.small_fm.horizontalAdvance(text) + 10
    rect = QRectF(x, y, width, style.chip_h)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(bg)
    painter.drawRoundedRect(rect, 4, 4)
    painter.setPen(fg)
    painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, text)
    return rect.right() + 4


def _link_badge(painter: QPainter, x: float, y: float, size: float) -> float:
    """Two linked rings: the same card is shown in another lane too."""
    pen = QPen(SELECTED, 1.6)
    painter.setPen(pen)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    r = size * 0.32
    cy = y + size / 2
    painter.drawEllipse(QPointF(x + r + 1, cy), r, r)
    painter.drawEllipse(QPointF(x + 2.2 * r + 1, cy), r, r)
    return x + 3.4 * r + 6


def _warning_mark(painter: QPainter, x: float, y: float, size: float, colour: QColor) -> None:
    path = QPainterPath()
    path.moveTo(x + size / 2, y)
    path.lineTo(x + size, y + size)
    path.lineTo(x, y + size)
    path.closeSubpath()
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(colour)
    painter.drawPath(path)
    painter.setPen(QPen(QColor("white"), 1.4))
    painter.drawLine(QPointF(x + size / 2, y + size * 0.35), QPointF(x + size / 2, y + size * 0.7))
    painter.drawPoint(QPointF(x + size / 2, y + size * 0.85))


def paint_card(
    painter: QPainter,
    rect: QRectF,
    card: Any,
    facts: CardFacts,
    style: CardStyle,
    *,
    selected: bool = False,
) -> None:
    """Paint ``card`` into ``rect`` (scene or pixmap coordinates)."""
    done = card.status == Status.DONE.value
    colour = light_colour(facts.light)
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    body = QPainterPath()
    body.addRoundedRect(rect.adjusted(0.5, 0.5, -0.5, -0.5), 6, 6)
    painter.setPen(QPen(SELECTED, 2.0) if selected else QPen(BORDER, 1.0))
    painter.setBrush(QColor("#f6f8fa") if done else QColor("white"))
    painter.drawPath(body)
    painter.save()
    painter.setClipPath(body)
    painter.fillRect(QRectF(rect.left(), rect.top(), STRIPE, rect.height()), colour)
    painter.restore()

    left = rect.left() + STRIPE + PAD
    right = rect.right() - PAD
    y = rect.top() + PAD
    dot = 9.0
    painter.setPen(QPen(colour.darker(125), 1.2))
    painter.setBrush(colour if facts.light is not None else Qt.BrushStyle.NoBrush)
    painter.drawEllipse(QRectF(right - dot, y + (style.title_line - dot) / 2, dot, dot))

    width = right - dot - 6 - left
    first, second = style.title_lines(card.title, width)
    painter.setFont(style.title_font)
    painter.setPen(FAINT if done else INK)
    ascent = style.title_fm.ascent()
    painter.drawText(QPointF(left, y + ascent), first)
    if second:
        painter.drawText(QPointF(left, y + style.title_line + ascent), second)
    y += 2 * style.title_line + 5

    painter.setFont(style.small_font)
    x = left
    for code in facts.kr_codes:
        x = _chip(painter, style, x, y, code, QColor("#e7ecf7"), QColor("#2d4a7a"))
    if facts.linked:
        x = _link_badge(painter, x, y, style.chip_h)
    bg, fg = STATUS_COLOURS.get(card.status, STATUS_COLOURS[Status.TODO.value])
    status = status_name(card.status)
    sx = right - style.small_fm.horizontalAdvance(status) - 10
    _chip(painter, style, sx, y, status, bg, fg)
    if facts.slips:
        text = tr("slipped %1×").replace("%1", str(facts.slips))
        slip_x = sx - style.small_fm.horizontalAdvance(text) - 14
        if slip_x > x:
            _chip(painter, style, slip_x, y, text, QColor("#fdecd8"), QColor("#a4510b"))
    y += style.chip_h + 5

    painter.setFont(style.text_font)
    due = short_date(card.due)
    due_w = 0.0
    if due:
        due_text = tr("due %1").replace("%1", due)
        due_w = style.text_fm.horizontalAdvance(due_text)
        due_x = right - due_w
        if facts.due_outside:
            mark = style.text_fm.ascent() * 0.8
            _warning_mark(painter, due_x - mark - 4, y + (style.text_line - mark) / 2, mark, AMBER)
            due_w += mark + 4
        painter.setPen(RED if facts.overdue else MUTED)
        if facts.overdue:
            bold = QFont(style.text_font)
            bold.setBold(True)
            painter.setFont(bold)
        painter.drawText(QPointF(due_x, y + style.text_fm.ascent()), due_text)
        painter.setFont(style.text_font)
    owner_w = right - left - due_w - 8
    owner = style.text_fm.elidedText(card.owner_role, Qt.TextElideMode.ElideRight, owner_w)
    painter.setPen(MUTED)
    painter.drawText(QPointF(left, y + style.text_fm.ascent()), owner)
    y += style.text_line + 2

    criteria = card.done_criteria
    if facts.overdue:
        criteria = tr("Overdue") + " · " + criteria
    text = style.text_fm.elidedText(criteria, Qt.TextElideMode.ElideRight, right - left)
    painter.setPen(RED if facts.overdue else FAINT)
    painter.drawText(QPointF(left, y + style.text_fm.ascent()), text)
    painter.restore()


def card_pixmap(
    card: Any, facts: CardFacts, style: CardStyle, width: float, ratio: float
) -> QPixmap:
    """The card as an image (what a drag carries under the cursor)."""
    pix = QPixmap(int(width * ratio), int(style.card_height * ratio))
    pix.setDevicePixelRatio(ratio)
    pix.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pix)
    painter.setOpacity(0.9)
    paint_card(painter, QRectF(0, 0, width, style.card_height), card, facts, style, selected=True)
    painter.end()
    return pix
