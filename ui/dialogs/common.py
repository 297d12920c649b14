"""What our forms share: a red line that names a mistake, and the OK / Cancel row of a
window-modal dialog that is opened with ``open()`` (never ``exec()``, which blocks tests)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QBoxLayout,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMessageBox,
    QWidget,
)

ERROR_STYLE = "color: #c0392b;"


def error_label(parent: QWidget, object_name: str = "") -> QLabel:
    """A hidden, wrapping red line for what is wrong ("Value: 120% is outside 0-100")."""
    label = QLabel(parent)
    if object_name:
        label.setObjectName(object_name)
    label.setWordWrap(True)
    label.setStyleSheet(ERROR_STYLE)
    label.hide()
    return label


def show_error(label: QLabel, text: str) -> None:
    label.setText(text)
    label.show()


def add_ok_cancel(dialog: QDialog, layout: QBoxLayout) -> QDialogButtonBox:
    """OK accepts, Cancel rejects; the box goes at the end of ``layout``."""
    box = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, dialog
    )
    box.accepted.connect(dialog.accept)
    box.rejected.connect(dialog.reject)
    layout.addWidget(box)
    return box


def make_window_modal(dialog: QDialog, width: int, height: int) -> None:
    """Modal to its window only, so the rest of the app keeps running, at its first size."""
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.resize(width, height)


def warn_not_written(parent: QWidget, path: str, exc: OSError) -> None:
    """Tell the user an export file was not written, and why (one message for every export)."""
    tr = QCoreApplication.translate
    QMessageBox.warning(
        parent,
        tr("IOActions", "Export failed"),
        tr("IOActions", "%1 was not written: %2")
        .replace("%1", path)
        .replace("%2", exc.strerror or str(exc)),
    )
