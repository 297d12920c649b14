"""The board scene: lanes of painted cards over a grid of time columns; drag targets and drops.

The scene holds a ``BoardModel`` (Qt-free state and geometry) and mirrors it with one item per
lane. It never reads the database: ``load_data`` takes plain records (a benchmark can build a
10,000-card scene without a window or a file), and a drop is handed to the ``BoardEditor``, which
pushes one command. While a card is dragged, ``drag_move`` only does geometry lookups.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QMimeData, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QFont, QPainter, QPen
from PySide6.QtWidgets import QApplication, QGraphicsScene

from app.services.board_queries import BoardData
from models.calendar import Level
from ui.board.board_model import BoardModel, CardFilter, LaneKey
from ui.board.card_painter import CardStyle
from ui.board.lane_item import CellMarker, DropIndicator, LaneItem
from ui.board.layout import Column, Metrics, Placement
from ui.board.texts import bucket_name, tr

if TYPE_CHECKING:
    from ui.board.editor import BoardEditor

MIME_TYPE = "application/x-okr-card-ids"
GRID = QColor("#e3e7ec")
LANE_LINE = QColor("#cfd6df")
WHITE = QColor("white")
TINTS = {
    "quarter": QColor("#f5f3fc"),
    "month": QColor("#f3f6fa"),
    "collapsed": QColor("#eceff3"),
    "past": QColor("#fafbfc"),
    "current": QColor("#fff5d6"),
}


def encode_ids(ids: Iterable[int]) -> QMimeData:
    """Drag data: our own MIME type carrying a JSON list of card ids (never pickle)."""
    mime = QMimeData()
    mime.setData(MIME_TYPE, json.dumps([int(i) for i in ids]).encode("utf-8"))
    return mime


def decode_ids(mime: QMimeData) -> list[int] | None:
    """The card ids of a drag, or None when it carries no (valid) card ids."""
    if not mime.hasFormat(MIME_TYPE):
        return None
    try:
        ids = json.loads(bytes(mime.data(MIME_TYPE).data()).decode("utf-8"))
    except (ValueError, UnicodeDecodeError):
        return None
    if not isinstance(ids, list) or not all(type(i) is int for i in ids) or not ids:
        return None
    return ids


@dataclass(frozen=True, slots=True)
class DropCheck:
    ok: bool
    reason: str = ""
    lane: int | None = None
    column: int | None = None


class BoardScene(QGraphicsScene):
    """Lanes x columns of cards; selection, drop feedback and drops."""

    message = Signal(str)  # something the user should read (why a drop was refused, ...)
    board_changed = Signal()  # columns, lanes or heights changed: headers repaint
    selection_changed = Signal()

    def __init__(self, parent: Any = None, font: QFont | None = None) -> None:
        super().__init__(parent)
        self.setItemIndexMethod(QGraphicsScene.ItemIndexMethod.NoIndex)
        self.card_style = CardStyle(font or QApplication.font())
        metrics = Metrics(card_height=self.card_style.card_height)
        self.model = BoardModel(metrics, no_kr_title=tr("No KR"))
        self.editor: BoardEditor | None = None
        self.selected: list[int] = []
        self.selected_set: set[int] = set()
        self.selected_cell: tuple[LaneKey, tuple[str, Any]] | None = None
        self.move_due = True  # the View menu's "Move due dates with cards"
        self.read_only = False  # the plan is open read-only: every drop is refused
        self.drag_anchor = 0  # week of a range card that was grabbed (internal drags)
        self.lane_items: list[LaneItem] = []
        self.indicator = DropIndicator()
        self.addItem(self.indicator)
        self.addItem(self.indicator.fill)
        self.cell_marker = CellMarker()
        self.addItem(self.cell_marker)
        self._drop_state: tuple[Any, ...] | None = None
        self._mime_cache: tuple[bytes, list[int] | None] = (b"", None)

    # ----- loading and options -----------------------------------------------------------
    def load_data(self, data: BoardData) -> None:
        """Show a whole board (plain records; no database access here)."""
        if self.model.data is None and self.model.focus is None:
            self.model.focus = _month_of_today(data)
            self.model.collapsed = {m.start for m in data.quarter.months() if m.end < data.today}
        self.model.load(data)
        self._sync_all()

    def load_view(
        self,
        data: BoardData,
        *,
        lane_mode: str = "kr",
        focus: Any = None,
        collapsed: Iterable[Any] = (),
        card_filter: CardFilter | None = None,
        evaluation: Any = None,
    ) -> None:
        """Show a board with these view options, laid out once (no month-of-today default).

        What an image export builds: a copy of the window's view, or the command line's.
        """
        model = self.model
        model.lane_mode, model.focus, model.collapsed = lane_mode, focus, set(collapsed)
        model.filter = card_filter or CardFilter()
        model.evaluation = evaluation  # before the layout: a light filter reads it
        model.load(data)
        self._sync_all()

    def replace_cards(self, ids: Iterable[int], records: Iterable[Any], slips: Mapping) -> None:
        """Show re-read cards after a command; only the lanes they touch are re-laid out."""
        touched = self.model.replace_cards(ids, records, slips)
        if touched is None:
            self._sync_all()
        else:
            self._sync_lanes(touched)

    def set_lane_mode(self, mode: str) -> None:
        if mode != self.model.lane_mode:
            self.model.lane_mode = mode
            self.model.rebuild()
            self._sync_all()

    def set_focus(self, month: Any) -> None:
        if month != self.model.focus:
            self.model.focus = month
            self.model.rebuild()
            self._sync_all()

    def toggle_collapsed(self, month: Any) -> None:
        self.model.collapsed ^= {month}
        self.model.rebuild()
        self._sync_all()

    def set_collapsed(self, months: Iterable[Any]) -> None:
        self.model.collapsed = set(months)
        self.model.rebuild()
        self._sync_all()

    def set_filter(self, card_filter: CardFilter) -> None:
        if card_filter != self.model.filter:
            self.model.with_filter(card_filter)
            self._sync_lanes(range(len(self.lane_items)))

    def refresh_all_lanes(self) -> None:
        """Follow a relayout of every lane done on the model (lights changed under a filter)."""
        self._sync_lanes(range(len(self.lane_items)))

    def _sync_all(self) -> None:
        for item in self.lane_items:
            self.removeItem(item)
        self.lane_items = [LaneItem(self, i) for i in range(len(self.model.lanes))]
        for item in self.lane_items:
            self.addItem(item)
        self._after_layout()

    def _sync_lanes(self, touched: Iterable[int]) -> None:
        for item in self.lane_items:
            item.sync()
        for i in touched:
            self.lane_items[i].update()
        self._after_layout()

    def _after_layout(self) -> None:
        g = self.model.geometry
        self.setSceneRect(QRectF(0, 0, g.width, g.height))
        self.selected = [i for i in self.selected if i in self.model.cards]
        self.selected_set = set(self.selected)
        self._show_cell_marker()
        self._drop_state = None
        self.update()
        self.board_changed.emit()

    # ----- geometry questions (also what tests use) --------------------------------------
    def card_at(self, pos: QPointF) -> Placement | None:
        return self.model.geometry.card_at(pos.x(), pos.y())

    def cell_at(self, pos: QPointF) -> tuple[int, int] | None:
        g = self.model.geometry
        lane, col = g.lane_at(pos.y()), g.column_at(pos.x())
        return None if lane is None or col is None else (lane, col)

    def lane_of_key(self, key: LaneKey) -> int:
        return self.model.lane_index[key]

    def column_index(self, level: str | Level, start: Any) -> int:
        found = self.model.column_of_key(Level(level).value, start)
        if found is None:
            raise KeyError(f"no visible {level} column starting {start}")
        return found

    def cell_center(self, lane_key: LaneKey, level: str | Level, start: Any) -> QPointF:
        """A point in the middle of the top of a cell: where a test (or a user) drops."""
        lane, col = self.lane_of_key(lane_key), self.column_index(level, start)
        x, y, w, _h = self.model.geometry.cell_rect(lane, col)
        return QPointF(x + w / 2, y + self.model.metrics.pad + 4)

    def card_center(self, card_id: int, lane_key: LaneKey | None = None) -> QPointF:
        p = self.placement(card_id, lane_key)
        x, y, w, h = self.model.geometry.scene_rect(p)
        return QPointF(x + w / 2, y + h / 2)

    def placement(self, card_id: int, lane_key: LaneKey | None = None) -> Placement:
        places = self.model.geometry.by_card.get(card_id, [])
        if lane_key is not None:
            places = [p for p in places if p.lane == self.lane_of_key(lane_key)]
        if not places:
            raise KeyError(f"card {card_id} is not shown" + (f" in {lane_key}" if lane_key else ""))
        return places[0]

    def cells_of(self, card_id: int) -> list[tuple[LaneKey, list[str]]]:
        """Where a card is shown: each lane with the labels of the columns it covers."""
        out = []
        for p in self.model.geometry.by_card.get(card_id, []):
            labels = [c.bucket.label for c in self.model.columns[p.first : p.last + 1]]
            out.append((self.model.lanes[p.lane].key, labels))
        return out

    def columns(self) -> list[Column]:
        return self.model.columns

    # ----- selection ---------------------------------------------------------------------
    def select_cards(self, ids: Sequence[int], *, toggle: bool = False) -> None:
        before = set(self.selected_set)
        if toggle:
            current = list(self.selected)
            for i in ids:
                if i in current:
                    current.remove(i)
                else:
                    current.append(i)
            self.selected = current
        else:
            self.selected = [i for i in ids if i in self.model.cards]
        self.selected_set = set(self.selected)
        if self.selected:
            p = self.model.geometry.by_card.get(self.selected[-1])
            if p:
                self._set_cell(p[0].lane, p[0].first)
        self._repaint_cards(before ^ self.selected_set)
        self.selection_changed.emit()

    def select_cell(self, lane: int, col: int) -> None:
        self._set_cell(lane, col)
        if self.selected:
            self.select_cards([])
        self.selection_changed.emit()

    def _set_cell(self, lane: int, col: int) -> None:
        self.selected_cell = (self.model.lanes[lane].key, self.model.columns[col].key)
        self._show_cell_marker()

    def current_cell(self) -> tuple[int, int] | None:
        if self.selected_cell is None:
            return None
        lane = self.model.lane_index.get(self.selected_cell[0])
        level, start = self.selected_cell[1]
        col = self.model.column_of_key(level, start)
        return None if lane is None or col is None else (lane, col)

    def _show_cell_marker(self) -> None:
        cell = self.current_cell()
        if cell is None or self.selected:
            self.cell_marker.setVisible(False)
            return
        self.cell_marker.show_at(QRectF(*self.model.geometry.cell_rect(*cell)))

    def repaint_cards(self, ids: Iterable[int]) -> None:
        """Schedule a repaint of just these cards (their light changed, say)."""
        self._repaint_cards(ids)

    def _repaint_cards(self, ids: Iterable[int]) -> None:
        g = self.model.geometry
        for card_id in ids:
            for p in g.by_card.get(card_id, []):
                self.lane_items[p.lane].update(QRectF(p.x - 2, p.y - 2, p.w + 4, p.h + 4))

    # ----- drag and drop -----------------------------------------------------------------
    def ids_of(self, mime: QMimeData) -> list[int] | None:
        raw = bytes(mime.data(MIME_TYPE).data()) if mime.hasFormat(MIME_TYPE) else b""
        if raw != self._mime_cache[0]:
            self._mime_cache = (raw, decode_ids(mime))
        return self._mime_cache[1]

    def check_drop(self, ids: Sequence[int], pos: QPointF) -> DropCheck:
        """Whether these cards can land at ``pos``, and if not, why (in the user's words)."""
        cell = self.cell_at(pos)
        if cell is None:
            return DropCheck(False, tr("Drop the card on a quarter, month or week column"))
        if self.read_only:
            return DropCheck(False, tr("This plan is open read-only"), *cell)
        lane, col = cell
        column = self.model.columns[col]
        if column.collapsed:
            reason = tr("%1 is collapsed: click its header to open it, then drop on a week")
            return DropCheck(False, reason.replace("%1", bucket_name(column.bucket)), lane, col)
        cards = [self.model.cards[i] for i in ids if i in self.model.cards]
        if not cards:
            return DropCheck(False, tr("That card no longer exists"), lane, col)
        if any(lane not in self.model.lanes_of(card) for card in cards):
            reason = tr(
                "A card stays in the lanes of its KRs; change its KRs in the editor (Enter)"
            )
            return DropCheck(False, reason, lane, col)
        return DropCheck(True, "", lane, col)

    def drag_move(self, pos: QPointF, mime: QMimeData) -> DropCheck:
        """Feedback for one mouse move of a drag: highlight the target cell (no database)."""
        ids = self.ids_of(mime)
        if ids is None:
            self.clear_drop()
            return DropCheck(False)
        check = self.check_drop(ids, pos)
        state = (check.lane, check.column, check.ok)
        if state != self._drop_state:
            self._drop_state = state
            if check.lane is None or check.column is None:
                self.indicator.clear()
            else:
                g = self.model.geometry
                rect = QRectF(*g.cell_rect(check.lane, check.column))
                background = _tint(g.columns[check.column], self.model.today) or WHITE
                self.indicator.show_at(rect, check.ok, check.reason, background)
        return check

    def clear_drop(self) -> None:
        self._drop_state = None
        self.indicator.clear()

    def drop_mime(
        self,
        mime: QMimeData,
        pos: QPointF,
        modifiers: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier,
    ) -> bool:
        """A drop: move the cards to the column under ``pos`` as one undo step.

        What ``dropEvent`` calls and what tests call with real QMimeData. Holding Shift (or the
        View option being off) keeps due dates. Returns True when a move was saved.
        """
        anchor, self.drag_anchor = self.drag_anchor, 0
        self.clear_drop()
        ids = self.ids_of(mime)
        if ids is None:
            return False
        check = self.check_drop(ids, pos)
        if not check.ok or check.column is None:
            self.message.emit(check.reason)
            return False
        if self.editor is None:
            return False
        keep_due = not self.move_due or bool(modifiers & Qt.KeyboardModifier.ShiftModifier)
        bucket = self.model.columns[check.column].bucket
        return self.editor.move_cards(ids, bucket, keep_due=keep_due, anchor=anchor)

    # ----- background --------------------------------------------------------------------
    def drawBackground(self, painter: QPainter, rect: QRectF) -> None:
        g = self.model.geometry
        if not g.columns or not g.lanes:
            painter.fillRect(rect, WHITE)
            return
        today = self.model.today
        top, bottom = max(rect.top(), 0.0), min(rect.bottom(), g.height)
        first = g.column_at(max(rect.left(), 0.0)) or 0
        last = g.column_at(min(rect.right(), g.width - 0.01))
        last = len(g.columns) - 1 if last is None else last
        # Each pixel is filled once: a column with its tint or white, and white around the
        # columns (most columns are tinted; whitening them first doubled the work of a paint).
        if bottom <= top:
            painter.fillRect(rect, WHITE)
        else:
            if rect.top() < top:
                painter.fillRect(
                    QRectF(rect.left(), rect.top(), rect.width(), top - rect.top()), WHITE
                )
            if rect.bottom() > bottom:
                below = QRectF(rect.left(), bottom, rect.width(), rect.bottom() - bottom)
                painter.fillRect(below, WHITE)
            x = rect.left()
            for col in g.columns[first : last + 1]:
                if col.x > x:  # left of the first column, or a gap between columns
                    painter.fillRect(QRectF(x, top, col.x - x, bottom - top), WHITE)
                tint = _tint(col, today)
                painter.fillRect(QRectF(col.x, top, col.width, bottom - top), tint or WHITE)
                x = max(x, col.right)
            if rect.right() > x:
                painter.fillRect(QRectF(x, top, rect.right() - x, bottom - top), WHITE)
        for i, col in enumerate(g.columns[first : last + 1], start=first):
            nxt = g.columns[i + 1] if i + 1 < len(g.columns) else None
            boundary = nxt is None or nxt.bucket.level is not Level.WEEK
            painter.setPen(QPen(LANE_LINE if boundary else GRID, 1.5 if boundary else 1.0))
            painter.drawLine(QPointF(col.right, top), QPointF(col.right, bottom))
        painter.setPen(QPen(LANE_LINE, 1.0))
        lane = g.lane_at(top) or 0
        while lane < len(g.lanes) and g.lane_y[lane] <= bottom:
            y = g.lane_y[lane] + g.lanes[lane].height
            painter.drawLine(QPointF(rect.left(), y), QPointF(rect.right(), y))
            lane += 1


def _tint(col: Column, today: Any) -> QColor | None:
    if col.collapsed:
        return TINTS["collapsed"]
    level = col.bucket.level
    if level is Level.QUARTER:
        return TINTS["quarter"]
    if level is Level.MONTH:
        return TINTS["month"]
    if col.current:
        return TINTS["current"]
    if col.bucket.end < today:
        return TINTS["past"]
    return None


def _month_of_today(data: BoardData) -> Any:
    for month in data.quarter.months():
        if month.contains(data.today):
            return month.start
    return None
