"""What the board shows: columns, focus, lanes, marks on cards, filters and the goal-tree link."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGraphicsView, QWidget

from app.commands import UpdateEntity
from tests.ui.board.helpers import W49
from ui.undo import push_command


def _shown(scene) -> set[str]:
    return {scene.model.cards[i].title for i in scene.model.geometry.by_card}


def test_the_board_sits_beside_the_goal_tree_focused_on_december(window, scene) -> None:
    view = window.findChild(QGraphicsView, "board")
    assert view is window.board.view
    assert window.findChild(QWidget, "filterBar") is window.board.filter_bar
    assert window.splitter.indexOf(window.board) == 1
    labels = [c.bucket.label for c in scene.columns()]
    assert labels == ["2025-Q4", "2025-12", "W49", "W50", "W51", "W52", "W01"]
    assert [c.bucket.label for c in scene.columns() if c.current] == ["2025-12", "W49"]
    assert window.board.controls.focus.currentText() == "Focus: Dec"
    assert len(scene.model.geometry.by_card) == 13  # every sample card is on the board


def test_whole_quarter_folds_finished_months_and_unfolds_on_click(board, scene) -> None:
    board.controls.focus.setCurrentIndex(0)  # "Whole quarter"
    labels = [c.bucket.label for c in scene.columns()]
    assert labels[:3] == ["2025-Q4", "2025-10", "2025-11"]
    assert "W40" not in labels and "W49" in labels
    board.view.column_header.month_clicked.emit(dt.date(2025, 10, 1))
    labels = [c.bucket.label for c in scene.columns()]
    assert labels[:3] == ["2025-Q4", "2025-10", "W40"]


def test_lanes_switch_between_krs_and_lines_of_work(board, scene, card_id) -> None:
    assert [spec.code for spec in scene.model.lanes] == ["KR1", "KR2", "KR3", "KR4", "KR5"]
    board.actions.lanes_by_line.trigger()
    assert [spec.code for spec in scene.model.lanes] == ["主线一", "主线二"]
    assert board.controls.lanes.currentData() == "line"
    quarter_card = card_id("完成商户画像「80% 覆盖+89% 准确率+1 新标签上线」")  # KR1/KR3: one line
    assert len(scene.cells_of(quarter_card)) == 1
    assert not scene.model.facts(quarter_card).linked
    board.controls.lanes.setCurrentIndex(0)
    assert len(scene.cells_of(quarter_card)) == 2
    assert scene.model.facts(quarter_card).linked


def test_filters_hide_and_show_the_right_cards(window, board, scene) -> None:
    bar = board.filter_bar
    codes = window.svc.kr_codes(window.plan_id)
    bar.kr.setCurrentIndex(bar.kr.findData(codes["KR3"]))
    assert _shown(scene) == {
        "完成商户画像「80% 覆盖+89% 准确率+1 新标签上线」",
        "KA 直营新标签 PRD & 上线",
        "完成新标签算法方案 & 小样本验证",
    }
    assert bar.count.text() == "3 of 13 cards"

    bar.clear_all()
    bar.owner.setCurrentIndex(bar.owner.findData("研发"))
    assert _shown(scene) == {"非油联调用例通过一轮全链路测试"}

    bar.clear_all()
    bar.search.setText("golden")
    assert _shown(scene) == {"拉出画像质量基础报表 & Golden Data 样本", "KA 直营新标签 PRD & 上线"}

    bar.clear_all()
    bar.status.setCurrentIndex(bar.status.findData("done"))
    assert _shown(scene) == set()
    bar.light.setCurrentIndex(bar.light.findData("none"))
    bar.status.setCurrentIndex(0)
    unlit = {c.title for c in scene.model.cards.values() if scene.model.light_of(c) is None}
    assert _shown(scene) == unlit
    assert 0 < len(unlit) < 13  # the rules light W49's cards, due in two days and not started
    bar.light.setCurrentIndex(bar.light.findData("yellow"))
    assert _shown(scene) == {
        "拉出画像质量基础报表 & Golden Data 样本",
        "冻结非油 MVP 城市/站/SKU & 确认研发排期",
    }

    bar.clear_all()
    assert len(_shown(scene)) == 13
    assert bar.count.text() == "13 cards"


def test_light_and_status_filters_follow_edits(window, board, scene, card_id) -> None:
    ident = card_id("非油联调用例通过一轮全链路测试")
    command = UpdateEntity("card", ident, {"light": "red", "status": "doing"}, name="Set light")
    assert push_command(window.undo_stack, command, window.svc, window.bus)
    assert scene.model.facts(ident).light.value == "red"
    bar = board.filter_bar
    bar.light.setCurrentIndex(bar.light.findData("red"))
    assert _shown(scene) == {"非油联调用例通过一轮全链路测试"}
    bar.light.setCurrentIndex(0)
    bar.status.setCurrentIndex(bar.status.findData("doing"))
    assert _shown(scene) == {"非油联调用例通过一轮全链路测试"}


def test_clicking_a_kr_in_the_goal_tree_filters_and_a_second_click_clears(
    window, qtbot, scene
) -> None:
    window.show()
    qtbot.waitExposed(window)
    index = window.tree_model.find("kr", window.svc.kr_codes(window.plan_id)["KR5"])
    window.goal_tree.scrollTo(index)
    point = window.goal_tree.visualRect(index).center()
    qtbot.mouseClick(window.goal_tree.viewport(), Qt.MouseButton.LeftButton, pos=point)
    assert {scene.model.cards[i].title for i in scene.model.geometry.by_card} == {
        "非油产品能力上线 + MVP 实验完成",
        "非油 MVP 范围冻结 + 影子运营 3–5 天",
        "非油 MVP 正式实验 10–14 天",
        "跑完 MVP 实验 + 复盘",
    }
    qtbot.mouseClick(window.goal_tree.viewport(), Qt.MouseButton.LeftButton, pos=point)
    assert len(scene.model.geometry.by_card) == 13
    assert window.board.filter_bar.kr.currentIndex() == 0


def test_overdue_is_judged_by_the_plans_frozen_date(window, board, scene, kr) -> None:
    assert not any(scene.model.facts(i).overdue for i in scene.model.cards)  # as of 12-03
    editor = board.editor
    late = editor.create_card(
        {
            "title": "昨天该交",
            "level": "week",
            "period_start": W49,
            "period_end": W49,
            "due": dt.date(2025, 12, 2),
            "kr_ids": (kr("KR2")[1],),
        }
    )
    today = editor.create_card(
        {
            "title": "今天交",
            "level": "week",
            "period_start": W49,
            "period_end": W49,
            "due": dt.date(2025, 12, 3),
            "kr_ids": (kr("KR2")[1],),
        }
    )
    assert scene.model.facts(late).overdue
    assert not scene.model.facts(today).overdue
    assert "Overdue" in board.view.card_tooltip(late)
    assert editor.set_status([late], "done")
    assert not scene.model.facts(late).overdue


def test_card_tooltip_holds_the_full_text(board, card_id) -> None:
    tip = board.view.card_tooltip(card_id("KA 直营新标签 PRD & 上线"))
    assert "Done when: PRD 通过评审 + Golden Data ≥85% + 上线确认" in tip
    assert "KRs: KR3" in tip and "Owner: 你+算法" in tip and "Due: 12-20" in tip


def test_reveal_card_opens_its_month_and_selects_it(window, board, scene, card_id) -> None:
    ident = card_id("非油联调用例通过一轮全链路测试")
    board.filter_bar.search.setText("KR1")  # hides it
    window.kr_panel.card_activated.emit(ident)
    assert scene.selected == [ident]
    assert ident in scene.model.geometry.by_card
