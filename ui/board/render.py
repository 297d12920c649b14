"""The action board as an image: the whole board, not just what a window shows, under a header.

File > Export board as PNG and ``okr-planner export-png`` both come here. A ``BoardSnapshot``
paints a ``BoardScene`` (built from plain records, no window needed) with the board's own
painting code: the card layout of the lane items (stamped from images of repeated parts,
``card_stamps``), the header functions for the column and lane names, the scene's grid. On
top sits a band naming the plan, quarter, focus, lanes, filter, the "as of" date and the
legend of lights.

The image is painted in strips of a few million pixels into opaque RGB32 images (several times
faster to paint on than ARGB32) and streamed into the PNG (``png_stream``), so a 10,000-card
board never exists as one 2 GB image. Nothing in it depends on the clock or on dict order of
anything but the plan's data: the same data and options give the same bytes.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QPointF, QRect, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontDatabase,
    QFontInfo,
    QFontMetricsF,
    QImage,
    QPainter,
    QPen,
)
from PySide6.QtWidgets import QApplication

from models.lights import Light
from ui.board.board_model import NOT_SET, CardFilter
from ui.board.card_stamps import CardStamps
from ui.board.headers import (
    HEADER_BG,
    HEADER_LINE,
    INK,
    MUTED,
    paint_column_headers,
    paint_lane_headers,
)
from ui.board.scene import BoardScene
from ui.board.snapshot_cards import CardIndex, strip_starts
from ui.board.texts import month_name, status_name
from ui.board.view import COLUMN_HEADER_HEIGHT, LANE_HEADER_WIDTH
from ui.lights import light_colour, light_name

if TYPE_CHECKING:
    from ui.board.render_png import StripHelper

MIN_WIDTH = 960  # logical pixels: room for the header band on a narrow board
SEAM = 2  # device pixels along the board's edges whitened before its background is painted
STRIP_PIXELS = 4_000_000  # per strip: ~16 MB of RGB32, a few strips in flight
# Families with Simplified Chinese glyphs, best first; a font without them falls back to one.
CJK_FAMILIES = (
    "Noto Sans CJK SC",
    "Source Han Sans SC",
    "Source Han Sans CN",
    "WenQuanYi Micro Hei",
    "WenQuanYi Zen Hei",
    "Microsoft YaHei",
    "PingFang SC",
    "Hiragino Sans GB",
)
_LEGEND: tuple[Light | None, ...] = (*Light, None)


def tr(text: str) -> str:
    return QCoreApplication.translate("BoardExport", text)


def snapshot_font(base: QFont | None = None) -> QFont:
    """``base`` (the application font) with a Chinese family behind it when it has no Chinese
    glyphs, so Chinese text renders the same on a server with no desktop as in the window.

    Always a font of its own (not sharing Qt's data with ``base``), so that scenes painted on
    different threads never share font data.
    """
    font = QFont(base if base is not None else QApplication.font())
    strategy = font.styleStrategy()  # changing a property gives the copy its own data
    other = QFont.StyleStrategy.PreferQuality
    font.setStyleStrategy(other if strategy != other else QFont.StyleStrategy.PreferDefault)
    font.setStyleStrategy(strategy)
    resolved = QFontInfo(font).family()  # "Sans Serif" is an alias; a family list needs names
    if _has_chinese(resolved):
        return font
    cjk = chinese_family()
    if cjk is not None:
        font.setFamilies([resolved, cjk])
    return font


def _has_chinese(family: str) -> bool:
    return QFontDatabase.WritingSystem.SimplifiedChinese in QFontDatabase.writingSystems(family)


def chinese_family() -> str | None:
    """An installed family with Simplified Chinese glyphs (a known good one first)."""
    installed = set(QFontDatabase.families())
    for name in CJK_FAMILIES:
        if name in installed:
            return name
    found = sorted(f for f in installed if _has_chinese(f))
    return found[0] if found else None


def build_scene(
    data: Any,
    *,
    lane_mode: str = "kr",
    focus: Any = None,
    collapsed: Iterable[Any] = (),
    card_filter: CardFilter | None = None,
    evaluation: Any = None,
    font: QFont | None = None,
) -> BoardScene:
    """A scene of ``data`` (BoardData) with these view options, for painting into an image."""
    scene = BoardScene(font=snapshot_font(font))
    scene.card_style.cache_images = False
    scene.load_view(
        data,
        lane_mode=lane_mode,
        focus=focus,
        collapsed=collapsed,
        card_filter=card_filter,
        evaluation=evaluation,
    )
    return scene


def copy_of_view(scene: BoardScene) -> BoardScene:
    """A scene showing what ``scene`` (the window's board) shows now: same records, lanes,
    focus, folded months, filter and computed lights; no selection, nothing shared."""
    model = scene.model
    return build_scene(
        model.data,
        lane_mode=model.lane_mode,
        focus=model.focus,
        collapsed=model.collapsed,
        card_filter=model.filter,
        evaluation=model.evaluation,
        font=scene.card_style.text_font,
    )


class BoardSnapshot:
    """The image of one scene at ``scale`` device pixels per logical pixel."""

    def __init__(self, scene: BoardScene, scale: int = 1) -> None:
        if scale < 1:
            raise ValueError(f"scale must be 1 or more, not {scale}")
        self.scene = scene
        self.scale = scale
        self.font = QFont(scene.card_style.text_font)
        self.title_font = QFont(self.font)
        self.title_font.setPointSizeF(self.font.pointSizeF() + 4)
        self.title_font.setWeight(QFont.Weight.DemiBold)
        title_line = QFontMetricsF(self.title_font).lineSpacing()
        self.text_line = QFontMetricsF(self.font).lineSpacing()
        self.band_height = math.ceil(12 + title_line + 6 + 2 * (self.text_line + 6) + 8)
        g = scene.model.geometry
        self.board_top = self.band_height + COLUMN_HEADER_HEIGHT
        self.width = max(LANE_HEADER_WIDTH + math.ceil(g.width), MIN_WIDTH)
        self.height = self.board_top + math.ceil(g.height)
        self.stamps = CardStamps(scale)  # images of card parts, kept from strip to strip

    @cached_property
    def cards(self) -> CardIndex:
        """The board's cards by position (made when first painted: the export dialog only
        asks a snapshot for its size and facts)."""
        return CardIndex(self.scene)

    @property
    def pixel_size(self) -> tuple[int, int]:
        return self.width * self.scale, self.height * self.scale

    def strip_rows(self) -> int:
        """The most device rows a strip has (a few million pixels)."""
        width, height = self.pixel_size
        return max(16, min(height, STRIP_PIXELS // width))

    def strips(self) -> list[tuple[int, int]]:
        """(first device row, rows) of each strip the PNG is painted in, top to bottom."""
        return strip_starts(
            self.cards, self.pixel_size[1], self.strip_rows(), self.scale, self.board_top
        )

    # ----- painting --------------------------------------------------------------------------
    def image(self) -> QImage:
        """The whole image at once (small boards, previews and tests; files use ``write_png``)."""
        width, height = self.pixel_size
        image = QImage(width, height, QImage.Format.Format_RGB32)
        self.paint_strip(image, 0)
        return image

    def paint_strip(
        self, image: QImage, y0: int, *, written: tuple[int, int] | None = None
    ) -> None:
        """Paint device rows ``y0`` .. ``y0 + image.height()`` of the snapshot into ``image``.

        ``written`` (device rows from, to): only those rows will be kept, so cards wholly
        outside them are left out (the rows around them are painted only so that shapes cut
        by the strip's edge antialias as in the whole image).
        """
        s = self.scale
        top, bottom = y0 / s, (y0 + image.height()) / s
        keep = (top, bottom) if written is None else (written[0] / s, written[1] / s)
        painter = QPainter(image)
        for rect in self._plain(image, y0):
            painter.fillRect(rect, Qt.GlobalColor.white)
        painter.setRenderHints(
            QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing
        )
        painter.translate(0, -y0)
        painter.scale(s, s)
        if top < self.band_height:
            self._paint_band(painter)
        if top < self.board_top and bottom > self.band_height:
            self._paint_column_header(painter)
        if bottom > self.board_top:
            self._paint_board(painter, top - self.board_top, bottom - self.board_top)
            painter.save()
            top, bottom = keep[0] - self.board_top, keep[1] - self.board_top
            origin = (LANE_HEADER_WIDTH * s, self.board_top * s - y0)  # of the board, in image
            self.cards.paint(painter, image, origin, top, bottom, self.stamps)
            painter.restore()
        painter.end()

    def _plain(self, image: QImage, y0: int) -> list[QRect]:
        """The device pixels of ``image`` to whiten before painting: all but the board's
        inside, which its own background covers (whitening that too would fill most pixels
        of a strip twice). The board's edges are whitened a few pixels into it, where its
        background may be antialiased and let what was there before show through."""
        s, g = self.scale, self.scene.model.geometry
        width, height = image.width(), image.height()
        top = math.ceil(self.board_top * s) - y0 + SEAM
        bottom = math.floor((self.board_top + g.height) * s) - y0 - SEAM
        left = math.ceil(LANE_HEADER_WIDTH * s) + SEAM
        right = math.floor((LANE_HEADER_WIDTH + g.width) * s) - SEAM
        if bottom <= top or right <= left:
            return [QRect(0, 0, width, height)]
        out = [QRect(0, 0, left, height), QRect(right, 0, width - right, height)]
        if top > 0:
            out.append(QRect(0, 0, width, top))
        if bottom < height:
            out.append(QRect(0, bottom, width, height - bottom))
        return out

    def _paint_column_header(self, painter: QPainter) -> None:
        g = self.scene.model.geometry
        painter.save()
        painter.translate(0, self.band_height)
        painter.fillRect(QRectF(0, 0, LANE_HEADER_WIDTH, COLUMN_HEADER_HEIGHT), HEADER_BG)
        painter.setPen(QPen(HEADER_LINE, 1))
        painter.drawLine(
            QPointF(LANE_HEADER_WIDTH - 1, 0), QPointF(LANE_HEADER_WIDTH - 1, COLUMN_HEADER_HEIGHT)
        )
        painter.drawLine(
            QPointF(0, COLUMN_HEADER_HEIGHT - 1),
            QPointF(LANE_HEADER_WIDTH, COLUMN_HEADER_HEIGHT - 1),
        )
        lanes = tr("Lanes by KR") if self.scene.model.lane_mode == "kr" else tr("Lanes by line")
        painter.setFont(self.font)
        painter.setPen(MUTED)
        painter.drawText(
            QRectF(10, 0, LANE_HEADER_WIDTH - 20, COLUMN_HEADER_HEIGHT),
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            lanes,
        )
        painter.translate(LANE_HEADER_WIDTH, 0)
        paint_column_headers(
            painter,
            self.scene,
            math.ceil(g.width),
            COLUMN_HEADER_HEIGHT,
            0,
            self.font,
            affordances=False,
        )
        painter.restore()

    def _paint_board(self, painter: QPainter, top: float, bottom: float) -> None:
        """Lane names and grid between board y ``top`` and ``bottom`` (cards come after)."""
        scene = self.scene
        g = scene.model.geometry
        if not g.lanes:
            return
        painter.save()
        painter.translate(0, self.board_top)
        top, bottom = max(top, 0.0), min(bottom, g.height)
        paint_lane_headers(
            painter, scene, LANE_HEADER_WIDTH, g.height, 0, self.font, rows=(top, bottom)
        )
        painter.translate(LANE_HEADER_WIDTH, 0)
        scene.drawBackground(painter, QRectF(0, top, g.width, bottom - top))
        painter.restore()

    def _paint_band(self, painter: QPainter) -> None:
        """Plan name; quarter, focus, lanes, filter, as-of date and count; legend of lights."""
        model = self.scene.model
        band = QRectF(0, 0, self.width, self.band_height)
        painter.fillRect(band, QColor("#f6f7f9"))
        painter.setPen(QPen(HEADER_LINE, 1))
        painter.drawLine(
            QPointF(0, band.bottom() - 0.5), QPointF(band.right(), band.bottom() - 0.5)
        )
        left = 16.0
        room = self.width - 2 * left
        y = 12.0
        painter.setFont(self.title_font)
        painter.setPen(INK)
        title_fm = QFontMetricsF(self.title_font)
        name = model.data.plan.name if model.data is not None else ""
        painter.drawText(
            QPointF(left, y + title_fm.ascent()),
            title_fm.elidedText(name, Qt.TextElideMode.ElideRight, room),
        )
        y += title_fm.lineSpacing() + 6
        fm = QFontMetricsF(self.font)
        painter.setFont(self.font)
        painter.setPen(MUTED)
        line = fm.elidedText(" · ".join(self.facts()), Qt.TextElideMode.ElideRight, room)
        painter.drawText(QPointF(left, y + fm.ascent()), line)
        y += self.text_line + 6
        x = left
        dot = 10.0
        for light in _LEGEND:
            colour = light_colour(light)
            painter.setPen(QPen(colour.darker(130), 1.2))
            painter.setBrush(colour if light is not None else Qt.BrushStyle.NoBrush)
            painter.drawEllipse(QRectF(x, y + (self.text_line - dot) / 2, dot, dot))
            x += dot + 5
            painter.setPen(INK)
            name = light_name(light)
            painter.drawText(QPointF(x, y + fm.ascent()), name)
            x += fm.horizontalAdvance(name) + 16

    def facts(self) -> list[str]:
        """The header's second line, item by item."""
        model = self.scene.model
        quarter = model.quarter
        q = (quarter.start.month - 1) // 3 + 1
        out = [
            f"{quarter.start.year} Q{q} ({quarter.start.isoformat()} – {quarter.end.isoformat()})"
        ]
        if model.focus is not None:
            focus = model.focus  # "Focus: Dec 2025", "聚焦：2025年12月"
            text = tr("Focus: %1 %2").replace("%1", month_name(focus))
            out.append(text.replace("%2", str(focus.year)))
        else:
            out.append(tr("Whole quarter"))
        out.append(tr("Lanes by KR") if model.lane_mode == "kr" else tr("Lanes by line"))
        described = self.filter_text()
        if described:
            out.append(tr("Filter: %1").replace("%1", described))
        out.append(tr("As of %1").replace("%1", model.today.isoformat()))
        shown, total = model.visible_count(), len(model.cards)
        if shown == total:
            out.append(tr("%1 cards").replace("%1", str(total)))
        else:
            out.append(tr("%1 of %2 cards").replace("%1", str(shown)).replace("%2", str(total)))
        return out

    def filter_text(self) -> str:
        f = self.scene.model.filter
        parts = []
        if f.kr_id is not None:
            parts.append(self.scene.model.kr_code.get(f.kr_id, str(f.kr_id)))
        if f.owner:
            parts.append(tr("owner %1").replace("%1", f.owner))
        if f.light:
            light = None if f.light == NOT_SET else Light(f.light)
            parts.append(tr("light %1").replace("%1", light_name(light)))
        if f.status:
            parts.append(status_name(f.status))
        if f.text.strip():
            parts.append(f"“{f.text.strip()}”")
        return ", ".join(parts)

    # ----- writing ---------------------------------------------------------------------------
    def write_png(
        self,
        path: str | Path,
        progress: Callable[[int, int], bool] | None = None,
        helper: StripHelper | None = None,
    ) -> Path:
        """Write the PNG to ``path`` whole or not at all; returns the path written.

        ``progress(rows_done, rows_total)`` is called after each strip; returning False cancels
        (ExportCancelled; the file is not touched). OSError when it cannot be written.
        ``helper``: another process painting strips from the bottom up (``app.png_helper``).
        """
        from ui.board.render_png import write_png

        return write_png(self, path, progress, helper)
