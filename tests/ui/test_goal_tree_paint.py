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


# ----- the tree's own delegate (ui.goal_tree_delegate) ------------------------------------------
def _shown(view, index):
    view.scrollTo(index)
    view.viewport().repaint()
    return view.viewport().grab().toImage(), view.visualRect(index)


def _row_of(model, light: Light):
    """A KR whose light (set by hand) is ``light``."""
    pending = [QModelIndex()]
    while pending:
        parent = pending.pop()
        for row in range(model.rowCount(parent)):
            index = model.index(row, 0, parent)
            if model.node(index).kind == "kr" and model.node(index).light == light:
                return index
            pending.append(index)
    raise AssertionError(f"no KR with light {light}")


def _colours(image, rect) -> set[int]:
    return {
        image.pixel(x, y)
        for x in range(max(rect.left(), 0), min(rect.right(), image.width() - 1) + 1)
        for y in range(max(rect.top(), 0), min(rect.bottom(), image.height() - 1) + 1)
    }


def test_the_tree_paints_lights_selection_and_text_itself(window, qtbot) -> None:
    from PySide6.QtGui import QPalette

    from ui.goal_tree_delegate import GoalTreeDelegate
    from ui.lights import COLOURS

    view, model = window.goal_tree, window.tree_model
    window.resize(1400, 900)
    window.show()
    qtbot.waitExposed(window)
    assert isinstance(view.itemDelegate(), GoalTreeDelegate)
    red = _row_of(model, Light.RED)
    image, light_cell = _shown(view, red.siblingAtColumn(Column.LIGHT))
    assert COLOURS[Light.RED].rgb() in _colours(image, light_cell)  # its dot, in its colour

    view.setCurrentIndex(red)
    image, name_cell = _shown(view, red)
    highlight = view.palette().color(QPalette.ColorRole.Highlight).rgb()
    edge = name_cell.right() - 2  # inside the cell, right of any text
    assert image.pixel(edge, name_cell.center().y()) == highlight
    text = view.palette().color(QPalette.ColorRole.HighlightedText).rgb()
    assert text in _colours(image, name_cell)  # the title, in the selection's text colour


def test_a_long_title_stays_inside_its_cell(window) -> None:
    from PySide6.QtCore import QRect
    from PySide6.QtGui import QColor, QImage, QPainter

    view, model = window.goal_tree, window.tree_model
    index = model.index(0, 0)  # the objective: "建好商户画像 & 非油品双轮驱动…"
    assert len(model.node(index).record.title) > 10
    option = QStyleOptionViewItem()
    view.initViewItemOption(option)
    cell = QRect(0, 0, 60, 22)
    option.rect = cell
    image = QImage(200, 22, QImage.Format.Format_ARGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    view.itemDelegate().paint(painter, option, index)
    painter.end()
    white = QColor("white").rgb()
    assert _colours(image, QRect(61, 0, 139, 22)) == {white}  # nothing past the cell
    assert len(_colours(image, cell)) > 2  # the text (elided) is there


def test_a_deliverable_is_checked_off_by_a_click_on_its_box(window, qtbot) -> None:
    from PySide6.QtWidgets import QStyle

    view, model = window.goal_tree, window.tree_model
    window.resize(1400, 900)
    window.show()
    qtbot.waitExposed(window)
    view.expandAll()
    deliverable = next(
        i
        for i in _cells(model)
        if i.column() == Column.NAME and model.node(i).kind == "deliverable"
    )
    assert not model.node(deliverable).record.done
    view.scrollTo(deliverable)
    option = QStyleOptionViewItem()
    view.initViewItemOption(option)
    option.rect = view.visualRect(deliverable)
    view.itemDelegate().initStyleOption(option, deliverable)
    box = view.style().subElementRect(QStyle.SubElement.SE_ItemViewItemCheckIndicator, option, view)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=box.center())
    node = model.node(view.index_at_path(model.node(deliverable).path()))
    assert node.record.done
    assert window.svc.tree(window.plan_id).deliverables  # read back: saved
    saved = {d.id: d.done for d in window.svc.tree(window.plan_id).deliverables}
    assert saved[node.record.id] is True


def test_a_bigger_font_measures_the_titles_again(window) -> None:
    """Widths of texts are kept between paints; a font change (the user's zoom or system font)
    must measure them again, so a title that fitted is not clipped in the bigger font."""
    view, model = window.goal_tree, window.tree_model
    index = model.index(0, 0)
    delegate = view.itemDelegate()

    def hint_width(point_size: float) -> int:
        option = QStyleOptionViewItem()
        view.initViewItemOption(option)
        font = option.font
        font.setPointSizeF(point_size)
        option.font = font
        return delegate.sizeHint(option, index).width()

    small, big, small_again = hint_width(9), hint_width(18), hint_width(9)
    assert big > small * 1.6
    assert small_again == small
