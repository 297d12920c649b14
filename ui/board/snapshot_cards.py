"""Which cards an image strip shows, and where strips should end so that few cards are cut.

A board image is painted in strips (``render``, ``render_png``). The window's lane items find
the cards of an exposed rectangle through each lane's slot grid; an export asks the same of
every strip of a 30,000-pixel-high image, so here every placement of the board is sorted by
its top once and a strip's cards are a slice of that list. A card's facts (light, overdue,
KR codes...) are worked out once per export, not once per strip it touches.

A card cut by a strip's edge is painted in both strips. Strips end in the gaps between rows of
cards where one is near, which leaves few cards to paint twice; the choice depends only on
the layout, so the same board still gives the same bytes.
"""

from __future__ import annotations

import math
from bisect import bisect_left
from typing import TYPE_CHECKING

from PySide6.QtCore import QRectF
from PySide6.QtGui import QImage, QPainter, QTransform

from ui.board.card_painter import paint_card

if TYPE_CHECKING:
    from ui.board.board_model import CardFacts
    from ui.board.card_stamps import CardStamps
    from ui.board.layout import Placement
    from ui.board.scene import BoardScene


class CardIndex:
    """Every placement of ``scene``'s board, by top (board coordinates, logical pixels)."""

    def __init__(self, scene: BoardScene) -> None:
        self.scene = scene
        self.model = scene.model
        g = self.model.geometry
        rows: list[tuple[float, float, int, int, Placement]] = []
        for lane, layout in enumerate(g.lanes):
            lane_top = g.lane_y[lane]
            for order, p in enumerate(layout.placements):
                rows.append((lane_top + p.y, p.x, lane, order, p))
        rows.sort(key=lambda r: r[:4])
        self.tops = [r[0] for r in rows]
        self.placements = [r[4] for r in rows]
        self.tallest = max((p.h for p in self.placements), default=0.0)
        self._facts: dict[int, CardFacts] = {}

    def facts(self, card_id: int) -> CardFacts:
        found = self._facts.get(card_id)
        if found is None:
            found = self._facts[card_id] = self.model.facts(card_id)
        return found

    def between(self, top: float, bottom: float) -> list[Placement]:
        """Placements that reach into board rows ``top`` .. ``bottom`` (touching is not)."""
        first = bisect_left(self.tops, top - self.tallest)
        last = bisect_left(self.tops, bottom, lo=first)
        tops, placements = self.tops, self.placements
        return [placements[i] for i in range(first, last) if tops[i] + placements[i].h > top]

    def paint(
        self,
        painter: QPainter,
        image: QImage,
        origin: tuple[float, float],
        top: float,
        bottom: float,
        stamps: CardStamps,
    ) -> None:
        """Paint the cards that reach into board rows ``top`` .. ``bottom`` onto ``image``,
        whose device pixel ``origin`` is the board's top left. Changes the transform.

        A card at whole device pixels is stamped from images of its parts; one that is not
        (or is selected, with its wider border) is painted as the window paints it.
        """
        scene = self.scene
        model, style, selected = self.model, scene.card_style, scene.selected_set
        slack = 1.0 if selected else 0.0  # a selected card's border reaches out of it
        lane_y, s = model.geometry.lane_y, stamps.scale
        left, top_y = origin
        for p in self.between(top - slack, bottom + slack):
            card, facts = model.cards[p.card_id], self.facts(p.card_id)
            x, y = left + p.x * s, top_y + (lane_y[p.lane] + p.y) * s
            if x.is_integer() and y.is_integer() and p.card_id not in selected:
                stamps.paint(painter, image, int(x), int(y), p.w, p.h, card, facts, style)
                continue
            painter.setWorldTransform(QTransform(s, 0, 0, s, left, top_y))
            rect = QRectF(p.x, lane_y[p.lane] + p.y, p.w, p.h)
            paint_card(painter, rect, card, facts, style, selected=p.card_id in selected)

    def card_band(self, y: float) -> tuple[float, float] | None:
        """The rows (top, bottom) of the row of cards that board row ``y`` falls in, if any."""
        g = self.model.geometry
        lane = g.lane_at(y)
        if lane is None:
            return None
        m = g.metrics
        local = y - g.lane_y[lane] - m.pad
        if local < 0:
            return None
        slot = int(local // m.slot_height)
        if slot >= g.lanes[lane].slots or local - slot * m.slot_height >= m.card_height:
            return None
        top = g.lane_y[lane] + m.pad + slot * m.slot_height
        return top, top + m.card_height


def strip_starts(
    index: CardIndex, height: int, rows: int, scale: int, board_top: int
) -> list[tuple[int, int]]:
    """(first row, rows) of each strip of an image ``height`` device rows high, strips at most
    ``rows`` high, ending where possible just above a row of cards rather than through it."""
    slot = index.model.geometry.metrics.slot_height * scale
    snap = rows >= 3 * slot  # else strips are too short to move their ends by a card
    out: list[tuple[int, int]] = []
    y0 = 0
    while y0 < height:
        end = min(y0 + rows, height)
        if snap and end < height:
            band = index.card_band(end / scale - board_top)
            if band is not None:
                moved = math.floor((band[0] + board_top) * scale)
                if moved - y0 >= rows - slot - 1:
                    end = moved
        out.append((y0, end - y0))
        y0 = end
    return out
