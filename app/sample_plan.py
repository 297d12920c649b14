"""The sample Q4 plan the app opens with on first run, loaded from resources/sample_plan.json.

The JSON names things (KR codes, metric names, deliverable and card titles) rather than ids; this
module resolves those names while inserting, all in one transaction, so a first run either has
the whole sample plan or none of it.
"""

from __future__ import annotations

import datetime as dt
import json
from importlib import resources
from typing import Any

from sqlalchemy.engine import Engine

from app.services.plan_service import PlanService
from models.errors import ValidationError


def sample_plan_data() -> dict[str, Any]:
    text = resources.files("resources").joinpath("sample_plan.json").read_text(encoding="utf-8")
    return json.loads(text)


def _date(text: str | None) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


def load_sample_plan(engine: Engine, data: dict[str, Any] | None = None) -> int:
    """Insert the sample plan into an empty, migrated database; returns the plan id."""
    data = data or sample_plan_data()
    svc = PlanService(engine)
    with svc.batch():
        return _insert(svc, data)


def _insert(svc: PlanService, data: dict[str, Any]) -> int:
    p = data["plan"]
    plan = svc.create(
        "plan",
        name=p["name"],
        quarter_start=_date(p["quarter_start"]),
        quarter_end=_date(p["quarter_end"]),
        as_of=_date(p.get("as_of")),
    )
    objective = svc.create("objective", plan_id=plan.id, title=data["objective"])
    kr_ids: dict[str, int] = {}
    metric_ids: dict[str, int] = {}
    for line_order, line_data in enumerate(data["lines"]):
        line = svc.create(
            "line",
            objective_id=objective.id,
            code=line_data["code"],
            title=line_data["title"],
            sort_order=line_order,
        )
        for kr_order, kr_data in enumerate(line_data["krs"]):
            kr = svc.create(
                "kr",
                line_id=line.id,
                code=kr_data["code"],
                title=kr_data["title"],
                target_text=kr_data["target_text"],
                current_text=kr_data["current_text"],
                light=kr_data["light"],
                light_reason=kr_data.get("light_reason", ""),
                key_projects="\n".join(kr_data.get("key_projects", [])),
                bottleneck="\n".join(kr_data.get("bottleneck", [])),
                sort_order=kr_order,
            )
            kr_ids[kr.code] = kr.id
            for m_order, m in enumerate(kr_data["metrics"]):
                fields = {k: v for k, v in m.items() if k != "checkins"}
                metric = svc.create("metric", kr_id=kr.id, sort_order=m_order, **fields)
                metric_ids[m["name"]] = metric.id
                for day, value, note in m.get("checkins", []):
                    svc.create(
                        "checkin", metric_id=metric.id, date=_date(day), value=value, note=note
                    )
    deliverable_ids: dict[str, int] = {}
    for wp_order, wp_data in enumerate(data["work_packages"]):
        wp = svc.create(
            "work_package",
            plan_id=plan.id,
            title=wp_data["title"],
            kr_ids=[kr_ids[code] for code in wp_data["krs"]],
            due=_date(wp_data.get("due")),
            due_text=wp_data.get("due_text", ""),
            sort_order=wp_order,
        )
        for d_order, d in enumerate(wp_data["deliverables"]):
            deliverable = svc.create(
                "deliverable",
                work_package_id=wp.id,
                title=d["title"],
                acceptance=d.get("acceptance", ""),
                sort_order=d_order,
            )
            deliverable_ids[d["title"]] = deliverable.id
    card_ids: dict[str, int] = {}
    for order, a in enumerate(data["actions"]):
        start = _date(a["period"])
        card = svc.create(
            "card",
            plan_id=plan.id,
            level=a["level"],
            period_start=start,
            period_end=_date(a.get("period_end")) or start,
            title=a["title"],
            kr_ids=[kr_ids[code] for code in a["krs"]],
            owner_role=a["owner_role"],
            due=_date(a["due"]),
            due_text=a["due_text"],
            done_criteria=a["done_criteria"],
            sort_order=order,
        )
        card_ids[a["title"]] = card.id
    names = {"metric": metric_ids, "deliverable": deliverable_ids, "card": card_ids}
    for rule in data["rules"]:
        svc.create(
            "rule",
            plan_id=plan.id,
            kr_id=kr_ids[rule["kr"]],
            kind=rule["kind"],
            light=rule["light"],
            params=json.dumps(_resolve(rule["params"], names), ensure_ascii=False),
            description=rule["description"],
            response=rule["response"],
        )
    return plan.id


def _resolve(params: dict[str, Any], names: dict[str, dict[str, int]]) -> dict[str, Any]:
    """Turn {"metric": "覆盖率"} into {"metric_id": 3}; other parameters pass unchanged."""
    out: dict[str, Any] = {}
    for key, value in params.items():
        if key in names:
            if value not in names[key]:
                raise ValidationError("rule", key, f"sample plan names unknown {key} {value!r}")
            out[f"{key}_id"] = names[key][value]
        else:
            out[key] = value
    return out
