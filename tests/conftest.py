"""Test set-up: headless Qt, isolated settings, a fresh plan database per test."""

from __future__ import annotations

import os
import tempfile

# Before anything imports Qt: no display is needed or used.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.pop("OKR_PLANNER_DB", None)
# The tests assert English texts, whatever language the machine or the developer uses.
os.environ["OKR_PLANNER_LANG"] = "en"
# The user's data folder (the default plan, the memo of checked plans) is a fresh one per run,
# for the test processes and every app process they start.
os.environ["XDG_DATA_HOME"] = tempfile.mkdtemp(prefix="okr-tests-data-")

import pytest


@pytest.fixture(autouse=True, scope="session")
def _qt_test_mode() -> None:
    """Keep QSettings and QStandardPaths away from the user's real files."""
    try:
        from PySide6.QtCore import QStandardPaths
    except ImportError:  # pragma: no cover - Qt missing means the ui tests fail on their own
        return
    QStandardPaths.setTestModeEnabled(True)


@pytest.fixture
def db_url(tmp_path) -> str:
    return f"sqlite:///{tmp_path / 'plan.db'}"


@pytest.fixture
def opened(db_url):
    from app.db import open_database

    db = open_database(db_url)
    yield db
    db.engine.dispose()


@pytest.fixture
def service(opened):
    from app.services.plan_service import PlanService

    return PlanService(opened.engine)


@pytest.fixture
def plan_id(service) -> int:
    return service.first_plan_id()
