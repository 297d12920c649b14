"""Synthetic plans for the benchmark: N cards over 50 KRs and a year of weekly check-ins.

Written with bulk Core inserts on a migrated database (the benchmark measures the app, not the
generator); the shape matches what the service would write, so the app reads it as a real plan.
"""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

import sqlalchemy as sa

from app.db import open_database
from models import schema
from models.calendar import Level, Quarter
from models.lights import Light

KR_COUNT = 50
LINES = 5
QUARTER = Quarter(dt.date(2025, 10, 1), dt.date(2025, 12, 31))
AS_OF = dt.date(2025, 12, 3)


def make_plan(path: Path, cards: int, *, seed: int = 7) -> str:
    """Create a plan file with ``cards`` action cards; returns its SQLAlchemy URL."""
    url = f"sqlite:///{path}"
    db = open_database(url, fill_sample=False)
    rnd = random.Random(seed)
    with db.engine.begin() as conn:
        plan_id = conn.execute(
            sa.insert(schema.plan).values(
                name=f"Synthetic {cards}",
                quarter_start=QUARTER.start,
                quarter_end=QUARTER.end,
                as_of=AS_OF,
            )
        ).inserted_primary_key[0]
        obj_id = conn.execute(
            sa.insert(schema.objective).values(
                plan_id=plan_id, title="Synthetic objective", sort_order=0
            )
        ).inserted_primary_key[0]
        line_ids = [
            conn.execute(
                sa.insert(schema.line).values(
                    objective_id=obj_id,
                    code=f"L{i + 1}",
                    title=f"schema.line {i + 1}",
                    sort_order=i,
                )
            ).inserted_primary_key[0]
            for i in range(LINES)
        ]
        lights = [light.value for light in Light]
        kr_rows = [
            {
                "line_id": line_ids[i % LINES],
                "code": f"KR{i + 1}",
                "title": f"关键结果 {i + 1}",
                "target_text": "",
                "current_text": "",
                "light": rnd.choice(lights),
                "light_reason": "",
                "key_projects": "",
                "bottleneck": "",
                "sort_order": i,
            }
            for i in range(KR_COUNT)
        ]
        conn.execute(sa.insert(schema.keyresult), kr_rows)
        kr_ids = list(conn.execute(sa.select(schema.keyresult.c.id)).scalars())
        metric_rows = [
            {
                "kr_id": kr_id,
                "name": "覆盖率",
                "unit": "%",
                "direction": "increase",
                "baseline": 30.0,
                "current": 60.0,
                "floor": 80.0,
                "stretch": 90.0,
                "target": 90.0,
                "sort_order": 0,
            }
            for kr_id in kr_ids
        ]
        conn.execute(sa.insert(schema.metric), metric_rows)
        metric_ids = list(conn.execute(sa.select(schema.metric.c.id)).scalars())
        start = AS_OF - dt.timedelta(weeks=52)
        checkins = [
            {
                "metric_id": m,
                "date": start + dt.timedelta(weeks=w),
                "value": min(100.0, 30 + w * 0.6),
                "note": "",
            }
            for m in metric_ids
            for w in range(53)
        ]
        conn.execute(sa.insert(schema.checkin), checkins)
        weeks = QUARTER.weeks()
        months = QUARTER.months()
        card_rows = []
        for i in range(cards):
            roll = rnd.random()
            if roll < 0.8:
                level, bucket = Level.WEEK, rnd.choice(weeks)
            elif roll < 0.95:
                level, bucket = Level.MONTH, rnd.choice(months)
            else:
                level, bucket = Level.QUARTER, QUARTER.bucket
            card_rows.append(
                {
                    "plan_id": plan_id,
                    "level": level.value,
                    "period_start": bucket.start,
                    "period_end": bucket.start,
                    "title": f"行动事项 {i + 1}：推进画像覆盖率",
                    "owner_role": rnd.choice(["你", "你+数据", "你+算法", "你+区域"]),
                    "due": bucket.start + dt.timedelta(days=4),
                    "due_text": "",
                    "done_criteria": "完成标准：指标达标并有记录",
                    "status": rnd.choice(["todo", "doing", "done"]),
                    "light": rnd.choice([*lights, None]),
                    "sort_order": i,
                }
            )
        conn.execute(sa.insert(schema.actioncard), card_rows)
        card_ids = list(conn.execute(sa.select(schema.actioncard.c.id)).scalars())
        links = [{"card_id": c, "kr_id": kr_ids[c % KR_COUNT]} for c in card_ids]
        links += [
            {"card_id": c, "kr_id": kr_ids[(c + 1) % KR_COUNT]} for c in card_ids if c % 10 == 0
        ]
        conn.execute(sa.insert(schema.cardkr), links)
    db.engine.dispose()
    return url


def action_table(rows: int) -> str:
    """A Markdown action table of ``rows`` week rows for KR1..KR5 (import benchmark)."""
    head = "| 层级 | 行动事项 | 所属 KR | 责任角色 | 截止时间 | 完成标准 |\n| --- | --- | --- | --- | --- | --- |\n"
    weeks = [49, 50, 51, 52]
    body = [
        f"| 周度(W{weeks[i % 4]}) | 行动 {i} | KR{i % 5 + 1} | 你+数据 | 12-{5 + 7 * (i % 4):02d} | 完成 {i} |"
        for i in range(rows)
    ]
    return head + "\n".join(body) + "\n"
