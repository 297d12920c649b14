"""A layout that lines its widgets up left to right and wraps onto a new row when out of room.

For toolbars of filters above a pane the user can narrow: the row wraps instead of clipping
its last controls or forcing the pane (and the splitter) wider. After Qt's Flow Layout example.
"""

from __future__ import annotations

from PySide6.QtCore import QMargins, QPoint, QRect, QSize, Qt
from PySide6.QtWidgets import QLayout, QLayoutItem, QWidget


class FlowLayout(QLayout):
    """Items keep their size hint (shrunk to the width if one is wider); rows wrap."""

    def __init__(self, parent: QWidget | None = None, spacing: int = 6) -> None:
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self._spacing = spacing
        self.setContentsMargins(0, 0, 0, 0)

    # ----- QLayout -----------------------------------------------------------------------
    def addItem(self, item: QLayoutItem) -> None:
        self._items.append(item)

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:  # type: ignore[override]
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:  # type: ignore[override]
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def expandingDirections(self) -> Qt.Orientation:
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self._arrange(QRect(0, 0, width, 0), move=False)

    def setGeometry(self, rect: QRect) -> None:
        super().setGeometry(rect)
        self._arrange(rect, move=True)

    def sizeHint(self) -> QSize:
        """One row with everything in it: what the layout asks for when there is room."""
        visible = [item for item in self._items if not item.isEmpty()]
        width = sum(item.sizeHint().width() for item in visible)
        width += self._spacing * max(0, len(visible) - 1)
        height = max((item.sizeHint().height() for item in visible), default=0)
        return QSize(width, height).grownBy(self.contentsMargins())

    def minimumSize(self) -> QSize:
        """As narrow as the widest single item: everything else wraps."""
        size = QSize()
        for item in self._items:
            if not item.isEmpty():
                size = size.expandedTo(item.minimumSize())
        return size.grownBy(self.contentsMargins())

    # ----- placing -----------------------------------------------------------------------
    def _rows(self, width: int) -> list[list[tuple[QLayoutItem, QSize]]]:
        """The visible items in rows that fit ``width``, each with the size it gets: a row
        takes items while their minimum widths fit, and shares out the rest of its width in
        proportion to how much more than its minimum each item would like."""
        rows: list[list[QLayoutItem]] = [[]]
        used = 0
        for item in self._items:
            if item.isEmpty():
                continue
            least = item.minimumSize().width()
            if rows[-1] and used + self._spacing + least > width:
                rows.append([])
                used = 0
            used += (self._spacing if rows[-1] else 0) + least
            rows[-1].append(item)
        return [self._sized(row, width) for row in rows if row]

    def _sized(self, row: list[QLayoutItem], width: int) -> list[tuple[QLayoutItem, QSize]]:
        hints = [item.sizeHint() for item in row]
        least = [
            min(item.minimumSize().width(), hint.width())
            for item, hint in zip(row, hints, strict=True)
        ]
        spare = width - self._spacing * (len(row) - 1) - sum(least)
        extra = [hint.width() - low for hint, low in zip(hints, least, strict=True)]
        if spare >= sum(extra):
            widths = [hint.width() for hint in hints]
        else:
            total = sum(extra) or 1
            widths = [
                low + max(0, spare) * more // total for low, more in zip(least, extra, strict=True)
            ]
        sizes = [QSize(w, hint.height()) for w, hint in zip(widths, hints, strict=True)]
        return list(zip(row, sizes, strict=True))

    def _arrange(self, rect: QRect, *, move: bool) -> int:
        """Place the items in ``rect`` (when ``move``), each row's items centred on the row;
        return the height that takes."""
        margins: QMargins = self.contentsMargins()
        area = rect.marginsRemoved(margins)
        y = area.y()
        for row in self._rows(area.width()):
            height = max(size.height() for _item, size in row)
            x = area.x()
            for item, size in row:
                if move:
                    top = y + (height - size.height()) // 2
                    item.setGeometry(QRect(QPoint(x, top), size))
                x += size.width() + self._spacing
            y += height + self._spacing
        used = y - area.y() - self._spacing if y > area.y() else 0
        return used + margins.top() + margins.bottom()
