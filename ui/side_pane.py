"""The right-hand pane: the KR panel for a KR, the read-only details for anything else."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QStackedWidget, QWidget

from app.services.records import PlanTree
from ui.details_view import DetailsView
from ui.edit_context import EditContext
from ui.first_paint import after_first_paint
from ui.kr_panel import KRPanel

_LISTS = {
    "objective": "objectives",
    "line": "lines",
    "kr": "krs",
    "work_package": "work_packages",
    "deliverable": "deliverables",
}


class SidePane(QStackedWidget):
    """Shows what the goal tree's current node is about, and follows every reload."""

    def __init__(self, edit: EditContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("sidePane")
        self.details = DetailsView(self)
        self.kr_panel = KRPanel(edit, self)
        self.addWidget(self.details)
        self.addWidget(self.kr_panel)
        self._shown: tuple[str, int] | None = None
        # The KR panel shows nothing until a KR is selected: its widgets are built once the
        # window is on screen (or when a KR is shown first), not before the first paint.
        after_first_paint(self.window(), self.kr_panel.ensure_built)

    def set_tree(self, tree: PlanTree) -> None:
        """New data: both pages take it, and a non-KR entry on show is redrawn from it."""
        self.details.set_tree(tree)
        self.kr_panel.set_tree(tree)
        if self._shown is not None and self._shown[0] != "kr":
            kind, ident = self._shown
            items = getattr(tree, _LISTS.get(kind, ""), [])
            record = next((r for r in items if r.id == ident), None)
            self.details.show_entity(kind if record is not None else None, record)

    def show_entity(self, kind: str | None, record: Any) -> None:
        self._shown = (kind, record.id) if kind and record is not None else None
        # The details page follows every entry (a KR included) so its text is always current.
        self.details.show_entity(kind, record)
        if kind == "kr" and record is not None:
            self.kr_panel.show_kr(record.id)
            self.setCurrentWidget(self.kr_panel)
        else:
            self.kr_panel.show_kr(None)
            self.setCurrentWidget(self.details)
