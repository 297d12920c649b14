"""A read-only summary of the selected goal-tree entry: targets, metrics, risks, key projects."""

from __future__ import annotations

from html import escape
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QTextBrowser, QWidget

from app.services.records import PlanTree
from models.lights import Light
from ui.goal_tree_nodes import metric_summary
from ui.lights import light_colour, light_name


def _tr(text: str) -> str:
    return QCoreApplication.translate("DetailsView", text)


def _light_html(value: str | None) -> str:
    light = Light(value) if value else None
    colour = light_colour(light).name()
    return f'<span style="color:{colour}">●</span> {escape(light_name(light))}'


def _list(title: str, text: str) -> str:
    items = [line for line in text.splitlines() if line.strip()]
    if not items:
        return ""
    body = "".join(f"<li>{escape(item)}</li>" for item in items)
    return f"<h4>{escape(title)}</h4><ul>{body}</ul>"


class DetailsView(QTextBrowser):
    """Shows what a user needs to read about one KR, work package or deliverable."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("details")
        self.setOpenExternalLinks(True)
        self._tree: PlanTree | None = None

    def set_tree(self, tree: PlanTree) -> None:
        self._tree = tree

    def show_entity(self, kind: str | None, record: Any) -> None:
        if kind is None or record is None or self._tree is None:
            self.setHtml(f"<p>{escape(_tr('Select a goal, KR or work package.'))}</p>")
            return
        render = getattr(self, f"_html_{kind}", None)
        self.setHtml(render(record) if render else f"<h3>{escape(record.title)}</h3>")

    def _html_objective(self, obj: Any) -> str:
        return f"<h3>{escape(_tr('Objective'))}</h3><p>{escape(obj.title)}</p>"

    def _html_line(self, line: Any) -> str:
        assert self._tree is not None
        krs = "".join(
            f"<li>{_light_html(kr.light)} <b>{escape(kr.code)}</b> {escape(kr.title)}</li>"
            for kr in self._tree.krs_of(line.id)
        )
        return f"<h3>{escape(line.code)} {escape(line.title)}</h3><ul>{krs}</ul>"

    def _html_kr(self, kr: Any) -> str:
        assert self._tree is not None
        parts = [
            f"<h3>{escape(kr.code)} {escape(kr.title)}</h3>",
            f"<p>{_light_html(kr.light)}"
            + (f" — {escape(kr.light_reason)}" if kr.light_reason else "")
            + "</p>",
            f"<p><b>{escape(_tr('Target'))}:</b> {escape(kr.target_text)}<br>"
            f"<b>{escape(_tr('Now'))}:</b> {escape(kr.current_text)}</p>",
        ]
        metrics = self._tree.metrics_of(kr.id)
        if metrics:
            rows = "".join(f"<li>{escape(metric_summary(m))}</li>" for m in metrics)
            parts.append(f"<h4>{escape(_tr('Metrics'))}</h4><ul>{rows}</ul>")
        parts.append(_list(_tr("Key projects"), kr.key_projects))
        parts.append(_list(_tr("Risks / bottlenecks"), kr.bottleneck))
        for wp in self._tree.work_packages_of(kr.id):
            parts.append(self._html_work_package(wp, level=4))
        return "".join(parts)

    def _html_work_package(self, wp: Any, level: int = 3) -> str:
        assert self._tree is not None
        due = wp.due_text or (wp.due.isoformat() if wp.due else "")
        items = []
        for d in self._tree.deliverables_of(wp.id):
            mark = "☑" if d.done else "☐"
            extra = f" — {escape(d.acceptance)}" if d.acceptance else ""
            items.append(f"<li>{mark} {escape(d.title)}{extra}</li>")
        head = f"<h{level}>{escape(wp.title)}</h{level}>"
        due_html = f"<p><b>{escape(_tr('Due'))}:</b> {escape(due)}</p>" if due else ""
        return head + due_html + f"<ul>{''.join(items)}</ul>"

    def _html_deliverable(self, d: Any) -> str:
        state = _tr("Done") if d.done else _tr("Open")
        extra = f"<p><b>{escape(_tr('Acceptance'))}:</b> {escape(d.acceptance)}</p>"
        return f"<h3>{escape(d.title)}</h3><p>{escape(state)}</p>" + (extra if d.acceptance else "")
