"""Every command as apply -> assert -> revert -> assert equal to before -> apply again."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from app.commands import Change, CreateEntity, DeleteEntity, Macro, MoveCard, UpdateEntity
from app.services.plan_service import PlanService
from models.errors import NotFoundError, ValidationError
from tests.helpers import dump

D = dt.date
RUN_MVP = "跑完 MVP 实验 + 复盘"  # W51-52, due 12-29
REPORT = "拉出画像质量基础报表 & Golden Data 样本"  # W49, due 12-05
ALGO = "完成新标签算法方案 & 小样本验证"  # W50, due 12-13


@pytest.fixture
def ids(service: PlanService, plan_id: int) -> dict[str, Any]:
    tree = service.tree(plan_id)
    out: dict[str, Any] = {kr.code: kr.id for kr in tree.krs}
    out |= {m.name: m.id for m in tree.metrics}
    out |= {c.title: c.id for c in service.cards(plan_id)}
    out["line"] = tree.lines[0].id
    return out


def _week(start: dt.date, due: dt.date) -> dict[str, Any]:
    return {"level": "week", "period_start": start, "period_end": start, "due": due}


# ----- CreateEntity --------------------------------------------------------------------------------
def test_create_entity(service: PlanService, plan_id: int, ids: dict[str, Any]) -> None:
    before = dump(service)
    fields = {
        "plan_id": plan_id,
        "title": "培训区域使用铁橙 APP",
        "kr_ids": [ids["KR2"]],
        **_week(D(2025, 12, 8), D(2025, 12, 12)),
    }
    cmd = CreateEntity("card", dict(fields), name="Add card")

    changes = cmd.apply(service)
    card_id = cmd.created_id
    assert card_id is not None
    assert changes == [Change("card", (card_id,))]
    card = service.get("card", card_id)
    assert (card.title, card.kr_ids, card.period_start, card.due) == (
        "培训区域使用铁橙 APP",
        (ids["KR2"],),
        D(2025, 12, 8),
        D(2025, 12, 12),
    )
    assert len(service.cards(plan_id)) == 14
    after = dump(service)

    assert cmd.revert(service) == [Change("card", (card_id,))]
    assert dump(service) == before
    with pytest.raises(NotFoundError):
        service.get("card", card_id)

    assert cmd.apply(service) == [Change("card", (card_id,))]
    assert cmd.created_id == card_id
    assert dump(service) == after


def test_undoing_a_create_also_removes_what_was_added_under_it(
    service: PlanService, ids: dict[str, Any]
) -> None:
    before = dump(service)
    cmd = CreateEntity("kr", {"line_id": ids["line"], "code": "kr6", "title": "新 KR"})
    cmd.apply(service)
    kr_id = cmd.created_id
    assert service.get("kr", kr_id).code == "KR6"
    metric = service.create("metric", kr_id=kr_id, name="周活", unit="%")
    after = dump(service)

    cmd.revert(service)
    assert dump(service) == before
    cmd.apply(service)
    assert dump(service) == after
    assert service.get("metric", metric.id).kr_id == kr_id


# ----- UpdateEntity --------------------------------------------------------------------------------
def test_update_entity(service: PlanService, ids: dict[str, Any]) -> None:
    before = dump(service)
    cmd = UpdateEntity(
        "kr",
        ids["KR1"],
        {"light": "red", "light_reason": "连续 2 周覆盖率提升 <1pp"},
        name="Set KR1 light",
    )
    assert cmd.apply(service) == [Change("kr", (ids["KR1"],))]
    kr = service.get("kr", ids["KR1"])
    assert (kr.light, kr.light_reason) == ("red", "连续 2 周覆盖率提升 <1pp")
    assert cmd.before == {
        "light": "yellow_red",
        "light_reason": "覆盖率还差 25 个点、准确率还差 3 个点，只剩 4 周",
    }
    after = dump(service)

    assert cmd.revert(service) == [Change("kr", (ids["KR1"],))]
    assert dump(service) == before
    cmd.apply(service)
    assert dump(service) == after
    assert cmd.before["light"] == "yellow_red"  # the redo did not overwrite the undo values


def test_update_entity_of_card_krs(service: PlanService, ids: dict[str, Any]) -> None:
    before = dump(service)
    cmd = UpdateEntity("card", ids[RUN_MVP], {"kr_ids": [ids["KR4"], ids["KR5"]]})
    cmd.apply(service)
    assert service.get("card", ids[RUN_MVP]).kr_ids == (ids["KR4"], ids["KR5"])
    after = dump(service)
    cmd.revert(service)
    assert dump(service) == before
    assert service.get("card", ids[RUN_MVP]).kr_ids == (ids["KR5"],)
    cmd.apply(service)
    assert dump(service) == after


def test_a_refused_update_changes_nothing(service: PlanService, ids: dict[str, Any]) -> None:
    before = dump(service)
    cmd = UpdateEntity("metric", ids["覆盖率"], {"floor": 95.0})
    with pytest.raises(ValidationError):
        cmd.apply(service)
    assert dump(service) == before


# ----- DeleteEntity --------------------------------------------------------------------------------
def test_delete_entity_with_its_cascade(
    service: PlanService, plan_id: int, ids: dict[str, Any]
) -> None:
    before = dump(service)
    cmd = DeleteEntity("kr", ids["KR1"], name="Delete KR1")

    changes = cmd.apply(service)
    by_kind = {c.kind: c.ids for c in changes}
    assert by_kind["kr"] == (ids["KR1"],)
    assert set(by_kind["metric"]) == {ids["覆盖率"], ids["准确率"]}
    assert len(by_kind["checkin"]) == 4
    assert len(by_kind["rule"]) == 1
    assert set(by_kind) == {"kr", "metric", "checkin", "rule"}
    assert "KR1" not in service.kr_codes(plan_id)
    assert service.list("checkin") == []
    assert all(ids["KR1"] not in c.kr_ids for c in service.cards(plan_id))
    assert len(service.cards(plan_id)) == 13  # cards stay, only their KR1 link goes
    after = dump(service)

    assert cmd.revert(service) == changes
    assert dump(service) == before
    assert service.kr_codes(plan_id)["KR1"] == ids["KR1"]

    assert cmd.apply(service) == changes
    assert dump(service) == after


# ----- MoveCard ------------------------------------------------------------------------------------
def test_move_card_later_records_a_slip_and_undo_removes_it(
    service: PlanService, ids: dict[str, Any]
) -> None:
    before = dump(service)
    card_id = ids[REPORT]
    cmd = MoveCard(card_id, _week(D(2025, 12, 8), D(2025, 12, 12)), name="Move card to W50")

    changes = cmd.apply(service)
    slips = service.list("slip", card_id=card_id)
    assert len(slips) == 1
    assert changes == [Change("card", (card_id,)), Change("slip", (slips[0].id,))]
    assert (slips[0].from_start, slips[0].to_start) == (D(2025, 12, 1), D(2025, 12, 8))
    card = service.get("card", card_id)
    assert (card.period_start, card.period_end, card.due) == (
        D(2025, 12, 8),
        D(2025, 12, 8),
        D(2025, 12, 12),
    )
    assert cmd.before == _week(D(2025, 12, 1), D(2025, 12, 5))
    after = dump(service)

    assert cmd.revert(service) == changes
    assert dump(service) == before
    assert service.list("slip") == []

    assert cmd.apply(service) == changes
    assert dump(service) == after  # the same slip, at the same recorded time


def test_move_card_earlier_is_not_a_slip(service: PlanService, ids: dict[str, Any]) -> None:
    before = dump(service)
    cmd = MoveCard(ids[ALGO], _week(D(2025, 12, 1), D(2025, 12, 6)))
    assert cmd.apply(service) == [Change("card", (ids[ALGO],))]
    assert service.list("slip") == []
    after = dump(service)
    assert cmd.revert(service) == [Change("card", (ids[ALGO],))]
    assert dump(service) == before
    cmd.apply(service)
    assert dump(service) == after


def test_a_refused_move_changes_nothing(service: PlanService, ids: dict[str, Any]) -> None:
    before = dump(service)
    cmd = MoveCard(ids[RUN_MVP], _week(D(2025, 12, 24), D(2026, 1, 5)))  # not a Monday
    with pytest.raises(ValidationError):
        cmd.apply(service)
    assert dump(service) == before


# ----- Macro ---------------------------------------------------------------------------------------
def test_macro_of_two_moves_is_one_step(service: PlanService, ids: dict[str, Any]) -> None:
    before = dump(service)
    report, algo = ids[REPORT], ids[ALGO]
    at = dt.datetime(2025, 12, 4, 10, 0, tzinfo=dt.UTC)
    cmd = Macro(
        [
            MoveCard(report, _week(D(2025, 12, 15), D(2025, 12, 19)), at=at),
            MoveCard(algo, _week(D(2025, 12, 15), D(2025, 12, 20)), at=at),
        ],
        name="Move 2 cards to W51",
    )

    changes = cmd.apply(service)
    slips = service.list("slip")
    assert [(s.card_id, s.from_start, s.to_start, s.at) for s in slips] == [
        (report, D(2025, 12, 1), D(2025, 12, 15), at),
        (algo, D(2025, 12, 8), D(2025, 12, 15), at),
    ]
    assert changes == [
        Change("card", (report,)),
        Change("slip", (slips[0].id,)),
        Change("card", (algo,)),
        Change("slip", (slips[1].id,)),
    ]
    assert {service.get("card", i).period_start for i in (report, algo)} == {D(2025, 12, 15)}
    after = dump(service)

    reverted = cmd.revert(service)
    assert {c.kind for c in reverted} == {"card", "slip"}
    assert {i for c in reverted if c.kind == "card" for i in c.ids} == {report, algo}
    assert dump(service) == before

    cmd.apply(service)
    assert dump(service) == after


def test_a_macro_that_fails_half_way_writes_nothing(
    service: PlanService, ids: dict[str, Any]
) -> None:
    before = dump(service)
    cmd = Macro(
        [
            MoveCard(ids[REPORT], _week(D(2025, 12, 15), D(2025, 12, 19))),
            MoveCard(ids[ALGO], _week(D(2025, 12, 17), D(2025, 12, 20))),  # a Wednesday
        ]
    )
    with pytest.raises(ValidationError):
        cmd.apply(service)
    assert dump(service) == before
