"""Check-ins in the window: the dialog, the table, and the warning lights they turn on and off."""

from __future__ import annotations

import datetime as dt
from html import escape

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QDialogButtonBox

from models.lights import Light
from ui.checkin_table import CheckInColumn, CheckInTableModel
from ui.rules_table import RuleColumn

GAIN_RULE = "连续 2 周覆盖率提升 <1pp"
GAIN_RESPONSE = "立刻缩减范围，聚焦高价值城市/站点守住 80%"


def ids(window):
    metrics = {m.name: m for m in window.svc.tree(window.plan_id).metrics}
    return window.svc.kr_codes(window.plan_id), metrics


def select_kr(window, qtbot, code: str):
    codes, _ = ids(window)
    window.goal_tree.setCurrentIndex(window.tree_model.find("kr", codes[code]))
    qtbot.waitUntil(lambda: window.kr_panel.current_kr_id == codes[code])
    return window.metrics.section


def press_ok(dialog) -> None:
    dialog.button_box.button(QDialogButtonBox.StandardButton.Ok).click()


def fill(dialog, value: str, day: dt.date | None = None, note: str = "") -> None:
    if day is not None:
        dialog.date_edit.setDate(QDate(day.year, day.month, day.day))
    dialog.value_edit.setText(value)
    dialog.note_edit.setText(note)


@pytest.fixture
def slow_kr1(window):
    """KR1 with coverage +0.5pp in W48 (one slow week) and accuracy on pace, W49 not checked in.

    Coverage 30 (W40) -> 64.0 (W47) -> 64.5 (W48); accuracy 85 -> 86 (W48) -> 87 (W49).
    KR1 is then yellow only: coverage at its best pace cannot reach the stretch 90.
    """
    svc = window.svc
    _, metrics = ids(window)
    coverage, accuracy = metrics["覆盖率"], metrics["准确率"]
    for c in svc.checkins(coverage.id):
        if c.date == dt.date(2025, 12, 3):
            svc.delete("checkin", c.id)
    svc.create("checkin", metric_id=coverage.id, date=dt.date(2025, 11, 19), value=64.0, note="")
    svc.create("checkin", metric_id=coverage.id, date=dt.date(2025, 11, 26), value=64.5, note="")
    svc.create("checkin", metric_id=accuracy.id, date=dt.date(2025, 11, 26), value=86.0, note="")
    svc.update("metric", coverage.id, current=64.5)
    window.reload()
    return coverage


def kr1_light(window):
    codes, _ = ids(window)
    return window.metrics.evaluation.light("kr", codes["KR1"])


def test_a_second_slow_week_turns_kr1_red_with_the_authors_reason_and_undo_restores(
    window, qtbot, slow_kr1
) -> None:
    section = select_kr(window, qtbot, "KR1")
    section.setCurrentWidget(section.chart)
    window.show()
    qtbot.waitUntil(lambda: section.chart.canvas is not None)
    assert kr1_light(window) is Light.YELLOW
    points_before = len(section.chart.lines[slow_kr1.id][1].get_xdata())

    dialog = window.metrics.open_check_in()  # Ctrl+K: the KR on show, its first metric
    assert dialog.chosen_metric().name == "覆盖率"
    assert dialog.date() == dt.date(2025, 12, 3)  # the plan's today
    fill(dialog, "65", note="华中仍然很低")
    press_ok(dialog)

    assert kr1_light(window) is Light.RED
    items = window.kr_panel.computed_lights.items
    assert items[0][0] == "red"
    assert items[0][1].startswith(GAIN_RULE + ": 覆盖率 gained +0.5pp (W48), +0.5pp (W49)")
    assert items[0][2] == GAIN_RESPONSE
    assert escape(GAIN_RULE) in window.kr_panel.computed_lights.text()  # rich text
    assert len(section.chart.lines[slow_kr1.id][1].get_xdata()) == points_before + 1
    assert window.svc.get("metric", slow_kr1.id).current == 65.0  # the latest reading

    window.undo_stack.undo()
    assert kr1_light(window) is Light.YELLOW
    assert escape(GAIN_RULE) not in window.kr_panel.computed_lights.text()
    assert len(section.chart.lines[slow_kr1.id][1].get_xdata()) == points_before
    assert window.svc.get("metric", slow_kr1.id).current == 64.5

    window.undo_stack.redo()
    assert kr1_light(window) is Light.RED


def test_the_check_in_action_has_ctrl_k_and_opens_the_dialog(window, qtbot) -> None:
    action = window.metrics.check_in_action
    assert action.shortcut().toString() == "Ctrl+K"
    assert action in window.edit_menu.actions()
    action.trigger()
    dialog = window.metrics.dialog
    assert dialog is not None and dialog.isVisible()
    # No KR on show: every metric of the plan, KR1's first.
    assert dialog.metric_combo.itemText(0) == "KR1 覆盖率"
    dialog.reject()


@pytest.mark.parametrize(
    ("value", "day", "message"),
    [
        ("120", None, "Value: 120% is outside 0-100"),
        ("-1", None, "Value: -1% is outside 0-100"),
        ("", None, "Value: enter a number"),
        ("sixty", None, "Value: “sixty” is not a number"),
        ("66", dt.date(2025, 12, 4), "Date: 2025-12-04 is after the plan's today (2025-12-03)"),
        (
            "66",
            dt.date(2025, 9, 30),
            "Date: 2025-09-30 is outside the quarter (2025-10-01 to 2025-12-31)",
        ),
        ("66", dt.date(2025, 12, 3), "Date: 覆盖率 already has a check-in on 2025-12-03"),
    ],
)
def test_bad_entries_are_refused_with_a_message_naming_the_field(
    window, qtbot, value, day, message
) -> None:
    _, metrics = ids(window)
    before = window.svc.checkins(metrics["覆盖率"].id)
    dialog = select_kr(window, qtbot, "KR1").open_checkin_dialog(metrics["覆盖率"].id)
    fill(dialog, value, day)
    press_ok(dialog)
    assert dialog.isVisible()  # still open: nothing typed is lost
    assert dialog.message.text().startswith(message)
    assert window.svc.checkins(metrics["覆盖率"].id) == before
    assert window.undo_stack.count() == 0
    dialog.reject()


def test_a_check_in_with_a_comma_and_percent_sign_is_read_as_a_number(window, qtbot) -> None:
    _, metrics = ids(window)
    dialog = select_kr(window, qtbot, "KR1").open_checkin_dialog(metrics["准确率"].id)
    fill(dialog, "87,5%", dt.date(2025, 11, 26), "Golden Data 抽检")
    press_ok(dialog)
    saved = [
        c for c in window.svc.checkins(metrics["准确率"].id) if c.date == dt.date(2025, 11, 26)
    ]
    assert [(c.value, c.note) for c in saved] == [(87.5, "Golden Data 抽检")]
    # An earlier week than the latest reading leaves the metric's current value alone.
    assert window.svc.get("metric", metrics["准确率"].id).current == 87.0


def test_table_lists_check_ins_newest_first_and_passes_the_model_tester(
    window, qtbot, qtmodeltester
) -> None:
    section = select_kr(window, qtbot, "KR1")
    model = section.checkin_table.model
    qtmodeltester.check(model)
    rows = [[model.index(r, c).data() for c in CheckInColumn] for r in range(model.rowCount())]
    assert rows == [
        ["W49", "2025-12-03", "65%", "+35pp", "当前约 65%"],
        ["W40", "2025-10-01", "30%", "", "季度初"],
    ]
    qtmodeltester.check(CheckInTableModel())  # empty, read-only


def test_editing_a_value_in_the_table_is_an_undo_step_and_moves_current(window, qtbot) -> None:
    _, metrics = ids(window)
    coverage = metrics["覆盖率"]
    model = select_kr(window, qtbot, "KR1").checkin_table.model
    latest = model.index(0, CheckInColumn.VALUE)
    assert model.flags(latest) & Qt.ItemFlag.ItemIsEditable
    assert model.setData(latest, "66.5")
    assert window.svc.get("metric", coverage.id).current == 66.5
    assert (
        window.metrics.section.checkin_table.model.index(0, CheckInColumn.VALUE).data() == "66.5%"
    )
    window.undo_stack.undo()
    assert [c.value for c in window.svc.checkins(coverage.id)] == [30.0, 65.0]
    assert window.svc.get("metric", coverage.id).current == 65.0
    window.undo_stack.redo()
    assert window.svc.get("metric", coverage.id).current == 66.5


def test_a_percentage_typed_in_the_table_outside_0_100_is_refused(window, qtbot) -> None:
    _, metrics = ids(window)
    table = select_kr(window, qtbot, "KR1").checkin_table
    with qtbot.waitSignal(table.model.validation_failed) as signal:
        assert not table.model.setData(table.model.index(0, CheckInColumn.VALUE), "140")
    assert signal.args == ["Value: 140% is outside 0-100"]
    assert table.message.text() == "Value: 140% is outside 0-100"
    assert [c.value for c in window.svc.checkins(metrics["覆盖率"].id)] == [30.0, 65.0]
    assert window.undo_stack.count() == 0


def test_deleting_the_latest_check_in_puts_current_back_and_undo_restores_it(window, qtbot) -> None:
    _, metrics = ids(window)
    coverage = metrics["覆盖率"]
    table = select_kr(window, qtbot, "KR1").checkin_table
    table.view.setCurrentIndex(table.model.index(0, 0))
    assert table.delete_current()
    assert [c.value for c in window.svc.checkins(coverage.id)] == [30.0]
    assert window.svc.get("metric", coverage.id).current == 30.0
    assert window.metrics.section.checkin_table.model.rowCount() == 1
    window.undo_stack.undo()
    assert [(c.value, c.note) for c in window.svc.checkins(coverage.id)] == [
        (30.0, "季度初"),
        (65.0, "当前约 65%"),
    ]
    assert window.svc.get("metric", coverage.id).current == 65.0


def test_editing_a_check_in_through_the_dialog(window, qtbot) -> None:
    _, metrics = ids(window)
    section = select_kr(window, qtbot, "KR1")
    latest = section.checkin_table.model.checkin(0)
    dialog = section.open_checkin_dialog(checkin_id=latest.id)
    assert dialog.value_edit.text() == "65" and not dialog.metric_combo.isEnabled()
    fill(dialog, "64", dt.date(2025, 12, 2), "修正：口径调整")
    press_ok(dialog)
    saved = window.svc.get("checkin", latest.id)
    assert (saved.date, saved.value, saved.note) == (dt.date(2025, 12, 2), 64.0, "修正：口径调整")
    assert window.svc.get("metric", metrics["覆盖率"].id).current == 64.0
    window.undo_stack.undo()
    assert window.svc.get("checkin", latest.id).value == 65.0


# ----- the rules of a KR -------------------------------------------------------------------
def test_rules_table_lists_the_krs_rules_and_disabling_one_stops_it(
    window, qtbot, qtmodeltester
) -> None:
    window.svc.update("plan", window.plan_id, as_of=dt.date(2025, 12, 21))
    window.reload()
    codes, _ = ids(window)
    section = select_kr(window, qtbot, "KR3")
    model = section.rules_table.model
    qtmodeltester.check(model)
    assert model.rowCount() == 1
    row = [model.index(0, c).data() for c in RuleColumn]
    assert row[RuleColumn.DESCRIPTION] == "12 月 20 日仍未有任意新标签上线"
    assert row[RuleColumn.CONDITION] == "“上线确认邮件/需求单链接” not done by 2025-12-20"
    assert row[RuleColumn.STATUS] == "Fired"
    assert window.metrics.evaluation.light("kr", codes["KR3"]) is Light.RED

    check = model.index(0, RuleColumn.ENABLED)
    assert model.setData(check, Qt.CheckState.Unchecked.value, Qt.ItemDataRole.CheckStateRole)
    assert window.metrics.evaluation.light("kr", codes["KR3"]) is None
    assert section.rules_table.model.index(0, RuleColumn.STATUS).data() == "Off"
    window.undo_stack.undo()
    assert window.metrics.evaluation.light("kr", codes["KR3"]) is Light.RED


def test_adding_a_rule_through_the_dialog_and_a_bad_one_is_refused(window, qtbot) -> None:
    codes, metrics = ids(window)
    section = select_kr(window, qtbot, "KR1")
    dialog = section.open_rule_dialog()
    assert dialog.kind().value == "gain_below"
    assert dialog.metric_combo.currentText() == "KR1 覆盖率"
    dialog.weeks.setValue(3)
    dialog.description.setText("连续 3 周准确率提升 <0.2pp")
    dialog.metric_combo.setCurrentIndex(dialog.metric_combo.findData(metrics["准确率"].id))
    dialog.min_gain.setValue(0.2)
    dialog.response.setText("追加 Golden Data 抽检")
    press_ok(dialog)
    rules = window.svc.list("rule", kr_id=codes["KR1"])
    added = rules[-1]
    assert added.description == "连续 3 周准确率提升 <0.2pp"
    assert '"min_gain": 0.2' in added.params and '"weeks": 3' in added.params
    assert section.rules_table.model.rowCount() == 2
    assert section.rules_table.model.index(1, RuleColumn.CONDITION).data() == (
        "KR1 准确率 gains less than 0.2pp a week, 3 weeks running"
    )
    # A milestone rule needs a deliverable or work package; with none chosen it is refused.
    bad = section.open_rule_dialog()
    bad.kind_combo.setCurrentIndex(bad.kind_combo.findData("milestone_by_date"))
    bad.milestone_combo.setCurrentIndex(-1)
    press_ok(bad)
    assert bad.isVisible() and bad.message.text().startswith("Milestone:")
    bad.reject()
    window.undo_stack.undo()
    assert len(window.svc.list("rule", kr_id=codes["KR1"])) == 1
