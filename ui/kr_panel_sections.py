"""Building blocks of the KR panel: section headings, an editable text field, computed lights,
and the list of the KR's actions on the board."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from html import escape
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QColor, QResizeEvent, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QListView,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from models.calendar import period_label
from models.enums import Status
from models.lights import Light
from ui.kr_panel_fit import WrapDelegate, fit_height
from ui.lights import light_colour, light_icon, light_name

# (light, reason, response): one warning rule that fired, as the rules engine reports it.
ComputedLight = tuple[Light | str | None, str, str]
CARD_ID_ROLE = Qt.ItemDataRole.UserRole + 1


def _tr(text: str) -> str:
    return QCoreApplication.translate("KRPanel", text)


def heading(text: str, parent: QWidget) -> QLabel:
    label = QLabel(text, parent)
    label.setWordWrap(True)  # a narrow pane wraps a heading instead of scrolling sideways
    label.setStyleSheet("font-weight: 600; font-size: 11pt; margin-top: 10px; color: #2b3036;")
    return label


class TextFieldEditor(QWidget):
    """A multi-line text (one item per line) with Save / Revert: saves only on purpose.

    While the user has unsaved edits, a reload of the same KR (another edit elsewhere) keeps
    their text instead of overwriting it.
    """

    save_requested = Signal(str)

    def __init__(self, object_name: str, placeholder: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._saved = ""
        self.edit = QPlainTextEdit(self)
        self.edit.setObjectName(object_name)
        self.edit.setPlaceholderText(placeholder)
        self.edit.setTabChangesFocus(True)
        self.save_button = QPushButton(_tr("Save"), self)
        self.revert_button = QPushButton(_tr("Revert"), self)
        for button in (self.save_button, self.revert_button):
            button.setEnabled(False)
        self.save_button.clicked.connect(lambda: self.save_requested.emit(self.text()))
        self.revert_button.clicked.connect(lambda: self.edit.setPlainText(self._saved))
        self.edit.textChanged.connect(self._update_buttons)
        self.edit.textChanged.connect(self._fit)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.edit, 1)
        buttons = QVBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.revert_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)

    def text(self) -> str:
        return "\n".join(line.rstrip() for line in self.edit.toPlainText().strip().splitlines())

    def is_dirty(self) -> bool:
        return self.text() != self._saved

    def set_saved(self, text: str, *, same_entity: bool) -> None:
        keep = same_entity and self.is_dirty() and text == self._saved
        self._saved = text
        if not keep:
            self.edit.setPlainText(text)
        self._update_buttons()

    def _fit(self) -> None:
        """As tall as its lines (three to eight), so short lists take little room."""
        lines = max(3, min(8, self.edit.document().blockCount() + 1))
        margins = self.edit.contentsMargins()
        height = lines * self.edit.fontMetrics().lineSpacing() + 2 * self.edit.frameWidth()
        self.edit.setFixedHeight(height + margins.top() + margins.bottom() + 8)

    def set_read_only(self, read_only: bool) -> None:
        self.edit.setReadOnly(read_only)
        self._update_buttons()

    def _update_buttons(self) -> None:
        dirty = self.is_dirty() and not self.edit.isReadOnly()
        self.save_button.setEnabled(dirty)
        self.revert_button.setEnabled(dirty)


class ComputedLightsView(QLabel):
    """The lights the warning rules computed for a KR, shown beside the one set by hand.

    Hidden until someone provides rule results: an empty list then says plainly that no rule
    fired, and nothing is ever shown that no rule produced.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("computedLights")
        self.setContentsMargins(24, 2, 0, 4)  # under the manual light's text, as its companion
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.RichText)
        self.items: list[ComputedLight] | None = None
        self.hide()

    def set_items(self, items: Sequence[ComputedLight] | None) -> None:
        self.items = None if items is None else list(items)
        if items is None:
            self.clear()
            self.hide()
            return
        title = escape(_tr("Computed by the warning rules"))
        if not items:
            body = escape(_tr("No warning rule fired for this KR."))
            self.setText(f"<b>{title}</b><br><span style='color:#6b7178'>{body}</span>")
        else:
            rows = []
            for light_value, reason, response in items:
                light = Light(light_value) if light_value else None
                colour = light_colour(light).name()
                row = (
                    f"<span style='color:{colour}'>●</span> <b>{escape(light_name(light))}</b>"
                    f" — {escape(reason)}"
                )
                if response:
                    row += f"<br>&nbsp;&nbsp;&nbsp;→ {escape(response)}"
                rows.append(row)
            self.setText(f"<b>{title}</b><br>" + "<br>".join(rows))
        self.show()


def _status_text(status: str) -> str:
    return {
        Status.TODO.value: _tr("To do"),
        Status.DOING.value: _tr("Doing"),
        Status.DONE.value: _tr("Done"),
    }.get(status, status)


class CardList(QListView):
    """The KR's actions on the board; activating one (double-click, Enter) asks to reveal it."""

    card_activated = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("krCards")
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        # A long action wraps onto a second line in a narrow pane instead of running off it.
        self.setItemDelegate(WrapDelegate(self))
        self.setWordWrap(True)
        self.setResizeMode(QListView.ResizeMode.Adjust)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setAlternatingRowColors(True)
        self._fitted_width = -1
        self.setToolTip(_tr("Double-click an action to show it on the board"))
        self.cards_model = QStandardItemModel(self)
        self.setModel(self.cards_model)
        self.activated.connect(self._on_activated)

    def set_cards(self, cards: Sequence[Any]) -> None:
        self.cards_model.clear()
        for card in cards:
            period = period_label(card.level, card.period_start, card.period_end)
            parts = [period, card.title]
            if card.owner_role:
                parts.append(card.owner_role)
            if card.due_text or card.due:
                parts.append(card.due_text or card.due.isoformat())
            item = QStandardItem(" · ".join(parts) + f"  [{_status_text(card.status)}]")
            item.setData(card.id, CARD_ID_ROLE)
            if card.light:
                item.setIcon(light_icon(Light(card.light)))
            tip = card.done_criteria and _tr("Done when: %1").replace("%1", card.done_criteria)
            item.setToolTip(tip or card.title)
            if card.status == Status.DONE.value:
                item.setForeground(QColor("#6b7178"))
            item.setEditable(False)
            self.cards_model.appendRow(item)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self.viewport().width() != self._fitted_width:  # a height change needs no refit
            self.fit()  # the rows wrap anew at the new width

    def fit(self) -> None:
        """As tall as its (wrapped) rows: the panel scrolls as a whole."""
        self._fitted_width = self.viewport().width()
        fit_height(self)

    def card_ids(self) -> list[int]:
        model = self.cards_model
        return [model.item(row).data(CARD_ID_ROLE) for row in range(model.rowCount())]

    def _on_activated(self, index: Any) -> None:
        card_id = index.data(CARD_ID_ROLE)
        if card_id is not None:
            self.card_activated.emit(int(card_id))


ComputedLightProvider = Callable[[int], Sequence[ComputedLight] | None]
