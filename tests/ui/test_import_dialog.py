"""The paste dialog, the weekly report dialog and the File menu's export actions."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtGui import QKeySequence

from app.import_markdown import preview_import
from ui.dialogs.import_dialog import ImportDialog, ImportPreviewModel

REFERENCE = (Path(__file__).parents[1] / "data" / "reference_action_table.md").read_text("utf-8")


def import_dialog(qtbot, window) -> ImportDialog:
    dialog = window.io_actions.open_import()
    qtbot.addWidget(dialog)
    return dialog


def test_preview_model_passes_the_model_tester(qtmodeltester, window) -> None:
    edit = window.edit_context
    model = ImportPreviewModel()
    qtmodeltester.check(model)
    model.set_rows(preview_import(edit.svc, edit.plan_id, REFERENCE).rows)
    qtmodeltester.check(model)
    assert model.rowCount() == 13
    assert model.index(7, 1).data() == "Week W49"
    assert model.index(7, 5).data() == "2025-12-05 (本周五)"
    assert model.index(0, 5).data() == "2025-12-31"  # "12-31" needs no note
    assert model.index(12, 1).data() == "Week W51-52"


def test_pasting_the_reference_table_previews_13_cards(qtbot, window) -> None:
    dialog = import_dialog(qtbot, window)
    assert not dialog.import_button.isEnabled()
    dialog.editor.setPlainText(REFERENCE)  # as a paste: the preview follows a moment later
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 13)
    assert dialog.import_button.isEnabled()
    assert dialog.pages.currentWidget() is dialog.table
    assert dialog.summary.text() == "13 cards will be created (KR1: 5 · KR3: 3 · KR4: 4 · KR5: 4)"
    assert dialog.model.index(0, 2).data() == "完成商户画像「80% 覆盖+89% 准确率+1 新标签上线」"


def test_a_bad_table_lists_problems_and_cannot_be_imported(qtbot, window) -> None:
    dialog = import_dialog(qtbot, window)
    before = len(window.edit_context.svc.cards(window.edit_context.plan_id))
    bad = REFERENCE.replace("| KR3 | 你+算法 | 12-20 |", "| KR9 | 你+算法 | 12-40 |")
    dialog.set_text(bad)
    texts = [dialog.problems.item(i).text() for i in range(dialog.problems.count())]
    assert texts[0].startswith("Line 11, column 所属 KR (“KR9”): unknown KR KR9")
    assert texts[1].startswith("Line 11, column 截止时间 (“12-40”): unreadable date")
    assert dialog.pages.currentWidget() is dialog.problems
    assert dialog.summary.text().startswith("2 problems")
    assert not dialog.import_button.isEnabled()
    assert dialog.do_import() is False
    assert len(window.edit_context.svc.cards(window.edit_context.plan_id)) == before
    dialog.problems.itemActivated.emit(dialog.problems.item(0))  # jumps to the line
    assert dialog.editor.textCursor().block().blockNumber() == 10
    assert "KR9" in dialog.editor.textCursor().selectedText()


def test_import_is_one_undo_step(qtbot, window) -> None:
    edit = window.edit_context
    before = [c.id for c in edit.svc.cards(edit.plan_id)]
    dialog = import_dialog(qtbot, window)
    dialog.set_text(REFERENCE)
    with qtbot.waitSignal(dialog.finished):
        assert dialog.do_import()
    after = edit.svc.cards(edit.plan_id)
    assert len(after) == len(before) + 13
    assert edit.undo_stack.count() == 1
    assert edit.undo_stack.undoText() == "Import 13 cards"
    edit.undo_stack.undo()
    assert [c.id for c in edit.svc.cards(edit.plan_id)] == before
    edit.undo_stack.redo()
    assert [c.id for c in edit.svc.cards(edit.plan_id)] == [c.id for c in after]


def test_open_file_reads_a_table_or_says_why_not(qtbot, window, tmp_path) -> None:
    dialog = import_dialog(qtbot, window)
    table = tmp_path / "table.md"
    table.write_text(REFERENCE, encoding="utf-8-sig")
    assert dialog.open_file(str(table))
    assert dialog.model.rowCount() == 13
    assert not dialog.open_file(str(tmp_path / "missing.md"))
    assert "missing.md cannot be read" in dialog.summary.text()
    assert not dialog.import_button.isEnabled()


def test_a_read_only_window_previews_but_does_not_import(qtbot, window) -> None:
    window.bus.set_read_only(True, "test")
    assert not window.io_actions.import_action.isEnabled()
    dialog = ImportDialog(window.edit_context, window)
    qtbot.addWidget(dialog)
    dialog.set_text(REFERENCE)
    assert dialog.model.rowCount() == 13
    assert not dialog.import_button.isEnabled()
    assert "read-only" in dialog.summary.text()


def test_file_menu_offers_import_report_and_exports(window) -> None:
    texts = [a.text() for a in window.file_menu.actions() if not a.isSeparator()]
    assert texts[:4] == [
        "&Import action table…",
        "Weekly &report…",
        "Export actions as &Markdown…",
        "Export actions as &CSV…",
    ]
    assert window.io_actions.import_action.shortcut() == QKeySequence("Ctrl+I")


def test_report_dialog_shows_and_saves_the_week(qtbot, window, tmp_path) -> None:
    dialog = window.io_actions.open_report()
    qtbot.addWidget(dialog)
    assert dialog.week == dt.date(2025, 12, 1)
    assert dialog.week_box.count() == 14  # W40 .. W01 of Q4 2025
    assert "this week" in dialog.week_box.currentText()
    shown = dialog.view.toPlainText()
    for code in ("KR1", "KR2", "KR3", "KR4", "KR5"):
        assert code in shown
    assert "🟠" not in shown and "●" in shown  # dots, not emoji a desktop may not have
    assert dialog.default_name() == "周报-2025-W49.md"
    saved = dialog.save(str(tmp_path / dialog.default_name()))
    assert saved is not None and saved.read_text("utf-8") == dialog.markdown
    assert "🟠 黄偏红" in dialog.markdown
    assert str(saved) in dialog.status.text()
    dialog.select_week(dt.date(2025, 12, 8))
    assert "2025-W50" in dialog.markdown.splitlines()[0]
    assert dialog.save(str(tmp_path / "no" / "x.md")) is None
    assert dialog.status.text().startswith("Not saved")


def test_export_actions_writes_markdown_and_csv(window, tmp_path) -> None:
    md = window.io_actions.export("md", str(tmp_path / "a.md"))
    assert md is not None and md.read_text("utf-8").splitlines()[0].startswith("| 层级 |")
    csv_file = window.io_actions.export("csv", str(tmp_path / "a.csv"))
    assert csv_file is not None and csv_file.read_bytes().startswith(b"\xef\xbb\xbf")
    assert csv_file.read_bytes().decode("utf-8-sig").startswith("层级,行动事项,所属 KR")
    assert str(csv_file) in window.statusBar().currentMessage()
