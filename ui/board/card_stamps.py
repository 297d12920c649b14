"""Cards of an image export painted from images of their parts ("stamps").

An export paints thousands of cards whose parts repeat: the frame of a card with a given light
and status, its status chip, its KR codes, owner and due date, often its done criteria. Painted
one by one, each part is a few QPainter calls of shaping text and filling antialiased paths,
with Python in between; a part seen before is here one blit of an opaque image of it.

A stamp is painted the way the part would be painted in place: same fonts, transform and
sub-pixel offsets, over the same plain colour (a card's body, or the board's column tint that
shows at a card's rounded corners), so blitting it gives the same pixels. A part is painted in
place the first time it is seen and stamped from the second on, so text that occurs once
(most titles) costs no more than before.

Parts have areas that never overlap (``card_parts.card_parts``), so a blit never covers a
neighbour. A part whose pixels would reach out of its area (a glyph stacked with accents, say)
is found out when its stamp is made, and is painted in place from then on; parts painted in
place come after the card's blits, so none covers them.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QTransform

from ui.board.board_model import CardFacts
from ui.board.card_parts import Area, Draw, Key, card_parts
from ui.board.card_style import CardStyle

BUDGET = 64 * 1024 * 1024  # bytes of stamps kept; past it, new parts are painted in place
_SEEN_LIMIT = 200_000  # keys of parts seen once, remembered to stamp them the second time
_HINTS = QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing
_UNSEEN = object()
CLEAR = -1  # ``under`` of a frame painted on a card image of its own: transparent around it


class CardStamps:
    """Paints cards at ``scale`` device pixels per logical one: onto an opaque RGB32 image
    (an export), or each onto a transparent image of its own (``clear``: the window keeps
    cards as images; stamps are then ARGB like that image, so text is drawn the same way)."""

    def __init__(self, scale: int, *, clear: bool = False) -> None:
        self.scale = scale
        self.clear = clear
        self._format = (
            QImage.Format.Format_ARGB32_Premultiplied if clear else QImage.Format.Format_RGB32
        )
        self._stamps: dict[tuple[Any, ...], tuple[QImage, QPoint] | None] = {}
        self._seen: set[tuple[Any, ...]] = set()
        self._bytes = 0
        self._painter: QPainter | None = None
        self._around: int | None = None
        self._device = QTransform()
        self._card = QTransform()
        self._in_card = False
        self._later: list[tuple[Callable[..., None], tuple[Any, ...]]] = []

    @property
    def stamped(self) -> int:
        """How many parts are kept as images."""
        return sum(1 for found in self._stamps.values() if found is not None)

    @property
    def in_place_only(self) -> int:
        """How many parts reach out of their areas, so are always painted in place."""
        return sum(1 for found in self._stamps.values() if found is None)

    def paint(
        self,
        painter: QPainter,
        image: QImage,
        x: int,
        y: int,
        w: float,
        h: float,
        card: Any,
        facts: CardFacts,
        style: CardStyle,
        selected: bool = False,
    ) -> None:
        """Paint ``card`` (``w`` x ``h`` logical) with its top left at device pixel (x, y)
        of ``image``, the image ``painter`` paints on. Changes the painter's transform."""
        s = self.scale
        self._painter = painter
        self._around = CLEAR if self.clear else _around(image, x, y, math.ceil(w * s))
        self._card = QTransform(s, 0, 0, s, x, y)
        if s != 1:
            self._device = QTransform.fromTranslate(x, y)
        painter.setWorldTransform(self._card)
        self._in_card = True
        later = self._later
        card_parts(self, w, h, card, facts, style, selected)
        if later:  # parts painted in place come after the blits, which would cover them
            if not self._in_card:
                painter.setWorldTransform(self._card)
                self._in_card = True
            for draw, args in later:
                draw(painter, *args)
            later.clear()

    def part(self, key: Key, under: int | None, area: Area, draw: Draw, *args: Any) -> None:
        painter = self._painter
        assert painter is not None
        now = under is None  # the frame: first, under everything else
        if now:
            under = self._around
            if under is None:  # no plain colour around the card: nothing to stamp it on
                self._to_card(painter)
                draw(painter, *args)
                return
        full = (key, under, area)
        found = self._stamps.get(full, _UNSEEN)
        if found is _UNSEEN:
            if full in self._seen and self._bytes <= BUDGET:
                found = self._stamps[full] = self._stamp(under, area, draw, args)
            else:  # painted in place the first time: most titles are never seen again
                if len(self._seen) > _SEEN_LIMIT:
                    self._seen.clear()
                self._seen.add(full)
                found = None
        if found is None:
            if now:
                self._to_card(painter)
                draw(painter, *args)
            else:
                self._later.append((draw, args))
            return
        if self._in_card and self.scale != 1:
            painter.setWorldTransform(self._device)
            self._in_card = False
        painter.drawImage(found[1], found[0])

    def _to_card(self, painter: QPainter) -> None:
        if not self._in_card:
            painter.setWorldTransform(self._card)
            self._in_card = True

    def _stamp(
        self,
        under: int,
        area: tuple[float, float, float, float],
        draw: Callable[..., None],
        args: tuple[Any, ...],
    ) -> tuple[QImage, QPoint] | None:
        """The part painted alone over ``under``, and its top left in device pixels of the
        card; None when its pixels reach out of ``area`` (a blit would cut them off): it is
        then always painted in place."""
        s = self.scale
        left, top = math.floor(area[0] * s), math.floor(area[1] * s)
        right, bottom = math.ceil(area[2] * s), math.ceil(area[3] * s)
        ring = 4 * s  # painted around the area, to see whether anything lands there
        width, height = right - left + 2 * ring, bottom - top + 2 * ring
        fill = QColor(Qt.GlobalColor.transparent) if under == CLEAR else QColor(under)
        canvas = QImage(width, height, self._format)
        canvas.fill(fill)
        painter = QPainter(canvas)
        painter.setRenderHints(_HINTS)
        painter.setWorldTransform(QTransform(s, 0, 0, s, ring - left, ring - top))
        draw(painter, *args)
        painter.end()
        stamp = canvas.copy(ring, ring, right - left, bottom - top)
        painter = QPainter(canvas)
        painter.setCompositionMode(QPainter.CompositionMode.CompositionMode_Source)
        painter.fillRect(QRect(ring, ring, right - left, bottom - top), fill)
        painter.end()
        blank = QImage(width, height, self._format)
        blank.fill(fill)
        if canvas != blank:
            return None
        self._bytes += stamp.sizeInBytes()
        return stamp, QPoint(left, top)


def _around(image: QImage, x: int, y: int, width: int) -> int | None:
    """The plain colour around a card at device (x, y), ``width`` wide: what shows at its
    rounded corners. None when the two sides differ (a card across two column tints)."""
    row = min(max(y, 0), image.height() - 1)
    if x < 1 or x + width >= image.width():
        return None
    left = image.pixel(x - 1, row) & 0xFFFFFF
    right = image.pixel(x + width, row) & 0xFFFFFF
    return left if left == right else None
