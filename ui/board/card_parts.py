"""A card as parts that never overlap: frame, title, chips, due date, owner, done criteria.

``card_parts`` lays a card out and hands each part to a ``Parts``: the window's board paints
each part in place (``DirectParts``, through ``card_painter.paint_card``); an image export
blits the parts it has seen before from images of them (``card_stamps``). Each part says
which area it stays in and what its pixels depend on, which is what makes the blits exact.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPainterPath, QPen

from ui.board.board_model import CardFacts
from ui.board.card_style import (
    AMBER,
    BODY,
    BODY_DONE,
    BORDER,
    CHIPS,
    DONE,
    DOT,
    FAINT,
    INK,
    MUTED,
    PAD,
    RED,
    SELECTED,
    SMALL,
    STATUS_CHIPS,
    STRIPE,
    TEXT,
    TITLE,
    TODO,
    CardStyle,
)
from ui.board.texts import short_date, status_name, tr
from ui.lights import light_colour

Key = tuple[Any, ...]  # everything a part's pixels depend on, besides ``under`` and ``area``
Area = tuple[float, float, float, float]  # left, top, right, bottom in card coordinates
Draw = Callable[..., None]


class Parts(Protocol):
    """Where a card's parts go: straight onto the painter, or through cached images of them."""

    def part(self, key: Key, under: int | None, area: Area, draw: Draw, *args: Any) -> None:
        """Paint ``draw(painter, *args)``, meant to stay inside ``area`` (left, top, right,
        bottom; card coordinates), over plain ``under`` (0xRRGGBB; None: the board around the
        card). ``key``, ``under`` and ``area`` tell everything the pixels depend on."""


class DirectParts:
    """Every part painted as it comes (the window's board caches whole cards instead)."""

    def __init__(self, painter: QPainter) -> None:
        self.painter = painter

    def part(self, key: Key, under: int | None, area: Area, draw: Draw, *args: Any) -> None:
        draw(self.painter, *args)


def card_parts(
    out: Parts,
    w: float,
    h: float,
    card: Any,
    facts: CardFacts,
    style: CardStyle,
    selected: bool = False,
) -> None:
    """The parts of a ``w`` x ``h`` card in card coordinates: frame (body, border, light stripe
    and dot) first, then title, chips (KR codes, link badge, slips, status), due date, owner
    and done criteria. Their areas lie at least a pixel apart, with room for glyphs that reach
    a little past their line, so a part painted from an image never covers another."""
    done = card.status == DONE
    under = BODY_DONE if done else BODY
    light = facts.light
    colour = light_colour(light)
    lit = light is not None
    out.part(
        ("frame", w, h, light, done, selected, style.title_line),
        None,
        (0.0, 0.0, w, h),
        _draw_frame,
        w,
        h,
        colour,
        lit,
        done,
        selected,
        style.title_line,
    )
    left = STRIPE + PAD
    right = w - PAD
    width = right - DOT - 6 - left
    ink = FAINT if done else INK
    y = PAD + 2 * style.title_line + 5
    out.part(
        ("title", done, left, width, card.title),
        under,
        (left - 3, PAD - 4, left + width + 3, y - 3),
        _draw_title,
        style,
        ink,
        left,
        width,
        card.title,
    )

    chip_h = style.chip_h
    x = left
    for code in facts.kr_codes:
        x = _chip(out, style, under, x, y, code, "kr")
    if facts.linked:
        r = chip_h * 0.32
        area = (x, y - 1, x + 3.2 * r + 3, y + chip_h + 1)
        out.part(("link", x, y, chip_h), under, area, _draw_link_badge, x, y, chip_h)
        x += 3.4 * r + 6
    status = status_name(card.status)
    sx = right - style.advance(SMALL, status) - 10
    _chip(out, style, under, sx, y, status, card.status if card.status in STATUS_CHIPS else TODO)
    if facts.slips:
        text = tr("slipped %1×").replace("%1", str(facts.slips))
        slip_x = sx - style.advance(SMALL, text) - 14
        if slip_x > x:
            _chip(out, style, under, slip_x, y, text, "slip")
    y += chip_h + 5

    line = style.text_line
    top, bottom = y - 2.5, y + line + 0.4  # the criteria's line starts 2 px lower
    due = short_date(card.due)
    due_w = 0.0
    if due:
        due_text = tr("due %1").replace("%1", due)
        due_w = style.advance(TEXT, due_text)
        due_x = right - due_w
        mark = style.text_ascent * 0.8 if facts.due_outside else 0.0
        if mark:
            due_w += mark + 4
        overdue = facts.overdue
        # Bold runs a little past ``right``; the area stays clear of a selected card's border.
        area = (right - due_w - 2, top, w - 2.5, bottom)
        key = ("due", due_text, overdue, due_x, y, mark)
        out.part(key, under, area, _draw_due, style, overdue, due_x, y, due_text, mark)
    owner_w = right - left - due_w - 8
    owner = style.elided(TEXT, card.owner_role, owner_w)
    baseline = y + style.text_ascent
    area = (left - 3, top, left + owner_w + 3, bottom)
    key = ("owner", left, baseline, owner)
    out.part(key, under, area, _draw_text, style.text_font, MUTED, left, baseline, owner)
    y += line + 2
    baseline += line + 2

    criteria = card.done_criteria
    if facts.overdue:
        criteria = tr("Overdue") + " · " + criteria
    text = style.elided(TEXT, criteria, right - left)
    ink = RED if facts.overdue else FAINT
    area = (left - 3, bottom + 1, right + 3, h - 4)  # clear of the rounded corners
    key = ("criteria", facts.overdue, left, baseline, text)
    out.part(key, under, area, _draw_text, style.text_font, ink, left, baseline, text)


def _chip(
    out: Parts,
    style: CardStyle,
    under: int,
    x: float,
    y: float,
    text: str,
    tone: str,
) -> float:
    """A small rounded label; returns where the next one starts."""
    right = x + style.advance(SMALL, text) + 10
    bottom = y + style.chip_h
    colours = CHIPS[tone]
    key = ("chip", text, tone, x, y, right, bottom)
    area = (x - 1, y - 1, right + 1, bottom + 1)
    out.part(key, under, area, _draw_chip, style.small_font, x, y, right, bottom, text, colours)
    return right + 4


def _draw_frame(
    painter: QPainter,
    w: float,
    h: float,
    colour: QColor,
    lit: bool,
    done: bool,
    selected: bool,
    title_line: float,
) -> None:
    body = QPainterPath()
    body.addRoundedRect(QRectF(0.5, 0.5, w - 1, h - 1), 6, 6)
    painter.setPen(QPen(SELECTED, 2.0) if selected else QPen(BORDER, 1.0))
    painter.setBrush(QColor(BODY_DONE if done else BODY))
    painter.drawPath(body)
    painter.save()
    painter.setClipPath(body)
    painter.fillRect(QRectF(0, 0, STRIPE, h), colour)
    painter.restore()
    painter.setPen(QPen(colour.darker(125), 1.2))
    painter.setBrush(colour if lit else Qt.BrushStyle.NoBrush)
    painter.drawEllipse(QRectF(w - PAD - DOT, PAD + (title_line - DOT) / 2, DOT, DOT))


def _draw_title(
    painter: QPainter, style: CardStyle, ink: QColor, x: float, width: float, text: str
) -> None:
    """Two lines at most, the second elided when the title goes on."""
    _layout, first, second, more = style.title_layout(text, width)  # lines live in _layout
    painter.setPen(ink)
    baseline = PAD + style.title_fm.ascent()  # of the font, whatever fallback a line uses
    first.draw(painter, QPointF(x, baseline - first.ascent() - first.y()))
    if not second.isValid():
        return
    baseline += style.title_line
    if not more:
        second.draw(painter, QPointF(x, baseline - second.ascent() - second.y()))
        return
    rest = text[second.textStart() :].lstrip()
    painter.setFont(style.title_font)
    painter.drawText(QPointF(x, baseline), style.elided(TITLE, rest, width))


def _draw_text(
    painter: QPainter, font: QFont, colour: QColor, x: float, baseline: float, text: str
) -> None:
    painter.setFont(font)
    painter.setPen(colour)
    painter.drawText(QPointF(x, baseline), text)


def _draw_chip(
    painter: QPainter,
    font: QFont,
    x: float,
    y: float,
    right: float,
    bottom: float,
    text: str,
    colours: tuple[QColor, QColor],
) -> None:
    rect = QRectF(x, y, right - x, bottom - y)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(colours[0])
    painter.drawRoundedRect(rect, 4, 4)
    painter.setFont(font)
    painter.setPen(colours[1])
    painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, text)


def _draw_link_badge(painter: QPainter, x: float, y: float, size: float) -> None:
    """Two linked rings: the same card is shown in another lane too."""
    painter.setPen(QPen(SELECTED, 1.6))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    r = size * 0.32
    cy = y + size / 2
    painter.drawEllipse(QPointF(x + r + 1, cy), r, r)
    painter.drawEllipse(QPointF(x + 2.2 * r + 1, cy), r, r)


def _draw_due(
    painter: QPainter,
    style: CardStyle,
    overdue: bool,
    x: float,
    y: float,
    text: str,
    mark: float,
) -> None:
    """``due 12-03``, red and bold when overdue, after a warning mark when outside its period."""
    if mark:
        _warning_mark(painter, x - mark - 4, y + (style.text_line - mark) / 2, mark, AMBER)
    painter.setPen(RED if overdue else MUTED)
    painter.setFont(style.bold_font if overdue else style.text_font)
    painter.drawText(QPointF(x, y + style.text_ascent), text)


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
