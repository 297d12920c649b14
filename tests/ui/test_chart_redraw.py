"""After a check-in, the KR chart on show redraws only its readings when its frame is unchanged,
and rebuilds when a reading moves the frame; either way it shows (and exports) the new reading."""

from __future__ import annotations

from PySide6.QtGui import QColor, QImage

from ui.checkin_commands import add_checkin

DATA = QColor("#2463b5")


def _chart_on_show(window, qtbot):
    codes = window.svc.kr_codes(window.plan_id)
    window.resize(1600, 1000)
    window.show()
    window.goal_tree.setCurrentIndex(window.tree_model.find("kr", codes["KR1"]))
    chart = window.metrics.section.chart
    qtbot.waitUntil(lambda: chart.canvas is not None and chart.draw_count > 0)
    chart.canvas.draw()  # the first full draw, which keeps the background
    return chart


def _check_in(window, value: float) -> int:
    metric = next(m for m in window.tree_model.plan_tree.metrics if m.name == "覆盖率")
    existing = window.svc.checkins(metric.id)
    today = window.svc.today(window.plan_id)
    assert window.edit_context.push(add_checkin(metric, existing, today, value, "本周"))
    return metric.id


def _data_pixels(path) -> int:
    image = QImage(str(path))
    step = 2
    return sum(
        1
        for y in range(0, image.height(), step)
        for x in range(0, image.width(), step)
        if abs(image.pixelColor(x, y).red() - DATA.red()) < 12
        and abs(image.pixelColor(x, y).green() - DATA.green()) < 12
        and abs(image.pixelColor(x, y).blue() - DATA.blue()) < 12
    )


def test_a_check_in_in_the_same_frame_redraws_only_the_readings(window, qtbot, tmp_path) -> None:
    chart = _chart_on_show(window, qtbot)
    full, draws = chart.full_draws, chart.draw_count
    metric_id = _check_in(window, 70.0)  # replaces this week's 65%: same axes and goal lines
    assert chart.draw_count == draws + 1
    assert chart.full_draws == full  # no figure rebuild
    ax, line, _points, _unit = chart.lines[metric_id]
    assert list(line.get_ydata()) == [30.0, 70.0]
    legend = [t.get_text() for t in ax.get_legend().get_texts()] if ax.get_legend() else []
    labels = [t.get_text() for t in ax.texts]
    assert "70%" in labels and "65%" not in labels
    assert all("65" not in text for text in legend)
    assert _data_pixels(chart.export_png(str(tmp_path / "kr1.png"))) > 50  # readings exported


def test_a_reading_outside_the_frame_rebuilds_the_chart(window, qtbot) -> None:
    chart = _chart_on_show(window, qtbot)
    full = chart.full_draws
    metric_id = _check_in(window, 12.0)  # below the baseline: the y axis must grow
    assert chart.full_draws == full + 1
    assert list(chart.lines[metric_id][1].get_ydata()) == [30.0, 12.0]
    low, _high = chart.lines[metric_id][0].get_ylim()
    assert low < 12.0
