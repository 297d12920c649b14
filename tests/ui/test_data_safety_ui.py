"""What a user sees when storage fails or a file is bad: the refused edit snaps back with a clear
message, the undo stack stays in step with the database, a damaged plan offers a way out, and
File > Restore backup brings an earlier state back."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialog, QLabel, QMessageBox, QPushButton
from sqlalchemy import event

from app.backup import list_backups, make_backup
from app.commands import CreateEntity, Macro, UpdateEntity
from app.db import make_engine
from app.gui_safety import open_window_with_recovery
from models.calendar import Level, Quarter
from tests.app.safety_helpers import dump
from ui.dialogs.restore_dialog import BackupRow, RestoreDialog
from ui.open_problem_dialog import OpenChoice, OpenDecision, OpenProblemDialog

Q4 = Quarter(dt.date(2025, 10, 1), dt.date(2025, 12, 31))


@pytest.fixture
def warnings(monkeypatch) -> list[str]:
    """The messages the window shows in its "Change not saved" box."""
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text, *a: shown.append(text))
    return shown


def _read_only_storage(window) -> None:
    """From now on the plan file refuses writes, as a read-only file or medium does."""
    window.svc.engine = make_engine(window.context.db.url, read_only=True)


def _week_card(window):
    return next(c for c in window.svc.cards(window.plan_id) if c.level == "week")


# ----- refused writes ----------------------------------------------------------------------------
def test_a_drop_on_a_read_only_file_snaps_back_with_a_message(window, qtbot, warnings) -> None:
    card = _week_card(window)
    editor = window.board.editor
    _read_only_storage(window)
    before = dump(window.svc.engine)
    target = next(b for b in Q4.weeks() if b.start > card.period_start)
    with qtbot.waitSignal(window.bus.failed):
        assert not editor.move_cards([card.id], target, keep_due=False)  # the drop's own path
    assert warnings and "read-only" in warnings[0] and "intact" in warnings[0]
    assert dump(window.svc.engine) == before
    shown = window.board.scene.model.cards[card.id]
    assert shown.period_start == card.period_start  # the card is back where it was
    assert window.undo_stack.count() == 0


def test_a_full_disk_refuses_a_big_edit_whole(window, qtbot, warnings) -> None:
    engine = window.svc.engine
    with engine.connect() as conn:
        pages = conn.exec_driver_sql("PRAGMA page_count").scalar()
    event.listen(engine, "connect", lambda c, _r: c.execute(f"PRAGMA max_page_count={pages}"))
    engine.dispose()
    before = dump(engine)
    start = Q4.weeks()[10].start
    fields = {"plan_id": window.plan_id, "level": Level.WEEK.value, "period_start": start}
    fields |= {"period_end": start, "done_criteria": "满" * 2000}
    cards = [CreateEntity("card", {**fields, "title": f"卡片 {i}"}) for i in range(30)]
    with qtbot.waitSignal(window.bus.failed):
        assert not window.edit_context.push(Macro(cards, name="Import 30 cards"))
    assert warnings and "disk is full" in warnings[0]
    assert dump(engine) == before
    assert window.undo_stack.count() == 0


def test_an_undo_that_cannot_be_written_keeps_the_stack_in_step(window, qtbot, warnings) -> None:
    pid = window.plan_id
    assert window.edit_context.push(UpdateEntity("plan", pid, {"name": "第一"}, name="Rename 1"))
    assert window.edit_context.push(UpdateEntity("plan", pid, {"name": "第二"}, name="Rename 2"))
    writable = window.svc.engine
    _read_only_storage(window)
    with qtbot.waitSignal(window.bus.failed):
        window.undo_stack.undo()
    assert warnings[-1].startswith("Could not undo “Rename 2”: The plan file is read-only")
    assert window.svc.get("plan", pid).name == "第二"  # nothing changed...
    assert window.undo_stack.count() == 1 and window.undo_stack.index() == 1  # ...nor stepped
    assert window.undo_stack.undoText() == "Rename 1"
    assert not window.undo_stack.canRedo()
    window.svc.engine = writable  # the medium is writable again: the remaining step works
    window.undo_stack.undo()
    assert window.svc.get("plan", pid).name.startswith("Q4")
    window.undo_stack.redo()
    assert window.svc.get("plan", pid).name == "第一"


def test_a_redo_that_fails_is_dropped_and_said(window, qtbot, warnings) -> None:
    pid = window.plan_id
    assert window.edit_context.push(UpdateEntity("plan", pid, {"name": "再来"}, name="Rename"))
    window.undo_stack.undo()
    _read_only_storage(window)
    with qtbot.waitSignal(window.bus.failed):
        window.undo_stack.redo()
    assert warnings[-1].startswith("Could not redo “Rename”")
    assert window.svc.get("plan", pid).name.startswith("Q4")
    assert window.undo_stack.count() == 0 and not window.undo_stack.canRedo()


# ----- File > Restore backup ---------------------------------------------------------------------
def test_restore_backup_lists_backups_and_brings_one_back(window, qtbot, monkeypatch) -> None:
    path = window.context.db.path
    made = make_backup(path, label="manual")
    assert made is not None
    card = _week_card(window)
    assert window.edit_context.push(UpdateEntity("card", card.id, {"title": "改过的标题"}))
    assert window.undo_stack.count() == 1

    shown: list[RestoreDialog] = []

    def choose_first(dialog: RestoreDialog) -> int:
        shown.append(dialog)
        dialog.grab().save("/tmp/restore_dialog.png")
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(RestoreDialog, "exec", choose_first)
    questions: list[str] = []
    monkeypatch.setattr(
        QMessageBox, "question", lambda _p, _t, q, *a: questions.append(q) or QMessageBox.Yes
    )
    assert window.restore_action in window.file_menu.actions()
    window.restore_action.trigger()

    (dialog,) = shown
    rows = [dialog.table.topLevelItem(i).text(2) for i in range(dialog.table.topLevelItemCount())]
    assert rows == ["13"]
    assert dialog.table.topLevelItem(0).text(3) == "by hand"
    assert "13 cards" in questions[0] and "backed up first" in questions[0]
    assert window.svc.get("card", card.id).title == card.title  # the backup's title is back
    assert window.undo_stack.count() == 0  # its commands belonged to the replaced plan
    assert "Restored the backup" in window.statusBar().currentMessage()
    labels = [b.label for b in list_backups(path)]
    assert "before-restore" in labels and "manual" in labels
    before_restore = next(b for b in list_backups(path) if b.label == "before-restore")
    from tests.app.safety_helpers import dump_file

    titles = [row for row in dump_file(before_restore.path)["actioncard"] if "改过的标题" in row]
    assert titles, "the edited plan was kept before restoring"


def test_restore_asks_first_and_cancel_changes_nothing(window, monkeypatch) -> None:
    path = window.context.db.path
    make_backup(path)
    before = path.read_bytes()
    monkeypatch.setattr(RestoreDialog, "exec", lambda d: QDialog.DialogCode.Accepted)
    monkeypatch.setattr(QMessageBox, "question", lambda *a: QMessageBox.Cancel)
    window.restore_action.trigger()
    assert [b.label for b in list_backups(path)] == ["manual"]
    assert path.read_bytes() == before


def test_the_restore_dialog_shows_date_size_cards_and_why(qtbot, tmp_path) -> None:
    rows = [
        BackupRow(tmp_path / "a.db", dt.datetime(2025, 12, 3, 18, 5), 131072, "close", 13),
        BackupRow(tmp_path / "b.db", dt.datetime(2025, 12, 3, 9, 0), 135168, "open", 12),
        BackupRow(
            tmp_path / "c.db",
            dt.datetime(2025, 11, 30, 8, 0),
            98304,
            "before-upgrade-from-0001",
            None,
        ),
    ]
    dialog = RestoreDialog(rows)
    qtbot.addWidget(dialog)
    table = dialog.table
    assert [table.headerItem().text(i) for i in range(4)] == ["Date", "Size", "Cards", "Made"]
    first = [table.topLevelItem(0).text(i) for i in range(4)]
    assert first[0] == "2025-12-03 18:05:00" and first[2] == "13" and first[3] == "on closing"
    assert "128" in first[1]
    assert table.topLevelItem(2).text(2) == "unreadable"
    assert table.topLevelItem(2).text(3) == "before upgrading schema 0001"
    assert dialog.selected() == rows[0] and dialog.restore_button.isEnabled()
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.grab().save("/tmp/restore_dialog_rows.png")


# ----- a bad file on open ------------------------------------------------------------------------
def test_the_open_problem_dialog_names_the_file_and_offers_ways_out(qtbot) -> None:
    dialog = OpenProblemDialog(
        "/home/me/plan.db",
        "its header is zeroed: the file is damaged",
        "2025-12-03 18:05, 13 cards",
    )
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.grab().save("/tmp/open_problem_dialog.png")
    assert dialog.findChild(QLabel, "problemFile").text() == "/home/me/plan.db"
    assert dialog.findChild(QLabel, "problemText").text() == (
        "Its header is zeroed: the file is damaged."
    )
    texts = [b.text() for b in dialog.findChildren(QPushButton)]
    assert texts == [
        "Restore the newest good backup (2025-12-03 18:05, 13 cards)",
        "Open another plan file…",
        "Start a new plan…",
        "Quit",
    ]
    dialog.buttons[OpenChoice.NEW_PLAN].click()
    assert dialog.choice is OpenChoice.NEW_PLAN and dialog.result() == QDialog.DialogCode.Accepted


def _damaged_plan_with_backup(tmp_path: Path) -> tuple[Path, bytes]:
    from app.db import open_database

    path = tmp_path / "plan.db"
    open_database(f"sqlite:///{path}").close()
    assert make_backup(path) is not None
    data = bytearray(path.read_bytes())
    data[:100] = bytes(100)
    path.write_bytes(data)
    return path, bytes(data)


def test_a_damaged_plan_is_replaced_by_its_newest_good_backup_on_request(
    qtbot, tmp_path, monkeypatch
) -> None:
    import app.gui_safety as gui_safety
    from app.main import create_main_window

    path, damaged = _damaged_plan_with_backup(tmp_path)
    asked: list[tuple] = []

    def restore_please(file: str, problem: str, backup: str | None) -> OpenDecision:
        asked.append((file, problem, backup))
        return OpenDecision(OpenChoice.RESTORE_BACKUP)

    monkeypatch.setattr(gui_safety, "ask_what_to_do", restore_please)
    window = open_window_with_recovery(str(path), create_main_window, interactive=True)
    assert window is not None
    qtbot.addWidget(window)
    ((file, problem, backup),) = asked
    assert file == str(path) and "zeroed" in problem and backup.endswith("13 cards")
    assert len(window.svc.cards(window.plan_id)) == 13
    (aside,) = [b for b in list_backups(path, include_damaged=True) if b.label == "damaged"]
    assert aside.path.read_bytes() == damaged  # the damaged file is kept, untouched
    window.close()


def test_a_damaged_plan_can_be_left_for_another_file(qtbot, tmp_path, monkeypatch) -> None:
    import app.gui_safety as gui_safety
    from app.main import create_main_window

    path, damaged = _damaged_plan_with_backup(tmp_path)
    other = tmp_path / "other.db"
    monkeypatch.setattr(
        gui_safety, "ask_what_to_do", lambda *a: OpenDecision(OpenChoice.NEW_PLAN, other)
    )
    window = open_window_with_recovery(str(path), create_main_window, interactive=True)
    assert window is not None
    qtbot.addWidget(window)
    assert window.db_display == str(other) and other.exists()
    assert path.read_bytes() == damaged  # never touched
    window.close()


def test_quitting_leaves_the_damaged_plan_untouched(qtbot, tmp_path, monkeypatch) -> None:
    import app.gui_safety as gui_safety
    from app.main import create_main_window

    path, damaged = _damaged_plan_with_backup(tmp_path)
    monkeypatch.setattr(gui_safety, "ask_what_to_do", lambda *a: OpenDecision(OpenChoice.QUIT))
    assert open_window_with_recovery(str(path), create_main_window, interactive=True) is None
    assert path.read_bytes() == damaged
