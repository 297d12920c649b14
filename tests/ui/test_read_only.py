"""A second window on a plan another window edits: told so, opened read-only, nothing editable,
and the first window unaffected."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QAbstractItemView, QLabel

from app.commands import UpdateEntity
from app.db import PlanInUseError
from app.gui_safety import open_window_with_recovery
from app.instance_lock import acquire
from tests.app.safety_helpers import dump


@pytest.fixture
def two_windows(qtbot, tmp_path, monkeypatch):
    """The first window edits plan.db; the second asked to open it and chose read-only."""
    import app.gui_safety as gui_safety
    from app.main import create_main_window

    path = tmp_path / "plan.db"
    first = create_main_window(str(path))
    qtbot.addWidget(first)
    asked: list[str] = []
    monkeypatch.setattr(gui_safety, "ask_open_read_only", lambda f: asked.append(f) or True)
    second = open_window_with_recovery(str(path), create_main_window, interactive=True)
    assert second is not None
    qtbot.addWidget(second)
    assert asked == [str(path)]
    yield first, second
    for win in (second, first):
        win.close()


def test_a_second_editing_window_is_refused(qtbot, window) -> None:
    from app.main import create_main_window

    with pytest.raises(PlanInUseError, match="another OKR Planner window has this plan open"):
        create_main_window(window.db_display)


def test_without_a_display_the_second_window_is_not_opened(qtbot, window, capsys) -> None:
    from app.main import create_main_window

    assert open_window_with_recovery(window.db_display, create_main_window) is None
    assert "another OKR Planner window has this plan open" in capsys.readouterr().err


def test_the_read_only_window_says_why_and_offers_no_edits(two_windows, qtbot) -> None:
    first, second = two_windows
    second.show()
    qtbot.waitExposed(second)
    assert second.read_only and not first.read_only
    banner = second.read_only_banner
    assert banner.isVisible() and not first.read_only_banner.isVisible()
    text = banner.findChild(QLabel, "readOnlyBannerText").text()
    assert "read-only because another window has this plan open" in text
    assert not second.restore_action.isEnabled() and first.restore_action.isEnabled()
    assert not second.undo_action.isEnabled() and not second.redo_action.isEnabled()
    assert second.goal_tree.editTriggers() == QAbstractItemView.EditTrigger.NoEditTriggers
    assert not second.goal_tree.viewport().acceptDrops()
    second.grab().save("/tmp/read_only_window.png")


def test_the_read_only_window_refuses_every_command(two_windows, qtbot, monkeypatch) -> None:
    first, second = two_windows
    monkeypatch.setattr("ui.main_window.QMessageBox.warning", lambda *a: None)
    before = dump(second.svc.engine)
    rename = UpdateEntity("plan", second.plan_id, {"name": "from the read-only window"})
    with qtbot.waitSignal(second.bus.failed) as failed:
        assert not second.edit_context.push(rename)
    assert "read-only" in failed.args[0]
    assert dump(first.svc.engine) == before
    assert second.undo_stack.count() == 0


def test_the_first_window_keeps_editing_and_the_second_sees_it(two_windows, qtbot) -> None:
    first, second = two_windows
    assert first.edit_context.push(UpdateEntity("plan", first.plan_id, {"name": "新名字"}))
    second.reload()
    assert second.windowTitle().startswith("新名字")


def test_closing_the_first_window_backs_up_and_lets_the_next_editor_in(two_windows) -> None:
    from app.backup import list_backups

    first, second = two_windows
    path = first.context.db.path
    first.close()
    assert [b.label for b in list_backups(path)] == ["close"]
    lock = acquire(path)
    assert lock is not None
    lock.release()
    second.close()
    assert [b.label for b in list_backups(path)] == ["close"]  # read-only makes no backups
