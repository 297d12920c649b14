"""The KR panel's widgets, made when the panel is first needed (``KRPanel.ensure_built``).

As Qt Designer's ``setupUi`` does, ``build_body`` makes the widgets, keeps them as the panel's
attributes (``panel.title_label``, ``panel.metric_table``, ...) and connects them to the
panel's slots; the panel renders into them and pushes the edits they ask for. Kept apart so
the panel itself stays a light shell until a KR is shown.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from ui.dialogs.common import error_label
from ui.kr_panel_metric_view import MetricTableView
from ui.kr_panel_metrics import MetricTableModel
from ui.kr_panel_sections import CardList, ComputedLightsView, TextFieldEditor, heading
from ui.kr_panel_work import WorkPackageModel, WorkPackageView

if TYPE_CHECKING:
    from ui.kr_panel import KRPanel

MUTED = "color: #6b7178;"


def _tr(text: str) -> str:
    return QCoreApplication.translate("KRPanel", text)  # the panel's context: one translation


def build_body(panel: KRPanel) -> QWidget:
    """The panel's scrolling body, top to bottom: header and score, light, metrics, work
    packages, actions on the board, the chart slot (tall: after the checklists a user works
    through), then risks and key projects."""
    body = QWidget(panel)
    body.setObjectName("krPanelBody")
    panel.body_layout = QVBoxLayout(body)
    panel.body_layout.setContentsMargins(14, 10, 14, 14)
    panel.body_layout.setSpacing(6)
    for build in (_header, _light, _metrics, _work, _cards, _chart_slot, _texts):
        build(panel, body)
    panel.body_layout.addStretch(1)
    return body


def _header(panel: KRPanel, body: QWidget) -> None:
    top = QHBoxLayout()
    titles = QVBoxLayout()
    panel.title_label = QLabel(body)
    panel.title_label.setObjectName("krTitle")
    panel.title_label.setWordWrap(True)
    panel.title_label.setStyleSheet("font-size: 15pt; font-weight: 600; color: #1f2328;")
    panel.line_label = QLabel(body)
    panel.line_label.setStyleSheet(MUTED)
    titles.addWidget(panel.title_label)
    titles.addWidget(panel.line_label)
    top.addLayout(titles, 1)
    score_box = QVBoxLayout()
    panel.score_label = QLabel(body)
    panel.score_label.setObjectName("krScore")
    panel.score_label.setAlignment(Qt.AlignmentFlag.AlignRight)
    panel.path_label = QLabel(body)
    panel.path_label.setAlignment(Qt.AlignmentFlag.AlignRight)
    score_box.addWidget(panel.score_label)
    score_box.addWidget(panel.path_label)
    top.addLayout(score_box)
    panel.body_layout.addLayout(top)
    panel.target_label = QLabel(body)
    panel.target_label.setObjectName("krTarget")
    panel.target_label.setWordWrap(True)
    panel.target_label.setTextFormat(Qt.TextFormat.RichText)
    panel.body_layout.addWidget(panel.target_label)


def _light(panel: KRPanel, body: QWidget) -> None:
    panel.body_layout.addWidget(heading(_tr("Light"), body))
    row = QHBoxLayout()
    panel.light_icon = QLabel(body)
    panel.light_label = QLabel(body)
    panel.light_label.setObjectName("krLight")
    panel.light_label.setWordWrap(True)
    panel.light_label.setTextFormat(Qt.TextFormat.RichText)
    panel.light_button = QPushButton(_tr("Set light…"), body)
    panel.light_button.setObjectName("setLightButton")
    panel.light_button.setToolTip(_tr("Set this KR's light by hand, with the reason"))
    panel.light_button.clicked.connect(panel.open_light_dialog)
    row.addWidget(panel.light_icon, 0, Qt.AlignmentFlag.AlignTop)
    row.addWidget(panel.light_label, 1)
    row.addWidget(panel.light_button, 0, Qt.AlignmentFlag.AlignTop)
    panel.body_layout.addLayout(row)
    panel.computed_lights = ComputedLightsView(body)
    panel.body_layout.addWidget(panel.computed_lights)


def _metrics(panel: KRPanel, body: QWidget) -> None:
    row = QHBoxLayout()
    row.addWidget(heading(_tr("Metrics"), body))
    row.addStretch(1)
    panel.add_metric_button = QPushButton(_tr("Add"), body)
    panel.add_metric_button.setToolTip(_tr("Add a metric to this KR"))
    panel.add_metric_button.clicked.connect(panel.add_metric)
    panel.remove_metric_button = QPushButton(_tr("Remove"), body)
    panel.remove_metric_button.setToolTip(_tr("Remove the selected metric (undo brings it back)"))
    panel.remove_metric_button.clicked.connect(panel.remove_metric)
    row.addWidget(panel.add_metric_button, 0, Qt.AlignmentFlag.AlignBottom)
    row.addWidget(panel.remove_metric_button, 0, Qt.AlignmentFlag.AlignBottom)
    panel.body_layout.addLayout(row)
    panel.metric_model = MetricTableModel(panel.edit, panel)
    panel.metric_table = MetricTableView(panel.metric_model, body)
    panel.body_layout.addWidget(panel.metric_table)
    panel.no_metric_label = QLabel(body)
    panel.no_metric_label.setStyleSheet(MUTED)
    panel.no_metric_label.setWordWrap(True)
    panel.body_layout.addWidget(panel.no_metric_label)
    panel.metric_message = error_label(body, "metricMessage")
    panel.body_layout.addWidget(panel.metric_message)
    panel.metric_model.validation_failed.connect(panel.show_metric_message)
    panel.metric_model.edited.connect(panel.metric_message.hide)


def _work(panel: KRPanel, body: QWidget) -> None:
    panel.body_layout.addWidget(heading(_tr("Work packages and deliverables"), body))
    panel.work_model = WorkPackageModel(panel.edit, panel)
    panel.work_view = WorkPackageView(panel.work_model, body)
    panel.work_model.validation_failed.connect(panel.show_work_message)
    panel.body_layout.addWidget(panel.work_view)
    panel.work_message = error_label(body)
    panel.body_layout.addWidget(panel.work_message)
    panel.no_work_label = _note(_tr("No work package serves this KR yet."), body)
    panel.body_layout.addWidget(panel.no_work_label)


def _cards(panel: KRPanel, body: QWidget) -> None:
    panel.body_layout.addWidget(heading(_tr("Actions on the board"), body))
    panel.card_list = CardList(body)
    panel.card_list.card_activated.connect(panel.card_activated)
    panel.body_layout.addWidget(panel.card_list)
    panel.no_cards_label = _note(_tr("No action on the board serves this KR yet."), body)
    panel.body_layout.addWidget(panel.no_cards_label)


def _note(text: str, body: QWidget) -> QLabel:
    """A muted, wrapping line saying a list is empty."""
    label = QLabel(text, body)
    label.setStyleSheet(MUTED)
    label.setWordWrap(True)
    return label


def _chart_slot(panel: KRPanel, body: QWidget) -> None:
    panel.chart_slot = QWidget(body)
    panel.chart_slot.setObjectName("krChartSlot")
    panel.chart_layout = QVBoxLayout(panel.chart_slot)
    panel.chart_layout.setContentsMargins(0, 4, 0, 0)
    panel.chart_slot.hide()
    panel.body_layout.addWidget(panel.chart_slot)


def _texts(panel: KRPanel, body: QWidget) -> None:
    panel.body_layout.addWidget(heading(_tr("Risks / bottlenecks"), body))
    panel.bottleneck = TextFieldEditor("krBottleneck", _tr("One risk per line"), body)
    panel.bottleneck.save_requested.connect(lambda text: panel.save_text("bottleneck", text))
    panel.body_layout.addWidget(panel.bottleneck)
    panel.body_layout.addWidget(heading(_tr("Key projects"), body))
    panel.key_projects = TextFieldEditor("krKeyProjects", _tr("One project per line"), body)
    panel.key_projects.save_requested.connect(lambda text: panel.save_text("key_projects", text))
    panel.body_layout.addWidget(panel.key_projects)
