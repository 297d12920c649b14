"""The window's default layout: the goal tree and the KR panel keep room to be read, the board
gives up width (it scrolls), the filter bar wraps, and the KR panel's tables fit ~360 px."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from PySide6.QtCore import QByteArray, QSettings
from PySide6.QtWidgets import QSplitter, QWidget

from ui.kr_panel_fit import share_width
from ui.kr_panel_metrics import MetricColumn
from ui.main_window import SETTINGS_GEOMETRY, SETTINGS_SPLITTER
from ui.window_layout import DEFAULT_SHARES, default_sizes, saved_pane_count


@pytest.fixture
def fresh_window(qtbot, tmp_path):
    """The window as a first run opens it: no saved geometry or splitter state."""
    from app.main import create_main_window

    settings = QSettings()
    for key in (SETTINGS_GEOMETRY, SETTINGS_SPLITTER):
        settings.remove(key)
    win = create_main_window(str(tmp_path / "plan.db"))
    qtbot.addWidget(win)
    yield win
    win.context.db.engine.dispose()


def show_at(window, qtbot, width: int, height: int, kr: str | None = "KR1") -> None:
    window.resize(width, height)
    window.show()
    qtbot.waitExposed(window)
    if kr is not None:
        index = window.tree_model.find("kr", window.svc.kr_codes(window.plan_id)[kr])
        window.goal_tree.setCurrentIndex(index)
        qtbot.waitUntil(lambda: window.kr_panel.work_view.viewport().width() > 100)


def shares(window) -> list[float]:
    sizes = window.splitter.sizes()
    return [size / sum(sizes) for size in sizes]


def test_default_shares_leave_the_tree_and_the_kr_panel_room(fresh_window, qtbot) -> None:
    show_at(fresh_window, qtbot, 1400, 850)
    tree, board, pane = shares(fresh_window)
    expected = [share / sum(DEFAULT_SHARES) for share in DEFAULT_SHARES]
    assert [tree, board, pane] == pytest.approx(expected, abs=0.02)
    assert fresh_window.side_pane.width() >= 360
    assert fresh_window.board.minimumSizeHint().width() < 400  # the board scrolls instead


def test_resizing_the_window_keeps_the_proportions(fresh_window, qtbot) -> None:
    show_at(fresh_window, qtbot, 1400, 850, kr=None)
    before = shares(fresh_window)
    fresh_window.resize(1920, 1080)
    qtbot.waitUntil(lambda: sum(fresh_window.splitter.sizes()) > 1800)
    assert shares(fresh_window) == pytest.approx(before, abs=0.02)


def test_a_saved_state_for_other_panes_is_ignored(qtbot, tmp_path) -> None:
    from app.main import create_main_window

    two = QSplitter()
    two.addWidget(QWidget())
    two.addWidget(QWidget())
    two.setSizes([1200, 80])  # an older layout: tree and details only
    old_state = two.saveState()
    assert saved_pane_count(old_state) == 2
    QSettings().remove(SETTINGS_GEOMETRY)
    QSettings().setValue(SETTINGS_SPLITTER, old_state)
    win = create_main_window(str(tmp_path / "plan.db"))
    qtbot.addWidget(win)
    try:
        show_at(win, qtbot, 1280, 800, kr=None)
        assert win.side_pane.width() >= 320  # not squeezed to the old second pane's 80 px
        assert saved_pane_count(win.splitter.saveState()) == 3
    finally:
        win.context.db.engine.dispose()


def test_saved_pane_count_refuses_what_is_not_a_splitter_state() -> None:
    assert saved_pane_count(QByteArray(b"not a state at all")) is None
    assert saved_pane_count(None) is None


@pytest.mark.parametrize(("width", "height"), [(1280, 800), (1400, 850), (1920, 1080)])
def test_kr_panel_shows_everything_without_scrolling_sideways(
    fresh_window, qtbot, width: int, height: int
) -> None:
    show_at(fresh_window, qtbot, width, height)
    panel = fresh_window.kr_panel
    assert panel.horizontalScrollBar().maximum() == 0
    metrics = panel.metric_table
    qtbot.waitUntil(lambda: metrics.horizontalHeader().length() <= metrics.viewport().width())
    essential = (
        MetricColumn.NAME,
        MetricColumn.BASELINE,
        MetricColumn.CURRENT,
        MetricColumn.FLOOR,
        MetricColumn.STRETCH,
        MetricColumn.PROGRESS,
        MetricColumn.SCORE,
    )
    assert not [c.name for c in essential if metrics.isColumnHidden(c)]
    work = panel.work_view
    assert work.header().length() <= work.viewport().width()
    assert panel.card_list.horizontalScrollBar().maximum() == 0
    # A title too long for its column wraps: its row is taller than one line, not cut off.
    first = panel.work_model.index(0, 0)
    one_line = work.fontMetrics().height() + 8
    if work.fontMetrics().horizontalAdvance(first.data()) > work.columnWidth(0):
        assert work.visualRect(first).height() > one_line


def test_goal_tree_keeps_its_lights_in_sight(fresh_window, qtbot) -> None:
    from ui.goal_tree_model import Column

    show_at(fresh_window, qtbot, 1280, 800, kr=None)
    tree = fresh_window.goal_tree
    icon = tree.iconSize().width() if tree.iconSize().isValid() else 16
    # The dot at least (in English "Yellow leaning red" may run past the edge), and the name
    # column does not push it out: it takes what the lights leave.
    qtbot.waitUntil(
        lambda: tree.columnViewportPosition(Column.LIGHT) + icon + 8 <= tree.viewport().width()
    )
    assert tree.columnWidth(Column.NAME) < tree.sizeHintForColumn(Column.NAME) + 1


def test_filter_bar_wraps_on_a_narrow_board(fresh_window, qtbot) -> None:
    show_at(fresh_window, qtbot, 1400, 850, kr=None)
    bar = fresh_window.board.filter_bar
    one_row = bar.height()
    fresh_window.splitter.setSizes([500, 420, 480])
    qtbot.waitUntil(lambda: bar.width() <= 420)
    qtbot.waitUntil(lambda: bar.height() > one_row)
    for control in (bar.search, bar.kr, bar.owner, bar.light, bar.status, bar.clear, bar.count):
        assert bar.rect().contains(control.geometry()), control.objectName()
        assert control.isVisible()


@given(
    available=st.integers(0, 2000),
    columns=st.lists(st.tuples(st.integers(1, 300), st.integers(0, 300)), min_size=1, max_size=10),
)
def test_share_width_gives_each_column_its_need_and_no_more_than_there_is(
    available: int, columns: list[tuple[int, int]]
) -> None:
    wanted = [w for w, _n in columns]
    needed = [min(n, w) for w, n in columns]
    sizes = share_width(available, wanted, needed)
    assert all(n <= s <= w for s, w, n in zip(sizes, wanted, needed, strict=True))
    if sum(needed) <= available:
        assert sum(sizes) <= available
    if sum(wanted) <= available:
        assert sizes == wanted


def test_default_sizes_add_up_to_the_width() -> None:
    for width in (0, 999, 1280, 1400, 1920):
        assert sum(default_sizes(width)) == width
