"""The lights the warning rules compute, where a user sees them: goal tree, KR panel, tooltips."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt

from ui.goal_tree_model import Column, Roles


def kr_index(window, code: str, column: int = Column.LIGHT):
    kr = window.svc.kr_codes(window.plan_id)[code]
    return window.tree_model.find("kr", kr).siblingAtColumn(column)


def test_tree_shows_the_computed_light_beside_the_manual_one(window) -> None:
    kr1 = kr_index(window, "KR1")
    assert kr1.data() == "Yellow leaning red"  # the light set by hand stays what it was
    assert kr1.data(Roles.LIGHT) == "yellow_red"
    assert kr1.data(Roles.COMPUTED_LIGHT) == "red"  # accuracy cannot reach its floor at pace
    tip = kr1.data(Qt.ItemDataRole.ToolTipRole)
    assert tip.startswith("Yellow leaning red: 覆盖率还差 25 个点")
    assert "Rules: Red" in tip
    assert "• Red — 准确率 needs +0.5pp a week to reach its floor 89% by 2025-12-31" in tip
    assert "→ Response: The floor is at risk at this pace" in tip
    icon = kr1.data(Qt.ItemDataRole.DecorationRole)
    assert icon.availableSizes()[0].width() == 2 * icon.availableSizes()[0].height()  # two dots
    kr5 = kr_index(window, "KR5")
    assert kr5.data(Roles.COMPUTED_LIGHT) is None
    assert "Rules:" not in kr5.data(Qt.ItemDataRole.ToolTipRole)


def test_kr_panel_lists_the_rules_that_fired_worst_first(window, qtbot) -> None:
    kr = window.svc.kr_codes(window.plan_id)["KR1"]
    window.goal_tree.setCurrentIndex(window.tree_model.find("kr", kr))
    qtbot.waitUntil(lambda: window.kr_panel.current_kr_id == kr)
    items = window.kr_panel.computed_lights.items
    assert [light for light, _reason, _response in items] == ["red", "yellow"]
    assert items[1][1].startswith("覆盖率 needs +6.25pp a week to reach its stretch 90%")


def test_later_in_the_quarter_the_plans_own_rules_light_up_the_tree(window) -> None:
    window.svc.update("plan", window.plan_id, as_of=dt.date(2025, 12, 21))
    window.reload()
    kr3 = kr_index(window, "KR3")
    assert kr3.data(Roles.COMPUTED_LIGHT) == "red"
    tip = kr3.data(Qt.ItemDataRole.ToolTipRole)
    assert "12 月 20 日仍未有任意新标签上线" in tip
    assert "放弃第 2 个标签，把资源集中在第 1 个标签稳定性与可用性上" in tip
    deliverable = next(
        d
        for d in window.svc.tree(window.plan_id).deliverables
        if d.title == "上线确认邮件/需求单链接"
    )
    row = window.tree_model.find("deliverable", deliverable.id).siblingAtColumn(Column.LIGHT)
    assert row.data(Roles.COMPUTED_LIGHT) == "red"
    kr5 = kr_index(window, "KR5")
    assert "MVP 目标从「30 单」降级为「≥10 单可验证」" in kr5.data(Qt.ItemDataRole.ToolTipRole)


def test_board_cards_show_the_computed_light_and_its_reason(window) -> None:
    model = window.board.scene.model
    cards = {c.title: c for c in window.svc.cards(window.plan_id)}
    friday = cards["拉出画像质量基础报表 & Golden Data 样本"]  # due 本周五 12-05, still to do
    assert friday.light is None
    assert model.light_of(model.cards[friday.id]).value == "yellow"
    tip = window.board.view.card_tooltip(friday.id)
    assert "“拉出画像质量基础报表 & Golden Data 样本” is due 2025-12-05, in 2 days" in tip
    assert "Start it now, or move it before it slips" in tip
    later = cards["完成新标签算法方案 & 小样本验证"]
    assert model.light_of(model.cards[later.id]) is None
    window.svc.update("plan", window.plan_id, as_of=dt.date(2025, 12, 14))
    window.reload()
    assert window.board.scene.model.light_of(model.cards[later.id]).value == "red"  # past due
