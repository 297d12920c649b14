"""Creating, editing, deleting and re-stating cards, and moving them with the keyboard."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from tests.ui.board.helpers import W49, W50, W51

W49_CARD = "拉出画像质量基础报表 & Golden Data 样本"


@pytest.fixture
def shown(window, qtbot):
    window.show()
    qtbot.waitExposed(window)
    with qtbot.waitActive(window):
        window.activateWindow()
    window.board.view.setFocus()
    return window


def _ok(dialog) -> None:
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()


def test_n_in_a_cell_opens_the_editor_there_and_creates_the_card(shown, qtbot, scene, kr) -> None:
    window = shown
    lane, col = scene.lane_of_key(kr("KR3")), scene.column_index("week", W51)
    scene.select_cell(lane, col)
    before = len(window.svc.cards(window.plan_id))

    qtbot.keyClick(window.board.view, Qt.Key.Key_N)
    dialog = window.board.actions.dialog
    assert dialog is not None and dialog.isVisible()
    values = dialog.values()
    assert (values["level"], values["period_start"], values["kr_ids"]) == (
        "week",
        W51,
        (kr("KR3")[1],),
    )

    dialog.title.setText("新标签上线复盘")
    dialog.owner.setText("你+算法")
    dialog.has_due.setChecked(True)
    dialog.due.setDate(dt.date(2025, 12, 19))
    _ok(dialog)

    cards = window.svc.cards(window.plan_id)
    assert len(cards) == before + 1
    created = next(c for c in cards if c.title == "新标签上线复盘")
    assert (created.period_start, created.due, created.kr_ids) == (
        W51,
        dt.date(2025, 12, 19),
        (kr("KR3")[1],),
    )
    assert scene.cells_of(created.id) == [(kr("KR3"), ["W51"])]
    assert scene.selected == [created.id]
    assert "Create card" in window.undo_action.text()

    window.undo_stack.undo()
    assert len(window.svc.cards(window.plan_id)) == before
    assert created.id not in scene.model.cards


def test_an_empty_title_is_refused_with_a_message(shown, qtbot, board) -> None:
    window = shown
    before = len(window.svc.cards(window.plan_id))
    board.actions.new_card.trigger()
    dialog = board.actions.dialog
    dialog.title.setText("   ")
    _ok(dialog)

    assert dialog.isVisible()
    assert not dialog.error.isHidden()
    assert dialog.error.text() == "A card needs a title."
    assert len(window.svc.cards(window.plan_id)) == before
    assert window.undo_stack.count() == 0
    dialog.reject()


def test_a_due_date_outside_the_period_is_allowed_but_flagged(shown, board, scene, kr) -> None:
    board.actions.new_card.trigger()
    dialog = board.actions.dialog
    dialog.title.setText("周末补数据")
    dialog.has_due.setChecked(True)
    dialog.due.setDate(dt.date(2026, 1, 5))  # after the quarter
    assert not dialog.warning.isHidden()
    _ok(dialog)
    created = next(c for c in scene.model.cards.values() if c.title == "周末补数据")
    assert scene.model.facts(created.id).due_outside


def test_double_click_edits_a_card_in_one_undo_step(shown, board, scene, card_id, kr) -> None:
    window = shown
    ident = card_id(W49_CARD)
    board.view.edit_requested.emit(ident)  # what a double-click on the card emits
    dialog = board.actions.dialog
    assert dialog.title.text() == W49_CARD
    dialog.title.setText("拉出画像质量基础报表")
    dialog.status.setCurrentIndex(dialog.status.findData("doing"))
    dialog.set_period(W50)
    _ok(dialog)

    card = window.svc.get("card", ident)
    assert (card.title, card.status, card.period_start) == ("拉出画像质量基础报表", "doing", W50)
    assert window.undo_stack.count() == 1 and "Edit card" in window.undo_action.text()
    assert len(window.svc.list("slip", card_id=ident)) == 1  # a later week via the editor slips too

    window.undo_stack.undo()
    card = window.svc.get("card", ident)
    assert (card.title, card.status, card.period_start) == (W49_CARD, "todo", W49)
    assert window.svc.list("slip", card_id=ident) == []


def test_delete_and_undo_restore_the_card_with_its_krs(shown, qtbot, scene, card_id, kr) -> None:
    window = shown
    ident = card_id("非油 MVP 范围冻结 + 影子运营 3–5 天")
    before = window.svc.get("card", ident)
    scene.select_cards([ident])
    qtbot.keyClick(window.board.view, Qt.Key.Key_Delete)

    assert ident not in scene.model.cards
    assert all(c.id != ident for c in window.svc.cards(window.plan_id))
    assert "Delete card" in window.undo_action.text()

    window.undo_stack.undo()
    assert window.svc.get("card", ident) == before
    assert sorted(scene.cells_of(ident)) == sorted(
        [(kr("KR4"), ["2025-12"]), (kr("KR5"), ["2025-12"])]
    )


def test_status_changes_by_shortcut_and_menu(shown, qtbot, board, scene, card_id) -> None:
    window = shown
    ident = card_id(W49_CARD)
    scene.select_cards([ident])
    qtbot.keyClick(board.view, Qt.Key.Key_Space)
    assert window.svc.get("card", ident).status == "doing"
    board.actions.status_actions["done"].trigger()
    assert window.svc.get("card", ident).status == "done"
    assert "Mark card Done" in window.undo_action.text()
    window.undo_stack.undo()
    window.undo_stack.undo()
    assert window.svc.get("card", ident).status == "todo"


def test_alt_arrows_move_the_selected_card_a_week(shown, qtbot, board, scene, card_id, kr) -> None:
    window = shown
    ident = card_id(W49_CARD)
    scene.select_cards([ident])
    qtbot.keyClick(board.view, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
    card = window.svc.get("card", ident)
    assert (card.period_start, card.due) == (W50, dt.date(2025, 12, 12))
    assert scene.cells_of(ident) == [(kr("KR1"), ["W50"])]
    assert "Move card to W50" in window.undo_action.text()

    qtbot.keyClick(board.view, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    card = window.svc.get("card", ident)
    assert (card.period_start, card.due) == (W49, dt.date(2025, 12, 5))
    assert window.undo_stack.count() == 2


def test_keyboard_moves_stop_at_the_quarter_and_quarter_cards(shown, board, scene, card_id) -> None:
    window = shown
    quarter_card = card_id("非油产品能力上线 + MVP 实验完成")
    scene.select_cards([quarter_card])
    assert not board.actions.shift(1)
    assert "quarter card" in window.board_message.text()

    w01 = card_id("跑完 MVP 实验 + 复盘")  # W51-52
    scene.select_cards([w01])
    assert board.actions.shift(1)  # W52-W01
    assert not board.actions.shift(1)  # W01-W02: W02 is not in the quarter
    assert "outside the quarter" in window.board_message.text()
    assert window.undo_stack.count() == 1


def test_typing_in_the_search_field_does_not_create_cards(shown, qtbot, board) -> None:
    window = shown
    board.filter_bar.search.setFocus()
    qtbot.keyClicks(board.filter_bar.search, "n")
    assert board.actions.dialog is None
    assert board.filter_bar.search.text() == "n"
    assert window.undo_stack.count() == 0


def test_edit_and_view_menus_offer_the_board_actions(window) -> None:
    edit = [a.text() for a in window.edit_menu.actions()]
    assert "&New card" in edit and "Move a week &later" in edit
    view = [a.text() for a in window.view_menu.actions()]
    assert "Lanes by &KR" in view and "Move &due dates with cards" in view
    later = window.board.actions.move_later
    assert later.shortcut().toString() == "Alt+Right"
