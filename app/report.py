"""The weekly report (周报) of a plan as Markdown, for the user's boss.

Its shape follows the reference plan: section 五.1 (一句话总况, 关键成绩, 主要风险 & 应对,
资源诉求) around the KR view of section 二 (each KR with its light, floor, stretch and current
value), plus the week's slips and next week's actions from the board.

What the data can and cannot say, and how the report stays honest about it:
* "Done this week": cards and deliverables have no done-at timestamp. A card counts as done this
  week when its status is done and it belongs to the week (a week card whose period covers the
  week, or a month or quarter card due in it); a deliverable when it is done and due in the
  week. Done deliverables without a due date are listed only in the report of the plan's current
  week, and say that their date is unknown.
* "What changed": a metric's check-ins in the week against the value recorded before the week
  (the last earlier check-in, else the baseline). Without a check-in in the week it says so.
* Risks come from the warning rules evaluated as of the week's end (or the plan's today, if
  that is earlier); the rules dependency sits in ``_rule_firings`` alone. A KR whose own light
  is yellow or worse also lists its bottlenecks (核心瓶颈) and the plan's contingency rules
  that have not fired (预案), since those are the author's stated responses.
* Asks (资源诉求): nothing in a plan records an ask, so the section says none was recorded
  rather than dressing up a bottleneck as one.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Iterable
from typing import Any

from app import report_text as t
from app.services.evaluation import load_snapshot
from app.services.plan_service import PlanService
from models.calendar import Level, Quarter, period_label, week_start
from models.enums import Status
from models.errors import ValidationError
from models.lights import Light
from models.rules import Evaluation, Firing, evaluate

_WEEK_RE = re.compile(r"(?:(\d{4})\s*-?\s*)?w(\d{1,2})", re.I)
_SEVERE = {Light.YELLOW, Light.YELLOW_RED, Light.RED}
_STATUS_MARK = {Status.DONE.value: "✅", Status.DOING.value: "🔄", Status.TODO.value: "⬜"}


def parse_week(text: str, quarter: Quarter) -> dt.date:
    """The Monday of ``2025-W50`` (or ``W50``: the week so numbered in the plan's quarter).

    Raises ValidationError naming the value when it is not an ISO week of the quarter.
    """
    m = _WEEK_RE.fullmatch(text.strip())
    if m is None:
        raise ValidationError("report", "week", f"{text!r} is not a week; write e.g. 2025-W50")
    number = int(m[2])
    weeks = quarter.weeks()
    for wk in weeks:
        year, week, _ = wk.start.isocalendar()
        if week == number and (m[1] is None or int(m[1]) == year):
            return wk.start
    if m[1] is not None:
        try:
            dt.date.fromisocalendar(int(m[1]), number, 1)
        except ValueError:
            raise ValidationError("report", "week", f"{text!r} is not an ISO week") from None
    first, last = weeks[0].start, weeks[-1].start
    span = f"{first.isocalendar().year}-W{first.isocalendar().week:02d} to " + (
        f"{last.isocalendar().year}-W{last.isocalendar().week:02d}"
    )
    raise ValidationError(
        "report", "week", f"{text!r} is not a week of the plan's quarter ({span})"
    )


def current_week(svc: PlanService, plan_id: int) -> dt.date:
    """Monday of the plan's today, kept inside the quarter (a live plan may be past its end)."""
    quarter = svc.quarter(plan_id)
    today = min(max(svc.today(plan_id), quarter.start), quarter.end)
    return week_start(today)


def weekly_report(svc: PlanService, plan_id: int, week: dt.date | None = None) -> str:
    """The Markdown report of the ISO week starting on Monday ``week`` (default: this week)."""
    monday = week_start(week) if week is not None else current_week(svc, plan_id)
    return _Report(svc, plan_id, monday).render()


def _rule_firings(svc: PlanService, plan_id: int, as_of: dt.date) -> Evaluation:
    """The warning rules' verdict as of a date: the report's only dependency on the rules."""
    snapshot = load_snapshot(svc, plan_id)
    return evaluate(dataclasses.replace(snapshot, today=as_of))


class _Report:
    """Reads the plan once and writes the sections; one instance per report."""

    def __init__(self, svc: PlanService, plan_id: int, monday: dt.date) -> None:
        self.monday = monday
        self.sunday = monday + dt.timedelta(days=6)
        self.tree = svc.tree(plan_id)
        self.today = svc.today(plan_id)
        self.quarter = svc.quarter(plan_id)
        self.as_of = min(self.sunday, self.today)
        self.cards = svc.cards(plan_id)
        card_ids = {c.id for c in self.cards}
        self.slips = [s for s in svc.list("slip") if s.card_id in card_ids]
        self.checkins = {m.id: svc.checkins(m.id) for m in self.tree.metrics}
        self.codes = {kr.id: kr.code for kr in self.tree.krs}
        self.krs = [kr for line in self.tree.lines for kr in self.tree.krs_of(line.id)]
        self.rules = svc.list("rule", plan_id=plan_id)
        self.evaluation = _rule_firings(svc, plan_id, self.as_of)

    # ----- helpers -----------------------------------------------------------------------
    def _in_week(self, day: dt.date | None, monday: dt.date) -> bool:
        return day is not None and monday <= day <= monday + dt.timedelta(days=6)

    def _cards_of_week(self, monday: dt.date) -> list[Any]:
        """Week cards whose period covers the week, and wider cards due in it."""
        out = []
        for card in self.cards:
            if card.level == Level.WEEK.value:
                if card.period_start <= monday <= card.period_end:
                    out.append(card)
            elif self._in_week(card.due, monday):
                out.append(card)
        return out

    def _kr_label(self, kr_ids: Iterable[int]) -> str:
        return "/".join(self.codes[i] for i in kr_ids if i in self.codes)

    def _card_line(self, card: Any, *, mark: bool = False) -> str:
        details = [x for x in (self._kr_label(card.kr_ids), card.owner_role) if x]
        if card.due is not None:
            details.append("截止 " + t.day_text(card.due))
        line = f"「{card.title}」" + (f"（{' · '.join(details)}）" if details else "")
        if card.done_criteria:
            line += f"— 完成标准：{card.done_criteria}"
        return (_STATUS_MARK.get(card.status, "⬜") + " " if mark else "") + line

    def _value_at(self, metric: Any) -> float | None:
        readings = [c for c in self.checkins[metric.id] if c.date <= self.as_of]
        if readings:
            return readings[-1].value
        return metric.baseline if self.checkins[metric.id] else metric.current

    def _week_change(self, metric: Any) -> tuple[Any, float | None, str] | None:
        """The week's last check-in, the value before it and where that came from
        ("10-01" for an earlier check-in, "基线" for the baseline); None without a check-in."""
        points = self.checkins[metric.id]
        inside = [c for c in points if self._in_week(c.date, self.monday)]
        if not inside:
            return None
        before = [c for c in points if c.date < self.monday]
        if before:
            return inside[-1], before[-1].value, f"{before[-1].date:%m-%d}"
        return inside[-1], metric.baseline, "基线"

    def _change_line(self, metric: Any) -> str:
        """本周登记 65%（12-03），10-01 为 30%，+35pp: the week's value against the last known."""
        change = self._week_change(metric)
        if change is None:
            return "本周无新登记"
        last, before, since = change
        unit = metric.unit or ""
        now = f"本周登记 {t.value_text(last.value, unit)}（{last.date:%m-%d}）"
        if before is None:
            return now + "，此前没有记录"
        delta = t.change_text(before, last.value, unit, metric.direction)
        since = since if since == "基线" else f"{since} "
        return f"{now}，{since}为 {t.value_text(before, unit)}，{delta}"

    # ----- sections ----------------------------------------------------------------------
    def render(self) -> str:
        plan = self.tree.plan
        frozen = "（计划冻结日期）" if plan.as_of is not None and self.as_of == plan.as_of else ""
        weeks_left = self.quarter.weeks_left(self.as_of)
        parts = [
            f"# 周报 · {plan.name} · {t.week_text(self.monday)}",
            "",
            f"> 数据截至 {self.as_of.isoformat()}{frozen} · {self.quarter.bucket.label} "
            f"季度剩余 {weeks_left} 周 · 由 OKR Planner 生成",
        ]
        if self.as_of < self.today:
            parts.append(
                f"> 注：KR 的灯、“当前”描述和核心瓶颈是 {self.today.isoformat()} 的状态；"
                "指标数值、行动和预警按本周末计算。"
            )
        for objective in self.tree.objectives:
            parts += ["", f"**目标（O）**：{objective.title}"]
        for title, body in (
            ("一句话总况", self._summary()),
            ("KR 进展", self._kr_progress()),
            ("关键成绩", self._achievements()),
            ("主要风险 & 应对", self._risks()),
            ("本周延期", self._slips()),
            ("资源诉求", ["- 暂无记录：计划里没有登记资源诉求。"]),
            ("下周计划", self._next_week()),
        ):
            parts += ["", f"## {title}", "", *body]
        return "\n".join(parts) + "\n"

    def _summary(self) -> list[str]:
        lights = [Light(kr.light) if kr.light else None for kr in self.krs]
        counts = [
            f"{lights.count(light)} {t.LIGHT_TEXT[light].split()[1]}"
            for light in Light
            if lights.count(light)
        ]
        reds = [kr.code for kr in self.krs if kr.light == Light.RED.value]
        if reds:
            mood = f"{'、'.join(reds)} 亮红灯，需要重点支持"
        elif Light.YELLOW_RED in lights:
            mood = "整体可控但高压"
        elif Light.YELLOW in lights:
            mood = "整体可控"
        else:
            mood = "整体按计划推进"
        lines = "、".join(line.title for line in self.tree.lines)
        if len(self.tree.lines) > 1:
            lines += f"{_count_word(len(self.tree.lines))}条主线"
        week_cards = self._cards_of_week(self.monday)
        done = sum(c.status == Status.DONE.value for c in week_cards)
        doing = sum(c.status == Status.DOING.value for c in week_cards)
        todo = len(week_cards) - done - doing
        slipped = len(self._week_slips())
        text = (
            f"{self.quarter.bucket.label} 围绕{lines}推进，{len(self.krs)} 个 KR 中 "
            f"{'、'.join(counts) or '均未设灯'}，{mood}。"
            f"本周 {len(week_cards)} 项行动：完成 {done} 项、进行中 {doing} 项、未开始 {todo} 项"
            + (f"、延期 {slipped} 项" if slipped else "")
            + f"；季度剩余 {self.quarter.weeks_left(self.as_of)} 周。"
        )
        return [text]

    def _kr_progress(self) -> list[str]:
        out: list[str] = []
        for line in self.tree.lines:
            title = f"{line.code}：{line.title}" if line.code else line.title
            out += [f"### {title}", ""]
            for n, kr in enumerate(self.tree.krs_of(line.id), start=1):
                out.append(f"{n}. **{kr.code}：{kr.title}**（{self._lights_of(kr)}）")
                if kr.target_text:
                    out.append(f"   - 目标：{kr.target_text}")
                if kr.current_text:
                    out.append(f"   - 当前：{kr.current_text}")
                out += [f"   - {text}" for text in self._metric_lines(kr)]
                if kr.light_reason:
                    out.append(f"   - 灯的依据：{kr.light_reason}")
            out.append("")
        return out[:-1] if out else ["- 计划里还没有 KR。"]

    def _lights_of(self, kr: Any) -> str:
        own = t.light_text(kr.light)
        computed = self.evaluation.light("kr", kr.id)
        if computed is not None and computed.value != kr.light:
            return f"{own}；规则判定 {t.light_text(computed)}"
        return own

    def _metric_lines(self, kr: Any) -> list[str]:
        out = []
        for m in self.tree.metrics_of(kr.id):
            unit = m.unit or ""
            goals = [f"当前 {t.value_text(self._value_at(m), unit)}"]
            goals += [f"保底 {t.value_text(m.floor, unit)}"] if m.floor is not None else []
            goals += [f"冲刺 {t.value_text(m.stretch, unit)}"] if m.stretch is not None else []
            if m.floor is None and m.stretch is None and m.target is not None:
                goals.append(f"目标 {t.value_text(m.target, unit)}")
            out.append(f"{m.name}：{'，'.join(goals)}；{self._change_line(m)}")
        return out

    def _achievements(self) -> list[str]:
        out = []
        for kr in self.krs:
            for m in self.tree.metrics_of(kr.id):
                change = self._week_change(m)
                if change is None or change[1] is None:
                    continue
                last, before, since = change
                gained = last.value > before if m.direction != "decrease" else last.value < before
                if gained:
                    unit = m.unit or ""
                    delta = t.change_text(before, last.value, unit, m.direction)
                    out.append(
                        f"- {kr.code} {m.name}：{t.value_text(before, unit)}（{since}）→ "
                        f"{t.value_text(last.value, unit)}（{last.date:%m-%d}），{delta}"
                    )
        for card in self._cards_of_week(self.monday):
            if card.status == Status.DONE.value:
                out.append("- 完成行动 " + self._card_line(card))
        wps = {wp.id: wp for wp in self.tree.work_packages}
        this_week = self.monday <= self.today <= self.sunday
        for d in self.tree.deliverables:
            if not d.done:
                continue
            wp = wps.get(d.work_package_id)
            krs = f"（{self._kr_label(wp.kr_ids)}）" if wp is not None and wp.kr_ids else ""
            if self._in_week(d.due, self.monday):
                out.append(f"- 交付产出物 {d.title}{krs}，{t.day_text(d.due)} 到期")
            elif d.due is None and this_week:
                out.append(f"- 产出物已完成：{d.title}{krs}（未记录完成日期）")
        return out or ["- 本周暂无已完成的记录（指标登记、行动、产出物）。"]

    def _risks(self) -> list[str]:
        out = []
        fired_rules = set()
        for firings in self.evaluation.firings.values():
            fired_rules.update(f.rule_id for f in firings if f.rule_id is not None)
        for kr in self.krs:
            items = []
            for firing in _distinct(self.evaluation.firings_of("kr", kr.id)):
                items.append(f"  - 风险：{t.firing_text(firing)}（{t.light_text(firing.light)}）")
                items.append(f"    - 应对：{t.response_text(firing)}")
            if kr.light and Light(kr.light) in _SEVERE:
                bottlenecks = [b.strip() for b in kr.bottleneck.splitlines() if b.strip()]
                if bottlenecks:
                    items.append(f"  - 核心瓶颈：{'；'.join(bottlenecks)}")
                for rule in self.rules:
                    if rule.kr_id == kr.id and rule.enabled and rule.id not in fired_rules:
                        items.append(f"  - 预案：若「{rule.description}」→ {rule.response}")
            if items:
                out += [f"- **{kr.code} {kr.title}**（{self._lights_of(kr)}）", *items]
        cards = {c.id: c for c in self.cards}
        reminders = []
        for (kind, ident), firings in self.evaluation.firings.items():
            if kind not in ("card", "deliverable", "work_package"):
                continue
            krs = self._kr_label(cards[ident].kr_ids) if ident in cards and kind == "card" else ""
            for firing in firings:
                if firing.rule_id is not None:
                    continue  # a plan rule: already listed under its KR
                prefix = f"{krs} · " if krs else ""
                light = t.light_text(firing.light)
                reminders.append(f"  - {prefix}{t.firing_text(firing)}（{light}）")
                reminders.append(f"    - 应对：{t.response_text(firing)}")
        if reminders:
            out += ["- **行动与交付提醒**", *reminders]
        return out or ["- 暂无触发的预警。"]

    def _week_slips(self) -> list[Any]:
        return [s for s in self.slips if self._in_week(_local_day(s.at), self.monday)]

    def _slips(self) -> list[str]:
        cards = {c.id: c for c in self.cards}
        out = []
        for slip in sorted(self._week_slips(), key=lambda s: (s.at, s.id)):
            card = cards[slip.card_id]
            level = Level(card.level)
            before = period_label(level, slip.from_start)
            after = period_label(level, slip.to_start)
            krs = self._kr_label(card.kr_ids)
            out.append(
                f"- 「{card.title}」" + (f"（{krs}）" if krs else "") + f"：{before} → {after}"
            )
        return out or ["- 本周没有延期的行动。"]

    def _next_week(self) -> list[str]:
        monday = self.monday + dt.timedelta(days=7)
        if monday > self.quarter.end:
            return ["- 本季度已到最后一周，没有下周的行动。"]
        cards = [c for c in self._cards_of_week(monday) if c.status != Status.DONE.value]
        cards.sort(key=lambda c: (c.due or dt.date.max, c.sort_order, c.id))
        if not cards:
            return [f"- {t.week_text(monday)} 还没有安排行动。"]
        lines = [f"- {self._card_line(c, mark=True)}" for c in cards]
        return [f"{t.week_text(monday)}：", "", *lines]


def _local_day(at: dt.datetime) -> dt.date:
    """The user's calendar day of a slip (stored in UTC): a move at 01:00 on Monday in
    Shanghai is 17:00 on Sunday in UTC, and belongs to the new week."""
    aware = at if at.tzinfo is not None else at.replace(tzinfo=dt.UTC)
    return aware.astimezone().date()


def _count_word(n: int) -> str:
    """两 for 2, as in 两条主线; digits beyond ten."""
    return "零一两三四五六七八九十"[n] if n <= 10 else str(n)


def _distinct(firings: list[Firing]) -> list[Firing]:
    """Firings in order, each reason once (a rule can fire on a KR through two of its keys)."""
    seen: set[str] = set()
    out = []
    for firing in firings:
        key = t.firing_text(firing)
        if key not in seen:
            seen.add(key)
            out.append(firing)
    return out
