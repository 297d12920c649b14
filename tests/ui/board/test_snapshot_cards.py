"""Strips of a board image end between rows of cards, so each card is painted once."""

from __future__ import annotations

from itertools import pairwise

import numpy as np
import pytest
from PySide6.QtGui import QImage

from app.services.board_queries import load_board
from app.services.evaluation import evaluate_plan
from ui.board import render
from ui.board.card_stamps import CardStamps
from ui.board.render import BoardSnapshot, build_scene


@pytest.fixture
def snapshot(qapp, service, plan_id, monkeypatch) -> BoardSnapshot:
    data = load_board(service, plan_id)
    snap = BoardSnapshot(build_scene(data, evaluation=evaluate_plan(service, plan_id)))
    slot = snap.scene.model.geometry.metrics.slot_height
    # strips of about three rows of cards: several of them, long enough to move their ends
    monkeypatch.setattr(render, "STRIP_PIXELS", int(3.4 * slot) * snap.pixel_size[0])
    return snap


def card_rows(snap: BoardSnapshot) -> list[tuple[float, float]]:
    g = snap.scene.model.geometry
    return [
        (snap.board_top + g.lane_y[p.lane] + p.y, snap.board_top + g.lane_y[p.lane] + p.y + p.h)
        for p in snap.cards.placements
    ]


def test_strips_cover_the_image_and_end_between_rows_of_cards(snapshot) -> None:
    strips = snapshot.strips()
    assert len(strips) > 2
    assert strips[0][0] == 0 and sum(rows for _, rows in strips) == snapshot.pixel_size[1]
    assert all(a + rows == b for (a, rows), (b, _) in pairwise(strips))
    assert all(0 < rows <= snapshot.strip_rows() for _, rows in strips)
    ends = [start for start, _ in strips[1:]]
    cut = [
        (top, bottom) for top, bottom in card_rows(snapshot) if any(top < e < bottom for e in ends)
    ]
    assert cut == []
    assert snapshot.strips() == strips  # the same layout, the same strips


def test_each_card_is_painted_once_and_the_strips_join_exactly(
    snapshot, tmp_path, monkeypatch
) -> None:
    painted: list[int] = []
    paint = CardStamps.paint

    def counting(self, painter, image, x, y, w, h, card, facts, style) -> None:
        painted.append(card.id)
        paint(self, painter, image, x, y, w, h, card, facts, style)

    monkeypatch.setattr(CardStamps, "paint", counting)
    written = QImage(str(snapshot.write_png(tmp_path / "board.png")))
    assert len(painted) == len(snapshot.cards.placements)
    assert sorted(painted) == sorted(p.card_id for p in snapshot.cards.placements)
    whole = snapshot.image().convertToFormat(QImage.Format.Format_RGB32)
    written = written.convertToFormat(QImage.Format.Format_RGB32)
    assert np.array_equal(
        np.frombuffer(written.constBits(), np.uint32), np.frombuffer(whole.constBits(), np.uint32)
    )


def test_a_strip_shows_the_cards_reaching_into_its_rows(snapshot) -> None:
    index = snapshot.cards  # board coordinates: below the header band and column names
    first = index.placements[0]
    top, bottom = index.tops[0], index.tops[0] + first.h
    assert first in index.between(top, bottom)
    assert first in index.between(bottom - 1, bottom + 50)
    assert first not in index.between(bottom, bottom + 50)  # touching is not reaching into
    assert first not in index.between(top - 50, top)
    assert len(index.between(0, snapshot.height)) == len(index.placements)
