"""The KR panel's metric table: baseline, current, floor (保底), stretch (冲刺), target, score.

Cells are edited in place; each edit is checked with the same rules the service applies
(models.validation) before a command is pushed, so a refused value (a percentage of 140) gives a
message next to the table instead of a dialog, and nothing is written or put on the undo stack.
The view that shows it (progress bars, fitting a narrow pane) is ui.kr_panel_metric_view.
"""

from __future__ import annotations

from enum import IntEnum
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    Qt,
    Signal,
)

from app.commands import UpdateEntity
from models import validation as v
from models.enums import Direction
from models.errors import ValidationError
from models.scoring import MetricScore, score_metric_of
from ui.edit_context import EditContext
from ui.goal_tree_nodes import fmt_num, fmt_score, path_text
from ui.kr_panel_fit import Index


class MetricColumn(IntEnum):
    NAME = 0
    BASELINE = 1
    CURRENT = 2
    FLOOR = 3
    STRETCH = 4
    TARGET = 5
    PROGRESS = 6
    SCORE = 7
    DIRECTION = 8  # set once, rarely looked at: last
    UNIT = 9


NUMBER_FIELDS = {
    MetricColumn.BASELINE: "baseline",
    MetricColumn.CURRENT: "current",
    MetricColumn.FLOOR: "floor",
    MetricColumn.STRETCH: "stretch",
    MetricColumn.TARGET: "target",
}
TEXT_FIELDS = {MetricColumn.NAME: "name", MetricColumn.UNIT: "unit"}


def _tr(text: str) -> str:
    return QCoreApplication.translate("MetricTable", text)


def column_title(column: int) -> str:
    return {
        MetricColumn.NAME: _tr("Metric"),
        MetricColumn.DIRECTION: _tr("Better"),
        MetricColumn.UNIT: _tr("Unit"),
        MetricColumn.BASELINE: _tr("Baseline"),
        MetricColumn.CURRENT: _tr("Current"),
        MetricColumn.FLOOR: _tr("Floor (保底)"),
        MetricColumn.STRETCH: _tr("Stretch (冲刺)"),
        MetricColumn.TARGET: _tr("Target"),
        MetricColumn.PROGRESS: _tr("Progress"),
        MetricColumn.SCORE: _tr("Score"),
    }[MetricColumn(column)]


def direction_text(direction: str) -> str:
    if direction == Direction.DECREASE.value:
        return _tr("↓ lower is better")
    return _tr("↑ higher is better")


def parse_number(text: str) -> float | None:
    """A cell's text as a number: blank clears the value; '65%' and '1,234' are accepted."""
    cleaned = text.strip().rstrip("%").replace(",", "").strip()
    if not cleaned:
        return None
    return float(cleaned)


class MetricTableModel(QAbstractTableModel):
    """The metrics of one KR; edits become UpdateEntity commands on the undo stack."""

    validation_failed = Signal(str)  # a message naming the metric, the field and the rule
    edited = Signal()  # a value was accepted (clears an earlier message)

    def __init__(self, edit: EditContext | None, parent: Any = None) -> None:
        super().__init__(parent)
        self._edit = edit
        self._metrics: list[Any] = []
        self._scores: list[MetricScore] = []

    def load(self, metrics: list[Any]) -> None:
        same_rows = [m.id for m in metrics] == [m.id for m in self._metrics]
        if not same_rows:
            self.beginResetModel()
        self._metrics = list(metrics)
        self._scores = [score_metric_of(m) for m in metrics]
        if not same_rows:
            self.endResetModel()
        elif metrics:
            last = self.index(len(metrics) - 1, len(MetricColumn) - 1)
            self.dataChanged.emit(self.index(0, 0), last)

    def metric(self, row: int) -> Any:
        return self._metrics[row]

    def score(self, row: int) -> MetricScore:
        return self._scores[row]

    # ----- QAbstractTableModel -----------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._metrics)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(MetricColumn)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(MetricColumn):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return column_title(section)
        if role == Qt.ItemDataRole.ToolTipRole:
            tips = {
                MetricColumn.FLOOR: _tr("保底: reaching it is the 95-point path"),
                MetricColumn.STRETCH: _tr("冲刺: reaching it is the 100-point path"),
                MetricColumn.TARGET: _tr("The external target, as promised upwards"),
                MetricColumn.SCORE: _tr("0 = baseline, 95 = floor reached, 100 = stretch reached"),
            }
            return tips.get(MetricColumn(section), column_title(section))  # elided titles
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        editable = set(NUMBER_FIELDS) | set(TEXT_FIELDS) | {MetricColumn.DIRECTION}
        if self._edit is not None and self._edit.can_edit and index.column() in editable:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._metrics):
            return None
        metric, score = self._metrics[index.row()], self._scores[index.row()]
        column = MetricColumn(index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(metric, score, column)
        if role == Qt.ItemDataRole.EditRole:
            if column in NUMBER_FIELDS:
                value = getattr(metric, NUMBER_FIELDS[column])
                return "" if value is None else f"{value:g}"
            if column in TEXT_FIELDS:
                return getattr(metric, TEXT_FIELDS[column])
            if column == MetricColumn.DIRECTION:
                return metric.direction
        if role == Qt.ItemDataRole.TextAlignmentRole and (
            column in NUMBER_FIELDS or column == MetricColumn.SCORE
        ):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole and column == MetricColumn.DIRECTION:
            return direction_text(metric.direction)
        if role == Qt.ItemDataRole.ToolTipRole and column == MetricColumn.NAME:
            return self._name_tip(metric)
        if role == Qt.ItemDataRole.TextAlignmentRole and column == MetricColumn.DIRECTION:
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == Qt.ItemDataRole.ToolTipRole and column in (
            MetricColumn.PROGRESS,
            MetricColumn.SCORE,
        ):
            return self._score_tip(metric, score)
        if role == Qt.ItemDataRole.UserRole:
            return score
        return None

    def _display(self, metric: Any, score: MetricScore, column: MetricColumn) -> Any:
        if column == MetricColumn.NAME:
            return metric.name
        if column == MetricColumn.DIRECTION:
            return "↓" if metric.direction == Direction.DECREASE.value else "↑"
        if column == MetricColumn.UNIT:
            return metric.unit
        if column in NUMBER_FIELDS:
            value = getattr(metric, NUMBER_FIELDS[column])
            return fmt_num(value, metric.unit or "") if value is not None else ""
        if column == MetricColumn.SCORE:
            return fmt_score(score.score) or "—"
        return None  # PROGRESS is painted by ProgressDelegate

    def _name_tip(self, metric: Any) -> str:
        """Name, direction, unit and external target: what a narrow table leaves out."""
        lines = [metric.name, direction_text(metric.direction)]
        if metric.unit:
            lines.append(f"{column_title(MetricColumn.UNIT)}: {metric.unit}")
        if metric.target is not None:
            target = fmt_num(metric.target, metric.unit or "")
            lines.append(f"{column_title(MetricColumn.TARGET)}: {target}")
        return "\n".join(lines)

    def _score_tip(self, metric: Any, score: MetricScore) -> str:
        if score.score is None:
            return {
                "no_current": _tr("No score: no current value yet"),
                "no_goal": _tr("No score: set a floor, stretch or target"),
                "no_baseline": _tr("No score below the floor without a baseline"),
            }.get(score.reason.value, "")
        text = _tr("Score %1: %2").replace("%1", fmt_score(score.score))
        text = text.replace("%2", path_text(score.path))
        if score.origin_assumed:
            text += "\n" + _tr("No baseline: measured from 0")
        if score.exceeded:
            text += "\n" + _tr("Past the stretch")
        return text

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        """Check the value, then push one UpdateEntity; a refused value only gives a message."""
        if self._edit is None or role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        metric = self._metrics[index.row()]
        column = MetricColumn(index.column())
        where = f"{metric.name} · {column_title(column)}"
        text = "" if value is None else str(value)
        if column in NUMBER_FIELDS:
            field = NUMBER_FIELDS[column]
            try:
                new: Any = parse_number(text)
            except ValueError:
                self.validation_failed.emit(
                    _tr("%1: “%2” is not a number").replace("%1", where).replace("%2", text)
                )
                return False
        elif column in TEXT_FIELDS:
            field, new = TEXT_FIELDS[column], text.strip()
        elif column == MetricColumn.DIRECTION:
            field, new = "direction", text
        else:
            return False
        if new == getattr(metric, field):
            return True
        merged = {name: getattr(metric, name) for name in metric.__dataclass_fields__}
        merged[field] = new
        try:
            if field == "name" and not new:
                raise ValidationError("metric", "name", _tr("cannot be empty"))
            v.check_metric(merged)
        except ValidationError as exc:
            self.validation_failed.emit(f"{where}: {exc.message}")
            return False
        name = _tr("Set %1 of %2").replace("%1", column_title(column)).replace("%2", metric.name)
        ok = self._edit.push(UpdateEntity("metric", metric.id, {field: new}, name=name))
        if ok:
            self.edited.emit()
        return ok
