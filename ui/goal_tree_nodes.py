"""The goal tree's plain Python nodes, built from the service's PlanTree, with scores.

Objective -> line of work -> KR -> work package -> deliverable. A work package that serves two
KRs appears under each of them (as in the reference plan, where 非油品工作包 #1 serves KR4 and
KR5), so a node is identified by its path of (kind, id) keys, not by its id alone.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QCoreApplication

from app.services.records import PlanTree
from models.lights import Light, worst
from models.scoring import Basis, KRScore, Path, Rollup, roll_up, score_kr, score_metric_of

Key = tuple[str, int]

# What can be added under a node of each kind (the tree's grammar).
CHILD_KIND = {
    "root": "objective",
    "objective": "line",
    "line": "kr",
    "kr": "work_package",
    "work_package": "deliverable",
}


@dataclass(eq=False)
class Node:
    kind: str
    record: Any
    parent: Node | None = None
    children: list[Node] = field(default_factory=list)
    light: Light | None = None
    progress: str = ""
    target: str = ""
    tooltip: str = ""
    score: float | None = None
    score_tip: str = ""

    def add(self, child: Node) -> Node:
        child.parent = self
        self.children.append(child)
        return child

    def row(self) -> int:
        return self.parent.children.index(self) if self.parent is not None else 0

    @property
    def key(self) -> Key:
        return (self.kind, self.record.id if self.record is not None else 0)

    def path(self) -> tuple[Key, ...]:
        """Keys from the top level down to this node (the root itself is not part of it)."""
        keys: list[Key] = []
        node: Node | None = self
        while node is not None and node.kind != "root":
            keys.append(node.key)
            node = node.parent
        return tuple(reversed(keys))

    def shape(self) -> list[tuple[int, Key]]:
        """Depth and key of every node below, in display order: equal shapes can be updated
        in place (no model reset, so editors, selection and expansion survive)."""
        out: list[tuple[int, Key]] = []
        stack = [(child, 0) for child in reversed(self.children)]
        while stack:
            node, depth = stack.pop()
            out.append((depth, node.key))
            stack.extend((child, depth + 1) for child in reversed(node.children))
        return out


def _tr(text: str) -> str:
    return QCoreApplication.translate("GoalTreeModel", text)


def fmt_num(value: float | None, unit: str) -> str:
    if value is None:
        return "—"
    return f"{value:g}{unit}" if unit == "%" else f"{value:g} {unit}".rstrip()


def metric_summary(metric: Any) -> str:
    """'覆盖率 65% (floor 80% / stretch 90%, baseline 30%)' in the user's language."""
    unit = metric.unit or ""
    bars = []
    if metric.floor is not None:
        bars.append(_tr("floor %1").replace("%1", fmt_num(metric.floor, unit)))
    if metric.stretch is not None:
        bars.append(_tr("stretch %1").replace("%1", fmt_num(metric.stretch, unit)))
    if not bars and metric.target is not None:
        bars.append(_tr("target %1").replace("%1", fmt_num(metric.target, unit)))
    parts = [" / ".join(bars)] if bars else []
    if metric.baseline is not None:
        parts.append(_tr("baseline %1").replace("%1", fmt_num(metric.baseline, unit)))
    detail = f" ({', '.join(parts)})" if parts else ""
    return f"{metric.name} {fmt_num(metric.current, unit)}{detail}"


def fmt_score(score: float | None) -> str:
    return "" if score is None else f"{score:.0f}"


def path_text(path: Path) -> str:
    return {
        Path.NONE: _tr("no score yet"),
        Path.BELOW_FLOOR: _tr("below the floor"),
        Path.FLOOR: _tr("floor reached (the 95-point path)"),
        Path.STRETCH: _tr("stretch reached (the 100-point path)"),
    }[path]


def kr_score(tree: PlanTree, kr_id: int) -> KRScore:
    """A KR's score from its metrics, or from its deliverables when it has no metric."""
    metrics = [score_metric_of(m) for m in tree.metrics_of(kr_id)]
    deliverables = [d for wp in tree.work_packages_of(kr_id) for d in tree.deliverables_of(wp.id)]
    done = sum(1 for d in deliverables if d.done)
    return score_kr(metrics, deliverables_done=done, deliverables_total=len(deliverables))


def kr_score_tip(score: KRScore) -> str:
    scale = _tr("0 = baseline, 95 = floor (保底), 100 = stretch (冲刺)")
    if score.basis is Basis.NONE:
        return _tr("No score: this KR has no metric and no deliverable")
    if score.score is None:
        return _tr("No score yet: its metrics have no current value")
    head = _tr("Score %1 of 100: %2").replace("%1", fmt_score(score.score))
    head = head.replace("%2", path_text(score.path))
    if score.basis is Basis.DELIVERABLES:
        basis = _tr("From deliverables (no metric): %1 of %2 done")
    else:
        basis = _tr("Mean of %1 of %2 metrics")
    basis = basis.replace("%1", str(score.scored)).replace("%2", str(score.total))
    return f"{head}\n{basis}\n{scale}"


def rollup_tip(rollup: Rollup, what: str) -> str:
    if rollup.score is None:
        return _tr("No score yet: none of its %1 has a score").replace("%1", what)
    text = _tr("Mean of the scores of %1 of %2 %3").replace("%1", str(rollup.scored))
    return text.replace("%2", str(rollup.total)).replace("%3", what)


def _light(value: str | None) -> Light | None:
    return Light(value) if value else None


def _date(value: Any) -> str:
    return value.isoformat() if value is not None else ""


def build_nodes(tree: PlanTree) -> Node:
    """Turn the service's PlanTree into the node hierarchy the model shows, with roll-ups."""
    root = Node("root", None)
    for objective in tree.objectives:
        obj_node = root.add(Node("objective", objective))
        for line in tree.lines_of(objective.id):
            line_node = obj_node.add(Node("line", line))
            for kr in tree.krs_of(line.id):
                line_node.add(_kr_node(tree, kr))
            line_node.light = worst([child.light for child in line_node.children])
            line_node.tooltip = _tr("Worst light of its KRs")
            rollup = roll_up(child.score for child in line_node.children)
            line_node.score = rollup.score
            line_node.score_tip = rollup_tip(rollup, _tr("KRs"))
        obj_node.light = worst([child.light for child in obj_node.children])
        obj_node.tooltip = _tr("Worst light of its lines of work")
        rollup = roll_up(child.score for child in obj_node.children)
        obj_node.score = rollup.score
        obj_node.score_tip = rollup_tip(rollup, _tr("lines of work"))
    return root


def _kr_node(tree: PlanTree, kr: Any) -> Node:
    metrics = tree.metrics_of(kr.id)
    score = kr_score(tree, kr.id)
    node = Node(
        "kr",
        kr,
        light=_light(kr.light),
        progress="; ".join(metric_summary(m) for m in metrics) or kr.current_text,
        target=kr.target_text,
        tooltip=kr.light_reason,
        score=score.score,
        score_tip=kr_score_tip(score),
    )
    for wp in tree.work_packages_of(kr.id):
        wp_node = node.add(
            Node("work_package", wp, light=_light(wp.light), target=wp.due_text or _date(wp.due))
        )
        deliverables = tree.deliverables_of(wp.id)
        done = sum(1 for d in deliverables if d.done)
        wp_node.progress = _tr("%1 of %2 deliverables done").replace("%1", str(done))
        wp_node.progress = wp_node.progress.replace("%2", str(len(deliverables)))
        for d in deliverables:
            wp_node.add(
                Node(
                    "deliverable",
                    d,
                    light=_light(d.light),
                    progress=_tr("Done") if d.done else _tr("Open"),
                    target=d.acceptance or _date(d.due),
                )
            )
    return node


def node_title(node: Node) -> str:
    rec = node.record
    if node.kind == "line":
        return f"{rec.code} {rec.title}".strip()
    if node.kind == "kr":
        return f"{rec.code} {rec.title}"
    return rec.title  # type: ignore[no-any-return]
