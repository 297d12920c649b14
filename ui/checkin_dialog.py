"""Check in a metric's value for a week: date, value and a note, checked before anything is saved.

The dialog collects and checks; ``command()`` turns the entry into the command the caller pushes
(so it is one undo step and the dialog never writes). Mistakes are shown in the dialog, naming
the field ("Value: 120% is outside 0-100"), and it stays open so nothing typed is lost.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QCoreApplication, QDate
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from app.commands import Command
from models import validation as v
from models.calendar import Quarter, week_start
from models.rules import with_unit
from ui.checkin_commands import add_checkin, edit_checkin, week_label
from ui.dialogs.common import add_ok_cancel, error_label, make_window_modal, show_error


def _tr(text: str) -> str:
    return QCoreApplication.translate("CheckInDialog", text)


def parse_value(text: str) -> float | None:
    """'65', '65.5', '65%', '65,5' -> a number; None when it is not one."""
    cleaned = text.strip().removesuffix("%").strip().replace(",", ".")
    try:
        value = float(cleaned)
    except ValueError:
        return None
    return value if value == value and abs(value) < 1e12 else None


class CheckInDialog(QDialog):
    """Enter (or correct) one reading of a metric. Open with ``open()``; read ``command()``."""

    def __init__(
        self,
        metrics: Sequence[Any],
        checkins_of: Callable[[int], list[Any]],
        quarter: Quarter,
        today: dt.date,
        *,
        metric_id: int | None = None,
        checkin: Any | None = None,
        labels: dict[int, str] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("checkInDialog")
        self.setWindowTitle(_tr("Edit check-in") if checkin else _tr("Check in"))
        self._metrics = list(metrics)
        self._checkins_of = checkins_of
        self._quarter = quarter
        self._today = today
        self._checkin = checkin
        self._command: Command | None = None

        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.metric_combo = QComboBox(self)
        self.metric_combo.setObjectName("checkInMetric")
        for m in self._metrics:
            self.metric_combo.addItem((labels or {}).get(m.id, m.name), m.id)
        chosen = checkin.metric_id if checkin is not None else metric_id
        if chosen is not None and self.metric_combo.findData(chosen) >= 0:
            self.metric_combo.setCurrentIndex(self.metric_combo.findData(chosen))
        self.metric_combo.setEnabled(checkin is None)
        form.addRow(_tr("Metric"), self.metric_combo)

        date_row = QHBoxLayout()
        self.date_edit = QDateEdit(self)
        self.date_edit.setObjectName("checkInDate")
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat("yyyy-MM-dd")
        day = checkin.date if checkin is not None else min(max(today, quarter.start), quarter.end)
        self.date_edit.setDate(QDate(day.year, day.month, day.day))
        self.week_label = QLabel(self)
        self.week_label.setObjectName("checkInWeek")
        self.week_label.setStyleSheet("color: #6b7178;")
        date_row.addWidget(self.date_edit)
        date_row.addWidget(self.week_label, 1)
        form.addRow(_tr("Date"), date_row)

        value_row = QHBoxLayout()
        self.value_edit = QLineEdit(self)
        self.value_edit.setObjectName("checkInValue")
        self.value_edit.setPlaceholderText(_tr("e.g. 65.5"))
        if checkin is not None:
            self.value_edit.setText(f"{checkin.value:g}")
        self.unit_label = QLabel(self)
        value_row.addWidget(self.value_edit, 1)
        value_row.addWidget(self.unit_label)
        form.addRow(_tr("Value"), value_row)

        self.note_edit = QLineEdit(self)
        self.note_edit.setObjectName("checkInNote")
        self.note_edit.setPlaceholderText(_tr("What moved it, or what held it back"))
        self.note_edit.setMaxLength(2000)
        if checkin is not None:
            self.note_edit.setText(checkin.note)
        form.addRow(_tr("Note"), self.note_edit)
        layout.addLayout(form)

        self.last_label = QLabel(self)
        self.last_label.setObjectName("checkInLast")
        self.last_label.setStyleSheet("color: #6b7178;")
        layout.addWidget(self.last_label)
        self.message = error_label(self, "checkInMessage")
        layout.addWidget(self.message)
        self.button_box = add_ok_cancel(self, layout)

        self.metric_combo.currentIndexChanged.connect(self._metric_changed)
        self.date_edit.dateChanged.connect(self._date_changed)
        self._metric_changed()
        self._date_changed()
        make_window_modal(self, 460, 220)
        self.value_edit.setFocus()

    # ----- reading the form --------------------------------------------------------------
    def chosen_metric(self) -> Any | None:
        ident = self.metric_combo.currentData()
        return next((m for m in self._metrics if m.id == ident), None)

    def date(self) -> dt.date:
        q = self.date_edit.date()
        return dt.date(q.year(), q.month(), q.day())

    def _metric_changed(self) -> None:
        metric = self.chosen_metric()
        self.unit_label.setText(metric.unit if metric is not None else "")
        rows = self._checkins_of(metric.id) if metric is not None else []
        last = max(rows, key=lambda c: (c.date, c.id), default=None)
        if last is None:
            self.last_label.setText(_tr("No check-in yet."))
        else:
            text = _tr("Last check-in: %1 on %2 (%3)").replace(
                "%1", with_unit(last.value, metric.unit or "")
            )
            text = text.replace("%2", last.date.isoformat()).replace("%3", week_label(last.date))
            self.last_label.setText(text)

    def _date_changed(self) -> None:
        day = self.date()
        monday = week_start(day)
        sunday = monday + dt.timedelta(days=6)
        self.week_label.setText(f"{week_label(day)} ({monday:%m-%d} – {sunday:%m-%d})")

    # ----- checking ----------------------------------------------------------------------
    def _fail(self, field: str, message: str, widget: QWidget) -> None:
        show_error(self.message, f"{field}: {message}")
        widget.setFocus()

    def validate(self) -> Command | None:
        """The command for the entry, or None after showing what is wrong (naming the field).

        An edit that changes nothing is also None, with no message.
        """
        self.message.hide()
        metric = self.chosen_metric()
        if metric is None:
            self._fail(_tr("Metric"), _tr("choose a metric"), self.metric_combo)
            return None
        value = parse_value(self.value_edit.text())
        if value is None:
            shown = self.value_edit.text().strip()
            what = _tr("enter a number") if not shown else _tr("“%1” is not a number")
            self._fail(_tr("Value"), what.replace("%1", shown), self.value_edit)
            return None
        if metric.unit == v.PERCENT and not 0 <= value <= 100:
            text = _tr("%1% is outside 0-100").replace("%1", f"{value:g}")
            self._fail(_tr("Value"), text, self.value_edit)
            return None
        day = self.date()
        if not self._quarter.contains(day):
            text = _tr("%1 is outside the quarter (%2 to %3)").replace("%1", day.isoformat())
            text = text.replace("%2", self._quarter.start.isoformat())
            text = text.replace("%3", self._quarter.end.isoformat())
            self._fail(_tr("Date"), text, self.date_edit)
            return None
        if day > self._today:
            text = _tr("%1 is after the plan's today (%2)").replace("%1", day.isoformat())
            self._fail(_tr("Date"), text.replace("%2", self._today.isoformat()), self.date_edit)
            return None
        rows = self._checkins_of(metric.id)
        other = self._checkin.id if self._checkin is not None else None
        if any(c.date == day and c.id != other for c in rows):
            text = _tr("%1 already has a check-in on %2; edit that one instead")
            text = text.replace("%1", metric.name).replace("%2", day.isoformat())
            self._fail(_tr("Date"), text, self.date_edit)
            return None
        note = self.note_edit.text().strip()
        if self._checkin is None:
            return add_checkin(metric, rows, day, value, note)
        changes = {"date": day, "value": value, "note": note}
        return edit_checkin(metric, rows, self._checkin, changes)

    def accept(self) -> None:
        command = self.validate()
        if self.message.isVisibleTo(self):
            return  # stay open: the message says what to fix
        self._command = command
        super().accept()

    def command(self) -> Command | None:
        """What OK produced: a command to push, or None (an edit that changed nothing)."""
        return self._command
