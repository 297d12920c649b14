"""The filter bar above the board (objectName ``filterBar``) and the lane / focus switches.

Filters never touch the database: they narrow what the scene lays out from records it already
has. The choices (KRs, owner roles) come from the board model after each load.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QLabel,
    QLineEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from models.enums import Status
from models.lights import Light
from ui.board.board_model import NOT_SET, BoardModel, CardFilter
from ui.board.texts import month_name, status_name, tr
from ui.flow_layout import FlowLayout
from ui.lights import light_icon, light_name


def _combo(name: str, tooltip: str, chars: int = 9) -> QComboBox:
    """A combo that stays narrow (the board needs the width) but lists long entries in full."""
    combo = QComboBox()
    combo.setObjectName(name)
    combo.setToolTip(tooltip)
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(chars)
    combo.view().setMinimumWidth(260)
    return combo


def _select_data(combo: QComboBox, value: Any) -> None:
    index = combo.findData(value)
    combo.setCurrentIndex(index if index >= 0 else 0)


class FilterBar(QWidget):
    """Search text plus KR, owner role, light and status; emits the resulting CardFilter."""

    filter_changed = Signal(object)  # CardFilter

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("filterBar")
        self._loading = False
        self.search = QLineEdit()
        self.search.setObjectName("filterText")
        self.search.setPlaceholderText(tr("Search cards"))
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(110)
        self.search.setMaximumWidth(220)
        self.kr = _combo("filterKr", tr("Show only the cards of one KR"), 9)
        self.owner = _combo("filterOwner", tr("Show only the cards of one owner role"), 7)
        self.light = _combo("filterLight", tr("Show only the cards with one light"), 7)
        self.status = _combo("filterStatus", tr("Show only the cards with one status"), 7)
        self.clear = QToolButton()
        self.clear.setObjectName("filterClear")
        self.clear.setText(tr("Clear"))
        self.clear.setToolTip(tr("Show every card again"))
        self.count = QLabel()
        self.count.setObjectName("filterCount")
        self.count.setStyleSheet("color: #5f6b7a;")

        self.light.addItem(tr("All lights"), None)
        for light in Light:
            self.light.addItem(light_icon(light), light_name(light), light.value)
        self.light.addItem(light_icon(None), light_name(None), NOT_SET)
        self.status.addItem(tr("All statuses"), None)
        for status in Status:
            self.status.addItem(status_name(status.value), status.value)

        # Wraps onto a second row when the board is narrow, rather than clip the last filters.
        layout = FlowLayout(self, spacing=6)
        for widget in (self.search, self.kr, self.owner, self.light, self.status, self.clear):
            layout.addWidget(widget)
        layout.addWidget(self.count)

        self.search.textChanged.connect(self._emit)
        for combo in (self.kr, self.owner, self.light, self.status):
            combo.currentIndexChanged.connect(self._emit)
        self.clear.clicked.connect(self.clear_all)

    def set_choices(self, model: BoardModel) -> None:
        """Fill the KR and owner lists from a freshly loaded board, keeping the selection."""
        self._loading = True
        kr, owner = self.kr.currentData(), self.owner.currentData()
        self.kr.clear()
        self.kr.addItem(tr("All KRs"), None)
        if model.data is not None:
            for record in model.data.krs:
                light = Light(record.light) if record.light else None
                self.kr.addItem(light_icon(light), f"{record.code} {record.title}", record.id)
        self.owner.clear()
        self.owner.addItem(tr("All owners"), None)
        for token in model.owners():
            self.owner.addItem(token, token)
        _select_data(self.kr, kr)
        _select_data(self.owner, owner)
        self._loading = False

    def current(self) -> CardFilter:
        return CardFilter(
            kr_id=self.kr.currentData(),
            owner=self.owner.currentData(),
            light=self.light.currentData(),
            status=self.status.currentData(),
            text=self.search.text(),
        )

    def set_kr(self, kr_id: int | None) -> None:
        _select_data(self.kr, kr_id)

    def set_count(self, shown: int, total: int) -> None:
        if shown == total:
            text = tr("1 card") if total == 1 else tr("%1 cards").replace("%1", str(total))
            self.count.setText(text)
        else:
            self.count.setText(
                tr("%1 of %2 cards").replace("%1", str(shown)).replace("%2", str(total))
            )

    def clear_all(self) -> None:
        self._loading = True
        self.search.clear()
        for combo in (self.kr, self.owner, self.light, self.status):
            combo.setCurrentIndex(0)
        self._loading = False
        self._emit()

    def _emit(self, *_args: object) -> None:
        if not self._loading:
            self.filter_changed.emit(self.current())


class BoardControls(QWidget):
    """Lanes by KR or by line of work, and which month is in focus."""

    lane_mode_changed = Signal(str)
    focus_changed = Signal(object)  # a month start, or None for the whole quarter

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("boardControls")
        self.lanes = _combo("laneMode", tr("Group the board's rows"), 6)
        self.lanes.addItem(tr("Lanes: KR"), "kr")
        self.lanes.addItem(tr("Lanes: line"), "line")
        self.focus = _combo(
            "focusMonth", tr("Show one month and its weeks, or the whole quarter"), 6
        )
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.lanes)
        layout.addWidget(self.focus)
        self.lanes.currentIndexChanged.connect(
            lambda _i: self.lane_mode_changed.emit(self.lanes.currentData())
        )
        self.focus.currentIndexChanged.connect(self._focus_changed)
        self._loading = False

    def set_months(self, months: list[dt.date], focus: dt.date | None) -> None:
        """Offer each month of the quarter (item data: ISO dates; Qt cannot match dates)."""
        self._loading = True
        self.focus.clear()
        self.focus.addItem(tr("Whole quarter"), "")
        for month in months:
            self.focus.addItem(tr("Focus: %1").replace("%1", month_name(month)), month.isoformat())
        _select_data(self.focus, focus.isoformat() if focus else "")
        self._loading = False

    def set_lane_mode(self, mode: str) -> None:
        index = self.lanes.findData(mode)
        if index != self.lanes.currentIndex():
            self.lanes.setCurrentIndex(index)

    def set_focus(self, month: dt.date | None) -> None:
        index = self.focus.findData(month.isoformat() if month else "")
        if index >= 0 and index != self.focus.currentIndex():
            self.focus.setCurrentIndex(index)

    def _focus_changed(self, _index: int) -> None:
        if not self._loading:
            value = self.focus.currentData()
            self.focus_changed.emit(dt.date.fromisoformat(value) if value else None)
