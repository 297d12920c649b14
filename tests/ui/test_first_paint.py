"""Work deferred past the first paint: it runs right after the window is on screen, and
whatever needs it sooner (a write, a close, a KR shown) gets it done first."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QLabel, QWidget

from app.backup import list_backups
from app.commands import UpdateEntity
from ui.first_paint import after_first_paint


@pytest.fixture
def existing_plan(tmp_path) -> Path:
    """A plan file made on an earlier day: opening it is due an "open" backup."""
    from app.db import open_database

    path = tmp_path / "plan.db"
    open_database(f"sqlite:///{path}").engine.dispose()
    assert list_backups(path) == []
    return path


@pytest.fixture
def reopened(qtbot, existing_plan):
    from app.main import create_main_window

    win = create_main_window(str(existing_plan))
    qtbot.addWidget(win)
    yield win
    win.close()
    win.context.db.engine.dispose()


def _labels(path: Path) -> list[str]:
    return [b.label for b in list_backups(path)]


def _plan_name(path: Path) -> str:
    conn = sqlite3.connect(path)
    try:
        return str(conn.execute("SELECT name FROM plan").fetchone()[0])
    finally:
        conn.close()


def test_a_callback_runs_once_after_the_first_paint_and_not_before(qtbot) -> None:
    widget = QWidget()
    qtbot.addWidget(widget)
    calls: list[bool] = []
    after_first_paint(widget, lambda: calls.append(widget.isVisible()))
    QApplication.processEvents()  # an event-loop turn with the widget never shown: nothing
    assert calls == []
    widget.show()
    qtbot.waitUntil(lambda: calls == [True])
    widget.update()
    widget.repaint()
    QApplication.processEvents()
    assert calls == [True]


def test_the_open_backup_is_made_once_the_window_is_on_screen(qtbot, reopened) -> None:
    path = reopened.context.db.path
    assert _labels(path) == []  # not before the window shows
    reopened.show()
    qtbot.waitUntil(lambda: _labels(path) == ["open"])


def test_a_write_before_the_first_paint_backs_up_the_plan_as_opened_first(reopened) -> None:
    path = reopened.context.db.path
    before = _plan_name(path)
    pid = reopened.plan_id
    assert reopened.edit_context.push(UpdateEntity("plan", pid, {"name": "改名"}, name="Rename"))
    (backup,) = list_backups(path)
    assert backup.label == "open"
    assert _plan_name(backup.path) == before  # the plan as it was opened, not as changed
    assert reopened.svc.get("plan", pid).name == "改名"


def test_closing_before_the_first_paint_still_makes_the_open_backup(reopened) -> None:
    path = reopened.context.db.path
    reopened.close()
    assert _labels(path) == ["open"]  # and no "close" copy of the same plan


def test_a_new_plan_makes_no_open_backup(qtbot, window) -> None:
    path = window.context.db.path
    window.show()
    qtbot.waitUntil(lambda: window.kr_panel.findChild(QLabel, "krTitle") is not None)
    assert _labels(path) == []


def test_the_kr_panel_is_built_once_the_window_is_on_screen(qtbot, window) -> None:
    panel = window.side_pane.kr_panel
    assert panel.findChild(QLabel, "krTitle") is None  # nothing to show yet: not built
    window.show()
    qtbot.waitUntil(lambda: panel.findChild(QLabel, "krTitle") is not None)
    assert not panel.widget().isVisible()  # still nothing shown until a KR is selected
    assert window.side_pane.currentWidget() is window.details


def test_showing_a_kr_before_the_first_paint_builds_the_panel_for_it(window) -> None:
    kr = window.tree_model.plan_tree.krs[0]
    index = window.tree_model.find("kr", kr.id)
    window.goal_tree.setCurrentIndex(index)
    panel = window.kr_panel
    assert window.side_pane.currentWidget() is panel
    assert panel.findChild(QLabel, "krTitle").text() == f"{kr.code} {kr.title}"
    assert panel.current_kr_id == kr.id


def test_a_chart_factory_makes_the_chart_when_the_panel_is_built(qtbot, window) -> None:
    from ui.kr_panel import KRPanel

    panel = KRPanel(window.edit_context)
    qtbot.addWidget(panel)
    made: list[QLabel] = []
    panel.set_chart_factory(lambda: made.append(QLabel("chart")) or made[-1])
    panel.set_tree(window.tree_model.plan_tree)
    panel.show_kr(None)
    assert made == []  # nothing shown: nothing built
    panel.show_kr(window.tree_model.plan_tree.krs[0].id)
    panel.show()
    (chart,) = made
    assert panel.findChild(QWidget, "krChartSlot").isAncestorOf(chart)
    qtbot.waitUntil(chart.isVisible)
    panel.set_chart_factory(lambda: made.append(QLabel("again")) or made[-1])  # built: at once
    assert [label.text() for label in made] == ["chart", "again"] and not chart.parent()
