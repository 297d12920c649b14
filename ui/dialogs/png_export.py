"""File > Export board as PNG… (Ctrl+E): the whole board as it is filtered and focused now.

A small dialog says what the image will show and offers the scale with the resulting size, a
file dialog picks the file, and a cancellable progress dialog appears when painting takes long
(thousands of cards). The image is painted from a copy of the board's view
(``ui.board.render``), so the board on screen is not touched while it is painted, and the file
is written whole or not at all.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, QSettings, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QLabel,
    QMainWindow,
    QProgressDialog,
    QVBoxLayout,
    QWidget,
)

from ui.dialogs.common import warn_not_written

if TYPE_CHECKING:  # the renderer is imported when an export starts, not at start-up
    from ui.board.render import BoardSnapshot
    from ui.board.scene import BoardScene

SETTINGS_FOLDER = "export/folder"  # shared with the other exports of the File menu
SETTINGS_SCALE = "export/png_scale"
SCALES = (1, 2)
PROGRESS_STEPS = 1000


def _tr(text: str) -> str:
    return QCoreApplication.translate("PngExport", text)


class PngExportDialog(QDialog):
    """What the image shows, and at which scale."""

    def __init__(self, snapshot: BoardSnapshot, scale: int, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("pngExportDialog")
        self.setWindowTitle(_tr("Export board as PNG"))
        intro = QLabel(
            _tr(
                "The whole board as it is filtered and focused now, under a header with the "
                "plan, quarter, focus, as-of date and the legend of lights."
            ),
            self,
        )
        intro.setWordWrap(True)
        shows = QLabel(" · ".join(snapshot.facts()[1:]), self)
        shows.setObjectName("pngExportShows")
        shows.setWordWrap(True)
        self.scale_box = QComboBox(self)
        self.scale_box.setObjectName("pngExportScale")
        for factor in SCALES:
            width, height = snapshot.width * factor, snapshot.height * factor
            self.scale_box.addItem(
                _tr("%1× (%2 × %3 pixels)")
                .replace("%1", str(factor))
                .replace("%2", str(width))
                .replace("%3", str(height)),
                factor,
            )
        self.scale_box.setCurrentIndex(SCALES.index(scale) if scale in SCALES else 0)
        form = QFormLayout()
        form.addRow(_tr("Shows:"), shows)
        form.addRow(_tr("Scale:"), self.scale_box)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        save = buttons.button(QDialogButtonBox.StandardButton.Save)
        save.setText(_tr("Save as…"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(buttons)

    @property
    def scale(self) -> int:
        return int(self.scale_box.currentData())


class BoardPngExport(QObject):
    """The action, its dialog, and the export with progress."""

    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.dialog: PngExportDialog | None = None
        self.action = QAction(_tr("Export board as &PNG…"), window)
        self.action.setObjectName("exportBoardPng")
        self.action.setShortcut(QKeySequence("Ctrl+E"))
        self.action.setStatusTip(
            _tr("Save the whole board, as filtered and focused now, as an image")
        )
        self.action.triggered.connect(self.open)

    def _board_scene(self) -> BoardScene:
        board = self.window.board  # type: ignore[attr-defined]
        board.complete_loading()  # the whole board, even in the moment after a big plan opened
        return board.scene  # type: ignore[no-any-return]

    def open(self) -> PngExportDialog:
        """Show the dialog (not blocking); Save as… asks for the file and exports."""
        from ui.board.render import BoardSnapshot, copy_of_view

        snapshot = BoardSnapshot(copy_of_view(self._board_scene()))
        scale = int(QSettings().value(SETTINGS_SCALE, 1) or 1)
        self.dialog = PngExportDialog(snapshot, scale, self.window)
        self.dialog.accepted.connect(self._dialog_accepted)
        self.dialog.open()
        return self.dialog

    def _dialog_accepted(self) -> None:
        assert self.dialog is not None
        scale = self.dialog.scale
        QSettings().setValue(SETTINGS_SCALE, scale)
        folder = Path(str(QSettings().value(SETTINGS_FOLDER, "") or Path.home()))
        model = self._board_scene().model
        name = model.data.plan.name if model.data is not None else "board"
        path, _ = QFileDialog.getSaveFileName(
            self.window,
            _tr("Export board as PNG"),
            str(folder / f"{_safe_name(name)}-board.png"),
            _tr("PNG images (*.png)"),
        )
        if path:
            if not path.lower().endswith(".png"):
                path += ".png"
            self.export(path, scale)

    def export(self, path: str, scale: int = 1) -> Path | None:
        """Paint and write the PNG; a progress dialog shows when it takes a while.

        Returns the file written, or None when cancelled or failed (the user was told; no
        file was created or changed).
        """
        from ui.board.render import BoardSnapshot, copy_of_view
        from ui.board.render_png import ExportCancelled

        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            snapshot = BoardSnapshot(copy_of_view(self._board_scene()), scale)
        finally:
            QApplication.restoreOverrideCursor()
        progress = QProgressDialog(
            _tr("Painting the board…"), _tr("Cancel"), 0, PROGRESS_STEPS, self.window
        )
        progress.setObjectName("pngExportProgress")
        progress.setWindowTitle(_tr("Export board as PNG"))
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(400)  # small boards finish before it would show
        progress.setAutoClose(False)
        progress.setValue(0)

        def step(done: int, total: int) -> bool:
            progress.setValue(done * PROGRESS_STEPS // max(total, 1))
            return not progress.wasCanceled()

        status = self.window.statusBar()
        try:
            target = snapshot.write_png(path, step)
        except ExportCancelled:
            status.showMessage(_tr("Export cancelled; no file was written"), 8000)
            return None
        except OSError as exc:
            warn_not_written(self.window, path, exc)
            return None
        finally:
            progress.close()
            progress.deleteLater()
        QSettings().setValue(SETTINGS_FOLDER, str(target.parent))
        width, height = snapshot.pixel_size
        status.showMessage(
            _tr("Board exported to %1 (%2 × %3 pixels)")
            .replace("%1", str(target))
            .replace("%2", str(width))
            .replace("%3", str(height)),
            8000,
        )
        return target


def _safe_name(name: str) -> str:
    """A plan name as a file name: path separators and control characters replaced."""
    cleaned = "".join("-" if ch in '/\\:*?"<>|' or ord(ch) < 32 else ch for ch in name).strip()
    return cleaned or "board"
