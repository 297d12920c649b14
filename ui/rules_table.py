"""A KR's warning rules as a table: on/off, light, description, condition, response, status.

The check box disables or enables a rule (one command); Add / Edit open the rule dialog;
Delete removes the rule. The status column says what the last evaluation made of the rule:
fired, quiet, or why it cannot run (an id that no longer exists).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from enum import IntEnum
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QAbstractItemView, QWidget

from app.commands import Command, DeleteEntity, UpdateEntity
from models.enums import RuleKind
from models.lights import Light
from models.rules import Evaluation, with_unit
from ui.dialogs.rule_dialog import RuleChoices, kind_name
from ui.edit_context import EditContext
from ui.lights import light_colour, light_icon, light_name
from ui.record_table import Index, RecordTable, RecordTableModel


class RuleColumn(IntEnum):
    ENABLED = 0
    LIGHT = 1
    DESCRIPTION = 2
    CONDITION = 3
    RESPONSE = 4
    STATUS = 5


def _tr(text: str) -> str:
    return QCoreApplication.translate("RulesTable", text)


def condition_text(rule: Any, choices: RuleChoices | None) -> str:
    """The rule's condition in words, with the plan's names: what a reader needs to judge it."""
    try:
        p = json.loads(rule.params or "{}")
        kind = RuleKind(rule.kind)
    except ValueError:
        return rule.params

    def name(kind_: str, key: str) -> str:
        ident = p.get(key)
        if choices is None or not isinstance(ident, int):
            return str(ident)
        return choices.name(kind_, ident)

    unit = ""
    if choices is not None and isinstance(p.get("metric_id"), int):
        metric = choices.metric_records.get(p["metric_id"])
        unit = (metric.unit or "") if metric is not None else ""
    gain_unit = "pp" if unit == "%" else unit
    try:
        if kind is RuleKind.GAIN_BELOW:
            text = _tr("%1 gains less than %2 a week, %3 weeks running")
            return (
                text.replace("%1", name("metric", "metric_id"))
                .replace("%2", with_unit(float(p["min_gain"]), gain_unit))
                .replace("%3", str(p["weeks"]))
            )
        if kind is RuleKind.MILESTONE_BY_DATE:
            target = (
                name("deliverable", "deliverable_id")
                if "deliverable_id" in p
                else name("work_package", "work_package_id")
            )
            return _tr("“%1” not done by %2").replace("%1", target).replace("%2", str(p["date"]))
        if kind is RuleKind.DOWNGRADE_BY_DATE:
            text = _tr("“%1” not done by %2: %3 target %4 → %5")
            return (
                text.replace("%1", name("card", "card_id"))
                .replace("%2", str(p["date"]))
                .replace("%3", name("metric", "metric_id"))
                .replace("%4", with_unit(float(p["from_target"]), unit))
                .replace("%5", with_unit(float(p["to_target"]), unit))
            )
        text = _tr("%1 below %2 after the first %3 days")
        return (
            text.replace("%1", name("metric", "metric_id"))
            .replace("%2", with_unit(float(p["threshold"]), unit))
            .replace("%3", str(p["days"]))
        )
    except (KeyError, TypeError, ValueError):
        return kind_name(rule.kind)


class RulesTableModel(RecordTableModel):
    """The rules of one KR. Toggling the check box pushes an UpdateEntity."""

    def __init__(self, edit: EditContext | None = None, parent: Any = None) -> None:
        super().__init__(edit, parent)
        self._choices: RuleChoices | None = None
        self._evaluation: Evaluation | None = None

    def load(
        self,
        rules: Sequence[Any],
        choices: RuleChoices | None,
        evaluation: Evaluation | None,
    ) -> None:
        self.beginResetModel()
        self._rows = list(rules)
        self._choices = choices
        self._evaluation = evaluation
        self.endResetModel()

    def rule(self, row: int) -> Any:
        return self._rows[row]

    def titles(self) -> tuple[str, ...]:
        return (_tr("On"), _tr("Light"), _tr("Rule"), _tr("Condition"), _tr("Response"), _tr("Now"))

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if self._edit is not None and index.column() == RuleColumn.ENABLED:
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        return flags

    def status(self, rule: Any) -> tuple[str, Light | None]:
        ev = self._evaluation
        if not rule.enabled:
            return _tr("Off"), None
        if ev is None:
            return "", None
        if rule.id in ev.problems:
            return _tr("Cannot run: %1").replace("%1", ev.problems[rule.id]), Light.RED
        if ev.rule_fired(rule.id):
            return _tr("Fired"), Light(rule.light)
        return _tr("Quiet"), None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        rule = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.CheckStateRole and column == RuleColumn.ENABLED:
            return Qt.CheckState.Checked if rule.enabled else Qt.CheckState.Unchecked
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            if column == RuleColumn.LIGHT:
                return light_name(Light(rule.light))
            if column == RuleColumn.DESCRIPTION:
                return rule.description or kind_name(rule.kind)
            if column == RuleColumn.CONDITION:
                return condition_text(rule, self._choices)
            if column == RuleColumn.RESPONSE:
                return rule.response
            if column == RuleColumn.STATUS:
                return self.status(rule)[0]
        if role == Qt.ItemDataRole.DecorationRole and column == RuleColumn.LIGHT:
            return light_icon(Light(rule.light))
        if role == Qt.ItemDataRole.ForegroundRole and column == RuleColumn.STATUS:
            light = self.status(rule)[1]
            return light_colour(light) if light is not None else QColor("#6b7178")
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if (
            self._edit is None
            or not index.isValid()
            or index.column() != RuleColumn.ENABLED
            or role != Qt.ItemDataRole.CheckStateRole
        ):
            return False
        rule = self._rows[index.row()]
        enabled = Qt.CheckState(value) == Qt.CheckState.Checked
        if enabled == rule.enabled:
            return True
        label = rule.description or kind_name(rule.kind)
        text = _tr("Enable rule “%1”") if enabled else _tr("Disable rule “%1”")
        command = UpdateEntity(
            "rule", rule.id, {"enabled": enabled}, name=text.replace("%1", label)
        )
        return self._edit.push(command)


class RulesTable(RecordTable):
    """The table with Add / Edit / Delete; the owner opens the dialog on request."""

    model: RulesTableModel

    def __init__(self, edit: EditContext, parent: QWidget | None = None) -> None:
        wrapping = (RuleColumn.DESCRIPTION, RuleColumn.CONDITION, RuleColumn.RESPONSE)
        super().__init__(edit, RulesTableModel(edit), wrapping, parent)
        self.model.setParent(self)
        self.setObjectName("rulesTable")
        self.view.setObjectName("rulesView")
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.add_button.setText(_tr("Add rule…"))
        self.add_button.setObjectName("addRule")
        self.edit_button.setText(_tr("Edit…"))
        self.delete_button.setText(_tr("Delete"))
        self.view.doubleClicked.connect(lambda index: self._edit_row(index.row()))

    def delete_command(self, row: int) -> Command:
        rule = self.model.rule(row)
        label = rule.description or kind_name(rule.kind)
        name = _tr("Delete rule “%1”").replace("%1", label)
        return DeleteEntity("rule", rule.id, name=name)
