"""Add or edit a warning rule of a KR: its kind, what it watches, the light, why and what to do.

Parameters are picked from the plan (a metric, a deliverable or work package, a card) rather
than typed as ids, and checked with models.rule_params before OK closes the dialog; a mistake is
shown in the dialog naming the field. ``command()`` gives the command the caller pushes.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QCoreApplication, QDate
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDoubleSpinBox,
    QFormLayout,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.commands import Command, CreateEntity, UpdateEntity
from models.enums import RuleKind
from models.errors import ValidationError
from models.lights import Light
from models.rule_params import PARAMS, params_json, parse_params
from ui.dialogs.common import add_ok_cancel, error_label, make_window_modal, show_error
from ui.lights import light_icon, light_name


def _tr(text: str) -> str:
    return QCoreApplication.translate("RuleDialog", text)


def kind_name(kind: str) -> str:
    names = {
        RuleKind.GAIN_BELOW: _tr("Weekly gain below a minimum for N weeks running"),
        RuleKind.MILESTONE_BY_DATE: _tr("A milestone not done by a date"),
        RuleKind.DOWNGRADE_BY_DATE: _tr("An action not done by a date lowers the target"),
        RuleKind.FIRST_WEEK_BELOW: _tr("Below a threshold after an experiment's first days"),
    }
    try:
        return names[RuleKind(kind)]
    except ValueError:
        return kind


@dataclass
class RuleChoices:
    """What a rule can point at in this plan, with the names to show."""

    plan_id: int
    metrics: list[tuple[int, str]] = field(default_factory=list)  # (id, "KR1 覆盖率")
    milestones: list[tuple[str, int, str]] = field(default_factory=list)  # (kind, id, title)
    cards: list[tuple[int, str]] = field(default_factory=list)
    metric_records: dict[int, Any] = field(default_factory=dict)

    def name(self, kind: str, ident: int) -> str:
        if kind == "metric":
            return dict(self.metrics).get(ident, f"#{ident}")
        if kind == "card":
            return dict(self.cards).get(ident, f"#{ident}")
        return next((t for k, i, t in self.milestones if k == kind and i == ident), f"#{ident}")


def rule_choices(tree: Any, cards: Sequence[Any]) -> RuleChoices:
    """Build the choices from the service's PlanTree and the plan's cards."""
    codes = {kr.id: kr.code for kr in tree.krs}
    out = RuleChoices(tree.plan.id)
    out.metrics = [(m.id, f"{codes.get(m.kr_id, '')} {m.name}".strip()) for m in tree.metrics]
    out.metric_records = {m.id: m for m in tree.metrics}
    for wp in tree.work_packages:
        out.milestones.append(("work_package", wp.id, wp.title))
        out.milestones += [("deliverable", d.id, d.title) for d in tree.deliverables_of(wp.id)]
    out.cards = [(c.id, c.title) for c in cards]
    return out


PARAM_LABELS = {
    "metric_id": "Metric",
    "min_gain": "Minimum weekly gain",
    "weeks": "Weeks running",
    "deliverable_id": "Milestone",
    "work_package_id": "Milestone",
    "date": "By date",
    "card_id": "Action",
    "from_target": "Target from",
    "to_target": "Target to",
    "threshold": "Threshold",
    "days": "First days",
    "start": "Experiment starts",
}


def _qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


class RuleDialog(QDialog):
    """Open with ``open()``; on ``accepted`` push ``command()``."""

    def __init__(
        self,
        choices: RuleChoices,
        kr_id: int,
        today: dt.date,
        *,
        rule: Any | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("ruleDialog")
        self.setWindowTitle(_tr("Edit warning rule") if rule else _tr("Add warning rule"))
        self.choices, self.kr_id, self.rule = choices, kr_id, rule
        self._command: Command | None = None
        layout = QVBoxLayout(self)
        self.form = QFormLayout()
        self.kind_combo = QComboBox(self)
        self.kind_combo.setObjectName("ruleKind")
        for kind in RuleKind:
            self.kind_combo.addItem(kind_name(kind), kind.value)
        self.form.addRow(_tr("When"), self.kind_combo)

        self.metric_combo = self._combo("ruleMetric", choices.metrics)
        self.min_gain = self._number("ruleMinGain", 0.01, 1e6, 1.0)
        self.weeks = self._count("ruleWeeks", 1, 52, 2)
        self.milestone_combo = QComboBox(self)
        self.milestone_combo.setObjectName("ruleMilestone")
        for kind, ident, title in choices.milestones:
            prefix = _tr("Work package") if kind == "work_package" else _tr("Deliverable")
            self.milestone_combo.addItem(f"{prefix}: {title}", (kind, ident))
        self.card_combo = self._combo("ruleCard", choices.cards)
        self.date_edit = QDateEdit(_qdate(today), self)
        self.date_edit.setObjectName("ruleDate")
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat("yyyy-MM-dd")
        self.from_target = self._number("ruleFromTarget", -1e9, 1e9, 0.0)
        self.to_target = self._number("ruleToTarget", -1e9, 1e9, 0.0)
        self.threshold = self._number("ruleThreshold", -1e9, 1e9, 10.0)
        self.days = self._count("ruleDays", 1, 92, 7)
        self.has_start = QCheckBox(_tr("from a fixed date (else the first check-in)"), self)
        self.start_edit = QDateEdit(_qdate(today), self)
        self.start_edit.setCalendarPopup(True)
        self.start_edit.setDisplayFormat("yyyy-MM-dd")
        self.start_edit.setEnabled(False)
        self.has_start.toggled.connect(self.start_edit.setEnabled)
        self._rows: dict[str, QWidget] = {
            "metric_id": self.metric_combo,
            "min_gain": self.min_gain,
            "weeks": self.weeks,
            "milestone": self.milestone_combo,
            "card_id": self.card_combo,
            "date": self.date_edit,
            "from_target": self.from_target,
            "to_target": self.to_target,
            "threshold": self.threshold,
            "days": self.days,
            "has_start": self.has_start,
            "start": self.start_edit,
        }
        for key, widget in self._rows.items():
            label = "" if key == "has_start" else _tr(PARAM_LABELS.get(key, "Milestone"))
            self.form.addRow(label, widget)

        self.light_combo = QComboBox(self)
        self.light_combo.setObjectName("ruleLight")
        for light in (Light.RED, Light.YELLOW_RED, Light.YELLOW):
            self.light_combo.addItem(light_icon(light), light_name(light), light.value)
        self.form.addRow(_tr("Light"), self.light_combo)
        self.description = QLineEdit(self)
        self.description.setObjectName("ruleDescription")
        self.description.setPlaceholderText(_tr("e.g. 连续 2 周覆盖率提升 <1pp"))
        self.form.addRow(_tr("Description"), self.description)
        self.response = QLineEdit(self)
        self.response.setObjectName("ruleResponse")
        self.response.setPlaceholderText(_tr("What to do when it fires"))
        self.form.addRow(_tr("Response"), self.response)
        self.enabled = QCheckBox(_tr("Enabled"), self)
        self.enabled.setChecked(True)
        self.form.addRow("", self.enabled)
        layout.addLayout(self.form)

        self.message = error_label(self, "ruleMessage")
        layout.addWidget(self.message)
        self.button_box = add_ok_cancel(self, layout)

        self.kind_combo.currentIndexChanged.connect(self._kind_changed)
        self.metric_combo.currentIndexChanged.connect(self._metric_changed)
        if rule is not None:
            self._load(rule)
        else:
            self._prefer_kr_metric()
        self._kind_changed()
        make_window_modal(self, 560, 420)

    # ----- building helpers ----------------------------------------------------------------
    def _combo(self, name: str, items: Sequence[tuple[int, str]]) -> QComboBox:
        combo = QComboBox(self)
        combo.setObjectName(name)
        for ident, text in items:
            combo.addItem(text, ident)
        return combo

    def _number(self, name: str, low: float, high: float, value: float) -> QDoubleSpinBox:
        box = QDoubleSpinBox(self)
        box.setObjectName(name)
        box.setRange(low, high)
        box.setDecimals(2)
        box.setValue(value)
        return box

    def _count(self, name: str, low: int, high: int, value: int) -> QSpinBox:
        box = QSpinBox(self)
        box.setObjectName(name)
        box.setRange(low, high)
        box.setValue(value)
        return box

    def _prefer_kr_metric(self) -> None:
        for row in range(self.metric_combo.count()):
            metric = self.choices.metric_records.get(self.metric_combo.itemData(row))
            if metric is not None and metric.kr_id == self.kr_id:
                self.metric_combo.setCurrentIndex(row)
                break
        self._metric_changed()

    def _load(self, rule: Any) -> None:
        self.kind_combo.setCurrentIndex(max(0, self.kind_combo.findData(rule.kind)))
        try:
            params = json.loads(rule.params or "{}")
        except ValueError:
            params = {}
        params = params if isinstance(params, dict) else {}
        for key, combo in (("metric_id", self.metric_combo), ("card_id", self.card_combo)):
            if key in params and combo.findData(params[key]) >= 0:
                combo.setCurrentIndex(combo.findData(params[key]))
        for key in ("deliverable_id", "work_package_id"):
            if key in params:
                found = self.milestone_combo.findData((key.removesuffix("_id"), params[key]))
                self.milestone_combo.setCurrentIndex(max(0, found))
        for key, box in (
            ("min_gain", self.min_gain),
            ("from_target", self.from_target),
            ("to_target", self.to_target),
            ("threshold", self.threshold),
        ):
            if isinstance(params.get(key), int | float):
                box.setValue(float(params[key]))
        for key, spin in (("weeks", self.weeks), ("days", self.days)):
            if isinstance(params.get(key), int):
                spin.setValue(params[key])
        for key, edit in (("date", self.date_edit), ("start", self.start_edit)):
            try:
                edit.setDate(_qdate(dt.date.fromisoformat(params[key])))
                if key == "start":
                    self.has_start.setChecked(True)
            except (KeyError, TypeError, ValueError):
                pass
        self.light_combo.setCurrentIndex(max(0, self.light_combo.findData(rule.light)))
        self.description.setText(rule.description)
        self.response.setText(rule.response)
        self.enabled.setChecked(bool(rule.enabled))

    # ----- reacting ----------------------------------------------------------------------
    def kind(self) -> RuleKind:
        return RuleKind(self.kind_combo.currentData())

    def _kind_changed(self) -> None:
        keys = {p.key for p in PARAMS[self.kind()]}
        shown = {
            "metric_id": "metric_id" in keys,
            "min_gain": "min_gain" in keys,
            "weeks": "weeks" in keys,
            "milestone": "deliverable_id" in keys,
            "card_id": "card_id" in keys,
            "date": "date" in keys,
            "from_target": "from_target" in keys,
            "to_target": "to_target" in keys,
            "threshold": "threshold" in keys,
            "days": "days" in keys,
            "has_start": "start" in keys,
            "start": "start" in keys,
        }
        for key, widget in self._rows.items():
            self.form.setRowVisible(widget, shown[key])

    def _metric_changed(self) -> None:
        metric = self.choices.metric_records.get(self.metric_combo.currentData())
        if metric is None or self.rule is not None:
            return
        unit = "pp" if metric.unit == "%" else (metric.unit or "")
        self.min_gain.setSuffix(f" {unit}" if unit else "")
        if metric.stretch is not None:
            self.from_target.setValue(metric.stretch)
        if metric.floor is not None:
            self.to_target.setValue(metric.floor)
            self.threshold.setValue(metric.floor)

    # ----- result ------------------------------------------------------------------------
    def _date(self, edit: QDateEdit) -> str:
        q = edit.date()
        return dt.date(q.year(), q.month(), q.day()).isoformat()

    def params(self) -> dict[str, Any]:
        """The parameters of the chosen kind as they would be stored."""
        kind = self.kind()
        raw: dict[str, Any] = {}
        if kind in (RuleKind.GAIN_BELOW, RuleKind.DOWNGRADE_BY_DATE, RuleKind.FIRST_WEEK_BELOW):
            raw["metric_id"] = self.metric_combo.currentData()
        if kind is RuleKind.GAIN_BELOW:
            raw |= {"min_gain": self.min_gain.value(), "weeks": self.weeks.value()}
        if kind is RuleKind.MILESTONE_BY_DATE:
            target = self.milestone_combo.currentData()
            if target is not None:
                raw[f"{target[0]}_id"] = target[1]
        if kind in (RuleKind.MILESTONE_BY_DATE, RuleKind.DOWNGRADE_BY_DATE):
            raw["date"] = self._date(self.date_edit)
        if kind is RuleKind.DOWNGRADE_BY_DATE:
            raw["card_id"] = self.card_combo.currentData()
            raw |= {"from_target": self.from_target.value(), "to_target": self.to_target.value()}
        if kind is RuleKind.FIRST_WEEK_BELOW:
            raw |= {"threshold": self.threshold.value(), "days": self.days.value()}
            if self.has_start.isChecked():
                raw["start"] = self._date(self.start_edit)
        return raw

    def validate(self) -> Command | None:
        self.message.hide()
        try:
            params = params_json(parse_params(self.kind().value, self.params()))
        except ValidationError as exc:
            key = exc.field.removeprefix("params.")
            label = _tr(PARAM_LABELS.get(key, key))
            show_error(self.message, f"{label}: {exc.message}")
            return None
        fields = {
            "kind": self.kind().value,
            "params": json.dumps(params, ensure_ascii=False),
            "light": self.light_combo.currentData(),
            "description": self.description.text().strip(),
            "response": self.response.text().strip(),
            "enabled": self.enabled.isChecked(),
        }
        if self.rule is None:
            name = _tr("Add warning rule “%1”").replace(
                "%1", fields["description"] or kind_name(fields["kind"])
            )
            fields |= {"plan_id": self.choices.plan_id, "kr_id": self.kr_id}
            return CreateEntity("rule", fields, name=name)
        after = {k: v for k, v in fields.items() if getattr(self.rule, k) != v}
        if not after:
            return None
        label = fields["description"] or kind_name(fields["kind"])
        return UpdateEntity(
            "rule", self.rule.id, after, name=_tr("Edit warning rule “%1”").replace("%1", label)
        )

    def accept(self) -> None:
        command = self.validate()
        if self.message.isVisibleTo(self):
            return
        self._command = command
        super().accept()

    def command(self) -> Command | None:
        return self._command
