"""Dragging cards across weeks and levels: saved at once, one undo step, due dates follow."""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa
from PySide6.QtCore import QMimeData, Qt
from PySide6.QtGui import QColor

from app.db import open_database
from app.services.plan_service import PlanService
from tests.ui.board.helpers import DEC, W49, W50, W51, W52, card_mime, drop

W49_CARD = "拉出画像质量基础报表 & Golden Data 样本"  # KR1, W49, due 12-05
TWO_KR_MONTH_CARD = "非油 MVP 范围冻结 + 影子运营 3–5 天"  # KR4/KR5, December, due 12-10
RANGE_CARD = "跑完 MVP 实验 + 复盘"  # KR5, W51-52, due 12-29


def _reopened(window, card: int):
    """The card as a fresh connection to the plan file reads it (what survives a restart)."""
    opened = open_database(window.context.db.url)
    try:
        return PlanService(opened.engine).get("card", card)
    finally:
        opened.engine.dispose()


def test_drop_on_w50_saves_the_move_and_the_due_date(window, scene, kr, card_id) -> None:
    ident = card_id(W49_CARD)
    assert scene.cells_of(ident) == [(kr("KR1"), ["W49"])]

    assert drop(scene, [ident], kr("KR1"), "week", W50)

    assert scene.cells_of(ident) == [(kr("KR1"), ["W50"])]
    saved = _reopened(window, ident)
    assert (saved.level, saved.period_start, saved.period_end) == ("week", W50, W50)
    assert saved.due == dt.date(2025, 12, 12)
    assert window.undo_stack.count() == 1
    assert "Move card to W50" in window.undo_action.text()


def test_undo_and_redo_of_a_drop(window, scene, kr, card_id) -> None:
    ident = card_id(W49_CARD)
    drop(scene, [ident], kr("KR1"), "week", W50)

    window.undo_stack.undo()
    saved = _reopened(window, ident)
    assert (saved.period_start, saved.due) == (W49, dt.date(2025, 12, 5))
    assert scene.cells_of(ident) == [(kr("KR1"), ["W49"])]
    assert "Move card to W50" in window.redo_action.text()

    window.undo_stack.redo()
    saved = _reopened(window, ident)
    assert (saved.period_start, saved.due) == (W50, dt.date(2025, 12, 12))
    assert scene.cells_of(ident) == [(kr("KR1"), ["W50"])]


def test_a_drop_that_changes_nothing_pushes_nothing(window, scene, kr, card_id) -> None:
    ident = card_id(W49_CARD)
    assert not drop(scene, [ident], kr("KR1"), "week", W49)
    assert window.undo_stack.count() == 0


def test_shift_or_the_view_option_keeps_the_due_date(window, board, scene, kr, card_id) -> None:
    ident = card_id(W49_CARD)
    assert drop(scene, [ident], kr("KR1"), "week", W50, Qt.KeyboardModifier.ShiftModifier)
    assert _reopened(window, ident).due == dt.date(2025, 12, 5)

    board.actions.move_due.setChecked(False)
    assert drop(scene, [ident], kr("KR1"), "week", W51)
    saved = _reopened(window, ident)
    assert (saved.period_start, saved.due) == (W51, dt.date(2025, 12, 5))


def test_a_two_kr_card_moves_in_both_lanes(window, scene, kr, card_id) -> None:
    ident = card_id(TWO_KR_MONTH_CARD)
    assert sorted(scene.cells_of(ident)) == sorted(
        [(kr("KR4"), ["2025-12"]), (kr("KR5"), ["2025-12"])]
    )
    assert scene.model.facts(ident).linked

    assert drop(scene, [ident], kr("KR4"), "week", W50)

    assert sorted(scene.cells_of(ident)) == sorted([(kr("KR4"), ["W50"]), (kr("KR5"), ["W50"])])
    saved = _reopened(window, ident)
    assert (saved.level, saved.period_start, saved.due) == ("week", W50, dt.date(2025, 12, 17))


def test_a_week_card_onto_the_month_column_and_back(window, scene, kr, card_id) -> None:
    ident = card_id(W49_CARD)
    assert drop(scene, [ident], kr("KR1"), "month", DEC)
    saved = _reopened(window, ident)
    assert (saved.level, saved.period_start, saved.due) == ("month", DEC, dt.date(2025, 12, 5))
    assert scene.cells_of(ident) == [(kr("KR1"), ["2025-12"])]
    assert "Move card to Dec" in window.undo_action.text()

    assert drop(scene, [ident], kr("KR1"), "week", W49)
    saved = _reopened(window, ident)
    assert (saved.level, saved.period_start) == ("week", W49)
    assert scene.cells_of(ident) == [(kr("KR1"), ["W49"])]


def test_a_range_card_spans_its_weeks_and_keeps_its_length(window, scene, kr, card_id) -> None:
    ident = card_id(RANGE_CARD)
    assert scene.cells_of(ident) == [(kr("KR5"), ["W51", "W52"])]
    assert scene.model.facts(ident).due_outside  # due 12-29 is in W01, after W51-52

    assert drop(scene, [ident], kr("KR5"), "week", W50)
    saved = _reopened(window, ident)
    assert (saved.period_start, saved.period_end) == (W50, W51)
    assert saved.due == dt.date(2025, 12, 22)
    assert scene.cells_of(ident) == [(kr("KR5"), ["W50", "W51"])]
    assert scene.model.facts(ident).due_outside  # the due date moved along: still a day after


def test_a_later_week_is_a_slip_shown_on_the_card_and_undone(window, scene, kr, card_id) -> None:
    ident = card_id(W49_CARD)
    drop(scene, [ident], kr("KR1"), "week", W50)
    slips = window.svc.list("slip", card_id=ident)
    assert [(s.from_start, s.to_start) for s in slips] == [(W49, W50)]
    assert scene.model.facts(ident).slips == 1
    assert "Slipped once" in window.board.view.card_tooltip(ident)

    drop(scene, [ident], kr("KR1"), "week", W49)  # earlier: not a slip
    assert scene.model.facts(ident).slips == 1

    window.undo_stack.undo()
    window.undo_stack.undo()
    assert window.svc.list("slip", card_id=ident) == []
    assert scene.model.facts(ident).slips == 0


def test_dropping_into_another_kr_lane_is_refused_with_the_reason(
    window, scene, kr, card_id
) -> None:
    ident = card_id(W49_CARD)
    messages: list[str] = []
    scene.message.connect(messages.append)

    check = scene.drag_move(scene.cell_center(kr("KR2"), "week", W50), card_mime(ident))
    assert not check.ok and "lanes of its KRs" in check.reason
    assert scene.indicator.isVisible() and not scene.indicator.ok

    assert not drop(scene, [ident], kr("KR2"), "week", W50)
    assert window.undo_stack.count() == 0
    assert _reopened(window, ident).period_start == W49
    assert messages and "lanes of its KRs" in messages[-1]
    assert "lanes of its KRs" in window.board_message.text()


def test_a_collapsed_month_refuses_drops(window, board, scene, kr, card_id) -> None:
    board.set_focus(None)
    november = next(c for c in scene.columns() if c.bucket.label == "2025-11")
    assert november.collapsed  # a finished month starts folded
    ident = card_id(W49_CARD)
    lane = scene.lane_of_key(kr("KR1"))
    x, y, w, _h = scene.model.geometry.cell_rect(lane, scene.columns().index(november))
    from PySide6.QtCore import QPointF

    assert not scene.drop_mime(card_mime(ident), QPointF(x + w / 2, y + 20))
    assert window.undo_stack.count() == 0
    assert "collapsed" in window.board_message.text()

    board.view.column_header.month_clicked.emit(november.bucket.start)  # a click on its header
    assert [c.bucket.label for c in scene.columns()].count("W48") == 1


def test_drag_feedback_reads_no_database(window, scene, kr, card_id) -> None:
    ident = card_id(W49_CARD)
    mime = card_mime(ident)
    statements: list[str] = []
    engine = window.context.db.engine

    def count(_conn, _cursor, statement, *_args) -> None:
        statements.append(statement)

    sa.event.listen(engine, "before_cursor_execute", count)
    try:
        for start in (W49, W50, W51, W52, W51, W50):
            check = scene.drag_move(scene.cell_center(kr("KR1"), "week", start), mime)
            assert check.ok
            assert scene.indicator.isVisible() and scene.indicator.ok
        scene.drag_move(scene.cell_center(kr("KR2"), "week", W50), mime)
        assert statements == []
        assert scene.drop_mime(mime, scene.cell_center(kr("KR1"), "week", W50))
        assert statements  # the drop itself saves
    finally:
        sa.event.remove(engine, "before_cursor_execute", count)
    assert not scene.indicator.isVisible()


def test_drops_without_card_ids_are_ignored(window, scene, kr) -> None:
    pos = scene.cell_center(kr("KR1"), "week", W50)
    for payload in (b"not json", b"{}", b"[]", b'["1"]'):
        mime = QMimeData()
        mime.setData("application/x-okr-card-ids", payload)
        assert not scene.drop_mime(mime, pos)
    plain = QMimeData()
    plain.setText("[1]")
    assert not scene.drop_mime(plain, pos)
    assert window.undo_stack.count() == 0


def test_several_selected_cards_move_as_one_undo_step(window, scene, kr, card_id) -> None:
    first = card_id(W49_CARD)
    second = card_id("输出《画像质量诊断报告》")  # KR1, December
    assert drop(scene, [first, second], kr("KR1"), "week", W51)
    assert window.undo_stack.count() == 1
    assert "Move 2 cards to W51" in window.undo_action.text()
    assert scene.cells_of(first) == [(kr("KR1"), ["W51"])]
    assert scene.cells_of(second) == [(kr("KR1"), ["W51"])]
    window.undo_stack.undo()
    assert scene.cells_of(second) == [(kr("KR1"), ["2025-12"])]


def test_the_views_drop_event_maps_the_mouse_to_the_cell(window, qtbot, scene, kr, card_id) -> None:
    from PySide6.QtCore import QPointF
    from PySide6.QtGui import QDragMoveEvent, QDropEvent

    window.show()
    qtbot.waitExposed(window)
    view = window.board.view
    ident = card_id(W49_CARD)
    target = view.mapFromScene(scene.cell_center(kr("KR1"), "week", W50))
    mime = card_mime(ident)
    buttons, move = Qt.MouseButton.LeftButton, Qt.DropAction.MoveAction
    hover = QDragMoveEvent(target, move, mime, buttons, Qt.KeyboardModifier.NoModifier)
    view.dragMoveEvent(hover)
    assert hover.isAccepted() and scene.indicator.isVisible()
    event = QDropEvent(QPointF(target), move, mime, buttons, Qt.KeyboardModifier.NoModifier)
    view.dropEvent(event)
    assert event.isAccepted()
    assert scene.cells_of(ident) == [(kr("KR1"), ["W50"])]


def test_mouse_clicks_select_and_double_clicks_open_the_editor(
    window, qtbot, scene, card_id
) -> None:
    window.show()
    qtbot.waitExposed(window)
    view = window.board.view
    ident = card_id(W49_CARD)
    point = view.mapFromScene(scene.card_center(ident))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=point)
    assert scene.selected == [ident]
    qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=point)
    dialog = window.board.actions.dialog
    assert dialog is not None and dialog.title.text() == W49_CARD
    dialog.reject()
    with qtbot.waitActive(window):
        window.activateWindow()
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_Return)
    assert window.board.actions.dialog is not dialog
    assert window.board.actions.dialog.title.text() == W49_CARD
    window.board.actions.dialog.reject()


def _colour_at(scene, point) -> int:
    """The scene's colour at ``point`` as painted (0xRRGGBB)."""
    from PySide6.QtCore import QRectF
    from PySide6.QtGui import QImage, QPainter

    image = QImage(1, 1, QImage.Format.Format_RGB32)
    painter = QPainter(image)
    scene.render(painter, QRectF(0, 0, 1, 1), QRectF(point.x(), point.y(), 1, 1))
    painter.end()
    return image.pixel(0, 0) & 0xFFFFFF


def test_the_target_cell_is_tinted_under_its_cards(window, scene, kr, card_id) -> None:
    """A drop target shows as its cell's background tinted blue (red when refused) inside an
    outline; the cards in it are not tinted over, so they stay readable; leaving clears it."""
    from PySide6.QtCore import QPointF

    from ui.board.lane_item import OK_COLOUR, REFUSED_COLOUR, tint_over

    mime = card_mime(card_id(W49_CARD))  # a KR1 card
    empty = scene.cell_center(kr("KR1"), "week", W50)
    empty = QPointF(empty.x(), empty.y() + 40)
    background = _colour_at(scene, empty)
    other = card_id("输出《画像质量诊断报告》")  # KR1, December
    on_card = scene.card_center(other)
    card_pixel = _colour_at(scene, on_card)

    assert scene.drag_move(empty, mime).ok
    blue = tint_over(OK_COLOUR, QColor(background)).rgb() & 0xFFFFFF
    assert _colour_at(scene, empty) == blue != background

    assert scene.drag_move(scene.cell_center(kr("KR1"), "month", DEC), mime).ok
    assert _colour_at(scene, on_card) == card_pixel  # the card itself is painted as before
    assert _colour_at(scene, empty) == background  # the previous cell is back to normal

    refused = scene.cell_center(kr("KR2"), "week", W50)  # same column: same background
    refused = QPointF(refused.x(), refused.y() + 60)
    assert not scene.drag_move(refused, mime).ok
    red = tint_over(REFUSED_COLOUR, QColor(background)).rgb() & 0xFFFFFF
    assert _colour_at(scene, refused) == red

    scene.clear_drop()
    assert not scene.indicator.isVisible() and not scene.indicator.fill.isVisible()
    assert _colour_at(scene, refused) == background
