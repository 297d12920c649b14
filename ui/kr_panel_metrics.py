"""The KR panel's metric table: baseline, current, floor (保底), stretch (冲刺), target, score.

Cells are edited in place; each edit is checked with the same rules the service applies
(models.validation) before a command is pushed, so a refused value (a percentage of 140) gives a
message next to the table instead of a dialog, and nothing is written or put on the undo stack.
"""

from __future__ import annotations

from enum import IntEnum
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    QRectF,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QPainter, QPen, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHeaderView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QWidget,
)

from app.commands import UpdateEntity
from models import validation as v
from models.errors import ValidationError
from models.lights import Light
from models.scoring import MetricScore, Path, score_metric_of
from models.tables import Direction
from ui.edit_context import EditContext
from ui.goal_tree_nodes import fmt_num, fmt_score, path_text
from ui.kr_panel_fit import content_height, share_width
from ui.lights import light_colour

Index = QModelIndex | QPersistentModelIndex


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
# What a narrow pane leaves out first (the name's tooltip still says them).
OPTIONAL_COLUMNS = (MetricColumn.UNIT, MetricColumn.DIRECTION, MetricColumn.TARGET)
SHORT_TITLE = 48  # px: a column title this narrow is never elided (得分, Score)
# Fill colour of the progress bar by path: the light a path deserves, without claiming it is one.
PATH_COLOUR = {
    Path.BELOW_FLOOR: Light.YELLOW_RED,
    Path.FLOOR: Light.YELLOW,
    Path.STRETCH: Light.GREEN,
}


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


class ProgressDelegate(QStyledItemDelegate):
    """Paints a metric's progress: a bar from the baseline with ticks at floor and stretch."""

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        return QSize(100, 22)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        if index.column() != MetricColumn.PROGRESS:
            super().paint(painter, option, index)
            return
        model = index.model()
        score = index.data(Qt.ItemDataRole.UserRole)
        metric = model.metric(index.row()) if isinstance(model, MetricTableModel) else None
        if option.state & QStyle.StateFlag.State_Selected:  # type: ignore[operator]
            painter.fillRect(option.rect, option.palette.highlight())  # type: ignore[attr-defined]
        if metric is None or metric.current is None:
            return
        geometry = bar_geometry(metric)
        if geometry is None:
            return
        current, floor, stretch = geometry
        rect = QRectF(option.rect).adjusted(6, 7, -6, -7)  # type: ignore[attr-defined]
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor("#e4e7eb"))
        painter.drawRoundedRect(rect, 3, 3)
        path = score.path if isinstance(score, MetricScore) else Path.NONE
        painter.setBrush(light_colour(PATH_COLOUR.get(path)))
        filled = QRectF(rect.left(), rect.top(), rect.width() * current, rect.height())
        painter.drawRoundedRect(filled, 3, 3)
        painter.setPen(QPen(QColor("#3b4046"), 1.5))
        for fraction in (floor, stretch):
            if fraction is not None:
                x = rect.left() + rect.width() * fraction
                painter.drawLine(int(x), int(rect.top() - 3), int(x), int(rect.bottom() + 3))
        painter.restore()


def bar_geometry(metric: Any) -> tuple[float, float | None, float | None] | None:
    """Where current, floor and stretch sit on a 0..1 bar running from the baseline (or 0) to
    the furthest of stretch, target and current; lower-is-better metrics run the other way."""
    sign = -1.0 if metric.direction == Direction.DECREASE.value else 1.0
    goals = [x for x in (metric.floor, metric.stretch, metric.target) if x is not None]
    if metric.current is None or not goals:
        return None
    origin = metric.baseline if metric.baseline is not None else (0.0 if sign > 0 else None)
    if origin is None:
        origin = max([*goals, metric.current]) if sign < 0 else 0.0
    end = max([sign * x for x in [*goals, metric.current]])
    span = end - sign * origin
    if span <= 0:
        return None

    def frac(value: float | None) -> float | None:
        if value is None:
            return None
        return min(max((sign * value - sign * origin) / span, 0.0), 1.0)

    current = frac(metric.current)
    assert current is not None
    return current, frac(metric.floor), frac(metric.stretch)


class DirectionDelegate(QStyledItemDelegate):
    """A two-choice editor for which way a metric improves."""

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        if index.column() != MetricColumn.DIRECTION:
            return super().createEditor(parent, option, index)
        box = QComboBox(parent)
        box.addItem(direction_text(Direction.INCREASE.value), Direction.INCREASE.value)
        box.addItem(direction_text(Direction.DECREASE.value), Direction.DECREASE.value)
        return box

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        if isinstance(editor, QComboBox):
            editor.setCurrentIndex(max(0, editor.findData(index.data(Qt.ItemDataRole.EditRole))))
            return
        super().setEditorData(editor, index)

    def setModelData(self, editor: QWidget, model: Any, index: Index) -> None:
        if isinstance(editor, QComboBox):
            model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)
            return
        super().setModelData(editor, model, index)


class MetricTableView(QTableView):
    """The metric table, always as tall as its rows (the panel scrolls, not the table)."""

    def __init__(self, model: MetricTableModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("krMetrics")
        self.setModel(model)
        self.verticalHeader().hide()
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setItemDelegateForColumn(MetricColumn.PROGRESS, ProgressDelegate(self))
        self.setItemDelegateForColumn(MetricColumn.DIRECTION, DirectionDelegate(self))
        header = self.horizontalHeader()
        self._fitted_width = -1
        header.setMinimumSectionSize(24)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)  # fit() shares the width
        header.setTextElideMode(Qt.TextElideMode.ElideRight)  # full titles in the tooltips
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

    def fit(self) -> None:
        """Columns share the width; every row visible, plus room for the horizontal scroll bar
        in the rare pane too narrow even for the numbers."""
        self._fit_columns()
        height = content_height(self)
        if self.horizontalHeader().length() > self.viewport().width():
            height += self.horizontalScrollBar().sizeHint().height()
        if self.minimumHeight() != height or self.maximumHeight() != height:
            self.setFixedHeight(height)  # only the width changes what this computes: no loop

    def _fit_columns(self) -> None:
        """Every column as wide as its cells and title want when that fits (the progress bar
        takes the rest); in a narrow pane titles elide first, then the columns a user rarely
        needs (unit, direction, external target: the name's tooltip has them) step aside."""
        header = self.horizontalHeader()
        wanted, needed = {}, {}
        for column in MetricColumn:
            self.setColumnHidden(column, False)  # a hidden column measures nothing
        for column in MetricColumn:
            cells = self.sizeHintForColumn(column)
            title = header.sectionSizeHint(column)
            if column == MetricColumn.PROGRESS:
                wanted[column], needed[column] = max(100, title), 48
            else:
                wanted[column] = max(cells, title)
                short_title = title if title <= SHORT_TITLE else 0  # a long one may elide
                needed[column] = max(cells, short_title, header.minimumSectionSize())
        width = self._fitted_width = self.viewport().width()
        shown = list(MetricColumn)
        for optional in OPTIONAL_COLUMNS:
            if sum(needed[c] for c in shown) <= width:
                break
            shown.remove(optional)
        sizes = share_width(width, [wanted[c] for c in shown], [needed[c] for c in shown])
        sizes[shown.index(MetricColumn.PROGRESS)] += max(0, width - sum(sizes))
        for column in MetricColumn:
            self.setColumnHidden(column, column not in shown)
        for column, size in zip(shown, sizes, strict=True):
            if header.sectionSize(column) != size:
                header.resizeSection(column, size)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self.viewport().width() != self._fitted_width:  # a height change needs no refit
            self.fit()
