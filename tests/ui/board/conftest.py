"""Fixtures for board tests: the window's board, its scene, KR lanes and cards by title."""

from __future__ import annotations

import pytest


@pytest.fixture
def board(window):
    return window.board


@pytest.fixture
def scene(board):
    return board.scene


@pytest.fixture
def kr(window):
    codes = window.svc.kr_codes(window.plan_id)
    return lambda code: ("kr", codes[code])


@pytest.fixture
def card_id(scene):
    def find(title: str) -> int:
        matches = [c.id for c in scene.model.cards.values() if c.title == title]
        assert len(matches) == 1, title
        return matches[0]

    return find


@pytest.fixture(autouse=True)
def failures(monkeypatch):
    """A refused command shows a modal warning, which would block a headless test: record it
    (and fail the test: no board test expects the service to refuse a command)."""
    from PySide6.QtWidgets import QMessageBox

    seen: list[str] = []

    def warning(_parent, _title, text, *_args, **_kwargs):
        seen.append(text)
        return QMessageBox.StandardButton.Ok

    monkeypatch.setattr(QMessageBox, "warning", staticmethod(warning))
    yield seen
    assert seen == [], f"a command was refused: {seen}"


@pytest.fixture
def data(qapp, service, plan_id):
    """The sample plan's board as plain records (what an image is built from)."""
    from app.services.board_queries import load_board

    return load_board(service, plan_id)


@pytest.fixture
def evaluation(service, plan_id):
    """The sample plan's rule lights."""
    from app.services.evaluation import evaluate_plan

    return evaluate_plan(service, plan_id)
