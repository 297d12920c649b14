"""The KR panel's metric table as the user sees it: a progress bar painted from the baseline
with ticks at floor (保底) and stretch (冲刺), a two-choice editor for direction, and columns
that share a narrow pane's width (titles elide first, then the rarely needed columns step aside).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPen, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHeaderView,
    QStyledItemDelegate,
    QTableView,
    QWidget,
)

from models.enums import Direction
from models.lights import Light
from models.scoring import MetricScore, Path
from ui.kr_panel_fit import content_height, share_width
from ui.kr_panel_metrics import Index, MetricColumn, MetricTableModel, direction_text
from ui.lights import light_colour

if TYPE_CHECKING:  # QStyle's many enums take ~6 ms to create: imported where used, not at start-up
    from PySide6.QtWidgets import QStyleOptionViewItem

# Fill colour of the progress bar by path: the light a path deserves, without claiming it is one.
PATH_COLOUR = {
    Path.BELOW_FLOOR: Light.YELLOW_RED,
    Path.FLOOR: Light.YELLOW,
    Path.STRETCH: Light.GREEN,
}
# What a narrow pane leaves out first (the name's tooltip still says them).
OPTIONAL_COLUMNS = (MetricColumn.UNIT, MetricColumn.DIRECTION, MetricColumn.TARGET)
SHORT_TITLE = 48  # px: a column title this narrow is never elided (得分, Score)


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
        from PySide6.QtWidgets import QStyle

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
