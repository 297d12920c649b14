"""Trend charts: loaded lazily, what they draw, Chinese text, hover notes, PNG export, overview."""

from __future__ import annotations

import datetime as dt
import warnings
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint

from tests.helpers import run_window_script


def test_start_up_does_not_import_matplotlib_and_the_first_chart_does(tmp_path) -> None:
    out = run_window_script(
        """
        from PySide6.QtWidgets import QApplication
        print("created", "matplotlib" in sys.modules)
        window.show()
        QApplication.processEvents()
        print("shown", "matplotlib" in sys.modules)
        kr1 = window.svc.kr_codes(window.plan_id)["KR1"]
        window.goal_tree.setCurrentIndex(window.tree_model.find("kr", kr1))
        QApplication.processEvents()
        print("chart", "matplotlib" in sys.modules, window.metrics.section.chart.canvas is not None)
        window.close()
        """,
        tmp_path / "plan.db",
    )
    assert out.split("\n")[:3] == ["created False", "shown False", "chart True True"]


def section_for(window, qtbot, code: str):
    kr = window.svc.kr_codes(window.plan_id)[code]
    window.goal_tree.setCurrentIndex(window.tree_model.find("kr", kr))
    qtbot.waitUntil(lambda: window.kr_panel.current_kr_id == kr)
    window.show()
    chart = window.metrics.section.chart
    qtbot.waitUntil(lambda: chart.canvas is not None and chart.draw_count > 0)
    return chart


def hlines(ax) -> set[float]:
    return {
        line.get_ydata()[0]
        for line in ax.get_lines()
        if len(line.get_ydata()) == 2 and line.get_ydata()[0] == line.get_ydata()[1]
    }


def wide_chart(window, qtbot, code: str):
    """The KR's chart on its own, wide enough for legends (a narrow panel labels lines instead)."""
    from ui.charts.chart_widget import KRChart
    from ui.charts.series import kr_series

    chart = KRChart()
    qtbot.addWidget(chart)
    kr = window.svc.kr_codes(window.plan_id)[code]
    chart.set_series(kr_series(window.metrics.evaluation, kr, code))
    chart.resize(1100, 420)
    chart.show()
    qtbot.waitUntil(lambda: chart.draw_count > 0)
    return chart


def test_kr1_shows_coverage_and_accuracy_with_goal_and_pace_lines(window, qtbot) -> None:
    chart = wide_chart(window, qtbot, "KR1")
    axes = chart.figure.axes
    assert [ax.get_title(loc="left") for ax in axes] == ["KR1 覆盖率", "KR1 准确率"]
    coverage = axes[0]
    assert {30.0, 80.0, 90.0} <= hlines(coverage)  # baseline, floor, stretch
    legend = [t.get_text() for t in coverage.get_legend().get_texts()]
    assert "Floor (保底) 80%" in legend and "Stretch (冲刺) 90%" in legend
    assert "Pace to floor: +3.75pp a week" in legend
    assert "Pace to stretch: +6.25pp a week" in legend
    pace = [
        ln for ln in coverage.get_lines() if ln.get_linestyle() == ":" and len(ln.get_xdata()) == 2
    ]
    ends = {
        (ln.get_xdata()[1], ln.get_ydata()[1])
        for ln in pace
        if ln.get_xdata()[0] != ln.get_xdata()[1]
    }
    assert (dt.date(2025, 12, 31), 80.0) in ends and (dt.date(2025, 12, 31), 90.0) in ends
    readings = chart.lines[next(iter(chart.lines))][1]
    assert list(readings.get_ydata()) == [30.0, 65.0]


def test_mvp_chart_shows_cumulative_orders_against_10_and_30(window, qtbot) -> None:
    metric = next(m for m in window.svc.tree(window.plan_id).metrics if m.name == "MVP 累计订单")
    window.svc.update("plan", window.plan_id, as_of=dt.date(2025, 12, 19))
    window.svc.create(
        "checkin", metric_id=metric.id, date=dt.date(2025, 12, 15), value=2, note="首日"
    )
    window.svc.create("checkin", metric_id=metric.id, date=dt.date(2025, 12, 18), value=6, note="")
    window.reload()
    chart = section_for(window, qtbot, "KR5")
    (ax,) = chart.figure.axes
    assert ax.get_title(loc="left") == "KR5 MVP 累计订单"
    assert {10.0, 30.0} <= hlines(ax)
    line = chart.lines[metric.id][1]
    assert line.get_drawstyle() == "steps-post"
    # the running total, carried forward to the plan's today
    assert list(line.get_xdata()) == [
        dt.date(2025, 12, 15),
        dt.date(2025, 12, 18),
        dt.date(2025, 12, 19),
    ]
    assert list(line.get_ydata()) == [2.0, 6.0, 6.0]


def test_hovering_a_reading_shows_its_note(window, qtbot) -> None:
    from matplotlib.backend_bases import MouseEvent
    from matplotlib.dates import date2num

    chart = section_for(window, qtbot, "KR1")
    chart.canvas.draw()
    metric_id = next(iter(chart.lines))
    ax, line, _points, _unit = chart.lines[metric_id]
    x, y = ax.transData.transform((date2num(line.get_xdata()[1]), line.get_ydata()[1]))
    chart.canvas.callbacks.process(
        "motion_notify_event", MouseEvent("motion_notify_event", chart.canvas, x, y)
    )
    assert chart.hover_note(metric_id) == "2025-12-03  65%\n当前约 65%"
    chart.canvas.callbacks.process(
        "motion_notify_event", MouseEvent("motion_notify_event", chart.canvas, 1, 1)
    )
    assert chart.hover_note(metric_id) is None


def test_chinese_labels_use_a_cjk_font_and_no_glyph_is_missing(window, qtbot) -> None:
    from matplotlib import rcParams
    from matplotlib.font_manager import FontProperties, findfont

    from ui.charts import mpl

    chart = section_for(window, qtbot, "KR1")
    cjk = mpl.load()
    assert cjk == "Noto Sans CJK SC"
    assert rcParams["font.family"][:2] == ["DejaVu Sans", "Noto Sans CJK SC"]
    assert "NotoSansCJK" in findfont(FontProperties(family=cjk), fallback_to_default=False)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        chart.redraw()
        chart.canvas.draw()
    assert not [w for w in caught if "missing from font" in str(w.message)]


def test_without_a_cjk_font_the_charts_still_load(monkeypatch) -> None:
    from matplotlib import rc_context

    from ui.charts import mpl

    monkeypatch.setattr(mpl, "_state", {})
    monkeypatch.setattr(mpl, "CJK_FONTS", ("No Such Font SC",))
    with rc_context():
        assert mpl.load() is None
        from matplotlib import rcParams

        assert rcParams["font.family"] == ["DejaVu Sans", "sans-serif"]


def test_context_menu_exports_the_chart_as_png(window, qtbot, tmp_path, monkeypatch) -> None:
    from PySide6.QtWidgets import QFileDialog

    chart = section_for(window, qtbot, "KR1")
    chart.canvas.customContextMenuRequested.emit(QPoint(20, 20))
    (action,) = chart.context_menu.actions()
    assert action.text() == "Export chart as PNG…"
    target = tmp_path / "kr1"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    action.trigger()
    data = (tmp_path / "kr1.png").read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 20_000
    chart.context_menu.close()


def test_a_chart_not_on_show_is_drawn_when_shown_and_unrelated_changes_do_not_redraw(
    window, qtbot
) -> None:
    chart = section_for(window, qtbot, "KR1")
    drawn = chart.draw_count
    card = window.svc.cards(window.plan_id)[0]
    from app.commands import UpdateEntity

    window.edit_context.push(UpdateEntity("card", card.id, {"status": "doing"}))
    assert chart.draw_count == drawn  # a card's status does not change a trend
    section = window.metrics.section
    section.setCurrentIndex(1)  # the check-ins tab: the chart is hidden
    metric = next(m for m in window.svc.tree(window.plan_id).metrics if m.name == "覆盖率")
    from app.commands import CreateEntity

    window.edit_context.push(
        CreateEntity(
            "checkin", {"metric_id": metric.id, "date": dt.date(2025, 11, 26), "value": 60.0}
        )
    )
    assert chart.draw_count == drawn  # stale, not drawn while hidden
    section.setCurrentIndex(0)
    qtbot.waitUntil(lambda: chart.draw_count == drawn + 1)
    assert list(chart.lines[metric.id][1].get_ydata()) == [30.0, 60.0, 65.0]


def test_overview_shows_every_krs_small_charts_when_asked(window, qtbot) -> None:
    overview = window.metrics.overview
    window.show()
    assert not window.metrics.overview_dock.isVisible() and overview.canvas is None
    window.metrics.overview_action.trigger()
    qtbot.waitUntil(lambda: overview.draw_count > 0)
    titles = [ax.get_title(loc="left") for ax in overview.figure.axes if ax.get_title(loc="left")]
    assert titles == [
        "KR1 覆盖率",
        "KR1 准确率",
        "KR2 能力建设完成度",
        "KR3 已上线新标签数",
        "KR4 产品能力建设",
        "KR5 MVP 累计订单",
    ]
    texts = [t.get_text() for ax in overview.figure.axes for t in ax.texts]
    assert "No metric to chart" in texts


@pytest.mark.parametrize("code", ["KR1", "KR5"])
def test_export_without_showing(window, code, tmp_path) -> None:
    from ui.charts.chart_widget import KRChart
    from ui.charts.series import kr_series

    chart = KRChart()
    kr = window.svc.kr_codes(window.plan_id)[code]
    chart.set_series(kr_series(window.metrics.evaluation, kr, code))
    path = chart.export_png(str(tmp_path / f"{code}.png"))
    assert Path(path).stat().st_size > 20_000
    chart.deleteLater()
