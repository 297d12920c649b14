"""The Chinese wording of the weekly report (周报): lights, dates, numbers and rule reasons.

The report goes to the user's boss, in the language of the reference plan, so it is written in
Chinese on purpose rather than through Qt's translations (the report is built headless, by the
CLI too). The warning rules give English templates with named values (``models.rules``); this
module holds their Chinese counterparts and falls back to the English sentence for a template
it does not know, so a new rule kind still reads, if in English.
"""

from __future__ import annotations

import datetime as dt
import re

from models import rules as r
from models.lights import Light
from models.rules import Firing, signed, with_unit
from models.trends import gain_unit

LIGHT_TEXT = {
    Light.GREEN: "🟢 绿",
    Light.YELLOW: "🟡 黄",
    Light.YELLOW_RED: "🟠 黄偏红",
    Light.RED: "🔴 红",
}
NO_LIGHT = "⚪ 未设灯"
WEEKDAYS = "一二三四五六日"

_TEMPLATES = {
    r.T_GAIN: "{metric}最近 {weeks} 周增幅为 {gains}，低于每周 {min_gain}",
    r.T_MILESTONE: "「{title}」仍未完成，且已过 {date}",
    r.T_DOWNGRADE: "「{title}」未在 {date} 前完成：{metric} 目标从 {old} 降为 {new}",
    r.T_FIRST_WEEK: "{metric}在实验前 {days} 天（自 {start} 起）仅为 {value}，低于 {threshold}",
    r.T_PAST_DUE: "「{title}」{due} 到期，尚未完成",
    r.T_DUE_TODAY: "「{title}」今天到期，尚未开始",
    r.T_DUE_SOON: "「{title}」{due} 到期（还有 {days} 天），尚未开始",
    r.T_PACE_FLOOR: (
        "{metric}需要每周 {pace} 才能在 {end} 前达到保底 {goal}，而目前最好的一周只有 {best}"
    ),
    r.T_PACE_STRETCH: (
        "{metric}需要每周 {pace} 才能在 {end} 前达到冲刺 {goal}，而目前最好的一周只有 {best}"
    ),
}
_RESPONSES = {
    r.R_PAST_DUE: "尽快完成，或移到后面的周并说明原因",
    r.R_DUE_SOON: "马上启动，或在延期前主动调整",
    r.R_PACE_FLOOR: "按当前节奏保底有风险：收缩范围或申请资源",
    r.R_PACE_STRETCH: "按当前节奏冲刺目标够不着：先确保保底",
}
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def light_text(light: Light | str | None) -> str:
    if not light:
        return NO_LIGHT
    return LIGHT_TEXT[Light(light)]


def day_text(day: dt.date) -> str:
    """12-05 周五: short enough for a list, with the weekday a reader plans by."""
    return f"{day:%m-%d} 周{WEEKDAYS[day.weekday()]}"


def week_text(monday: dt.date) -> str:
    """2025-W49（12-01 ~ 12-07）."""
    year, week, _ = monday.isocalendar()
    return f"{year}-W{week:02d}（{monday:%m-%d} ~ {monday + dt.timedelta(days=6):%m-%d}）"


def value_text(value: float | None, unit: str) -> str:
    return "—" if value is None else with_unit(value, unit)


def change_text(before: float, after: float, unit: str, direction: str) -> str:
    """+35pp for a percentage, +3 单 for a count; the sign is the raw change, not the gain."""
    delta = after - before
    if abs(delta) < 1e-9:
        return "持平"
    text = signed(delta, gain_unit(unit) or unit)
    better = delta > 0 if direction != "decrease" else delta < 0
    return text if better else f"{text}，变差"


def firing_text(firing: Firing) -> str:
    """The reason a rule fired, in Chinese: the author's description first, then the data."""
    values = {key: _short_date(value) for key, value in firing.values}
    template = _TEMPLATES.get(firing.template)
    detail = template.format(**values) if template is not None else firing.detail
    return f"{firing.description}：{detail}" if firing.description else detail


def response_text(firing: Firing) -> str:
    if firing.response:
        return firing.response
    return _RESPONSES.get(firing.response_template, firing.response_template)


def _short_date(value: str) -> str:
    """2025-12-05 -> 12-05 inside a sentence; the report's header already names the year."""
    return _ISO_DATE.sub(lambda m: m.group(0)[5:], value)
