"""Evaluating from cards already in memory, and after a change to cards only, on the sample plan:
the lights are exactly those a fresh read and a full evaluation give."""

from __future__ import annotations

import datetime as dt

from app.commands import DeleteEntity, MoveCard, UpdateEntity
from app.services.board_queries import load_board, load_cards
from app.services.evaluation import evaluate_changed_cards, evaluate_plan, with_cards


def _same(a, b) -> None:
    assert a.lights == b.lights
    assert {k: [f.reason for f in fs] for k, fs in a.firings.items()} == {
        k: [f.reason for f in fs] for k, fs in b.firings.items()
    }
    assert (a.downgrades, a.problems) == (b.downgrades, b.problems)


def _card(service, plan_id, title):
    return next(c for c in service.cards(plan_id) if c.title.startswith(title))


def test_the_boards_cards_give_the_same_evaluation_as_a_read(service, plan_id) -> None:
    board = load_board(service, plan_id)
    _same(evaluate_plan(service, plan_id, cards=board.cards), evaluate_plan(service, plan_id))


def test_a_moved_card_is_evaluated_again_without_reading_the_plan(service, plan_id) -> None:
    before = evaluate_plan(service, plan_id)
    card = _card(service, plan_id, "拉出画像质量基础报表")  # due 12-05, to do: yellow
    assert before.light("card", card.id).value == "yellow"
    week = dt.timedelta(weeks=2)
    MoveCard(
        card.id,
        {
            "level": card.level,
            "period_start": card.period_start + week,
            "period_end": card.period_end + week,
            "due": card.due + week,
        },
    ).apply(service)
    after = evaluate_changed_cards(before, {card.id}, load_cards(service, [card.id]))
    assert after.light("card", card.id) is None  # due 12-19 now: not yet
    _same(after, evaluate_plan(service, plan_id))


def test_a_status_a_downgrade_rule_reads_and_a_delete_follow_too(service, plan_id) -> None:
    ev = evaluate_plan(service, plan_id, today=dt.date(2025, 12, 11))
    schedule = _card(service, plan_id, "冻结非油 MVP")  # the downgrade rule reads this card
    UpdateEntity("card", schedule.id, {"status": "done"}).apply(service)
    ev = evaluate_changed_cards(ev, {schedule.id}, load_cards(service, [schedule.id]))
    _same(ev, evaluate_plan(service, plan_id, today=dt.date(2025, 12, 11)))
    other = _card(service, plan_id, "拉出画像质量基础报表")
    DeleteEntity("card", other.id).apply(service)
    ev = evaluate_changed_cards(ev, {other.id}, load_cards(service, [other.id]))
    assert ev.light("card", other.id) is None
    assert all(c.id != other.id for c in ev.snapshot.cards)
    _same(ev, evaluate_plan(service, plan_id, today=dt.date(2025, 12, 11)))


def test_with_cards_keeps_order_and_puts_a_restored_card_back_in_place(service, plan_id) -> None:
    snapshot = evaluate_plan(service, plan_id).snapshot
    first, second = snapshot.cards[0], snapshot.cards[1]
    without = with_cards(snapshot, {first.id}, [])
    assert [c.id for c in without.cards] == [c.id for c in snapshot.cards[1:]]
    back = with_cards(without, {first.id}, [first])
    assert back.cards == snapshot.cards
    renamed = type(second)(second.id, "新标题", second.due, second.status, second.kr_ids)
    assert with_cards(snapshot, {second.id}, [renamed]).cards[1].title == "新标题"
