"""The board view (objectName ``board``): scrolling, frozen headers, clicks, drags and tooltips.

Drag events are handled here rather than by scene items: the scene answers with geometry lookups
(``drag_move``) and a drop goes through ``BoardScene.drop_mime``, the same entry point the tests
call with real QMimeData.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPoint, QPointF, QRect, Qt, Signal
from PySide6.QtGui import (
    QDrag,
    QDragEnterEvent,
    QDragLeaveEvent,
    QDragMoveEvent,
    QDropEvent,
    QHelpEvent,
    QMouseEvent,
    QPainter,
    QResizeEvent,
)
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QGraphicsView,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from ui.board.card_painter import card_pixmap
from ui.board.headers import ColumnHeader, LaneHeader
from ui.board.scene import MIME_TYPE, BoardScene, encode_ids
from ui.board.texts import level_name, short_date, status_name, tr
from ui.rule_text import tooltip_text

LANE_HEADER_WIDTH = 150
COLUMN_HEADER_HEIGHT = 58


class BoardView(QGraphicsView):
    """Shows a BoardScene with headers; turns mouse gestures into scene calls and signals."""

    edit_requested = Signal(int)  # card id (double-click)
    create_requested = Signal()  # double-click on an empty cell
    context_requested = Signal(QPoint)  # global position, over a selected card or cell

    def __init__(self, scene: BoardScene, parent: QWidget | None = None) -> None:
        super().__init__(scene, parent)
        self.board_scene = scene
        self.setObjectName("board")
        self.setAcceptDrops(True)
        self.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
        self.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.MinimalViewportUpdate)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setViewportMargins(LANE_HEADER_WIDTH, COLUMN_HEADER_HEIGHT, 0, 0)
        self.setToolTip("")
        self.column_header = ColumnHeader(self)
        self.lane_header = LaneHeader(self)
        self.corner = QFrame(self)
        self.corner.setObjectName("boardCorner")
        self.corner.setStyleSheet(
            "QFrame#boardCorner { background: #f1f3f6; border-right: 1px solid #cfd6df;"
            " border-bottom: 1px solid #cfd6df; }"
        )
        corner_layout = QVBoxLayout(self.corner)
        corner_layout.setContentsMargins(4, 3, 4, 3)
        corner_layout.setSpacing(2)
        self.column_header.month_clicked.connect(self._month_clicked)
        self.horizontalScrollBar().valueChanged.connect(self.column_header.update)
        self.verticalScrollBar().valueChanged.connect(self.lane_header.update)
        scene.board_changed.connect(self._board_changed)
        self._press: QPointF | None = None
        self._press_card: int | None = None
        self._press_anchor = 0
        self._place_headers()

    # ----- headers -----------------------------------------------------------------------
    def _place_headers(self) -> None:
        vp = self.viewport().geometry()
        self.column_header.setGeometry(
            QRect(vp.left(), vp.top() - COLUMN_HEADER_HEIGHT, vp.width(), COLUMN_HEADER_HEIGHT)
        )
        self.lane_header.setGeometry(
            QRect(vp.left() - LANE_HEADER_WIDTH, vp.top(), LANE_HEADER_WIDTH, vp.height())
        )
        self.corner.setGeometry(
            QRect(
                vp.left() - LANE_HEADER_WIDTH,
                vp.top() - COLUMN_HEADER_HEIGHT,
                LANE_HEADER_WIDTH,
                COLUMN_HEADER_HEIGHT,
            )
        )

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._place_headers()

    def set_corner_widget(self, widget: QWidget) -> None:
        """Put the lane and focus switches into the top-left corner, above the lane names."""
        layout = self.corner.layout()
        assert layout is not None
        layout.addWidget(widget)

    def _board_changed(self) -> None:
        self.column_header.update()
        self.lane_header.update()

    def _month_clicked(self, month: object) -> None:
        scene = self.board_scene
        if scene.model.focus is None:
            scene.toggle_collapsed(month)

    # ----- mouse -------------------------------------------------------------------------
    def mousePressEvent(self, event: QMouseEvent) -> None:
        self.setFocus(Qt.FocusReason.MouseFocusReason)
        pos = self.mapToScene(event.position().toPoint())
        scene = self.board_scene
        placement = scene.card_at(pos)
        self._press, self._press_card = None, None
        if placement is not None:
            ctrl = bool(event.modifiers() & Qt.KeyboardModifier.ControlModifier)
            if ctrl:
                scene.select_cards([placement.card_id], toggle=True)
            elif placement.card_id not in scene.selected_set:
                scene.select_cards([placement.card_id])
            if event.button() == Qt.MouseButton.LeftButton:
                self._press, self._press_card = event.position(), placement.card_id
                col = scene.model.geometry.column_at(pos.x())
                self._press_anchor = max((col or 0) - placement.first, 0)
        else:
            cell = scene.cell_at(pos)
            if cell is not None:
                scene.select_cell(*cell)
        if event.button() == Qt.MouseButton.RightButton:
            self.context_requested.emit(event.globalPosition().toPoint())
        event.accept()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._press is None or self._press_card is None:
            return
        distance = (event.position() - self._press).manhattanLength()
        if distance < QApplication.startDragDistance():
            return
        card_id = self._press_card
        self._press, self._press_card = None, None
        self.start_drag(card_id, self._press_anchor)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        self._press, self._press_card = None, None
        event.accept()

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        pos = self.mapToScene(event.position().toPoint())
        placement = self.board_scene.card_at(pos)
        if placement is not None:
            self.edit_requested.emit(placement.card_id)
        elif self.board_scene.cell_at(pos) is not None:
            self.create_requested.emit()
        event.accept()

    def start_drag(self, card_id: int, anchor: int = 0) -> None:
        """Start a real drag (blocks until the drop); the drop lands in ``dropEvent``."""
        scene = self.board_scene
        ids = scene.selected if card_id in scene.selected_set else [card_id]
        model = scene.model
        placement = scene.placement(card_id)
        drag = QDrag(self)
        drag.setMimeData(encode_ids(ids))
        pixmap = card_pixmap(
            model.cards[card_id],
            model.facts(card_id),
            scene.card_style,
            min(placement.w, model.metrics.col_width - 2 * model.metrics.pad),
            self.devicePixelRatioF(),
        )
        drag.setPixmap(pixmap)
        drag.setHotSpot(QPoint(24, 16))
        scene.drag_anchor = anchor if model.cards[card_id].level == "week" else 0
        drag.exec(Qt.DropAction.MoveAction)
        scene.drag_anchor = 0
        scene.clear_drop()

    # ----- drops -------------------------------------------------------------------------
    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasFormat(MIME_TYPE):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        pos = self.mapToScene(event.position().toPoint())
        check = self.board_scene.drag_move(pos, event.mimeData())
        if check.ok:
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragLeaveEvent(self, event: QDragLeaveEvent) -> None:
        self.board_scene.clear_drop()
        event.accept()

    def dropEvent(self, event: QDropEvent) -> None:
        pos = self.mapToScene(event.position().toPoint())
        if self.board_scene.drop_mime(event.mimeData(), pos, event.modifiers()):
            event.acceptProposedAction()
        else:
            event.ignore()

    # ----- tooltips ----------------------------------------------------------------------
    def viewportEvent(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            pos = self.mapToScene(event.pos())
            placement = self.board_scene.card_at(pos)
            if placement is None:
                QToolTip.hideText()
            else:
                QToolTip.showText(event.globalPos(), self.card_tooltip(placement.card_id), self)
            return True
        return super().viewportEvent(event)

    def card_tooltip(self, card_id: int) -> str:
        """Everything a card holds, in full (the card itself elides)."""
        model = self.board_scene.model
        card = model.cards[card_id]
        facts = model.facts(card_id)
        from models.calendar import period_label

        lines = [card.title]
        period = period_label(card.level, card.period_start, card.period_end)
        lines.append(f"{level_name(card.level)} {period} · {status_name(card.status)}")
        if facts.kr_codes:
            lines.append(tr("KRs: %1").replace("%1", " / ".join(facts.kr_codes)))
        if card.owner_role:
            lines.append(tr("Owner: %1").replace("%1", card.owner_role))
        if card.due is not None:
            due = short_date(card.due)
            if card.due_text and card.due_text != due:
                due += f" ({card.due_text})"
            lines.append(tr("Due: %1").replace("%1", due))
        if facts.overdue:
            lines.append(
                tr("Overdue: due before %1 and not done").replace("%1", short_date(model.today))
            )
        if facts.due_outside:
            lines.append(tr("The due date lies outside the card's period or the quarter"))
        if facts.slips:
            slipped = (
                tr("Slipped once to a later period")
                if facts.slips == 1
                else tr("Slipped %1 times to a later period").replace("%1", str(facts.slips))
            )
            lines.append(slipped)
        if facts.linked:
            lines.append(tr("Shown in several lanes: it is one card serving several KRs"))
        if card.done_criteria:
            lines.append(tr("Done when: %1").replace("%1", card.done_criteria))
        rules = tooltip_text(model.evaluation, "card", card_id)
        if rules:
            lines += ["", rules]
        return "\n".join(lines)
