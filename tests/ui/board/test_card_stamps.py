"""Cards of an image export blitted from images of their parts look exactly as painted."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QImage, QPainter

from tests.ui.board.helpers import pixels
from ui.board import card_stamps
from ui.board.card_painter import _card_image, paint_card
from ui.board.render import BoardSnapshot, build_scene


def painted_in_place(data, evaluation, scale: int, monkeypatch) -> np.ndarray:
    with monkeypatch.context() as patch:
        patch.setattr(card_stamps, "BUDGET", -1)  # no stamp is ever made
        snap = BoardSnapshot(build_scene(data, evaluation=evaluation), scale)
        snap.image()
        image = snap.image()
        assert snap.stamps.stamped == 0
    return pixels(image)


@pytest.mark.parametrize("scale", [1, 2])
def test_stamped_cards_match_cards_painted_in_place(data, evaluation, monkeypatch, scale) -> None:
    """The board's second painting blits every repeated part; not one pixel differs."""
    slips = {card.id: i % 3 for i, card in enumerate(data.cards)}  # "slipped 2×" chips too
    data = replace(data, slips=slips)
    snap = BoardSnapshot(build_scene(data, evaluation=evaluation), scale)
    first = pixels(snap.image())  # parts painted in place, seen once
    second = pixels(snap.image())  # now from images of them
    assert snap.stamps.stamped > 3 * len(data.cards)  # frames, titles, chips, owners, dates
    expected = painted_in_place(data, evaluation, scale, monkeypatch)
    assert np.array_equal(first, expected)
    assert np.array_equal(second, expected)


def test_a_part_reaching_out_of_its_area_is_always_painted_in_place(
    data, evaluation, monkeypatch
) -> None:
    """Rings stacked above an owner's name reach into the chips above it: a blit of the
    owner's area would cut them off, so that part is painted in place every time."""
    tall = "A" + "\u030a" * 5
    cards = tuple(replace(card, owner_role=tall) for card in data.cards)
    data = replace(data, cards=cards)
    snap = BoardSnapshot(build_scene(data, evaluation=evaluation))
    snap.image()
    again = pixels(snap.image())
    assert snap.stamps.in_place_only >= 1
    assert np.array_equal(again, painted_in_place(data, evaluation, 1, monkeypatch))


def argb(image: QImage) -> np.ndarray:
    """Premultiplied 0xAARRGGBB per pixel, rows x columns (transparent corners included)."""
    image = image.convertToFormat(QImage.Format.Format_ARGB32_Premultiplied)
    raw = np.frombuffer(image.constBits(), np.uint32).reshape(image.height(), -1)
    return raw[:, : image.width()].copy()


@pytest.mark.parametrize("scale", [1, 2])
def test_the_windows_card_images_from_stamps_match_cards_painted_in_place(
    data, evaluation, scale
) -> None:
    """The window keeps each card as a transparent image; a card whose frame, chips, owner
    and dates were seen before is made of blits of them, and not one pixel (colour or
    transparency at the rounded corners) differs from the card painted part by part."""
    scene = build_scene(data, evaluation=evaluation)
    style, model = scene.card_style, scene.model
    w, h = 210.0, float(style.card_height)

    def in_place(card, selected: bool) -> np.ndarray:
        image = QImage(
            round(w * scale), round(h * scale), QImage.Format.Format_ARGB32_Premultiplied
        )
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.scale(scale, scale)
        paint_card(
            painter, QRectF(0, 0, w, h), card, model.facts(card.id), style, selected=selected
        )
        painter.end()
        return argb(image)

    style._stamps.clear()
    for round_ in range(2):  # the first round paints in place; the second blits what repeats
        for card in data.cards:
            for selected in (False, True):
                made = _card_image(card, model.facts(card.id), style, w, h, scale, selected)
                assert made.devicePixelRatio() == scale
                assert np.array_equal(argb(made), in_place(card, selected)), (round_, card.title)
    stamps = style._stamps[scale]
    assert stamps.stamped > 2 * len(data.cards)  # frames, chips, owners, dates, criteria
    assert argb(made)[0, 0] == 0  # a rounded corner stays transparent
