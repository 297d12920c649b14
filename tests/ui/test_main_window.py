"""The window opens on a plan and shows its goal tree from the database."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import (
    QLabel,
    QPlainTextEdit,
    QStackedWidget,
    QTableView,
    QTreeView,
    QWidget,
)

from ui.goal_tree_model import Column, GoalTreeModel, Roles
from ui.kr_panel_metrics import MetricColumn


def _all_indexes(model, parent=QModelIndex()):
    for row in range(model.rowCount(parent)):
        index = model.index(row, 0, parent)
        yield index
        yield from _all_indexes(model, index)


def test_goal_tree_shows_the_five_krs_with_lights(window) -> None:
    tree = window.findChild(QTreeView, "goalTree")
    assert tree is not None
    model = tree.model()
    krs = {
        index.data(): index.siblingAtColumn(Column.LIGHT).data()
        for index in _all_indexes(model)
        if index.data(Roles.KIND) == "kr"
    }
    assert krs == {
        "KR1 已上线标签质量提升": "Yellow leaning red",
        "KR2 铁橙 APP 标签信息收集能力建设": "Green",
        "KR3 新标签持续建设能力": "Yellow",
        "KR4 产品能力建设": "Yellow leaning red",
        "KR5 MVP 方案落地": "Red",
    }


def test_tree_shows_lines_targets_progress_work_packages_and_deliverables(window) -> None:
    model = window.tree_model
    objective = model.index(0, 0)
    assert objective.data().startswith("建好商户画像")
    lines = [model.index(r, 0, objective).data() for r in range(model.rowCount(objective))]
    assert lines == ["主线一 商户画像", "主线二 非油品"]
    kr1 = model.find("kr", window.svc.kr_codes(window.plan_id)["KR1"])
    assert "覆盖率 65%" in kr1.siblingAtColumn(Column.PROGRESS).data()
    assert "floor 80%" in kr1.siblingAtColumn(Column.PROGRESS).data()
    assert kr1.siblingAtColumn(Column.TARGET).data() == "覆盖率 ≥90%，准确率 ≥90%"
    wps = [model.index(r, 0, kr1).data() for r in range(model.rowCount(kr1))]
    assert wps == ["商户画像工作包 #1：质量诊断 + 提升方案", "商户画像工作包 #2：重点城市拉升计划"]
    first_wp = model.index(0, 0, kr1)
    deliverable = model.index(0, 0, first_wp)
    assert deliverable.data() == "《商户画像质量诊断报告》"
    assert deliverable.data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Unchecked


def test_shared_work_package_appears_under_both_krs(window) -> None:
    codes = window.svc.kr_codes(window.plan_id)
    for code in ("KR4", "KR5"):
        kr = window.tree_model.find("kr", codes[code])
        titles = [
            window.tree_model.index(r, 0, kr).data() for r in range(window.tree_model.rowCount(kr))
        ]
        assert "非油品工作包 #1：MVP 范围冻结 + 影子运营" in titles


def _shown_texts(view) -> list[str]:
    """Every cell's text an item view shows, its (expanded) children included."""
    return [
        index.siblingAtColumn(column).data() or ""
        for index in _all_indexes(view.model())
        for column in range(view.model().columnCount(index.parent()))
    ]


def test_selecting_a_kr_shows_it_in_the_kr_panel(window, qtbot) -> None:
    kr1 = window.tree_model.find("kr", window.svc.kr_codes(window.plan_id)["KR1"])
    window.goal_tree.setCurrentIndex(kr1)
    panel = window.findChild(QWidget, "krPanel")
    assert window.findChild(QStackedWidget, "sidePane").currentWidget() is panel
    assert panel.findChild(QLabel, "krTitle").text() == "KR1 已上线标签质量提升"
    assert "覆盖率 ≥90%，准确率 ≥90%" in panel.findChild(QLabel, "krTarget").text()
    metrics = panel.findChild(QTableView, "krMetrics")
    assert not metrics.isHidden()
    rows = {
        metrics.model().index(r, MetricColumn.NAME).data(): r
        for r in range(metrics.model().rowCount())
    }
    coverage = rows["覆盖率"]
    assert metrics.model().index(coverage, MetricColumn.CURRENT).data() == "65%"
    assert metrics.model().index(coverage, MetricColumn.FLOOR).data() == "80%"
    risks = panel.findChild(QPlainTextEdit, "krBottleneck").toPlainText()
    assert "区域间上报率极度不均衡" in risks
    projects = panel.findChild(QPlainTextEdit, "krKeyProjects").toPlainText()
    assert "画像质量诊断 & 提升方案" in projects
    assert "《商户画像质量诊断报告》" in _shown_texts(panel.findChild(QTreeView, "krWork"))


def test_status_bar_names_the_database_and_the_frozen_date(window) -> None:
    message = window.statusBar().currentMessage()
    assert window.context.db.display_name in message
    assert "2025-12-03" in message and "W49" in message and "4 weeks left" in message


def test_window_title_and_menus(window) -> None:
    assert window.windowTitle().startswith("Q4 双轮驱动冲刺")
    menus = [action.text() for action in window.menuBar().actions()]
    assert menus == ["&File", "&Edit", "&View", "&Help"]


def test_geometry_is_kept_between_sessions(qtbot, tmp_path) -> None:
    from app.main import create_main_window

    first = create_main_window(str(tmp_path / "p.db"))
    qtbot.addWidget(first)
    first.show()
    qtbot.waitExposed(first)
    first.resize(640, 480)
    first.close()
    first.context.db.engine.dispose()
    second = create_main_window(str(tmp_path / "p.db"))
    qtbot.addWidget(second)
    second.show()
    qtbot.waitExposed(second)
    assert (second.width(), second.height()) == (640, 480)
    second.context.db.engine.dispose()


def test_goal_tree_model_passes_qt_model_tester(window, qtmodeltester) -> None:
    qtmodeltester.check(window.tree_model)


def test_empty_model_passes_qt_model_tester(qtmodeltester) -> None:
    qtmodeltester.check(GoalTreeModel())
