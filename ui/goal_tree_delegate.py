"""The goal tree's cells, painted here rather than by the style.

The style's item painting (a style-sheet style, with ``::item`` rules) costs about 80 us a
cell; a 50-KR plan shows some 40 rows of three columns when it opens, about a tenth of the
whole open. This delegate paints what a cell shows in a few painter calls: the selection or
hover background, the light column's dots, the text elided to the cell, right-aligned in the
score column, and a frame round the current cell when the tree has focus. Colours come from
the view's palette, which the style sheet sets (selection background and text).

Size hints follow the same layout (the name column is fitted to them on every reload), with
the row height the style gives. A text's width is measured once and kept: a text that fits its
cell is drawn as it is, without eliding it first.

A deliverable's name has a check box: that cell is left to the style, so the box is drawn
where the style's click handling (``editorEvent``) looks for it. Editing and everything else
are ``QStyledItemDelegate``'s.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPalette
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from ui.goal_tree_model import Column, GoalTreeModel

PAD = 4  # between the cell's edge and its contents, both sides
GAP = 6  # between the dots and the text
WIDTHS_KEPT = 4096  # texts whose width is kept (a big tree's names, several times over)

_SELECTED = QStyle.StateFlag.State_Selected
_HOVER = QStyle.StateFlag.State_MouseOver
_FOCUS = QStyle.StateFlag.State_HasFocus
_LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
_ELIDE = Qt.TextElideMode.ElideRight
_MARKED = _SELECTED | _HOVER | _FOCUS  # most cells are none of these: one test for the three


def hover_colour(palette: QPalette) -> QColor:
    """Half way from the base colour to the selection's: a hovered row is lit, not chosen."""
    base, lit = palette.color(QPalette.ColorRole.Base), palette.color(QPalette.ColorRole.Highlight)
    return QColor(
        (base.red() + lit.red()) // 2,
        (base.green() + lit.green()) // 2,
        (base.blue() + lit.blue()) // 2,
    )


class GoalTreeDelegate(QStyledItemDelegate):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._hover: tuple[int, QColor] | None = None  # (palette cache key, colour)
        self._font = QFont()  # the font the kept widths and the row height are of
        self._font_key = ""
        self._widths: dict[str, int] = {}
        self._row_height = 0

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        model = index.model()
        if not isinstance(model, GoalTreeModel):
            super().paint(painter, option, index)
            return
        node, column = index.internalPointer(), index.column()
        if column == Column.NAME and node.kind == "deliverable":
            super().paint(painter, option, index)  # the check box: the style's own
            return
        text, icon = model.cell(node, column)
        rect, palette = option.rect, option.palette
        state = option.state & _MARKED
        if state & _SELECTED:
            painter.fillRect(rect, palette.color(QPalette.ColorRole.Highlight))
        elif state & _HOVER:
            painter.fillRect(rect, self._hover_colour(palette))
        left, right = rect.left() + PAD, rect.right() - PAD
        if icon is not None:
            size = option.decorationSize
            top = rect.top() + (rect.height() - size.height()) // 2
            icon.paint(painter, QRect(left, top, size.width(), size.height()))
            left += size.width() + GAP
        if text and right > left:
            role = (
                QPalette.ColorRole.HighlightedText if state & _SELECTED else QPalette.ColorRole.Text
            )
            painter.setPen(palette.color(role))
            font = option.font
            painter.setFont(font)
            room = right - left + 1
            shown = text
            if self._width(font, text) > room:
                shown = option.fontMetrics.elidedText(text, _ELIDE, room)
            area = QRect(left, rect.top(), room, rect.height())
            painter.drawText(area, _RIGHT if column == Column.SCORE else _LEFT, shown)
        if state & _FOCUS:
            painter.setPen(palette.color(QPalette.ColorRole.Highlight).darker(125))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(rect.adjusted(0, 0, -1, -1))

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        """What ``paint`` needs: the padding, the dots and the whole text, one row high."""
        model = index.model()
        if not isinstance(model, GoalTreeModel):
            return super().sizeHint(option, index)
        node, column = index.internalPointer(), index.column()
        if column == Column.NAME and node.kind == "deliverable":
            return super().sizeHint(option, index)
        text, icon = model.cell(node, column)
        width = 2 * PAD + (self._width(option.font, text) if text else 0)
        if icon is not None:
            width += option.decorationSize.width() + (GAP if text else 0)
        if not self._row_height:  # the style's height of a row (with the style sheet's padding)
            self._row_height = super().sizeHint(option, index).height()
        return QSize(width, self._row_height)

    def _width(self, font: QFont, text: str) -> int:
        """The width of ``text`` in ``font``, measured once."""
        if font != self._font:  # compared in C++; the key (a string built each time) only then
            key = font.key()
            if key != self._font_key:  # another font: what was kept no longer holds
                self._widths.clear()
                self._font_key, self._row_height = key, 0
            self._font = QFont(font)
        width = self._widths.get(text)
        if width is None:
            if len(self._widths) >= WIDTHS_KEPT:
                self._widths.clear()
            width = self._widths[text] = QFontMetrics(font).horizontalAdvance(text)
        return width

    def _hover_colour(self, palette: QPalette) -> QColor:
        key = palette.cacheKey()
        if self._hover is None or self._hover[0] != key:
            self._hover = (key, hover_colour(palette))
        return self._hover[1]
