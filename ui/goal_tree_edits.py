"""The commands behind goal-tree gestures: add, delete (with its cascade) and reorder.

Built here, from the tree the user sees, so each gesture is exactly one undo step: a delete that
must also remove the work packages only the deleted KRs had is one Macro, a reorder that renumbers
several siblings is one Macro, and a gesture that changes nothing builds no command at all.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QCoreApplication

from app.commands import Command, CreateEntity, DeleteEntity, Macro, UpdateEntity
from app.services.records import PlanTree
from ui.goal_tree_nodes import Key, Node, node_title


def _tr(text: str) -> str:
    return QCoreApplication.translate("GoalTreeEdits", text)


def kind_name(kind: str) -> str:
    return {
        "objective": _tr("objective"),
        "line": _tr("line of work"),
        "kr": _tr("KR"),
        "work_package": _tr("work package"),
        "deliverable": _tr("deliverable"),
    }.get(kind, kind)


def default_title(kind: str) -> str:
    return {
        "objective": _tr("New objective"),
        "line": _tr("New line of work"),
        "kr": _tr("New KR"),
        "work_package": _tr("New work package"),
        "deliverable": _tr("New deliverable"),
    }[kind]


def next_kr_code(existing: Sequence[str]) -> str:
    """The first free KR code after the highest one in use (KR6 after KR1..KR5)."""
    numbers = [int(m.group(1)) for code in existing if (m := re.fullmatch(r"KR(\d+)", code))]
    return f"KR{max(numbers, default=0) + 1}"


def add_command(
    tree: PlanTree, parent: Node, kind: str, title: str = "", kr_codes: Sequence[str] = ()
) -> CreateEntity:
    """Create a ``kind`` under ``parent`` (the root node for an objective), placed last."""
    title = title or default_title(kind)
    siblings = [child.record for child in parent.children]
    order = max((getattr(rec, "sort_order", 0) for rec in siblings), default=-1) + 1
    fields: dict[str, Any] = {"title": title, "sort_order": order}
    plan_id = tree.plan.id
    if kind == "objective":
        fields["plan_id"] = plan_id
    elif kind == "line":
        fields["objective_id"] = parent.record.id
    elif kind == "kr":
        fields["line_id"] = parent.record.id
        fields["code"] = next_kr_code(kr_codes)
    elif kind == "work_package":
        fields["plan_id"] = plan_id
        fields["kr_ids"] = [parent.record.id]
        # Work packages are ordered plan-wide; last of all keeps the other KRs' order as it is.
        order = max((wp.sort_order for wp in tree.work_packages), default=-1) + 1
        fields["sort_order"] = order
    elif kind == "deliverable":
        fields["work_package_id"] = parent.record.id
    else:
        raise ValueError(f"cannot add a {kind}")
    name = _tr("Add %1 “%2”").replace("%1", kind_name(kind)).replace("%2", title)
    return CreateEntity(kind, fields, name=name)


def _krs_under(node: Node) -> set[int]:
    found: set[int] = set()
    stack = [node]
    while stack:
        current = stack.pop()
        if current.kind == "kr":
            found.add(current.record.id)
        elif current.kind in ("objective", "line"):
            stack.extend(current.children)
    return found


def delete_command(tree: PlanTree, node: Node) -> Command:
    """Delete what ``node`` shows, with everything under it, as one undo step.

    A work package shared with another KR is only unlinked from this one: deleting it would take
    it away from the other KR too. Work packages that served only the KRs being deleted go with
    them (they would otherwise linger, unseen, with no KR to show under).
    """
    title = node_title(node)
    name = _tr("Delete %1 “%2”").replace("%1", kind_name(node.kind)).replace("%2", title)
    if node.kind == "work_package" and node.parent is not None and node.parent.kind == "kr":
        kr_ids = [i for i in node.record.kr_ids if i != node.parent.record.id]
        if kr_ids:
            name = _tr("Remove “%1” from %2").replace("%1", title)
            name = name.replace("%2", node.parent.record.code)
            return UpdateEntity("work_package", node.record.id, {"kr_ids": kr_ids}, name=name)
    if node.kind not in ("objective", "line", "kr"):
        return DeleteEntity(node.kind, node.record.id, name=name)
    krs = _krs_under(node)
    orphans = [wp for wp in tree.work_packages if wp.kr_ids and set(wp.kr_ids) <= krs]
    if not orphans:
        return DeleteEntity(node.kind, node.record.id, name=name)
    children: list[Command] = [DeleteEntity("work_package", wp.id) for wp in orphans]
    children.append(DeleteEntity(node.kind, node.record.id))
    return Macro(children, name=name)


def reorder_command(tree: PlanTree, parent: Node, moved: Key, position: int) -> Command | None:
    """Move the child ``moved`` of ``parent`` to ``position`` (counted before the move, as a
    drop row is); None when the order would not change."""
    keys = [child.key for child in parent.children]
    if moved not in keys:
        return None
    old = keys.index(moved)
    position = max(0, min(position, len(keys)))
    new_index = position - 1 if position > old else position
    if new_index == old:
        return None
    order = [key[1] for key in keys]
    ident = order.pop(old)
    order.insert(new_index, ident)
    kind = moved[0]
    records = {child.record.id: child.record for child in parent.children}
    if kind == "work_package":
        # Work packages are ordered plan-wide and may show under another KR too: the moved
        # siblings take the slots they held in the plan-wide order, the others keep theirs.
        everything = [wp.id for wp in tree.work_packages]
        slots = [i for i, wp_id in enumerate(everything) if wp_id in records]
        for slot, wp_id in zip(slots, order, strict=True):
            everything[slot] = wp_id
        records = {wp.id: wp for wp in tree.work_packages}
        order = everything
    updates: list[Command] = [
        UpdateEntity(kind, ident, {"sort_order": index})
        for index, ident in enumerate(order)
        if records[ident].sort_order != index
    ]
    if not updates:
        return None
    title = node_title(parent.children[old])
    name = _tr("Move %1 “%2”").replace("%1", kind_name(kind)).replace("%2", title)
    return Macro(updates, name=name)
