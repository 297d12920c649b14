"""Wires the warning rules and the charts into the main window.

After every change the plan's rules are evaluated again and the result goes to every view that
shows a light: the goal tree (computed light beside the manual one, reasons in the tooltip),
the board's cards, the KR panel (computed lights, and its metrics section: chart, check-ins,
rules) and the overview of all KRs' charts. It also owns the "Check in…" action.

Two paths: ``refresh(tree, cards)`` after a reload evaluates everything (the board's freshly
read cards are handed in, so they are not read twice); ``refresh_cards(ids, records)`` after a
change to cards only (a drop, a status) re-runs the due rules of those cards on the snapshot
it keeps, with no database read, and touches the tree and the charts only if a light there
changed. The overview's charts are computed only while the overview is on show.

The main window only creates this object, calls these two from its refresh paths and adds the
actions to its menus; everything else stays here.
"""

from __future__ import annotations

import time
from collections.abc import Iterable
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QSize, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDockWidget, QMainWindow, QScrollArea

from app.services.evaluation import evaluate_changed_cards, evaluate_plan
from models.lights import Light
from models.rules import Evaluation, rules_read_cards
from ui.charts.chart_widget import OverviewChart
from ui.charts.series import overview_series
from ui.checkin_dialog import CheckInDialog
from ui.kr_metrics_section import KRMetricsSection, open_checkin_dialog
from ui.read_only_banner import mark_edit_action
from ui.rule_icons import PAIR_ICON_SIZE
from ui.rule_text import computed_items


def _tr(text: str) -> str:
    return QCoreApplication.translate("Metrics", text)


class MetricsController(QObject):
    """Evaluates the rules after each change and hands the result to the views."""

    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.edit = window.edit_context  # type: ignore[attr-defined]
        self.evaluation: Evaluation | None = None
        self.tree: Any = None
        self.last_seconds: float | None = None
        self.dialog: CheckInDialog | None = None
        self._overview_stale = True

        tree_view = getattr(window, "goal_tree", None)
        if tree_view is not None:  # the light column shows manual and computed dots side by side
            tree_view.setIconSize(QSize(*PAIR_ICON_SIZE))
        self._section: KRMetricsSection | None = None  # made with the KR panel's widgets
        panel = getattr(window, "kr_panel", None)
        if panel is not None:
            panel.set_chart_factory(lambda: self.section)
            panel.set_computed_light_provider(self.kr_items)
            panel.kr_shown.connect(lambda kr_id: self.section.show_kr(kr_id))

        self.overview = OverviewChart()
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.overview)
        self.overview_dock = QDockWidget(_tr("Overview: all KRs"), window)
        self.overview_dock.setObjectName("overviewDock")
        self.overview_dock.setWidget(scroll)
        window.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.overview_dock)
        self.overview_dock.hide()  # shown on request: its charts load matplotlib

        self.check_in_action = mark_edit_action(QAction(_tr("Check &in…"), window))
        self.check_in_action.setObjectName("checkInAction")
        self.check_in_action.setShortcut(QKeySequence("Ctrl+K"))
        self.check_in_action.setStatusTip(_tr("Enter a metric's value for this week, with a note"))
        self.check_in_action.triggered.connect(self.open_check_in)
        self.overview_dock.visibilityChanged.connect(self._overview_shown)
        self.overview_action = self.overview_dock.toggleViewAction()
        self.overview_action.setText(_tr("&Overview of all KR charts"))
        self.overview_action.setShortcut(QKeySequence("Ctrl+Shift+O"))

    # ----- after every change ------------------------------------------------------------
    def refresh(self, tree: Any, cards: Iterable[Any] | None = None) -> Evaluation:
        """Evaluate the rules as of the plan's today and push lights and charts to the views.

        ``cards``: the plan's cards just read for the board (else they are read here).
        """
        started = time.perf_counter()
        self.tree = tree
        self.evaluation = evaluate_plan(self.edit.svc, self.edit.plan_id, cards=cards)
        self.last_seconds = time.perf_counter() - started
        ev = self.evaluation
        model = getattr(self.window, "tree_model", None)
        if model is not None and hasattr(model, "set_evaluation"):
            model.set_evaluation(ev)
        board = getattr(self.window, "board", None)
        if board is not None and hasattr(board, "set_evaluation"):
            board.set_evaluation(ev)
        panel = getattr(self.window, "kr_panel", None)
        if panel is not None and panel.current_kr_id is not None:
            panel.set_computed_lights(self.kr_items(panel.current_kr_id))
        self._refresh_section(tree, ev)
        self._refresh_overview()
        return ev

    def refresh_cards(self, card_ids: Iterable[int], records: Iterable[Any]) -> bool:
        """After a change to cards only: ``records`` are those of ``card_ids`` that still exist.

        Returns True when a light outside the cards changed (a downgrade rule reads a card's
        status), so the goal tree was refreshed too.
        """
        previous = self.evaluation
        if previous is None or previous.snapshot is None or self.tree is None:
            return False
        started = time.perf_counter()
        ids = set(card_ids)
        ev = evaluate_changed_cards(previous, ids, records)
        self.evaluation = ev
        self.last_seconds = time.perf_counter() - started
        # Only a rule that reads one of these cards can move a light beyond them.
        beyond = previous.snapshot is not None and rules_read_cards(previous.snapshot, ids)
        beyond = beyond and _beyond_cards(previous) != _beyond_cards(ev)
        board = getattr(self.window, "board", None)
        if board is not None and hasattr(board, "set_evaluation"):
            board.set_evaluation(ev, None if beyond else ids)
        model = getattr(self.window, "tree_model", None)
        if model is not None and hasattr(model, "set_evaluation"):
            model.set_evaluation(ev)
            if beyond:
                model.load(self.tree)  # same rows: repaints the light column in place
        panel = getattr(self.window, "kr_panel", None)
        if panel is not None and panel.current_kr_id is not None:
            panel.set_computed_lights(self.kr_items(panel.current_kr_id))
        if beyond:
            self._refresh_section(self.tree, ev)
            self._refresh_overview()
        elif self._section is not None:  # not made yet: it takes self.evaluation when it is
            self._section.evaluation = ev  # what its rule dialog lists as cards
        return beyond

    @property
    def section(self) -> KRMetricsSection:
        """Chart | Check-ins | Warning rules of the KR on show: made when first needed (the KR
        panel is built, a test asks), not before the window's first paint."""
        if self._section is None:
            self._section = KRMetricsSection(self.edit)
            self._section.tree, self._section.evaluation = self.tree, self.evaluation
        return self._section

    def _refresh_section(self, tree: Any, ev: Evaluation) -> None:
        """The KR's chart, check-ins and rules, if a KR is on show; else when one is next
        shown (its rule choices list every card: 25 ms on a 20,000-card plan)."""
        panel = getattr(self.window, "kr_panel", None)
        if panel is None or panel.current_kr_id is not None:
            self.section.refresh(tree, ev)
        elif self._section is None:
            return  # made later, from self.tree and self.evaluation
        else:
            self.section.tree, self.section.evaluation = tree, ev
            self.section.kr_id = None  # so that showing any KR renders it afresh

    def _refresh_overview(self) -> None:
        """The overview's series, only while it is on show (else when it is next shown)."""
        if not self.overview_dock.isVisible():
            self._overview_stale = True
            return
        self._overview_stale = False
        krs = [(k.id, k.code, k.title) for k in _krs_in_order(self.tree)]
        charts = overview_series(self.evaluation, krs)
        if charts != self.overview.krs:
            self.overview.set_krs(charts)

    def kr_items(self, kr_id: int) -> list[tuple[str, str, str]] | None:
        return computed_items(self.evaluation, "kr", kr_id)

    def light(self, kind: str, ident: int) -> Light | None:
        return self.evaluation.light(kind, ident) if self.evaluation is not None else None

    def _overview_shown(self, visible: bool) -> None:
        if visible and self._overview_stale and self.tree is not None:
            self._refresh_overview()
        if visible and not self.overview_dock.isFloating():
            height = max(320, int(self.window.height() * 0.45))
            self.window.resizeDocks([self.overview_dock], [height], Qt.Orientation.Vertical)

    # ----- actions -----------------------------------------------------------------------
    def open_check_in(self) -> CheckInDialog | None:
        """Check in for the KR on show (its first metric), or any metric of the plan."""
        tree = self.tree
        if tree is None or not tree.metrics:
            return None
        panel = getattr(self.window, "kr_panel", None)
        kr_id = panel.current_kr_id if panel is not None else None
        order = {kr.id: i for i, kr in enumerate(_krs_in_order(tree))}
        metrics = [m for m in tree.metrics if m.kr_id == kr_id] or sorted(
            tree.metrics, key=lambda m: (order.get(m.kr_id, 0), m.sort_order, m.id)
        )
        current = self.section.current_metric() if kr_id is not None else None
        metric_id = current.id if current is not None else metrics[0].id
        self.dialog = open_checkin_dialog(self.edit, tree, metrics, self.window, metric_id)
        return self.dialog


def _beyond_cards(ev: Evaluation) -> tuple[dict[Any, Any], dict[int, float], dict[int, str]]:
    """The part of an evaluation a change to cards leaves alone unless a rule reads a card."""
    lights = {key: light for key, light in ev.lights.items() if key[0] != "card"}
    return lights, ev.downgrades, ev.problems


def _krs_in_order(tree: Any) -> list[Any]:
    """KRs as the plan lists them: line by line (each line numbers its KRs from 0)."""
    return [k for line in tree.lines for k in tree.krs_of(line.id)]
