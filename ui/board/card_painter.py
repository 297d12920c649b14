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
from PySide6.QtGui import QImage, QPainter, QPixmap

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
    image = cache.get(key)
    if image is None:
        image = _card_image(card, facts, style, rect.width(), rect.height(), ratio, selected)
        cache[key] = image
        style._pixmap_bytes += image.sizeInBytes()
        while style._pixmap_bytes > PIXMAP_BUDGET and len(cache) > 1:
            _old_key, old = cache.popitem(last=False)
            style._pixmap_bytes -= old.sizeInBytes()
    else:
        cache.move_to_end(key)
    painter.drawImage(rect.topLeft(), image)


def _card_image(
    card: Any, facts: CardFacts, style: CardStyle, w: float, h: float, ratio: float, selected: bool
) -> QImage:
    """The card on a transparent image of its own, ``ratio`` device pixels per logical one.

    At a whole ratio its parts come from stamps (``card_stamps``): the parts that repeat from
    card to card (frames, chips, owners, due dates) are painted once and then blitted, which
    makes a first screen of cards about twice as fast to paint. Any other ratio paints each
    part in place."""
    width, height = round(w * ratio), round(h * ratio)
    image = QImage(width, height, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    inner = QPainter(image)
    inner.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    scale = round(ratio)
    if abs(ratio - scale) < 1e-9 and scale >= 1:
        stamps = style._stamps.get(scale)
        if stamps is None:
            from ui.board.card_stamps import CardStamps  # card_stamps imports card_style

            stamps = style._stamps[scale] = CardStamps(scale, clear=True)
        stamps.paint(inner, image, 0, 0, w, h, card, facts, style, selected)
    else:
        inner.scale(ratio, ratio)
        paint_card(inner, QRectF(0, 0, w, h), card, facts, style, selected=selected)
    inner.end()
    image.setDevicePixelRatio(ratio)
    return image


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
