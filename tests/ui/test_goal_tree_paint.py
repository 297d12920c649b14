"""What the goal tree's cells paint: the delegate reads every role of a cell in one call
(``GoalTreeModel.multiData``) and must see exactly what ``data`` answers, cell after cell."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QStyledItemDelegate, QStyleOptionViewItem

from models.lights import Light
from ui.goal_tree_model import Column
from ui.lights import light_name

HAS_CHECK = QStyleOptionViewItem.ViewItemFeature.HasCheckIndicator
HAS_ICON = QStyleOptionViewItem.ViewItemFeature.HasDecoration


def _cells(model, parent=QModelIndex()):
    """Every cell of the tree, row by row, in the order a view paints them."""
    for row in range(model.rowCount(parent)):
        for column in range(model.columnCount(parent)):
            yield model.index(row, column, parent)
        yield from _cells(model, model.index(row, 0, parent))


def _painted(delegate, index) -> QStyleOptionViewItem:
    option = QStyleOptionViewItem()
    delegate.initStyleOption(option, index)  # what the view's delegate paints the cell from
    return option


def test_each_cell_paints_what_data_answers(window) -> None:
    window.goal_tree.expandAll()
    model = window.tree_model
    delegate = QStyledItemDelegate()  # one delegate for every cell, as the view has
    cells = list(_cells(model))
    assert len(cells) > 100
    for index in cells:
        option = _painted(delegate, index)
        text = index.data(Qt.ItemDataRole.DisplayRole)
        assert option.text == (text or ""), (index.row(), index.column())
        icon = index.data(Qt.ItemDataRole.DecorationRole)
        has_icon = bool(option.features & HAS_ICON)
        assert has_icon == (icon is not None), (index.row(), index.column())
        if icon is not None:
            assert option.icon.cacheKey() == icon.cacheKey()
        check = index.data(Qt.ItemDataRole.CheckStateRole)
        assert bool(option.features & HAS_CHECK) == (check is not None)
        if check is not None:
            assert option.checkState == check
        if index.column() == Column.SCORE:
            assert option.displayAlignment & Qt.AlignmentFlag.AlignRight
    # the light column shows an icon on every row, no other column does
    lights = [i for i in cells if i.column() == Column.LIGHT]
    assert all(_painted(delegate, i).features & HAS_ICON for i in lights)
    names = [i for i in cells if i.column() == Column.NAME]
    assert not any(_painted(delegate, i).features & HAS_ICON for i in names)


def test_a_cell_after_a_checked_deliverable_shows_no_check_box(window) -> None:
    """The delegate hands the same roles from cell to cell: a value of one cell must not
    stay behind for the next."""
    window.goal_tree.expandAll()
    model = window.tree_model
    delegate = QStyledItemDelegate()
    cells = list(_cells(model))
    checked = [
        i
        for i in cells
        if i.column() == Column.NAME
        and i.data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
    ]
    if not checked:  # the sample plan has open deliverables only: check one off first
        first = next(
            i
            for i in cells
            if i.column() == Column.NAME and i.data(Qt.ItemDataRole.CheckStateRole) is not None
        )
        assert model.setData(first, Qt.CheckState.Checked.value, Qt.ItemDataRole.CheckStateRole)
        window.goal_tree.expandAll()
        cells = list(_cells(model))
        checked = [
            i
            for i in cells
            if i.column() == Column.NAME
            and i.data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
        ]
    index = checked[0]
    assert _painted(delegate, index).checkState == Qt.CheckState.Checked
    after = _painted(delegate, index.siblingAtColumn(Column.LIGHT))
    assert not after.features & HAS_CHECK
    assert after.text == light_name(model.node(index).light)


def test_light_names() -> None:
    assert light_name(Light.GREEN) == "Green"
    assert light_name(Light.YELLOW) == "Yellow"
    assert light_name(Light.YELLOW_RED) == "Yellow leaning red"
    assert light_name(Light.RED) == "Red"
    assert light_name(None) == "Not set"
    assert light_name("red") == "Red"  # type: ignore[arg-type]  # a stored value names it too
