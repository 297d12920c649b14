"""Opening a big plan: the board shows its first lanes at once and reads the rest right after.

The limits are lowered so the 13-card sample plan counts as big: its first screen is the KR1
lane (5 cards) plus the card a downgrade rule reads.
"""

from __future__ import annotations

import datetime as dt

import pytest

from app.services import board_queries
from ui.board import editor


@pytest.fixture
def big_window(qtbot, tmp_path, monkeypatch):
    from app.main import create_main_window

    monkeypatch.setattr(board_queries, "FIRST_LANES_ABOVE", 5)
    monkeypatch.setattr(editor, "first_screen_rows", lambda scene: 1)  # one row: KR1's lane
    win = create_main_window(str(tmp_path / "plan.db"))
    qtbot.addWidget(win)
    yield win
    win.context.db.engine.dispose()


def _titles(board) -> set[str]:
    return {card.title for card in board.scene.model.cards.values()}


def test_the_first_lanes_show_first_and_the_rest_follows_the_first_paint(qtbot, big_window) -> None:
    board = big_window.board
    assert not board.is_complete
    assert len(board.scene.model.cards) == 6  # KR1's five and the one a rule reads
    assert board.filter_bar.count.text() == "13 cards"  # the plan's count, not the lanes'
    big_window.show()
    qtbot.waitUntil(lambda: board.is_complete, timeout=10_000)
    assert len(board.scene.model.cards) == 13
    assert board.filter_bar.count.text() == "13 cards"

    # The rules ran again over every card: the lights of cards outside KR1 are there too.
    def evaluated_all() -> bool:
        snapshot = big_window.metrics.evaluation.snapshot
        return {card.id for card in snapshot.cards} == set(board.scene.model.cards)

    qtbot.waitUntil(evaluated_all, timeout=10_000)
    ev = big_window.metrics.evaluation
    late = [c for c in board.scene.model.cards.values() if ev.light("card", c.id) is not None]
    assert any(not set(c.kr_ids) & {board.scene.model.data.krs[0].id} for c in late)


def test_the_rest_is_read_even_if_the_window_is_never_shown(qtbot, big_window) -> None:
    qtbot.waitUntil(lambda: big_window.board.is_complete, timeout=10_000)
    assert len(big_window.board.scene.model.cards) == 13


def test_an_edit_before_the_rest_arrives_reads_it_first_and_undoes_cleanly(big_window) -> None:
    board = big_window.board
    card = next(c for c in board.scene.model.cards.values() if c.title.startswith("拉出画像质量"))
    assert board.editor.shift_cards([card.id], 1, keep_due=False)
    assert board.is_complete and len(board.scene.model.cards) == 13
    moved = board.scene.model.cards[card.id]
    assert moved.period_start == card.period_start + dt.timedelta(weeks=1)
    assert big_window.svc.get("card", card.id).period_start == moved.period_start  # saved
    big_window.undo_stack.undo()
    assert board.scene.model.cards[card.id].period_start == card.period_start
    assert len(board.scene.model.cards) == 13


def test_a_filter_before_the_rest_arrives_filters_every_card(big_window) -> None:
    board = big_window.board
    board.filter_bar.search.setText("非油")
    assert board.is_complete
    shown = board.scene.model.visible_count()
    assert shown == sum("非油" in c.title for c in board.scene.model.cards.values())
    assert board.filter_bar.count.text() == f"{shown} of 13 cards"


def test_the_first_screen_is_as_tall_as_the_tallest_screen_or_the_window(qtbot) -> None:
    """The rows the first lanes must fill: the tallest screen's height in card slots, or the
    window's when it was sized taller than its screen."""
    import math

    from PySide6.QtGui import QGuiApplication

    from ui.board.scene import BoardScene
    from ui.board.view import BoardView

    scene = BoardScene()
    slot = scene.model.metrics.slot_height
    screen = max(s.availableGeometry().height() for s in QGuiApplication.screens())
    assert editor.first_screen_rows(scene) == math.ceil(screen / slot)
    view = BoardView(scene)
    qtbot.addWidget(view)
    view.resize(800, screen + 5 * round(slot))
    assert editor.first_screen_rows(scene) == math.ceil((screen + 5 * round(slot)) / slot)
