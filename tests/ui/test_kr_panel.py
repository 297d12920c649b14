"""The KR panel: what clicking a KR shows, and every edit made there (saved, undone, refused)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import sqlalchemy as sa
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QDialogButtonBox, QLabel, QWidget

from app.services.plan_service import PlanService
from models.lights import Light
from ui.edit_context import EditContext
from ui.goal_tree_model import Roles
from ui.kr_panel import KRPanel
from ui.kr_panel_metrics import MetricColumn
from ui.kr_panel_work import WorkColumn
from ui.undo import PlanBus

KR1_WORK = {
    "商户画像工作包 #1：质量诊断 + 提升方案": [
        "《商户画像质量诊断报告》",
        "《画像提升行动清单 v1》（到城市/站点粒度）",
    ],
    "商户画像工作包 #2：重点城市拉升计划": ["重点城市/站点清单", "每周画像覆盖率/准确率看板"],
}


@contextmanager
def fresh_service(window) -> Iterator[PlanService]:
    """A second service on the same database file: what was saved, not what the window holds."""
    engine = sa.create_engine(window.context.db.url)
    try:
        yield PlanService(engine)
    finally:
        engine.dispose()


def kr_id(window, code: str) -> int:
    return window.svc.kr_codes(window.plan_id)[code]


def show_with_room(window, qtbot) -> None:
    """Show the window with the tree and the panel wide enough to click in (whatever the
    board in the middle asks for)."""
    window.show()
    qtbot.waitExposed(window)
    board = (
        window.splitter.widget(1).minimumSizeHint().width() if window.splitter.count() > 2 else 0
    )
    window.resize(1000 + board, 850)
    sizes = [500, board, 500] if window.splitter.count() > 2 else [500, 500]
    window.splitter.setSizes(sizes)
    qtbot.waitUntil(lambda: window.goal_tree.viewport().width() > 400)


def click_kr(window, qtbot, code: str) -> KRPanel:
    """Click the KR's row in the goal tree, as a user does, and return the panel shown."""
    show_with_room(window, qtbot)
    source = window.tree_model.find("kr", kr_id(window, code))
    index = window.goal_tree.index_at_path(source.data(Roles.PATH))
    window.goal_tree.scrollTo(index)
    rect = window.goal_tree.visualRect(index)
    qtbot.mouseClick(window.goal_tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    panel = window.findChild(QWidget, "krPanel")
    assert isinstance(panel, KRPanel)
    qtbot.waitUntil(lambda: panel.isVisible() and panel.current_kr_id == kr_id(window, code))
    return panel


def work_titles(panel: KRPanel) -> dict[str, list[str]]:
    model = panel.work_model
    out = {}
    for row in range(model.rowCount()):
        wp = model.index(row, 0)
        out[wp.data()] = [model.index(r, 0, wp).data() for r in range(model.rowCount(wp))]
    return out


def metric_row(panel: KRPanel, name: str) -> int:
    model = panel.metric_model
    return next(r for r in range(model.rowCount()) if model.index(r, 0).data() == name)


def test_clicking_kr1_shows_its_work_packages_and_deliverables(window, qtbot) -> None:
    panel = click_kr(window, qtbot, "KR1")
    assert panel.title_label.text() == "KR1 已上线标签质量提升"
    assert work_titles(panel) == KR1_WORK
    board = panel.work_model.index(1, 0)
    deliverable = panel.work_model.index(1, 0, board)
    assert deliverable.siblingAtColumn(WorkColumn.ACCEPTANCE).data() == "至少 1pp 周环比提升"
    assert deliverable.data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Unchecked
    assert board.siblingAtColumn(WorkColumn.DUE).data() == "12 月中旬前"
    assert board.siblingAtColumn(WorkColumn.DONE).data() == "0/2"
    assert panel.work_view.isVisible() and not panel.no_work_label.isVisible()


def test_kr1_panel_shows_metrics_light_score_risks_and_actions(window, qtbot) -> None:
    panel = click_kr(window, qtbot, "KR1")
    model = panel.metric_model
    row = metric_row(panel, "覆盖率")
    shown = [model.index(row, c).data() for c in range(MetricColumn.TARGET + 1)]
    assert shown == ["覆盖率", "30%", "65%", "80%", "90%", "90%"]
    assert model.headerData(MetricColumn.FLOOR, Qt.Orientation.Horizontal) == "Floor (保底)"
    assert model.index(row, MetricColumn.SCORE).data() == "66"  # 35 of 50 points to the floor
    assert "57" in panel.score_label.text()  # mean of 66.5 (coverage) and 47.5 (accuracy)
    assert panel.path_label.text() == "below the floor"
    assert "Yellow leaning red" in panel.light_label.text()
    assert "覆盖率还差 25 个点" in panel.light_label.text()
    assert "区域间上报率极度不均衡" in panel.bottleneck.edit.toPlainText()
    assert "画像质量诊断 & 提升方案" in panel.key_projects.edit.toPlainText()
    cards = [
        panel.card_list.model().index(r, 0).data() for r in range(len(panel.card_list.card_ids()))
    ]
    assert any("W49 · 拉出画像质量基础报表 & Golden Data 样本" in text for text in cards)
    assert not any("非油" in text for text in cards)
    kr1 = kr_id(window, "KR1")
    every = [c.id for c in window.svc.cards(window.plan_id) if kr1 in c.kr_ids]
    assert panel.card_list.card_ids() == every


def test_a_panel_without_rules_or_charts_shows_no_placeholder(service, plan_id, qtbot) -> None:
    """Nothing wired in: no computed-light section and no chart area pretending to work."""
    panel = KRPanel(EditContext(service, plan_id, QUndoStack(), PlanBus()))
    qtbot.addWidget(panel)
    panel.set_tree(service.tree(plan_id))
    panel.show_kr(service.kr_codes(plan_id)["KR1"])
    panel.show()
    qtbot.waitExposed(panel)
    assert panel.title_label.isVisible()
    assert not panel.computed_lights.isVisible()
    assert not panel.chart_slot.isVisible()
    panel.show_kr(None)
    assert not panel.widget().isVisible()


def test_checking_a_deliverable_persists_and_undoes(window, qtbot) -> None:
    panel = click_kr(window, qtbot, "KR1")
    index = panel.deliverable_index("《商户画像质量诊断报告》")
    assert panel.work_model.setData(
        index, Qt.CheckState.Checked.value, Qt.ItemDataRole.CheckStateRole
    )

    def saved_done() -> bool:
        with fresh_service(window) as svc:
            return next(
                d.done for d in svc.list("deliverable") if d.title == "《商户画像质量诊断报告》"
            )

    assert saved_done() is True
    index = panel.deliverable_index("《商户画像质量诊断报告》")
    assert index.data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
    assert panel.work_model.index(0, WorkColumn.DONE).data() == "1/2"
    assert window.undo_stack.undoText() == "Check off “《商户画像质量诊断报告》”"

    window.undo_stack.undo()
    assert saved_done() is False
    assert (
        panel.deliverable_index("《商户画像质量诊断报告》").data(Qt.ItemDataRole.CheckStateRole)
        == Qt.CheckState.Unchecked
    )
    window.undo_stack.redo()
    assert saved_done() is True


def test_kr_without_metrics_is_scored_by_its_deliverables(window, qtbot) -> None:
    panel = click_kr(window, qtbot, "KR4")
    assert panel.metric_model.rowCount() == 0
    assert "0" in panel.score_label.text()
    assert "From deliverables (no metric): 0 of 2 done" in panel.score_label.toolTip()
    index = panel.deliverable_index("《非油品 MVP 范围冻结说明》（城市/站点/SKU）")
    panel.work_model.setData(index, Qt.CheckState.Checked.value, Qt.ItemDataRole.CheckStateRole)
    assert "50" in panel.score_label.text()


def test_metric_edit_refuses_a_percentage_of_140_with_a_message(window, qtbot) -> None:
    panel = click_kr(window, qtbot, "KR1")
    row = metric_row(panel, "覆盖率")
    index = panel.metric_model.index(row, MetricColumn.CURRENT)
    steps = window.undo_stack.count()

    assert not panel.metric_model.setData(index, "140")
    assert panel.metric_message.isVisible()
    assert panel.metric_message.text() == "覆盖率 · Current: 140% is outside 0-100"
    assert window.undo_stack.count() == steps
    with fresh_service(window) as svc:
        assert next(m.current for m in svc.list("metric") if m.name == "覆盖率") == 65

    assert not panel.metric_model.setData(index, "about seventy")
    assert "is not a number" in panel.metric_message.text()
    floor = panel.metric_model.index(row, MetricColumn.FLOOR)
    assert not panel.metric_model.setData(floor, "95")
    assert panel.metric_message.text() == "覆盖率 · Floor (保底): floor 95 is above stretch 90"


def test_metric_edit_saves_and_undoes(window, qtbot) -> None:
    panel = click_kr(window, qtbot, "KR1")
    row = metric_row(panel, "覆盖率")
    panel.metric_model.setData(panel.metric_model.index(row, MetricColumn.CURRENT), "140")
    assert panel.metric_model.setData(panel.metric_model.index(row, MetricColumn.CURRENT), "72%")
    assert not panel.metric_message.isVisible()
    assert panel.metric_model.index(row, MetricColumn.CURRENT).data() == "72%"
    kr1 = window.tree_model.find("kr", kr_id(window, "KR1"))
    assert "覆盖率 72%" in kr1.siblingAtColumn(3).data()
    with fresh_service(window) as svc:
        assert next(m.current for m in svc.list("metric") if m.name == "覆盖率") == 72
    window.undo_stack.undo()
    assert panel.metric_model.index(row, MetricColumn.CURRENT).data() == "65%"
    assert panel.metric_model.setData(panel.metric_model.index(row, MetricColumn.BASELINE), "")
    assert panel.metric_model.index(row, MetricColumn.BASELINE).data() == ""
    window.undo_stack.undo()
    assert panel.metric_model.index(row, MetricColumn.BASELINE).data() == "30%"


def test_light_set_by_hand_with_reason_and_undo(window, qtbot) -> None:
    panel = click_kr(window, qtbot, "KR1")
    dialog = panel.open_light_dialog()
    assert dialog is not None and dialog.isVisible()
    assert dialog.light() is Light.YELLOW_RED
    dialog.set_light(Light.RED)
    dialog.reason_edit.setPlainText("连续 2 周覆盖率提升 <1pp")
    qtbot.mouseClick(
        dialog.button_box.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton
    )

    with fresh_service(window) as svc:
        kr = svc.get("kr", kr_id(window, "KR1"))
    assert (kr.light, kr.light_reason) == ("red", "连续 2 周覆盖率提升 <1pp")
    assert "Red" in panel.light_label.text() and "连续 2 周覆盖率提升" in panel.light_label.text()
    kr1 = window.tree_model.find("kr", kr_id(window, "KR1"))
    assert kr1.siblingAtColumn(1).data() == "Red"
    assert window.undo_stack.undoText() == "Set light of KR1 to Red"

    window.undo_stack.undo()
    with fresh_service(window) as svc:
        kr = svc.get("kr", kr_id(window, "KR1"))
    assert (kr.light, kr.light_reason) == (
        "yellow_red",
        "覆盖率还差 25 个点、准确率还差 3 个点，只剩 4 周",
    )
    assert kr1.siblingAtColumn(1).data() == "Yellow leaning red"


def test_cancelled_light_dialog_changes_nothing(window, qtbot) -> None:
    panel = click_kr(window, qtbot, "KR2")
    dialog = panel.open_light_dialog()
    assert dialog is not None
    dialog.set_light(Light.RED)
    qtbot.mouseClick(
        dialog.button_box.button(QDialogButtonBox.StandardButton.Cancel), Qt.MouseButton.LeftButton
    )
    assert window.undo_stack.count() == 0
    assert "Green" in panel.light_label.text()


def test_risks_are_edited_saved_and_undone(window, qtbot) -> None:
    panel = click_kr(window, qtbot, "KR5")
    editor = panel.bottleneck
    assert not editor.save_button.isEnabled()
    editor.edit.setPlainText(
        "区域站点的配合度\n用户入口流量与运营资源投入不确定\n研发排期 12-10 前未锁定"
    )
    assert editor.save_button.isEnabled()
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    with fresh_service(window) as svc:
        assert svc.get("kr", kr_id(window, "KR5")).bottleneck.endswith("研发排期 12-10 前未锁定")
    assert not editor.save_button.isEnabled()
    window.undo_stack.undo()
    assert "研发排期" not in editor.edit.toPlainText()


def test_unsaved_risk_text_survives_an_edit_elsewhere(window, qtbot) -> None:
    panel = click_kr(window, qtbot, "KR1")
    panel.bottleneck.edit.setPlainText("还没保存的风险")
    index = panel.deliverable_index("重点城市/站点清单")
    panel.work_model.setData(index, Qt.CheckState.Checked.value, Qt.ItemDataRole.CheckStateRole)
    assert panel.bottleneck.edit.toPlainText() == "还没保存的风险"
    assert panel.bottleneck.save_button.isEnabled()


def test_deliverable_due_date_is_edited_and_a_bad_date_refused(window, qtbot) -> None:
    panel = click_kr(window, qtbot, "KR1")
    index = panel.deliverable_index("重点城市/站点清单").siblingAtColumn(WorkColumn.DUE)
    assert panel.work_model.setData(index, "12-15")
    index = panel.deliverable_index("重点城市/站点清单").siblingAtColumn(WorkColumn.DUE)
    assert index.data() == "2025-12-15"
    assert not panel.work_model.setData(index, "next week")
    assert "is not a date" in panel.work_message.text() and panel.work_message.isVisible()
    window.undo_stack.undo()
    assert (
        panel.deliverable_index("重点城市/站点清单").siblingAtColumn(WorkColumn.DUE).data() is None
    )


def test_double_clicking_an_action_asks_the_board_to_show_it(window, qtbot) -> None:
    panel = click_kr(window, qtbot, "KR3")
    cards = panel.card_list.card_ids()
    assert cards
    view = panel.card_list
    panel.ensureWidgetVisible(view)
    rect = view.visualRect(view.model().index(0, 0))
    with qtbot.waitSignal(panel.card_activated) as signal:
        # A real double-click: a click, then the press Qt reports as a double-click.
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert signal.args == [cards[0]]
    assert list(window.board.scene.selected) == [cards[0]]  # the board revealed and selected it


def test_computed_lights_are_shown_beside_the_manual_one_when_provided(window, qtbot) -> None:
    panel = click_kr(window, qtbot, "KR1")
    panel.set_computed_light_provider(lambda _kr: [])
    assert panel.computed_lights.isVisible()
    assert "No warning rule fired for this KR." in panel.computed_lights.text()
    fired = [("red", "连续 2 周覆盖率提升 <1pp", "立刻缩减范围，聚焦高价值城市/站点守住 80%")]
    panel.set_computed_light_provider(lambda _kr: fired)
    text = panel.computed_lights.text()
    assert "Red" in text and "连续 2 周覆盖率提升 &lt;1pp" in text and "守住 80%" in text
    panel.set_computed_light_provider(None)
    assert not panel.computed_lights.isVisible()


def test_chart_slot_takes_a_widget_and_gives_it_back(window, qtbot) -> None:
    panel = click_kr(window, qtbot, "KR1")
    chart = QLabel("chart")
    panel.set_chart_widget(chart)
    assert panel.chart_slot.isVisible() and chart.parent() is panel.chart_slot
    panel.set_chart_widget(None)
    assert not panel.chart_slot.isVisible()


def test_add_and_remove_a_metric_with_undo_restoring_its_checkins(window, qtbot) -> None:
    panel = click_kr(window, qtbot, "KR2")
    assert panel.metric_model.rowCount() == 1
    assert panel.add_metric()
    assert panel.metric_model.rowCount() == 2
    assert panel.metric_model.index(1, 0).data() == "New metric"
    window.undo_stack.undo()
    assert panel.metric_model.rowCount() == 1

    panel = click_kr(window, qtbot, "KR1")
    panel.metric_table.setCurrentIndex(panel.metric_model.index(metric_row(panel, "覆盖率"), 0))
    coverage = panel.metric_model.metric(metric_row(panel, "覆盖率")).id
    assert len(window.svc.checkins(coverage)) == 2
    assert panel.remove_metric()
    assert [
        panel.metric_model.index(r, 0).data() for r in range(panel.metric_model.rowCount())
    ] == ["准确率"]
    window.undo_stack.undo()
    assert len(window.svc.checkins(coverage)) == 2
    assert panel.metric_model.rowCount() == 2


def test_selecting_something_else_shows_the_details_again(window, qtbot) -> None:
    panel = click_kr(window, qtbot, "KR1")
    objective = window.goal_tree.model().index(0, 0)
    window.goal_tree.setCurrentIndex(objective)
    assert not panel.isVisible() and window.details.isVisible()
    assert window.side_pane.currentWidget() is window.details


def test_panel_models_pass_qt_model_tester(window, qtbot, qtmodeltester) -> None:
    panel = click_kr(window, qtbot, "KR1")
    qtmodeltester.check(panel.metric_model)
    qtmodeltester.check(panel.work_model)
    assert panel.work_model.index(0, 0, QModelIndex()).isValid()
