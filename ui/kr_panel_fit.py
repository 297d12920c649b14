"""Fitting the KR panel's lists and tables into a narrow pane without cutting text off.

The panel scrolls as a whole, so each list is exactly as tall as its rows (``fit_height``); long
texts wrap onto more lines (``WrapDelegate``) instead of running off the right edge; and a table's
columns share the width there is (``share_width``): each gets what its contents want if that
fits, else what its cells need, before anyone has to scroll sideways.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QListView,
    QStyledItemDelegate,
    QTableView,
    QTreeView,
)

if TYPE_CHECKING:  # QStyle's many enums take ~6 ms to create: imported where used, not at start-up
    from PySide6.QtWidgets import QStyleOptionViewItem

Index = QModelIndex | QPersistentModelIndex
MIN_ROW_HEIGHT = 18
# The style sheet pads items (resources/style.qss: 2 px a side), and Qt measures a wrapped text
# without that padding: wrap the measurement a little narrower than the cell.
ITEM_PADDING = 6


def share_width(available: int, wanted: Sequence[int], needed: Sequence[int]) -> list[int]:
    """Column widths for ``available`` pixels: everything wanted if it fits; else each column
    its need plus a share of what is left, in proportion to how much more it wanted; and if
    even the needs do not fit, the needs (the view then scrolls rather than cut numbers)."""
    needed = [min(n, w) for n, w in zip(needed, wanted, strict=True)]
    if sum(wanted) <= available:
        return list(wanted)
    spare = available - sum(needed)
    if spare <= 0:
        return list(needed)
    extra = [w - n for w, n in zip(wanted, needed, strict=True)]
    total_extra = sum(extra) or 1
    return [n + spare * e // total_extra for n, e in zip(needed, extra, strict=True)]


class WrapDelegate(QStyledItemDelegate):
    """Asks for the height a text needs when it wraps at its column's width (or a list's), so
    rows grow taller in a narrow pane. Qt's own size hint measures unwrapped text."""

    def __init__(self, parent: QAbstractItemView, columns: Sequence[int] | None = None) -> None:
        super().__init__(parent)
        self.wrapping = True  # off while measuring what a column would want unwrapped
        self.columns = None if columns is None else frozenset(columns)  # None: every column

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        wraps = self.wrapping and (self.columns is None or index.column() in self.columns)
        width = self.text_width(index) if wraps else 0
        if width <= 0:
            return super().sizeHint(option, index)
        from PySide6.QtWidgets import QStyleOptionViewItem

        wrapped = QStyleOptionViewItem(option)
        wrapped.features |= QStyleOptionViewItem.ViewItemFeature.WrapText  # type: ignore[attr-defined]
        # Qt wraps at the rect's width only if the rect is valid: give it a height too.
        wrapped.rect = QRect(0, 0, width, max(option.rect.height(), 1000))  # type: ignore[attr-defined]
        hint = super().sizeHint(wrapped, index)
        return QSize(min(hint.width(), width), hint.height())

    def text_width(self, index: Index) -> int:
        """The width the view paints ``index`` in: its column less the tree's indentation and
        a check box, if it has one."""
        view = self.parent()
        if isinstance(view, QTreeView):
            width = view.columnWidth(index.column())
            if index.column() == 0:
                depth = 0
                parent = index.parent()
                while parent.isValid():
                    depth += 1
                    parent = parent.parent()
                width -= view.indentation() * (depth + int(view.rootIsDecorated()))
        elif isinstance(view, QTableView):
            width = view.columnWidth(index.column())
        elif isinstance(view, QAbstractItemView):
            width = view.viewport().width()
        else:
            return 0
        if index.data(Qt.ItemDataRole.CheckStateRole) is not None:
            from PySide6.QtWidgets import QStyle

            width -= view.style().pixelMetric(QStyle.PixelMetric.PM_IndicatorWidth) + 6
        return width - ITEM_PADDING


def unwrapped_width(view: QAbstractItemView, column: int) -> int:
    """What ``column``'s widest cell (or its header) wants with no wrapping."""
    delegate = view.itemDelegate()
    wrapping = isinstance(delegate, WrapDelegate) and delegate.wrapping
    if isinstance(delegate, WrapDelegate):
        delegate.wrapping = False
    try:
        width = view.sizeHintForColumn(column)
    finally:
        if isinstance(delegate, WrapDelegate):
            delegate.wrapping = wrapping
    header = view.header() if isinstance(view, QTreeView) else None
    if isinstance(view, QTableView):
        header = view.horizontalHeader()
    if header is not None and not header.isHidden():
        width = max(width, header.sectionSizeHint(column))
    return width


def fit_height(view: QAbstractItemView, minimum_rows: int = 1) -> None:
    """Size an item view to show all its rows: the panel scrolls as a whole, not each list."""
    height = content_height(view, minimum_rows)
    if view.minimumHeight() != height or view.maximumHeight() != height:
        view.setFixedHeight(height)  # only the width changes what this computes: no loop


def content_height(view: QAbstractItemView, minimum_rows: int = 1) -> int:
    """The height that shows every (expanded) row of ``view``, wrapped, and its header."""
    heights = [max(_row_height(view, index), MIN_ROW_HEIGHT) for index in _shown_rows(view)]
    if len(heights) < minimum_rows:
        empty = view.fontMetrics().height() + 8
        heights += [max(empty, MIN_ROW_HEIGHT)] * (minimum_rows - len(heights))
    header = getattr(view, "header", None) or getattr(view, "horizontalHeader", None)
    header_height = header().sizeHint().height() if header and not header().isHidden() else 0
    frame = 2 * view.frameWidth() + 4
    return header_height + sum(heights) + frame


def _shown_rows(view: QAbstractItemView) -> list[QModelIndex]:
    model = view.model()
    rows: list[QModelIndex] = []
    if model is None:
        return rows
    pending = [view.rootIndex()]
    while pending:
        parent = pending.pop()
        for row in range(model.rowCount(parent)):
            child = model.index(row, 0, parent)
            rows.append(child)
            if isinstance(view, QTreeView) and view.isExpanded(child):
                pending.append(child)
    return rows


def _row_height(view: QAbstractItemView, index: QModelIndex) -> int:
    if isinstance(view, QTreeView):
        return view.indexRowSizeHint(index)  # every column, wrapped by its delegate
    if isinstance(view, QTableView):
        return view.rowHeight(index.row())
    if isinstance(view, QListView):
        return view.sizeHintForIndex(index).height()
    return view.sizeHintForRow(index.row())
