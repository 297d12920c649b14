"""File > Export board as PNG… (Ctrl+E): dialog, scale, file, progress, cancel, errors."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtGui import QImage, QKeySequence
from PySide6.QtWidgets import QDialogButtonBox, QFileDialog, QMessageBox, QProgressDialog

from ui.board.render import BoardSnapshot, copy_of_view

DEC = dt.date(2025, 12, 1)


@pytest.fixture
def exporter(window):
    return window.io_actions.png_export


def test_the_file_menu_offers_it_with_ctrl_e(window, exporter) -> None:
    action = exporter.action
    assert action in window.file_menu.actions()
    assert action.text() == "Export board as &PNG…"
    assert action.shortcut() == QKeySequence("Ctrl+E")


def test_dialog_scale_and_file_give_the_image_of_the_board_as_shown(
    qtbot, window, exporter, tmp_path, monkeypatch
) -> None:
    window.board.set_focus(DEC)
    expected = BoardSnapshot(copy_of_view(window.board.scene), 2).pixel_size
    chosen = tmp_path / "board"  # no suffix: .png is added
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(chosen), ""))
    )
    dialog = exporter.open()
    qtbot.addWidget(dialog)
    assert "Focus: Dec 2025" in dialog.findChild(object, "pngExportShows").text()
    assert dialog.scale_box.count() == 2
    dialog.scale_box.setCurrentIndex(1)
    assert f"{expected[0]} × {expected[1]} pixels" in dialog.scale_box.currentText()
    dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Save).click()
    written = tmp_path / "board.png"
    qtbot.waitUntil(written.exists)
    image = QImage(str(written))
    assert (image.width(), image.height()) == expected
    assert str(written) in window.statusBar().currentMessage()


def test_export_follows_the_filter(window, exporter, tmp_path) -> None:
    whole = exporter.export(str(tmp_path / "all.png"))
    window.board.filter_bar.set_kr(window.svc.kr_codes(window.plan_id)["KR2"])
    filtered = exporter.export(str(tmp_path / "kr2.png"))
    assert whole is not None and filtered is not None
    assert QImage(str(filtered)).height() < QImage(str(whole)).height()
    assert window.board.scene.model.filter.kr_id is not None  # the board itself is unchanged


def test_cancel_writes_nothing(window, exporter, tmp_path, monkeypatch) -> None:
    monkeypatch.setattr(QProgressDialog, "wasCanceled", lambda self: True)
    folder = tmp_path / "out"
    folder.mkdir()
    assert exporter.export(str(folder / "board.png")) is None
    assert list(folder.iterdir()) == []
    assert "cancelled" in window.statusBar().currentMessage()


def test_a_write_error_is_shown_and_leaves_no_file(window, exporter, tmp_path, monkeypatch):
    shown = []
    monkeypatch.setattr(
        QMessageBox, "warning", staticmethod(lambda _p, title, text: shown.append(text))
    )
    assert exporter.export(str(tmp_path / "missing" / "b.png")) is None
    assert len(shown) == 1 and "folder does not exist" in shown[0]
    assert not (tmp_path / "missing").exists()
