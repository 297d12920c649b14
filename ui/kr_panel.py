"""The KR panel (objectName ``krPanel``): everything about one KR, editable through commands.

Header and score; the light set by hand with its reason, and beside it the lights computed by
the warning rules (filled by whoever evaluates them, through ``set_computed_light_provider``);
the metrics with baseline, current, floor (保底), stretch (冲刺) and external target; the work
packages with their deliverables as a checklist; the KR's actions on the board
(``card_activated``); a slot for the trend chart (``set_chart_widget``, or
``set_chart_factory`` to make it with the panel); then risks / bottlenecks and key projects.

The panel reads from the PlanTree the main window hands it on every reload, and writes only by
pushing commands through its EditContext.

Its widgets (ui/kr_panel_body.py) are built when first needed (``ensure_built``: a KR is shown,
one of them is used, or the side pane asks right after the window's first paint), so a plan
opens without waiting for a panel that shows nothing until a KR is selected.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from html import escape
from typing import Any

from PySide6.QtCore import QCoreApplication, QModelIndex, Qt, Signal
from PySide6.QtWidgets import QFrame, QScrollArea, QWidget

from app.commands import CreateEntity, DeleteEntity, UpdateEntity
from app.services.records import PlanTree
from models.lights import Light
from models.scoring import Basis, Path
from ui.dialogs.common import show_error
from ui.dialogs.light_dialog import LightDialog, light_command
from ui.edit_context import EditContext
from ui.goal_tree_nodes import fmt_score, kr_score, kr_score_tip, path_text
from ui.kr_panel_metrics import MetricColumn
from ui.kr_panel_sections import ComputedLight, ComputedLightProvider
from ui.lights import light_colour, light_icon, light_name

PATH_COLOURS = {Path.STRETCH: "#2f9e5b", Path.FLOOR: "#8a6d00", Path.BELOW_FLOOR: "#b25a0c"}


def _tr(text: str) -> str:
    return QCoreApplication.translate("KRPanel", text)


class KRPanel(QScrollArea):
    """One KR, from its score down to its deliverables and its actions on the board."""

    card_activated = Signal(int)  # a card id: the main window reveals it on the board
    kr_shown = Signal(int)  # a different KR is now shown (charts follow it)

    def __init__(self, edit: EditContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("krPanel")
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.edit = edit
        self._tree: PlanTree | None = None
        self._kr: Any = None
        self._provider: ComputedLightProvider | None = None
        self._chart: QWidget | None = None
        self._chart_factory: Callable[[], QWidget | None] | None = None
        self._light_dialog: LightDialog | None = None
        self._built = False
        read_only_changed = getattr(edit.bus, "read_only_changed", None)
        if read_only_changed is not None:
            read_only_changed.connect(self._follow_read_only)

    def __getattr__(self, name: str) -> Any:
        """A widget asked for before the panel was built (a test, a caller): build, then answer."""
        if name.startswith("__") or self.__dict__.get("_built", True):
            raise AttributeError(name)
        self.ensure_built()
        return object.__getattribute__(self, name)

    # ----- building ----------------------------------------------------------------------
    def ensure_built(self) -> None:
        """Build the panel's widgets now if they are not yet (idempotent)."""
        if self._built:
            return
        self._built = True
        from ui.kr_panel_body import build_body  # with the widgets, not at start-up

        body = build_body(self)
        self.setWidget(body)
        if self._chart_factory is not None:
            factory, self._chart_factory = self._chart_factory, None
            self._chart = factory()
        if self._chart is not None:
            self.chart_layout.addWidget(self._chart)
        self.chart_slot.setVisible(self._chart is not None)
        body.setVisible(self._kr is not None)
        self._follow_read_only()

    # ----- public API --------------------------------------------------------------------
    @property
    def current_kr_id(self) -> int | None:
        return self._kr.id if self._kr is not None else None

    def set_tree(self, tree: PlanTree) -> None:
        """Take the freshly read plan; the KR on show is redrawn (or cleared if it is gone)."""
        self._tree = tree
        if self._kr is not None:
            self.show_kr(self._kr.id)

    def show_kr(self, kr_id: int | None) -> None:
        tree = self._tree
        kr = None
        if tree is not None and kr_id is not None:
            kr = next((k for k in tree.krs if k.id == kr_id), None)
        same = kr is not None and self._kr is not None and kr.id == self._kr.id
        self._kr = kr
        if kr is None and not self._built:
            return  # nothing to show: the widgets can wait
        self.ensure_built()
        self.widget().setVisible(kr is not None)
        if kr is None or tree is None:
            return
        self._render(tree, kr, same)
        if not same:
            self.metric_message.hide()
            self.work_message.hide()
            self.verticalScrollBar().setValue(0)
            self.kr_shown.emit(kr.id)

    def set_chart_widget(self, widget: QWidget | None) -> None:
        """Put the trend chart (or nothing) in its slot, after the work packages and actions;
        without one the panel shows no placeholder."""
        if not self._built:  # it goes in its slot when the panel is built
            if self._chart is not None and self._chart is not widget:
                self._chart.setParent(None)  # type: ignore[call-overload]
            self._chart, self._chart_factory = widget, None
            return
        if self._chart is not None:
            self.chart_layout.removeWidget(self._chart)
            self._chart.setParent(None)  # type: ignore[call-overload]
        self._chart = widget
        if widget is not None:
            self.chart_layout.addWidget(widget)
        self.chart_slot.setVisible(widget is not None)

    def set_chart_factory(self, factory: Callable[[], QWidget | None]) -> None:
        """As ``set_chart_widget``, for a chart that is costly to build: ``factory()`` makes
        it when the panel is built (now, if it already is)."""
        if self._built:
            self.set_chart_widget(factory())
        else:
            self._chart_factory = factory

    def set_computed_light_provider(self, provider: ComputedLightProvider | None) -> None:
        """``provider(kr_id)`` returns the (light, reason, response) of the rules that fired, or
        None when it cannot tell; it is asked again each time the KR is shown or reloaded."""
        self._provider = provider
        if self._kr is not None:
            self.computed_lights.set_items(provider(self._kr.id) if provider else None)

    def set_computed_lights(self, items: Sequence[ComputedLight] | None) -> None:
        self.computed_lights.set_items(items)

    # ----- rendering ---------------------------------------------------------------------
    def _render(self, tree: PlanTree, kr: Any, same: bool) -> None:
        line = next((ln for ln in tree.lines if ln.id == kr.line_id), None)
        self.title_label.setText(f"{kr.code} {kr.title}")
        self.line_label.setText(f"{line.code} {line.title}".strip() if line else "")
        target = escape(kr.target_text) or "—"
        now = escape(kr.current_text) or "—"
        self.target_label.setText(
            f"<b>{escape(_tr('Target'))}:</b> {target}<br><b>{escape(_tr('Now'))}:</b> {now}"
        )
        self._render_score(tree, kr)
        light = Light(kr.light) if kr.light else None
        self.light_icon.setPixmap(light_icon(light, 18).pixmap(18, 18))
        colour = light_colour(light).name()
        reason = escape(kr.light_reason) if kr.light_reason else escape(_tr("No reason given"))
        self.light_label.setText(
            f"<b style='color:{colour}'>{escape(light_name(light))}</b> — {reason}"
            f"<br><span style='color:#6b7178'>{escape(_tr('Set by hand'))}</span>"
        )
        if self._provider is not None:
            self.computed_lights.set_items(self._provider(kr.id))

        self.metric_model.load(tree.metrics_of(kr.id))
        self.metric_table.fit()
        has_metrics = self.metric_model.rowCount() > 0
        self.metric_table.setVisible(has_metrics)
        self.no_metric_label.setVisible(not has_metrics)
        self.no_metric_label.setText(self._no_metric_text(tree, kr.id))
        self.key_projects.set_saved(kr.key_projects, same_entity=same)
        self.bottleneck.set_saved(kr.bottleneck, same_entity=same)

        self.work_model.load(tree, kr.id)
        self.work_view.fit()
        has_work = self.work_model.rowCount() > 0
        self.work_view.setVisible(has_work)
        self.no_work_label.setVisible(not has_work)

        cards = self.edit.svc.cards_of_kr(kr.id)
        self.card_list.set_cards(cards)
        self.card_list.fit()
        self.card_list.setVisible(bool(cards))
        self.no_cards_label.setVisible(not cards)

    def _no_metric_text(self, tree: PlanTree, kr_id: int) -> str:
        score = kr_score(tree, kr_id)
        if score.basis is Basis.DELIVERABLES:
            text = _tr("No metric yet: scored by its deliverables, %1 of %2 done.")
            return text.replace("%1", str(score.scored)).replace("%2", str(score.total))
        return _tr("No metric yet: add one to score this KR.")

    def _render_score(self, tree: PlanTree, kr: Any) -> None:
        score = kr_score(tree, kr.id)
        colour = PATH_COLOURS.get(score.path, "#6b7178")
        text = fmt_score(score.score) or "—"
        self.score_label.setText(
            f"<span style='font-size:22pt; font-weight:600; color:{colour}'>{text}</span>"
            f"<span style='color:#6b7178'> / 100</span>"
        )
        self.path_label.setText(path_text(score.path))
        self.path_label.setStyleSheet(f"color: {colour};")
        tip = kr_score_tip(score)
        self.score_label.setToolTip(tip)
        self.path_label.setToolTip(tip)

    def _follow_read_only(self, *_args: object) -> None:
        """A read-only window offers no edit here: buttons off, texts read-only."""
        if not self._built:
            return  # ensure_built applies it
        can_edit = self.edit.can_edit
        for button in (self.light_button, self.add_metric_button, self.remove_metric_button):
            button.setEnabled(can_edit)
        for editor in (self.key_projects, self.bottleneck):
            editor.set_read_only(not can_edit)

    # ----- edits -------------------------------------------------------------------------
    def open_light_dialog(self) -> LightDialog | None:
        """Ask for the light and reason (window-modal, not blocking); push on OK."""
        if self._kr is None:
            return None
        kr = self._kr
        dialog = LightDialog(
            f"{kr.code} {kr.title}",
            Light(kr.light) if kr.light else None,
            kr.light_reason,
            with_reason=True,
            parent=self,
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self.set_light(dialog.light(), dialog.reason()))
        self._light_dialog = dialog
        dialog.open()
        return dialog

    def set_light(self, light: Light | None, reason: str) -> bool:
        if self._kr is None:
            return False
        command = light_command("kr", self._kr, light, reason)
        return command is None or self.edit.push(command)

    def add_metric(self) -> bool:
        if self._kr is None:
            return False
        order = self.metric_model.rowCount()
        fields = {"kr_id": self._kr.id, "name": _tr("New metric"), "sort_order": order}
        name = _tr("Add a metric to %1").replace("%1", self._kr.code)
        if not self.edit.push(CreateEntity("metric", fields, name=name)):
            return False
        index = self.metric_model.index(self.metric_model.rowCount() - 1, MetricColumn.NAME)
        if index.isValid():
            self.metric_table.setCurrentIndex(index)
            self.metric_table.edit(index)
        return True

    def remove_metric(self) -> bool:
        """Delete the selected metric with its check-ins (undo brings them back)."""
        index = self.metric_table.currentIndex()
        if self._kr is None or not index.isValid():
            return False
        metric = self.metric_model.metric(index.row())
        name = _tr("Remove metric “%1”").replace("%1", metric.name)
        return self.edit.push(DeleteEntity("metric", metric.id, name=name))

    def save_text(self, field: str, text: str) -> None:
        if self._kr is None or getattr(self._kr, field) == text:
            return
        label = _tr("risks") if field == "bottleneck" else _tr("key projects")
        name = _tr("Edit %1 of %2").replace("%1", label).replace("%2", self._kr.code)
        self.edit.push(UpdateEntity("kr", self._kr.id, {field: text}, name=name))

    def show_metric_message(self, message: str) -> None:
        show_error(self.metric_message, message)

    def show_work_message(self, message: str) -> None:
        show_error(self.work_message, message)

    def deliverable_index(self, title: str) -> QModelIndex:
        return self.work_model.find_deliverable(title)
