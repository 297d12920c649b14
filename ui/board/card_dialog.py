"""The card editor: create or change one action card.

It only collects values; the board turns them into one command. An empty title is refused here
with a message next to the field; a due date outside the card's period or the quarter is allowed
(plans do that) but the dialog says so, and the card shows a flag.
"""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace
from typing import Any

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QCompleter,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from app.services.board_queries import due_outside
from models.calendar import Bucket, Level, Quarter
from models.enums import Status
from models.lights import Light
from ui.board.texts import bucket_name, level_name, status_name, tr, week_range
from ui.lights import light_icon, light_name


def _date(value: str | None) -> dt.date | None:
    """Combo data holds ISO dates: Qt's findData cannot match Python dates."""
    return dt.date.fromisoformat(value) if value else None


def _qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


class CardDialog(QDialog):
    """Title, KRs, owner, level and period, due date, done criteria, status and light."""

    def __init__(
        self,
        quarter: Quarter,
        krs: list[Any],
        owners: list[str],
        values: dict[str, Any],
        *,
        creating: bool,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("cardDialog")
        self.setWindowTitle(tr("New card") if creating else tr("Edit card"))
        self.quarter = quarter
        self.creating = creating

        self.title = QLineEdit(values.get("title", ""))
        self.title.setObjectName("cardTitle")
        self.title.setMaxLength(500)
        self.title.setPlaceholderText(tr("What will be done, in a few words"))
        self.krs = QListWidget()
        self.krs.setObjectName("cardKrs")
        chosen = set(values.get("kr_ids", ()))
        for kr in krs:
            item = QListWidgetItem(
                light_icon(Light(kr.light) if kr.light else None), f"{kr.code} {kr.title}"
            )
            item.setData(Qt.ItemDataRole.UserRole, kr.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            checked = kr.id in chosen
            item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
            self.krs.addItem(item)
        self.krs.setMaximumHeight(24 * min(max(len(krs), 2), 6) + 6)
        self.owner = QLineEdit(values.get("owner_role", ""))
        self.owner.setObjectName("cardOwner")
        self.owner.setCompleter(QCompleter(owners, self))
        self.level = QComboBox()
        self.level.setObjectName("cardLevel")
        for level in Level:
            self.level.addItem(level_name(level.value), level.value)
        self.period = QComboBox()
        self.period.setObjectName("cardPeriod")
        self.period_end = QComboBox()
        self.period_end.setObjectName("cardPeriodEnd")
        self.period_end.setToolTip(tr("A week card can span several weeks (W51-52)"))
        self.has_due = QCheckBox(tr("Due"))
        self.has_due.setObjectName("cardHasDue")
        self.due = QDateEdit()
        self.due.setObjectName("cardDue")
        self.due.setCalendarPopup(True)
        self.due.setDisplayFormat("yyyy-MM-dd")
        self.due_text = QLineEdit(values.get("due_text", ""))
        self.due_text.setObjectName("cardDueText")
        self.due_text.setPlaceholderText(tr("as written, e.g. 本周五"))
        self.criteria = QPlainTextEdit(values.get("done_criteria", ""))
        self.criteria.setObjectName("cardCriteria")
        self.criteria.setMaximumHeight(72)
        self.status = QComboBox()
        self.status.setObjectName("cardStatus")
        for status in Status:
            self.status.addItem(status_name(status.value), status.value)
        self.light = QComboBox()
        self.light.setObjectName("cardLight")
        self.light.addItem(light_icon(None), light_name(None), None)
        for light in Light:
            self.light.addItem(light_icon(light), light_name(light), light.value)
        self.error = QLabel()
        self.error.setObjectName("cardDialogError")
        self.error.setStyleSheet("color: #c62828; font-weight: 600;")
        self.error.setVisible(False)
        self.warning = QLabel()
        self.warning.setObjectName("cardDialogWarning")
        self.warning.setStyleSheet("color: #a4510b;")
        self.warning.setWordWrap(True)
        self.warning.setVisible(False)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self._layout()

        self.level.setCurrentIndex(max(self.level.findData(values.get("level", "week")), 0))
        self._fill_periods(values.get("period_start"), values.get("period_end"))
        due = values.get("due")
        self.has_due.setChecked(due is not None)
        self.due.setDate(_qdate(due or values.get("period_start") or quarter.start))
        self.due.setEnabled(due is not None)
        self.status.setCurrentIndex(max(self.status.findData(values.get("status", "todo")), 0))
        light_index = self.light.findData(values.get("light")) if values.get("light") else 0
        self.light.setCurrentIndex(max(light_index, 0))

        self.level.currentIndexChanged.connect(lambda _i: self._fill_periods(None, None))
        self.period.currentIndexChanged.connect(lambda _i: self._fill_ends(None))
        self.has_due.toggled.connect(self.due.setEnabled)
        for signal in (
            self.period_end.currentIndexChanged,
            self.due.dateChanged,
            self.has_due.toggled,
        ):
            signal.connect(self._check_due)
        self.title.textChanged.connect(lambda _t: self.error.setVisible(False))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self._check_due()
        self.title.setFocus()

    def _layout(self) -> None:
        form = QFormLayout()
        form.addRow(tr("Title"), self.title)
        form.addRow(tr("KRs"), self.krs)
        form.addRow(tr("Owner role"), self.owner)
        period = QHBoxLayout()
        for widget in (self.level, self.period, QLabel(tr("to")), self.period_end):
            period.addWidget(widget)
        form.addRow(tr("Period"), period)
        due = QHBoxLayout()
        due.addWidget(self.has_due)
        due.addWidget(self.due)
        due.addWidget(self.due_text, 1)
        form.addRow(tr("Due date"), due)
        form.addRow(tr("Done when"), self.criteria)
        state = QHBoxLayout()
        state.addWidget(self.status)
        state.addWidget(self.light)
        state.addStretch(1)
        form.addRow(tr("Status, light"), state)
        box = QVBoxLayout(self)
        box.addLayout(form)
        box.addWidget(self.warning)
        box.addWidget(self.error)
        box.addWidget(self.buttons)
        self.resize(520, self.sizeHint().height())

    # ----- periods -----------------------------------------------------------------------
    def _buckets(self, level: str) -> list[Bucket]:
        lvl = Level(level)
        if lvl is Level.QUARTER:
            return [self.quarter.bucket]
        if lvl is Level.MONTH:
            return self.quarter.months()
        return self.quarter.weeks()

    @staticmethod
    def _label(bucket: Bucket) -> str:
        if bucket.level is Level.WEEK:
            return f"{bucket.label}  ({week_range(bucket)})"
        return bucket_name(bucket)

    def _fill_periods(self, start: dt.date | None, end: dt.date | None) -> None:
        level = self.level.currentData()
        self.period.blockSignals(True)
        self.period.clear()
        for bucket in self._buckets(level):
            self.period.addItem(self._label(bucket), bucket.start.isoformat())
        if start is not None and self.period.findData(start.isoformat()) < 0:
            outside = tr("%1 (outside the quarter)").replace("%1", str(start))
            self.period.addItem(outside, start.isoformat())
        index = self.period.findData(start.isoformat()) if start is not None else -1
        if index < 0:  # keep roughly the same time when the level changes
            index = 0
        self.period.setCurrentIndex(index)
        self.period.blockSignals(False)
        self._fill_ends(end)

    def _fill_ends(self, end: dt.date | None) -> None:
        start = _date(self.period.currentData())
        self.period_end.blockSignals(True)
        self.period_end.clear()
        is_week = self.level.currentData() == Level.WEEK.value
        self.period_end.setEnabled(is_week)
        if start is not None:
            self.period_end.addItem(tr("same"), start.isoformat())
            if is_week:
                for bucket in self.quarter.weeks():
                    if bucket.start > start:
                        self.period_end.addItem(bucket.label, bucket.start.isoformat())
        index = self.period_end.findData(end.isoformat()) if end is not None else 0
        self.period_end.setCurrentIndex(max(index, 0))
        self.period_end.blockSignals(False)
        self._check_due()

    def set_period(self, start: dt.date, end: dt.date | None = None) -> None:
        """Choose a period of the current level (what picking it in the lists does)."""
        self.period.setCurrentIndex(self.period.findData(start.isoformat()))
        if end is not None:
            self.period_end.setCurrentIndex(self.period_end.findData(end.isoformat()))

    # ----- values and checks -------------------------------------------------------------
    def values(self) -> dict[str, Any]:
        kr_ids = []
        for row in range(self.krs.count()):
            item = self.krs.item(row)
            if item.checkState() == Qt.CheckState.Checked:
                kr_ids.append(item.data(Qt.ItemDataRole.UserRole))
        start = _date(self.period.currentData())
        end = _date(self.period_end.currentData()) or start
        due = self.due.date().toPython() if self.has_due.isChecked() else None
        return {
            "title": self.title.text().strip(),
            "kr_ids": tuple(sorted(kr_ids)),
            "owner_role": self.owner.text().strip(),
            "level": self.level.currentData(),
            "period_start": start,
            "period_end": end,
            "due": due,
            "due_text": self.due_text.text().strip(),
            "done_criteria": self.criteria.toPlainText().strip(),
            "status": self.status.currentData(),
            "light": self.light.currentData(),
        }

    def _check_due(self, *_args: object) -> None:
        v = self.values()
        if v["period_start"] is None:
            return
        outside = due_outside(SimpleNamespace(**v), self.quarter)
        if outside:
            self.warning.setText(
                tr(
                    "The due date lies outside the card's period or the quarter. "
                    "That is allowed; the card will be flagged."
                )
            )
        self.warning.setVisible(outside)

    def accept(self) -> None:
        """Refuse an empty title with a message; everything else is the board's to save."""
        if not self.title.text().strip():
            self.error.setText(tr("A card needs a title."))
            self.error.setVisible(True)
            self.title.setFocus()
            return
        super().accept()
