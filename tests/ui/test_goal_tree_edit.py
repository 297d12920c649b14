"""Editing the goal tree: add, rename, delete with its cascade, reorder by drop, all undoable."""

from __future__ import annotations

from PySide6.QtCore import QMimeData, QModelIndex, Qt
from PySide6.QtWidgets import QLineEdit

from app.commands import CreateEntity
from models.lights import Light
from tests.helpers import dump
from ui.goal_tree_model import MIME_TYPE, Column, Roles


def codes(window) -> dict[str, int]:
    return window.svc.kr_codes(window.plan_id)


def children(model, parent: QModelIndex) -> list[str]:
    return [model.index(r, 0, parent).data() for r in range(model.rowCount(parent))]


def line_index(window, title: str) -> QModelIndex:
    model = window.tree_model
    objective = model.index(0, 0)
    row = children(model, objective).index(title)
    return model.index(row, 0, objective)


def select(window, index: QModelIndex) -> None:
    window.goal_tree.setCurrentIndex(window.goal_tree.index_at_path(index.data(Roles.PATH)))


def drag(model, index: QModelIndex) -> QMimeData:
    return model.mimeData([index, index.siblingAtColumn(Column.LIGHT)])


def test_rename_through_set_data_and_undo(window) -> None:
    model = window.tree_model
    kr3 = model.find("kr", codes(window)["KR3"])
    assert kr3.data(Qt.ItemDataRole.EditRole) == "新标签持续建设能力"
    assert model.flags(kr3) & Qt.ItemFlag.ItemIsEditable

    assert model.setData(kr3, "新标签可持续建设能力", Qt.ItemDataRole.EditRole)
    kr3 = model.find("kr", codes(window)["KR3"])
    assert kr3.data() == "KR3 新标签可持续建设能力"
    assert window.svc.get("kr", codes(window)["KR3"]).title == "新标签可持续建设能力"
    assert window.undo_stack.undoText() == "Rename KR to “新标签可持续建设能力”"

    window.undo_stack.undo()
    assert model.find("kr", codes(window)["KR3"]).data() == "KR3 新标签持续建设能力"
    window.undo_stack.redo()
    assert window.svc.get("kr", codes(window)["KR3"]).title == "新标签可持续建设能力"


def test_renaming_to_blank_or_the_same_pushes_nothing(window) -> None:
    model = window.tree_model
    line = line_index(window, "主线一 商户画像")
    assert not model.setData(line, "   ", Qt.ItemDataRole.EditRole)
    assert model.setData(line, "商户画像", Qt.ItemDataRole.EditRole)
    assert window.undo_stack.count() == 0
    assert line_index(window, "主线一 商户画像").isValid()


def test_inline_rename_keeps_selection_and_expansion(window, qtbot) -> None:
    view, model = window.goal_tree, window.tree_model
    kr1 = model.find("kr", codes(window)["KR1"])
    wp = model.index(0, 0, kr1)
    view.expand(view.index_at_path(wp.data(Roles.PATH)))
    select(window, wp)
    assert model.setData(wp, "商户画像工作包 #1：质量诊断", Qt.ItemDataRole.EditRole)
    assert view.currentIndex().data() == "商户画像工作包 #1：质量诊断"
    assert view.isExpanded(view.currentIndex())


def test_checking_a_deliverable_in_the_tree(window) -> None:
    model = window.tree_model
    wp = model.index(0, 0, model.find("kr", codes(window)["KR1"]))
    deliverable = model.index(0, 0, wp)
    assert model.setData(deliverable, Qt.CheckState.Checked.value, Qt.ItemDataRole.CheckStateRole)
    assert model.index(0, 0, wp).data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
    assert wp.siblingAtColumn(Column.PROGRESS).data() == "1 of 2 deliverables done"
    window.undo_stack.undo()
    assert wp.siblingAtColumn(Column.PROGRESS).data() == "0 of 2 deliverables done"


def test_add_a_kr_under_a_line_then_delete_it_and_undo_restores_its_children(window) -> None:
    svc, model = window.svc, window.tree_model
    select(window, line_index(window, "主线一 商户画像"))
    kr_id = window.tree_actions.add("kr", edit=False)
    assert kr_id is not None
    kr = svc.get("kr", kr_id)
    assert (kr.code, kr.title) == ("KR6", "New KR")
    assert children(model, line_index(window, "主线一 商户画像"))[-1] == "KR6 New KR"
    assert window.goal_tree.currentIndex().data() == "KR6 New KR"

    # Give it children of every kind: a metric with a check-in, a work package with a
    # deliverable (only this KR's), a link from an existing card.
    wp_id = window.tree_actions.add("work_package", "KR6 工作包", edit=False)
    assert wp_id is not None
    window.tree_actions.add("deliverable", "KR6 产出物", edit=False)
    metric = CreateEntity("metric", {"kr_id": kr_id, "name": "新指标", "unit": "%", "current": 5})
    assert window.edit_context.push(metric)
    checkin = {"metric_id": metric.created_id, "date": svc.today(window.plan_id), "value": 5.0}
    assert window.edit_context.push(CreateEntity("checkin", checkin))
    card = svc.cards(window.plan_id)[0]
    svc.update("card", card.id, kr_ids=[*card.kr_ids, kr_id])
    window.reload()
    before = dump(svc)

    select(window, model.find("kr", kr_id))
    window.tree_actions.delete.trigger()
    after_delete = dump(svc)
    assert "KR6" not in svc.kr_codes(window.plan_id)
    assert after_delete["metric"] == [m for m in before["metric"] if m[1] != kr_id]
    assert not [c for c in after_delete["checkin"] if c[1] == metric.created_id]
    assert wp_id not in [wp[0] for wp in after_delete["workpackage"]]
    assert kr_id not in svc.get("card", card.id).kr_ids
    assert children(model, line_index(window, "主线一 商户画像"))[-1].startswith("KR3")

    window.undo_stack.undo()
    assert dump(svc) == before
    assert children(model, line_index(window, "主线一 商户画像"))[-1] == "KR6 New KR"
    kr6 = model.find("kr", kr_id)
    assert children(model, kr6) == ["KR6 工作包"]
    assert children(model, model.index(0, 0, kr6)) == ["KR6 产出物"]
    window.undo_stack.redo()
    assert dump(svc) == after_delete


def test_deleting_kr1_and_undo_restores_everything(window) -> None:
    svc, model = window.svc, window.tree_model
    before = dump(svc)
    select(window, model.find("kr", codes(window)["KR1"]))
    window.tree_actions.delete.trigger()
    assert "KR1" not in codes(window)
    assert window.undo_stack.undoText() == "Delete KR “KR1 已上线标签质量提升”"
    window.undo_stack.undo()
    assert dump(svc) == before
    kr1 = model.find("kr", codes(window)["KR1"])
    assert children(model, kr1)[0] == "商户画像工作包 #1：质量诊断 + 提升方案"


def test_deleting_a_shared_work_package_under_one_kr_only_unlinks_it(window) -> None:
    model = window.tree_model
    shared = "非油品工作包 #1：MVP 范围冻结 + 影子运营"
    kr4 = model.find("kr", codes(window)["KR4"])
    row = children(model, kr4).index(shared)
    select(window, model.index(row, 0, kr4))
    window.tree_actions.delete.trigger()
    assert shared not in children(model, model.find("kr", codes(window)["KR4"]))
    assert shared in children(model, model.find("kr", codes(window)["KR5"]))
    assert window.undo_stack.undoText() == f"Remove “{shared}” from KR4"
    window.undo_stack.undo()
    assert shared in children(model, model.find("kr", codes(window)["KR4"]))


def test_reorder_by_drop_within_a_parent_and_undo(window) -> None:
    svc, model = window.svc, window.tree_model
    line = line_index(window, "主线一 商户画像")
    kr3 = model.index(2, 0, line)
    mime = drag(model, kr3)
    assert mime.hasFormat(MIME_TYPE)
    assert model.canDropMimeData(mime, Qt.DropAction.MoveAction, 0, 0, line)

    assert model.dropMimeData(mime, Qt.DropAction.MoveAction, 0, 0, line)
    line = line_index(window, "主线一 商户画像")
    assert [t.split()[0] for t in children(model, line)] == ["KR3", "KR1", "KR2"]
    saved = [kr.code for kr in svc.tree(window.plan_id).krs_of(line.data(Roles.ENTITY_ID))]
    assert saved == ["KR3", "KR1", "KR2"]
    assert window.undo_stack.count() == 1

    window.undo_stack.undo()
    line = line_index(window, "主线一 商户画像")
    assert [t.split()[0] for t in children(model, line)] == ["KR1", "KR2", "KR3"]
    window.undo_stack.redo()
    assert [t.split()[0] for t in children(model, line_index(window, "主线一 商户画像"))] == [
        "KR3",
        "KR1",
        "KR2",
    ]


def test_drop_onto_a_sibling_takes_its_place(window) -> None:
    model = window.tree_model
    kr1 = model.find("kr", codes(window)["KR1"])
    second_wp = model.index(1, 0, kr1)
    assert model.dropMimeData(
        drag(model, second_wp), Qt.DropAction.MoveAction, -1, 0, model.index(0, 0, kr1)
    )
    kr1 = model.find("kr", codes(window)["KR1"])
    assert children(model, kr1) == [
        "商户画像工作包 #2：重点城市拉升计划",
        "商户画像工作包 #1：质量诊断 + 提升方案",
    ]
    # The shared work package keeps its place under KR4 and KR5.
    kr5 = model.find("kr", codes(window)["KR5"])
    assert children(model, kr5)[0] == "非油品工作包 #1：MVP 范围冻结 + 影子运营"


def test_drops_that_change_nothing_or_leave_the_parent_are_refused(window) -> None:
    model = window.tree_model
    line_one = line_index(window, "主线一 商户画像")
    line_two = line_index(window, "主线二 非油品")
    kr1 = model.index(0, 0, line_one)
    mime = drag(model, kr1)
    assert not model.canDropMimeData(mime, Qt.DropAction.MoveAction, 0, 0, line_two)
    assert not model.dropMimeData(mime, Qt.DropAction.MoveAction, 0, 0, line_two)
    assert not model.dropMimeData(mime, Qt.DropAction.MoveAction, 0, 0, line_one)  # same place
    assert not model.dropMimeData(mime, Qt.DropAction.MoveAction, 1, 0, line_one)  # same place
    junk = QMimeData()
    junk.setData(MIME_TYPE, b"not json")
    assert not model.canDropMimeData(junk, Qt.DropAction.MoveAction, 0, 0, line_one)
    assert window.undo_stack.count() == 0


def test_move_up_and_down_actions(window) -> None:
    model = window.tree_model
    select(window, model.find("kr", codes(window)["KR2"]))
    window.tree_actions.move_up.trigger()
    assert [t.split()[0] for t in children(model, line_index(window, "主线一 商户画像"))] == [
        "KR2",
        "KR1",
        "KR3",
    ]
    assert window.goal_tree.currentIndex().data().startswith("KR2")
    assert not window.tree_actions.move_up.isEnabled()
    window.tree_actions.move_down.trigger()
    window.tree_actions.move_down.trigger()
    assert [t.split()[0] for t in children(model, line_index(window, "主线一 商户画像"))] == [
        "KR1",
        "KR3",
        "KR2",
    ]


def test_reload_keeps_selection_and_expansion(window) -> None:
    view, model = window.goal_tree, window.tree_model
    kr5 = model.find("kr", codes(window)["KR5"])
    shared = model.index(0, 0, kr5)  # the work package KR4 and KR5 share: under KR5 here
    view.expand(view.index_at_path(shared.data(Roles.PATH)))
    line_two = line_index(window, "主线二 非油品")
    view.collapse(view.index_at_path(model.index(0, 0, line_two).data(Roles.PATH)))  # KR4
    select(window, model.index(1, 0, shared))
    path = view.currentIndex().data(Roles.PATH)

    select_line = line_index(window, "主线一 商户画像")
    assert window.edit_context.push(
        CreateEntity(
            "kr", {"line_id": select_line.data(Roles.ENTITY_ID), "code": "KR9", "title": "别处新增"}
        )
    )
    assert view.currentIndex().data(Roles.PATH) == path
    assert view.isExpanded(view.index_at_path(path[:-1]))
    assert not view.isExpanded(
        view.index_at_path(model.index(0, 0, line_index(window, "主线二 非油品")).data(Roles.PATH))
    )


def test_tree_shows_scores_and_roll_ups(window) -> None:
    model = window.tree_model
    score = {
        code: model.find("kr", i).siblingAtColumn(Column.SCORE).data()
        for code, i in codes(window).items()
    }
    assert score == {"KR1": "57", "KR2": "100", "KR3": "0", "KR4": "0", "KR5": "0"}
    line_one = line_index(window, "主线一 商户画像")
    assert line_one.siblingAtColumn(Column.SCORE).data() == "52"  # (57 + 100 + 0) / 3
    assert line_index(window, "主线二 非油品").siblingAtColumn(Column.SCORE).data() == "0"
    assert model.index(0, Column.SCORE).data() == "26"
    assert "Mean of the scores of 3 of 3 KRs" in line_one.siblingAtColumn(Column.SCORE).data(
        Qt.ItemDataRole.ToolTipRole
    )
    kr1 = model.find("kr", codes(window)["KR1"])
    assert "floor 80% / stretch 90%, baseline 30%" in kr1.siblingAtColumn(Column.PROGRESS).data()


def test_light_set_from_the_tree_for_a_work_package(window, qtbot) -> None:
    model = window.tree_model
    wp = model.index(0, 0, model.find("kr", codes(window)["KR5"]))
    select(window, wp)
    dialog = window.tree_actions.open_light_dialog()
    assert dialog is not None and not dialog.reason_edit.isVisibleTo(dialog)
    dialog.set_light(Light.GREEN)
    dialog.accept()
    wp = model.index(0, 0, model.find("kr", codes(window)["KR5"]))
    assert wp.siblingAtColumn(Column.LIGHT).data() == "Green"
    window.undo_stack.undo()
    assert (
        model.index(0, 0, model.find("kr", codes(window)["KR5"]))
        .siblingAtColumn(Column.LIGHT)
        .data()
        == "Not set"
    )


def test_delete_key_in_the_tree_deletes_but_not_in_the_panel(window, qtbot) -> None:
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    select(window, window.tree_model.find("kr", codes(window)["KR2"]))
    panel = window.kr_panel
    panel.bottleneck.edit.setFocus()
    qtbot.waitUntil(panel.bottleneck.edit.hasFocus)
    qtbot.keyClick(panel.bottleneck.edit, Qt.Key.Key_Delete)
    assert "KR2" in codes(window)
    window.goal_tree.setFocus()
    qtbot.waitUntil(window.goal_tree.hasFocus)
    qtbot.keyClick(window.goal_tree, Qt.Key.Key_Delete)
    assert "KR2" not in codes(window)
    window.undo_stack.undo()
    assert "KR2" in codes(window)


def test_editable_model_passes_qt_model_tester(window, qtmodeltester) -> None:
    qtmodeltester.check(window.tree_model)
    select(window, line_index(window, "主线二 非油品"))
    window.tree_actions.add("kr", edit=False)
    qtmodeltester.check(window.tree_model)


def test_a_read_only_window_offers_no_tree_or_panel_edits(window) -> None:
    model = window.tree_model
    kr1 = model.find("kr", codes(window)["KR1"])
    select(window, kr1)
    window.bus.set_read_only(True)
    assert not model.flags(kr1) & Qt.ItemFlag.ItemIsEditable
    assert not model.flags(kr1) & Qt.ItemFlag.ItemIsDragEnabled
    actions = window.tree_actions
    assert not any(a.isEnabled() for a in (actions.add_child, actions.delete, actions.set_light))
    panel = window.kr_panel
    assert not panel.light_button.isEnabled() and panel.bottleneck.edit.isReadOnly()
    metric = panel.metric_model.index(0, 2)
    assert not panel.metric_model.flags(metric) & Qt.ItemFlag.ItemIsEditable
    window.bus.set_read_only(False)
    assert model.flags(kr1) & Qt.ItemFlag.ItemIsEditable
    assert actions.delete.isEnabled() and panel.light_button.isEnabled()


def test_rename_in_the_inline_editor_with_f2_and_enter(window, qtbot) -> None:
    window.show()
    qtbot.waitExposed(window)
    view = window.goal_tree
    select(window, window.tree_model.find("kr", codes(window)["KR2"]))
    view.setFocus()
    view.edit(view.currentIndex())  # what F2 (the rename action) does
    editor = view.viewport().findChild(QLineEdit)
    assert editor is not None and editor.text() == "铁橙 APP 标签信息收集能力建设"
    editor.setText("铁橙 APP 采集能力")
    qtbot.keyClick(editor, Qt.Key.Key_Return)  # the delegate commits on the next event loop
    qtbot.waitUntil(lambda: view.currentIndex().data() == "KR2 铁橙 APP 采集能力")
    assert window.svc.get("kr", codes(window)["KR2"]).title == "铁橙 APP 采集能力"


def test_deleting_a_line_and_undo_restores_its_krs_and_work_packages(window) -> None:
    svc, model = window.svc, window.tree_model
    before = dump(svc)
    select(window, line_index(window, "主线二 非油品"))
    window.tree_actions.delete.trigger()
    assert children(model, model.index(0, 0)) == ["主线一 商户画像"]
    titles = [wp.title for wp in svc.tree(window.plan_id).work_packages]
    assert not [t for t in titles if t.startswith("非油品")]  # KR4 / KR5's, shared one included
    window.undo_stack.undo()
    assert dump(svc) == before
