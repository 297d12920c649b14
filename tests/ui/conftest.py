"""Fixtures for Qt tests: the main window on a fresh sample-plan database."""

from __future__ import annotations

import pytest


@pytest.fixture
def window(qtbot, tmp_path):
    from app.main import create_main_window

    win = create_main_window(str(tmp_path / "plan.db"))
    qtbot.addWidget(win)
    yield win
    win.context.db.engine.dispose()
