"""The service layer over the sample Q4 2025 plan: reads, writes, cascades, undo data, refusals."""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from typing import Any

import pytest

from app.services.plan_service import PlanService, Snapshot
from models.errors import NotFoundError, ValidationError
from tests.helpers import dump

D = dt.date
NONOIL_WP1 = "非油品工作包 #1：MVP 范围冻结 + 影子运营"
RUN_MVP = "跑完 MVP 实验 + 复盘"
KR1_KR3_CARD = "完成商户画像「80% 覆盖+89% 准确率+1 新标签上线」"


def _refused(svc: PlanService, entity: str, field: str, fn: Any, *args: Any, **kw: Any) -> None:
    """``fn`` raises a ValidationError naming entity and field, and nothing is saved."""
    before = dump(svc)
    with pytest.raises(ValidationError) as err:
        fn(*args, **kw)
    assert (err.value.entity, err.value.field) == (entity, field)
    assert str(err.value).startswith(f"{entity}.{field}: ")
    assert dump(svc) == before


@pytest.fixture
def ids(service: PlanService, plan_id: int) -> dict[str, Any]:
    """Ids of the sample plan by the names a user sees."""
    tree = service.tree(plan_id)
    out: dict[str, Any] = {kr.code: kr.id for kr in tree.krs}
    out |= {m.name: m.id for m in tree.metrics}
    out |= {wp.title: wp.id for wp in tree.work_packages}
    out |= {d.title: d.id for d in tree.deliverables}
    out |= {c.title: c.id for c in service.cards(plan_id)}
    out["objective"] = tree.objectives[0].id
    out["lines"] = [line.id for line in tree.lines]
    return out


# ----- the sample plan ---------------------------------------------------------------------------
def test_the_sample_plan_is_the_reference_q4_plan(service: PlanService, plan_id: int) -> None:
    plans = service.plans()
    assert len(plans) == 1
    assert plans[0].name == "Q4 双轮驱动冲刺"
    assert (plans[0].quarter_start, plans[0].quarter_end) == (D(2025, 10, 1), D(2025, 12, 31))
    assert plans[0].as_of == D(2025, 12, 3)
    tree = service.tree(plan_id)
    assert len(tree.objectives) == 1
    assert [(line.code, line.title) for line in tree.lines] == [
        ("主线一", "商户画像"),
        ("主线二", "非油品"),
    ]
    krs = [kr for line in tree.lines for kr in tree.krs_of(line.id)]
    assert len(tree.krs) == 5
    assert [(kr.code, kr.light) for kr in krs] == [
        ("KR1", "yellow_red"),
        ("KR2", "green"),
        ("KR3", "yellow"),
        ("KR4", "yellow_red"),
        ("KR5", "red"),
    ]
    assert [kr.code for kr in tree.krs_of(tree.lines[1].id)] == ["KR4", "KR5"]
    assert len(tree.work_packages) == 5
    assert len(tree.deliverables) == 11
    codes = {kr.id: kr.code for kr in tree.krs}
    wp1 = next(wp for wp in tree.work_packages if wp.title == NONOIL_WP1)
    assert [codes[i] for i in wp1.kr_ids] == ["KR4", "KR5"]
    assert wp1.due == D(2025, 12, 7)
    assert [d.title for d in tree.deliverables_of(wp1.id)] == [
        "《非油品 MVP 范围冻结说明》（城市/站点/SKU）",
        "《影子运营实验记录表》",
    ]


def test_the_sample_cards(service: PlanService, plan_id: int) -> None:
    cards = service.cards(plan_id)
    assert len(cards) == 13
    assert Counter(c.level for c in cards) == {"quarter": 2, "month": 5, "week": 6}
    run = next(c for c in cards if c.title == RUN_MVP)
    assert (run.period_start, run.period_end, run.due) == (
        D(2025, 12, 15),
        D(2025, 12, 22),
        D(2025, 12, 29),
    )
    assert all(c.status == "todo" for c in cards)
    assert all(c.period_start == c.period_end for c in cards if c.title != RUN_MVP)


def test_the_sample_rules_and_checkins(service: PlanService, plan_id: int) -> None:
    rules = service.list("rule", plan_id=plan_id)
    assert [r.kind for r in rules] == [
        "gain_below",
        "milestone_by_date",
        "downgrade_by_date",
        "first_week_below",
    ]
    assert all(r.light == "red" and r.enabled for r in rules)
    coverage = next(m for m in service.list("metric") if m.name == "覆盖率")
    assert json.loads(rules[0].params) == {"metric_id": coverage.id, "min_gain": 1.0, "weeks": 2}
    with_checkins = {
        m.name: [(c.date, c.value) for c in service.checkins(m.id)]
        for m in service.list("metric")
        if service.checkins(m.id)
    }
    assert with_checkins == {
        "覆盖率": [(D(2025, 10, 1), 30.0), (D(2025, 12, 3), 65.0)],
        "准确率": [(D(2025, 10, 1), 85.0), (D(2025, 12, 3), 87.0)],
    }
    assert len(service.list("checkin")) == 4


def test_today_is_the_frozen_date_or_the_real_one(service: PlanService, plan_id: int) -> None:
    assert service.today(plan_id) == D(2025, 12, 3)
    assert service.today(plan_id, D(2026, 2, 1)) == D(2025, 12, 3)
    service.update("plan", plan_id, as_of=None)
    assert service.today(plan_id, D(2026, 2, 1)) == D(2026, 2, 1)
    assert service.quarter(plan_id).weeks_left(D(2025, 12, 3)) == 4


# ----- create / get / update / delete / restore for every kind -----------------------------------
def _new(kind: str, plan_id: int, ids: dict[str, Any]) -> dict[str, Any]:
    return {
        "objective": {"plan_id": plan_id, "title": "第二目标"},
        "line": {"objective_id": ids["objective"], "code": "主线三", "title": "会员"},
        "kr": {"line_id": ids["lines"][0], "code": "kr6", "title": "新 KR", "light": "green"},
        "metric": {"kr_id": ids["KR2"], "name": "使用率", "unit": "%", "floor": 50, "stretch": 60},
        "checkin": {"metric_id": ids["覆盖率"], "date": D(2025, 12, 10), "value": 68},
        "work_package": {"plan_id": plan_id, "title": "工作包 #6", "kr_ids": [ids["KR2"]]},
        "deliverable": {"work_package_id": ids[NONOIL_WP1], "title": "合同条款"},
        "card": {
            "plan_id": plan_id,
            "level": "week",
            "period_start": D(2025, 12, 8),
            "period_end": D(2025, 12, 8),
            "title": "培训区域",
            "kr_ids": [ids["KR2"], ids["KR1"]],
            "due": D(2025, 12, 12),
        },
        "rule": {
            "plan_id": plan_id,
            "kr_id": ids["KR2"],
            "kind": "gain_below",
            "params": json.dumps({"metric_id": ids["覆盖率"], "min_gain": 2, "weeks": 2}),
        },
    }[kind]


CHANGES: dict[str, dict[str, Any]] = {
    "objective": {"title": "改过的目标"},
    "line": {"title": "改过的主线", "sort_order": 5},
    "kr": {"code": "KR9", "light": "red"},
    "metric": {"current": 55.0},
    "checkin": {"value": 70.0, "note": "周五"},
    "work_package": {"due": D(2025, 12, 19), "light": "yellow"},
    "deliverable": {"done": True},
    "card": {"status": "doing", "light": "yellow"},
    "rule": {"enabled": False, "light": "yellow"},
}
KINDS = list(CHANGES)


@pytest.mark.parametrize("kind", KINDS)
def test_create_then_get_returns_what_was_saved(
    service: PlanService, plan_id: int, ids: dict[str, Any], kind: str
) -> None:
    fields = _new(kind, plan_id, ids)
    created = service.create(kind, **fields)
    assert service.get(kind, created.id) == created
    for name, value in fields.items():
        if name == "kr_ids":
            assert set(created.kr_ids) == set(value)
        elif name == "code" and kind == "kr":
            assert created.code == "KR6"
        else:
            assert getattr(created, name) == value
    assert created in service.list(kind)


@pytest.mark.parametrize("kind", KINDS)
def test_update_returns_the_new_record_and_the_old_values(
    service: PlanService, plan_id: int, ids: dict[str, Any], kind: str
) -> None:
    original = service.create(kind, **_new(kind, plan_id, ids))
    new, before = service.update(kind, original.id, **CHANGES[kind])
    assert before == {name: getattr(original, name) for name in CHANGES[kind]}
    for name, value in CHANGES[kind].items():
        assert getattr(new, name) == value
    assert service.get(kind, original.id) == new
    back, _ = service.update(kind, original.id, **before)
    assert back == original


@pytest.mark.parametrize("kind", KINDS)
def test_delete_then_restore_brings_back_every_row_with_its_id(
    service: PlanService, plan_id: int, ids: dict[str, Any], kind: str
) -> None:
    record = service.create(kind, **_new(kind, plan_id, ids))
    saved = dump(service)
    snapshot = service.delete(kind, record.id)
    assert isinstance(snapshot, Snapshot)
    with pytest.raises(NotFoundError):
        service.get(kind, record.id)
    assert dump(service) != saved
    service.restore(snapshot)
    assert service.get(kind, record.id) == record
    assert dump(service) == saved


@pytest.mark.parametrize(
    ("kind", "name"),
    [
        ("objective", None),
        ("line", None),
        ("kr", "KR1"),
        ("metric", "覆盖率"),
        ("work_package", NONOIL_WP1),
        ("deliverable", "Golden Data 验证表"),
        ("card", RUN_MVP),
    ],
)
def test_deleting_sample_entities_cascades_and_restores_exactly(
    service: PlanService, plan_id: int, ids: dict[str, Any], kind: str, name: str | None
) -> None:
    ident = {"objective": ids["objective"], "line": ids["lines"][1]}.get(kind) or ids[name]
    saved = dump(service)
    snapshot = service.delete(kind, ident)
    service.restore(snapshot)
    assert dump(service) == saved


def test_deleting_kr1_takes_its_metrics_checkins_links_and_rule(
    service: PlanService, plan_id: int, ids: dict[str, Any]
) -> None:
    kr1 = ids["KR1"]
    tree_before, cards_before = service.tree(plan_id), service.cards(plan_id)
    rules_before = service.list("rule", plan_id=plan_id)
    snapshot = service.delete("kr", kr1)

    tree = service.tree(plan_id)
    assert sorted(kr.code for kr in tree.krs) == ["KR2", "KR3", "KR4", "KR5"]
    assert {m.name for m in tree.metrics} == {"能力建设完成度", "已上线新标签数", "MVP 累计订单"}
    assert service.list("checkin") == []
    # Cards and work packages stay; they only lose their link to KR1.
    cards = service.cards(plan_id)
    assert [c.id for c in cards] == [c.id for c in cards_before]
    assert all(kr1 not in c.kr_ids for c in cards)
    kr1_kr3 = next(c for c in cards if c.title == KR1_KR3_CARD)
    assert kr1_kr3.kr_ids == (ids["KR3"],)
    assert len(tree.work_packages) == 5
    assert all(kr1 not in wp.kr_ids for wp in tree.work_packages)
    assert [r.kind for r in service.list("rule", plan_id=plan_id)] == [
        r.kind for r in rules_before if r.kr_id != kr1
    ]
    removed = Counter(table for table, _ in snapshot.rows)
    assert removed == {
        "keyresult": 1,
        "metric": 2,
        "checkin": 4,
        "cardkr": 5,
        "workpackagekr": 2,
        "warningrule": 1,
    }
    assert snapshot.rows[0] == ("keyresult", snapshot.rows[0][1])  # parents first

    service.restore(snapshot)
    assert service.tree(plan_id) == tree_before
    assert service.cards(plan_id) == cards_before
    assert service.list("rule", plan_id=plan_id) == rules_before


def test_deleting_a_card_linked_to_two_krs_leaves_both_krs(
    service: PlanService, plan_id: int, ids: dict[str, Any]
) -> None:
    card_id = ids[KR1_KR3_CARD]
    assert service.get("card", card_id).kr_ids == (ids["KR1"], ids["KR3"])
    tree_before = service.tree(plan_id)
    service.delete("card", card_id)
    assert service.tree(plan_id) == tree_before
    assert len(service.cards(plan_id)) == 12
    assert service.get("kr", ids["KR1"]).code == "KR1"
    assert service.get("kr", ids["KR3"]).code == "KR3"


def test_changing_a_cards_krs_reports_the_old_ones(
    service: PlanService, ids: dict[str, Any]
) -> None:
    card_id = ids[RUN_MVP]
    new, before = service.update("card", card_id, kr_ids=[ids["KR4"], ids["KR5"], ids["KR4"]])
    assert new.kr_ids == (ids["KR4"], ids["KR5"])
    assert before == {"kr_ids": (ids["KR5"],)}


# ----- refusals ----------------------------------------------------------------------------------
def test_an_empty_title_is_refused(service: PlanService, plan_id: int, ids: dict) -> None:
    _refused(service, "objective", "title", service.create, "objective", plan_id=plan_id, title="")
    _refused(service, "card", "title", service.update, "card", ids[RUN_MVP], title="   ")


def test_a_duplicate_kr_code_is_refused(service: PlanService, ids: dict) -> None:
    line = ids["lines"][1]
    _refused(service, "kr", "code", service.create, "kr", line_id=line, code="KR3", title="x")
    _refused(service, "kr", "code", service.create, "kr", line_id=line, code="kr1", title="x")
    _refused(service, "kr", "code", service.update, "kr", ids["KR2"], code="KR1")
    # Keeping one's own code is not a duplicate.
    new, _ = service.update("kr", ids["KR2"], code="kr2")
    assert new.code == "KR2"


def test_a_malformed_kr_code_is_refused(service: PlanService, ids: dict) -> None:
    line = ids["lines"][0]
    _refused(service, "kr", "code", service.create, "kr", line_id=line, code="K9", title="x")
    _refused(service, "kr", "code", service.update, "kr", ids["KR1"], code="KR1a")


def test_a_checkin_above_100_percent_is_refused(service: PlanService, ids: dict) -> None:
    fields = {"metric_id": ids["覆盖率"], "date": D(2025, 12, 10), "value": 140}
    _refused(service, "checkin", "value", service.create, "checkin", **fields)
    checkin = service.checkins(ids["覆盖率"])[-1]
    _refused(service, "checkin", "value", service.update, "checkin", checkin.id, value=-5)
    # On a metric counted in orders the same number is fine.
    fields["metric_id"] = ids["MVP 累计订单"]
    assert service.create("checkin", **fields).value == 140.0


def test_a_metric_floor_above_its_stretch_is_refused(service: PlanService, ids: dict) -> None:
    _refused(service, "metric", "floor", service.update, "metric", ids["覆盖率"], floor=95)
    _refused(service, "metric", "stretch", service.update, "metric", ids["覆盖率"], stretch=140)
    fields = {"kr_id": ids["KR4"], "name": "联调", "floor": 9, "stretch": 3}
    _refused(service, "metric", "floor", service.create, "metric", **fields)


def test_an_unknown_light_is_refused(service: PlanService, ids: dict) -> None:
    _refused(service, "kr", "light", service.update, "kr", ids["KR1"], light="amber")
    _refused(service, "card", "light", service.update, "card", ids[RUN_MVP], light="黄")
    wp_id = ids[NONOIL_WP1]
    _refused(service, "work_package", "light", service.update, "work_package", wp_id, light="blue")


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"min_gain": 1, "weeks": 2}, "params.metric_id"),  # required, left out
        ({"metric_id": "覆盖率", "min_gain": 1, "weeks": 2}, "params.metric_id"),
        ({"metric_id": 1, "min_gain": "一点", "weeks": 2}, "params.min_gain"),
        ({"metric_id": 1, "min_gain": 0, "weeks": 2}, "params.min_gain"),
        ({"metric_id": 1, "min_gain": 1, "weeks": 1.5}, "params.weeks"),
        ({"metric_id": 1, "min_gain": 1, "weeks": 2, "days": 3}, "params.days"),  # not its own
    ],
)
def test_bad_rule_parameters_are_refused_naming_the_parameter(
    service: PlanService, plan_id: int, ids: dict, params: dict[str, Any], field: str
) -> None:
    fields = _new("rule", plan_id, ids) | {"params": json.dumps(params, ensure_ascii=False)}
    _refused(service, "rule", field, service.create, "rule", **fields)
    rule = service.create("rule", **_new("rule", plan_id, ids))
    text = json.dumps(params, ensure_ascii=False)
    _refused(service, "rule", field, service.update, "rule", rule.id, params=text)
    assert service.get("rule", rule.id).params == rule.params  # the saved rule is unchanged


def test_a_rule_of_another_kind_must_bring_that_kinds_parameters(
    service: PlanService, plan_id: int, ids: dict
) -> None:
    rule = service.create("rule", **_new("rule", plan_id, ids))  # gain_below
    change = {"kind": "milestone_by_date"}  # keeping gain_below's metric_id, min_gain, weeks
    _refused(service, "rule", "params.metric_id", service.update, "rule", rule.id, **change)
    milestone = json.dumps({"work_package_id": ids[NONOIL_WP1], "date": "2025-12-20"})
    service.update("rule", rule.id, kind="milestone_by_date", params=milestone)
    assert service.get("rule", rule.id).kind == "milestone_by_date"


def test_an_unknown_kr_id_is_refused(service: PlanService, plan_id: int, ids: dict) -> None:
    fields = _new("card", plan_id, ids) | {"kr_ids": [ids["KR1"], 9999]}
    _refused(service, "card", "kr_ids", service.create, "card", **fields)
    _refused(service, "card", "kr_ids", service.update, "card", ids[RUN_MVP], kr_ids=[9999])
    _refused(
        service, "card", "kr_ids", service.update, "card", ids[RUN_MVP], title="新", kr_ids=[9999]
    )
    assert service.get("card", ids[RUN_MVP]).title == RUN_MVP


def test_an_unaligned_card_period_is_refused(service: PlanService, plan_id: int, ids: dict) -> None:
    fields = _new("card", plan_id, ids) | {"period_start": D(2025, 12, 10)}
    _refused(service, "card", "period_start", service.create, "card", **fields)
    misaligned = {"period_end": D(2025, 12, 8)}
    _refused(service, "card", "period_end", service.update, "card", ids[RUN_MVP], **misaligned)


def test_a_refused_write_inside_a_batch_leaves_no_partial_row(
    service: PlanService, plan_id: int, ids: dict
) -> None:
    before = dump(service)
    with service.batch():
        with pytest.raises(ValidationError):
            service.create("card", **_new("card", plan_id, ids) | {"kr_ids": [9999]})
        with pytest.raises(ValidationError):
            service.update("card", ids[RUN_MVP], title="新", kr_ids=[9999])
    assert dump(service) == before


def test_missing_ids_are_not_found(service: PlanService) -> None:
    before = dump(service)
    for call in (
        lambda: service.get("kr", 9999),
        lambda: service.update("kr", 9999, title="x"),
        lambda: service.delete("card", 9999),
        lambda: service.move_card(
            9999, level="week", period_start=D(2025, 12, 8), period_end=D(2025, 12, 8), due=None
        ),
        lambda: service.shift_card(9999, 1),
        lambda: service.today(9999),
    ):
        with pytest.raises(NotFoundError):
            call()
    assert dump(service) == before


# ----- moves ---------------------------------------------------------------------------------------
def test_moving_a_card_later_records_a_slip(service: PlanService, ids: dict) -> None:
    card_id = ids["拉出画像质量基础报表 & Golden Data 样本"]  # W49, due 12-05
    at = dt.datetime(2025, 12, 4, 10, 30, tzinfo=dt.UTC)
    card, slip_id = service.move_card(
        card_id,
        level="week",
        period_start=D(2025, 12, 8),
        period_end=D(2025, 12, 8),
        due=D(2025, 12, 12),
        at=at,
    )
    assert (card.period_start, card.period_end, card.due) == (
        D(2025, 12, 8),
        D(2025, 12, 8),
        D(2025, 12, 12),
    )
    slips = service.list("slip", card_id=card_id)
    assert [(s.id, s.from_start, s.to_start, s.at) for s in slips] == [
        (slip_id, D(2025, 12, 1), D(2025, 12, 8), at)
    ]


def test_moving_a_card_earlier_or_in_place_records_no_slip(service: PlanService, ids: dict) -> None:
    card_id = ids["完成新标签算法方案 & 小样本验证"]  # W50
    for start in (D(2025, 12, 1), D(2025, 12, 1)):
        card, slip_id = service.move_card(
            card_id, level="week", period_start=start, period_end=start, due=D(2025, 12, 6)
        )
        assert slip_id is None
        assert card.period_start == start
    assert service.list("slip") == []


def test_a_refused_move_changes_neither_period_nor_due(service: PlanService, ids: dict) -> None:
    card_id = ids[RUN_MVP]
    _refused(
        service,
        "card",
        "period_start",
        service.move_card,
        card_id,
        level="week",
        period_start=D(2025, 12, 24),
        period_end=D(2025, 12, 29),
        due=D(2026, 1, 5),
    )
    card = service.get("card", card_id)
    assert (card.period_start, card.due) == (D(2025, 12, 15), D(2025, 12, 29))


def test_a_move_is_one_transaction(service: PlanService, ids: dict) -> None:
    card_id = ids[RUN_MVP]
    before = dump(service)
    with pytest.raises(RuntimeError), service.batch():
        service.move_card(
            card_id,
            level="week",
            period_start=D(2025, 12, 22),
            period_end=D(2025, 12, 29),
            due=D(2026, 1, 5),
        )
        raise RuntimeError("crash after the move")
    assert dump(service) == before


def test_batch_rolls_back_every_write_when_something_fails(
    service: PlanService, plan_id: int, ids: dict
) -> None:
    before = dump(service)
    with pytest.raises(ValidationError), service.batch() as svc:
        svc.update("kr", ids["KR5"], light="yellow")
        svc.create("card", **_new("card", plan_id, ids))
        svc.delete("kr", ids["KR1"])
        svc.create("checkin", metric_id=ids["准确率"], date=D(2025, 12, 10), value=140)
    assert dump(service) == before
    assert service.get("kr", ids["KR5"]).light == "red"


def test_batch_commits_all_writes_together(service: PlanService, ids: dict) -> None:
    with service.batch() as svc:
        svc.update("kr", ids["KR5"], light="yellow")
        svc.update("kr", ids["KR4"], light="green")
    assert service.get("kr", ids["KR5"]).light == "yellow"
    assert service.get("kr", ids["KR4"]).light == "green"


def test_shift_card_moves_period_and_due_by_a_week(service: PlanService, ids: dict) -> None:
    before = dump(service)
    assert service.shift_card(ids[RUN_MVP], 1) == {
        "level": "week",
        "period_start": D(2025, 12, 22),
        "period_end": D(2025, 12, 29),
        "due": D(2026, 1, 5),
    }
    shifted = service.shift_card(ids[RUN_MVP], -1, move_due=False)
    assert (shifted["period_start"], shifted["due"]) == (D(2025, 12, 8), D(2025, 12, 29))
    assert dump(service) == before  # a preview only


def test_only_week_cards_shift_by_weeks(service: PlanService, ids: dict) -> None:
    with pytest.raises(ValidationError) as err:
        service.shift_card(ids["KA 直营新标签 PRD & 上线"], 1)
    assert (err.value.entity, err.value.field) == ("card", "level")
