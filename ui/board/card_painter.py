"""Painting one card: light stripe and dot, title, KR tags, status, owner, due, done criteria.

A function over a QPainter rather than a widget, so lanes paint many cards cheaply, a drag can
render its pixmap, and an image export can reuse it. The window keeps whole cards as images
(``draw_card``): a repaint of a screen of cards is a few dozen blits.

A card is laid out as parts that never overlap (``card_parts``); here each part is painted as
it comes. An image export of thousands of cards blits the parts that repeat, such as status
chips, KR codes, dates and owners, from images of them instead (``card_stamps``).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QPainter, QPixmap

from ui.board.board_model import CardFacts
from ui.board.card_parts import DirectParts, card_parts
from ui.board.card_style import CardStyle

__all__ = ["CardStyle", "card_pixmap", "draw_card", "paint_card"]

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
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    painter.translate(rect.left(), rect.top())
    card_parts(DirectParts(painter), rect.width(), rect.height(), card, facts, style, selected)
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
