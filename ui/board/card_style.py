"""How cards look: colours, sizes and fonts, and the text measurements every card repeats.

One ``CardStyle`` per scene. Text widths and elided texts are cached per text and width, so
after the first card a status word, a KR code or an owner costs a dictionary look-up.
"""

from __future__ import annotations

from collections import OrderedDict
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QImage,
    QTextLayout,
    QTextLine,
    QTextOption,
)

from models.enums import Status

INK = QColor("#1d2733")
MUTED = QColor("#5f6b7a")
FAINT = QColor("#8a95a3")
BORDER = QColor("#d3d9e1")
SELECTED = QColor("#3b7ddd")
RED = QColor("#c62828")
AMBER = QColor("#e08600")
DONE, TODO = Status.DONE.value, Status.TODO.value
STATUS_CHIPS = {
    TODO: (QColor("#eef1f5"), QColor("#4a5563")),
    Status.DOING.value: (QColor("#dbe9ff"), QColor("#1f5fbf")),
    DONE: (QColor("#dcf3e4"), QColor("#1e7b45")),
}
CHIPS = {  # background and text of a chip, by tone: KR code, slips, status
    "kr": (QColor("#e7ecf7"), QColor("#2d4a7a")),
    "slip": (QColor("#fdecd8"), QColor("#a4510b")),
    **STATUS_CHIPS,
}
BODY, BODY_DONE = 0xFFFFFF, 0xF6F8FA  # a card's background, as 0xRRGGBB
STRIPE = 5.0
PAD = 7.0
DOT = 9.0
TITLE, TEXT, SMALL = 0, 1, 2  # which of a style's fonts, in its caches
_CACHE_LIMIT = 50_000  # entries per text cache; a new export of a huge board starts afresh


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
        self.text_ascent = self.text_fm.ascent()
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
        self.bold_font = QFont(self.text_font)
        self.bold_font.setBold(True)
        self._metrics = (self.title_fm, self.text_fm, self.small_fm)
        self._wrap = QTextOption()
        self._wrap.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        self._advances: dict[tuple[int, str], float] = {}
        self._elided: dict[tuple[int, str, float], str] = {}
        # An image export paints each card once: straight onto its opaque image is faster
        # than through a cached card image with an alpha channel.
        self.cache_images = True
        self._pixmaps: OrderedDict[tuple[Any, ...], QImage] = OrderedDict()  # whole cards
        self._pixmap_bytes = 0
        self._stamps: dict[int, Any] = {}  # CardStamps of card parts, per device pixel ratio

    def advance(self, font: int, text: str) -> float:
        """The width of ``text`` in font ``TITLE``, ``TEXT`` or ``SMALL``."""
        key = (font, text)
        found = self._advances.get(key)
        if found is None:
            if len(self._advances) > _CACHE_LIMIT:
                self._advances.clear()
            found = self._advances[key] = self._metrics[font].horizontalAdvance(text)
        return found

    def elided(self, font: int, text: str, width: float) -> str:
        """``text`` cut with an ellipsis to fit ``width``."""
        key = (font, text, width)
        found = self._elided.get(key)
        if found is None:
            if len(self._elided) > _CACHE_LIMIT:
                self._elided.clear()
            found = self._metrics[font].elidedText(text, Qt.TextElideMode.ElideRight, width)
            self._elided[key] = found
        return found

    def title_layout(
        self, text: str, width: float
    ) -> tuple[QTextLayout, QTextLine, QTextLine, bool]:
        """The title wrapped at ``width``: its first two lines, and whether more follows (the
        second line is then drawn elided instead). Drawing the lines from the layout costs
        no second shaping of the text, unlike ``drawText`` of each line."""
        layout = QTextLayout(text, self.title_font)
        layout.setTextOption(self._wrap)
        layout.setCacheEnabled(True)  # keep the shaped glyphs for drawing
        layout.beginLayout()
        first = layout.createLine()
        first.setLineWidth(width)
        second = layout.createLine()
        more = False
        if second.isValid():
            second.setLineWidth(width)
            more = layout.createLine().isValid()
        layout.endLayout()
        return layout, first, second, more
