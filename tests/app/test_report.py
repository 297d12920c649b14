"""The weekly report (周报): what it says about the sample plan's weeks."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from app.report import current_week, parse_week, weekly_report
from models.calendar import Quarter
from models.errors import ValidationError

W49, W50, W51 = dt.date(2025, 12, 1), dt.date(2025, 12, 8), dt.date(2025, 12, 15)
Q4 = Quarter(dt.date(2025, 10, 1), dt.date(2025, 12, 31))
SECTIONS = [
    "一句话总况",
    "KR 进展",
    "关键成绩",
    "主要风险 & 应对",
    "本周延期",
    "资源诉求",
    "下周计划",
]


def section(report: str, title: str) -> str:
    """The text under ``## title`` up to the next section."""
    match = re.search(rf"^## {re.escape(title)}\n(.*?)(?=^## |\Z)", report, re.M | re.S)
    assert match is not None, f"no section {title}"
    return match.group(1)


def card_by_title(service, plan_id, start: str):
    return next(c for c in service.cards(plan_id) if c.title.startswith(start))


def test_w49_names_all_five_krs_with_their_lights(service, plan_id) -> None:
    report = weekly_report(service, plan_id, W49)
    assert report.startswith("# 周报 · Q4 双轮驱动冲刺 · 2025-W49（12-01 ~ 12-07）")
    progress = section(report, "KR 进展")
    expected = {
        "KR1": "🟠 黄偏红",
        "KR2": "🟢 绿",
        "KR3": "🟡 黄",
        "KR4": "🟠 黄偏红",
        "KR5": "🔴 红",
    }
    for code, light in expected.items():
        [line] = [line for line in progress.splitlines() if f"**{code}：" in line]
        assert light in line, line
    assert "KR1：已上线标签质量提升**（🟠 黄偏红；规则判定 🔴 红）" in progress
    assert "### 主线一：商户画像" in progress and "### 主线二：非油品" in progress


def test_sections_come_in_the_reference_order(service, plan_id) -> None:
    report = weekly_report(service, plan_id, W49)
    positions = [report.index(f"\n## {title}\n") for title in SECTIONS]
    assert positions == sorted(positions)
    summary = section(report, "一句话总况")
    assert "5 个 KR 中 1 绿、1 黄、2 黄偏红、1 红" in summary
    assert "KR5 亮红灯" in summary and "本周 2 项行动" in summary
    assert "暂无记录" in section(report, "资源诉求")


def test_the_default_week_is_the_plans_current_week(service, plan_id) -> None:
    assert current_week(service, plan_id) == W49
    assert weekly_report(service, plan_id) == weekly_report(service, plan_id, W49)


def test_kr_lines_show_floor_stretch_current_and_the_weeks_change(service, plan_id) -> None:
    progress = section(weekly_report(service, plan_id, W49), "KR 进展")
    assert "覆盖率：当前 65%，保底 80%，冲刺 90%；本周登记 65%（12-03），10-01 为 30%，+35pp" in (
        progress
    )
    assert "MVP 累计订单：当前 0 单，保底 10 单，冲刺 30 单；本周无新登记" in progress
    achievements = section(weekly_report(service, plan_id, W49), "关键成绩")
    assert "KR1 覆盖率：30%（10-01）→ 65%（12-03），+35pp" in achievements


def test_done_cards_and_deliverables_of_the_week_are_achievements(service, plan_id) -> None:
    card = card_by_title(service, plan_id, "拉出画像质量基础报表")
    service.update("card", card.id, status="done")
    tree = service.tree(plan_id)
    deliverable = tree.deliverables[0]
    service.update("deliverable", deliverable.id, done=True, due=dt.date(2025, 12, 4))
    report = weekly_report(service, plan_id, W49)
    achievements = section(report, "关键成绩")
    assert "完成行动 「拉出画像质量基础报表 & Golden Data 样本」（KR1" in achievements
    assert f"交付产出物 {deliverable.title}（KR1），12-04 周四 到期" in achievements
    assert "完成 1 项" in section(report, "一句话总况")
    assert "拉出画像质量基础报表" not in section(weekly_report(service, plan_id, W50), "关键成绩")


def test_slips_of_the_week_are_listed_from_and_to(service, plan_id) -> None:
    card = card_by_title(service, plan_id, "冻结非油 MVP")
    service.move_card(
        card.id,
        level="week",
        period_start=W50,
        period_end=W50,
        due=dt.date(2025, 12, 12),
        at=dt.datetime(2025, 12, 4, 9, 30, tzinfo=dt.UTC),
    )
    report = weekly_report(service, plan_id, W49)
    assert "- 「冻结非油 MVP 城市/站/SKU & 确认研发排期」（KR4）：W49 → W50" in section(
        report, "本周延期"
    )
    assert "延期 1 项" in section(report, "一句话总况")
    assert "没有延期" in section(weekly_report(service, plan_id, W50), "本周延期")


def test_next_week_lists_its_open_actions(service, plan_id) -> None:
    plan = section(weekly_report(service, plan_id, W49), "下周计划")
    assert plan.startswith("\n2025-W50（12-08 ~ 12-14）：")
    titles = re.findall(r"「(.+?)」", plan)
    assert titles == [
        "输出《画像质量诊断报告》",
        "输出《画像提升行动清单 v1》并按周更新",
        "非油 MVP 范围冻结 + 影子运营 3–5 天",
        "完成新标签算法方案 & 小样本验证",
        "非油联调用例通过一轮全链路测试",
    ]
    assert "截止 12-13 周六" in plan and "完成标准：样本准确率≥85%" in plan
    last = section(weekly_report(service, plan_id, dt.date(2025, 12, 29)), "下周计划")
    assert "最后一周" in last


def test_risks_come_from_fired_rules_with_their_responses(service, plan_id) -> None:
    risks = section(weekly_report(service, plan_id, W49), "主要风险 & 应对")
    assert "风险：准确率需要每周 +0.5pp 才能在 12-31 前达到保底 89%" in risks
    assert "应对：按当前节奏保底有风险：收缩范围或申请资源" in risks
    assert "预案：若「12 月 20 日仍未有任意新标签上线」→ 放弃第 2 个标签" in risks
    assert "「拉出画像质量基础报表 & Golden Data 样本」12-05 到期（还有 2 天）" in risks
    # On 12-21 the KR3 milestone (12-20) has passed: its response is now a response, not a plan.
    service.update("plan", plan_id, as_of=dt.date(2025, 12, 21))
    later = section(weekly_report(service, plan_id, W51), "主要风险 & 应对")
    assert "风险：12 月 20 日仍未有任意新标签上线：「上线确认邮件/需求单链接」仍未完成" in later
    assert "应对：放弃第 2 个标签" in later and "预案：若「12 月 20 日" not in later


def test_a_past_week_says_which_values_are_of_today(service, plan_id) -> None:
    report = weekly_report(service, plan_id, dt.date(2025, 11, 24))
    assert "数据截至 2025-11-30 ·" in report  # the week's end, not the frozen date
    assert "KR 的灯、“当前”描述和核心瓶颈是 2025-12-03 的状态" in report


@pytest.mark.parametrize(
    ("text", "monday"),
    [
        ("2025-W50", W50),
        ("2025w50", W50),
        ("W49", W49),
        (" w40 ", dt.date(2025, 9, 29)),
        ("2026-W01", dt.date(2025, 12, 29)),
        ("W1", dt.date(2025, 12, 29)),
    ],
)
def test_parse_week_accepts_iso_weeks_of_the_quarter(text: str, monday: dt.date) -> None:
    assert parse_week(text, Q4) == monday


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("2025-W60", "not an ISO week"),
        ("2025-12-01", "not a week"),
        ("", "not a week"),
        ("2024-W50", "2025-W40 to 2026-W01"),
        ("W20", "not a week of the plan's quarter"),
    ],
)
def test_parse_week_names_a_bad_value(text: str, words: str) -> None:
    with pytest.raises(ValidationError, match=re.escape(words)) as info:
        parse_week(text, Q4)
    assert repr(text) in info.value.message
