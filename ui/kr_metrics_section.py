"""The KR panel's metrics section: trend chart, check-ins and warning rules of one KR, as tabs.

It goes into the KR panel's chart slot (``KRPanel.set_chart_widget``). The chart tab is first,
so matplotlib loads when a user first opens a KR, not at start-up. Data comes from the rule
evaluation the controller hands over after every change (``refresh``); only the metric whose
check-ins are listed and the KR's rules are read again from the service.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from models.rules import Evaluation
from ui.charts.chart_widget import KRChart
from ui.charts.series import kr_series
from ui.checkin_dialog import CheckInDialog
from ui.checkin_table import CheckInTable
from ui.dialogs.rule_dialog import RuleDialog, rule_choices
from ui.edit_context import EditContext
from ui.rules_table import RulesTable


def _tr(text: str) -> str:
    return QCoreApplication.translate("KRMetrics", text)


class KRMetricsSection(QTabWidget):
    """Chart | Check-ins | Warning rules for the KR the panel shows."""

    def __init__(self, edit: EditContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("krMetricsSection")
        self.edit = edit
        self.kr_id: int | None = None
        self.tree: Any = None
        self.evaluation: Evaluation | None = None
        self.dialog: Any = None  # the last dialog opened (tests drive it)

        self.chart = KRChart(self)
        self.addTab(self.chart, _tr("Trend"))

        checkins = QWidget(self)
        layout = QVBoxLayout(checkins)
        row = QHBoxLayout()
        row.addWidget(QLabel(_tr("Metric"), checkins))
        self.metric_combo = QComboBox(checkins)
        self.metric_combo.setObjectName("checkInMetricFilter")
        row.addWidget(self.metric_combo, 1)
        layout.addLayout(row)
        self.checkin_table = CheckInTable(edit, checkins)
        layout.addWidget(self.checkin_table)
        self.addTab(checkins, _tr("Check-ins"))

        self.rules_table = RulesTable(edit, self)
        self.addTab(self.rules_table, _tr("Warning rules"))

        self.metric_combo.currentIndexChanged.connect(self._load_checkins)
        self.checkin_table.add_requested.connect(lambda: self.open_checkin_dialog())
        self.checkin_table.edit_requested.connect(
            lambda ident: self.open_checkin_dialog(checkin_id=ident)
        )
        self.rules_table.add_requested.connect(lambda: self.open_rule_dialog())
        self.rules_table.edit_requested.connect(lambda ident: self.open_rule_dialog(ident))
        edit.bus.read_only_changed.connect(self._set_read_only)
        self._set_read_only(edit.bus.read_only)

    def _set_read_only(self, read_only: bool) -> None:
        for button in (
            self.checkin_table.add_button,
            self.rules_table.add_button,
        ):
            button.setEnabled(not read_only)

    # ----- data --------------------------------------------------------------------------
    def _kr(self) -> Any:
        if self.tree is None or self.kr_id is None:
            return None
        return next((k for k in self.tree.krs if k.id == self.kr_id), None)

    def metrics(self) -> list[Any]:
        return self.tree.metrics_of(self.kr_id) if self._kr() is not None else []

    def refresh(self, tree: Any, evaluation: Evaluation | None) -> None:
        """New data after a change: redraw the chart if it changed, re-list check-ins, rules."""
        self.tree, self.evaluation = tree, evaluation
        self._render()

    def show_kr(self, kr_id: int | None) -> None:
        if kr_id == self.kr_id:
            return
        self.kr_id = kr_id
        self._render()

    def _render(self) -> None:
        kr = self._kr()
        series = kr_series(self.evaluation, kr.id, kr.code) if kr is not None else []
        if series != self.chart.series:
            self.chart.set_series(series)
        chosen = self.metric_combo.currentData()
        self.metric_combo.blockSignals(True)
        self.metric_combo.clear()
        for m in self.metrics():
            self.metric_combo.addItem(m.name, m.id)
        found = self.metric_combo.findData(chosen)
        self.metric_combo.setCurrentIndex(found if found >= 0 else 0)
        self.metric_combo.blockSignals(False)
        self._load_checkins()
        rules = []
        if kr is not None:
            rules = [r for r in self.edit.svc.list("rule", kr_id=kr.id)]
        choices = rule_choices(self.tree, self._cards()) if self.tree is not None else None
        self.rules_table.model.load(rules, choices, self.evaluation)

    def _cards(self) -> list[Any]:
        """The plan's cards (id, title) as the rules just read them: no second read."""
        snap = self.evaluation.snapshot if self.evaluation is not None else None
        return list(snap.cards) if snap is not None else self.edit.svc.cards(self.edit.plan_id)

    def current_metric(self) -> Any:
        ident = self.metric_combo.currentData()
        return next((m for m in self.metrics() if m.id == ident), None)

    def _load_checkins(self) -> None:
        metric = self.current_metric()
        rows = self.edit.svc.checkins(metric.id) if metric is not None else []
        self.checkin_table.load(metric, rows)

    # ----- dialogs -----------------------------------------------------------------------
    def open_checkin_dialog(
        self, metric_id: int | None = None, checkin_id: int | None = None
    ) -> CheckInDialog | None:
        """Open the check-in dialog (window-modal, not blocking); push its command on OK."""
        metrics = self.metrics()
        if not metrics or self.tree is None:
            return None
        checkin = None
        if checkin_id is not None:
            rows = self.checkin_table.model.checkins()
            checkin = next((c for c in rows if c.id == checkin_id), None)
        metric_id = metric_id or (self.current_metric().id if self.current_metric() else None)
        dialog = open_checkin_dialog(self.edit, self.tree, metrics, self, metric_id, checkin)
        self.dialog = dialog
        return dialog

    def open_rule_dialog(self, rule_id: int | None = None) -> RuleDialog | None:
        kr = self._kr()
        if kr is None:
            return None
        rule = self.edit.svc.get("rule", rule_id) if rule_id is not None else None
        choices = rule_choices(self.tree, self._cards())
        today = self.edit.svc.today(self.edit.plan_id)
        dialog = RuleDialog(choices, kr.id, today, rule=rule, parent=self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: _push(self.edit, dialog.command()))
        self.dialog = dialog
        dialog.open()
        return dialog


def _push(edit: EditContext, command: Any) -> None:
    if command is not None:
        edit.push(command)


def open_checkin_dialog(
    edit: EditContext,
    tree: Any,
    metrics: list[Any],
    parent: QWidget,
    metric_id: int | None = None,
    checkin: Any | None = None,
) -> CheckInDialog:
    """The check-in dialog over ``metrics`` (labelled with their KR codes), pushed on OK."""
    codes = {kr.id: kr.code for kr in tree.krs}
    labels = {m.id: f"{codes.get(m.kr_id, '')} {m.name}".strip() for m in metrics}
    dialog = CheckInDialog(
        metrics,
        edit.svc.checkins,
        edit.svc.quarter(edit.plan_id),
        edit.svc.today(edit.plan_id),
        metric_id=metric_id,
        checkin=checkin,
        labels=labels,
        parent=parent,
    )
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.accepted.connect(lambda: _push(edit, dialog.command()))
    dialog.open()
    return dialog
