"""Set a light by hand: one of the plan's four levels (or none) and, for a KR, the reason.

The dialog only collects the choice; ``light_command`` turns it into the UpdateEntity that the
caller pushes, so the choice is one undo step and the dialog never writes anything itself.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from app.commands import UpdateEntity
from models.lights import Light
from ui.dialogs.common import add_ok_cancel, make_window_modal
from ui.lights import light_icon, light_name

# Entities whose table has a ``light_reason`` column.
KINDS_WITH_REASON = {"kr"}


def _tr(text: str) -> str:
    return QCoreApplication.translate("LightDialog", text)


class LightDialog(QDialog):
    """Pick a light and say why; open it with ``open()`` and read it on ``accepted``."""

    def __init__(
        self,
        title: str,
        light: Light | None,
        reason: str,
        *,
        with_reason: bool,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("lightDialog")
        self.setWindowTitle(_tr("Set light"))
        layout = QVBoxLayout(self)
        heading = QLabel(title, self)
        heading.setWordWrap(True)
        heading.setStyleSheet("font-weight: 600;")
        layout.addWidget(heading)

        row = QHBoxLayout()
        self.group = QButtonGroup(self)
        self.buttons: dict[Light | None, QRadioButton] = {}
        for choice in [*Light, None]:
            button = QRadioButton(light_name(choice), self)
            button.setIcon(light_icon(choice))
            button.setObjectName(f"light_{choice.value if choice else 'none'}")
            self.group.addButton(button)
            self.buttons[choice] = button
            row.addWidget(button)
        row.addStretch(1)
        layout.addLayout(row)
        self.buttons[light].setChecked(True)

        self.reason_edit = QPlainTextEdit(self)
        self.reason_edit.setObjectName("lightReason")
        self.reason_edit.setPlaceholderText(_tr("Why this light? e.g. coverage 25 points short"))
        self.reason_edit.setPlainText(reason)
        self.reason_edit.setTabChangesFocus(True)
        if with_reason:
            layout.addWidget(QLabel(_tr("Reason"), self))
            layout.addWidget(self.reason_edit)
        else:
            self.reason_edit.hide()

        self.button_box = add_ok_cancel(self, layout)
        make_window_modal(self, 520, 240 if with_reason else 120)

    def light(self) -> Light | None:
        return next((k for k, b in self.buttons.items() if b.isChecked()), None)

    def set_light(self, light: Light | None) -> None:
        self.buttons[light].setChecked(True)

    def reason(self) -> str:
        return self.reason_edit.toPlainText().strip()


def light_command(
    kind: str, record: Any, light: Light | None, reason: str = ""
) -> UpdateEntity | None:
    """The command that sets ``record``'s light (and reason, for a KR); None if nothing changes."""
    after: dict[str, Any] = {}
    value = light.value if light is not None else None
    if value != record.light:
        after["light"] = value
    if kind in KINDS_WITH_REASON and reason != record.light_reason:
        after["light_reason"] = reason
    if not after:
        return None
    title = getattr(record, "code", "") or record.title
    name = _tr("Set light of %1 to %2").replace("%1", title).replace("%2", light_name(light))
    return UpdateEntity(kind, record.id, after, name=name)
