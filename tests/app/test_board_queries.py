"""The board's reads: the whole board at once, re-reads of changed cards, slips and card facts."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

from app.commands import MoveCard
from app.services.board_queries import (
    due_outside,
    is_overdue,
    load_board,
    load_cards,
    period_last_day,
    slip_counts,
)
from models.calendar import Quarter

Q4 = Quarter(dt.date(2025, 10, 1), dt.date(2025, 12, 31))


def test_load_board_reads_the_sample_plan(service, plan_id) -> None:
    data = load_board(service, plan_id)
    assert data.today == dt.date(2025, 12, 3)  # the sample plan is frozen
    assert [line.code for line in data.lines] == ["主线一", "主线二"]
    assert [kr.code for kr in data.krs] == ["KR1", "KR2", "KR3", "KR4", "KR5"]
    assert len(data.cards) == 13
    assert data.cards == tuple(service.cards(plan_id))  # the same records the service gives
    assert data.slips == {}
    assert data.quarter == Q4


def test_load_cards_and_slip_counts_follow_a_move(service, plan_id) -> None:
    card = next(c for c in service.cards(plan_id) if c.period_start == dt.date(2025, 12, 1))
    after = {
        "level": "week",
        "period_start": dt.date(2025, 12, 8),
        "period_end": dt.date(2025, 12, 8),
        "due": card.due,
    }
    command = MoveCard(card.id, after)
    command.apply(service)
    assert slip_counts(service, [card.id]) == {card.id: 1}
    assert load_board(service, plan_id).slips == {card.id: 1}
    (moved,) = load_cards(service, [card.id, 99999])
    assert moved == service.get("card", card.id)
    command.revert(service)
    assert slip_counts(service, [card.id]) == {}
    assert slip_counts(service, []) == {}
    assert load_cards(service, []) == []


def _card(level: str, start: dt.date, end: dt.date, due: dt.date | None, status: str = "todo"):
    return SimpleNamespace(level=level, period_start=start, period_end=end, due=due, status=status)


def test_due_outside_the_period_or_the_quarter() -> None:
    w51, w52 = dt.date(2025, 12, 15), dt.date(2025, 12, 22)
    assert period_last_day("week", w52) == dt.date(2025, 12, 28)
    assert due_outside(_card("week", w51, w52, dt.date(2025, 12, 29)), Q4)  # the sample's W51-52
    assert not due_outside(_card("week", w51, w52, dt.date(2025, 12, 28)), Q4)
    assert not due_outside(_card("week", w51, w51, None), Q4)
    december = dt.date(2025, 12, 1)
    assert not due_outside(_card("month", december, december, dt.date(2025, 12, 31)), Q4)
    assert due_outside(_card("month", december, december, dt.date(2025, 11, 30)), Q4)
    w01 = dt.date(2025, 12, 29)
    assert due_outside(_card("week", w01, w01, dt.date(2026, 1, 2)), Q4)  # in W01, not in Q4
    assert not due_outside(_card("quarter", Q4.start, Q4.start, Q4.end), Q4)


def test_overdue_means_before_today_and_not_done() -> None:
    today = dt.date(2025, 12, 3)
    week = dt.date(2025, 12, 1)
    assert is_overdue(_card("week", week, week, dt.date(2025, 12, 2)), today)
    assert not is_overdue(_card("week", week, week, today), today)
    assert not is_overdue(_card("week", week, week, dt.date(2025, 12, 2), "done"), today)
    assert not is_overdue(_card("week", week, week, None), today)


def _big_above_five(monkeypatch) -> None:
    """A "big" plan is one of more than 5 cards (the sample has 13)."""
    from app.services import board_queries

    monkeypatch.setattr(board_queries, "FIRST_LANES_ABOVE", 5)


def test_a_big_plan_reads_its_first_lanes_and_the_cards_rules_read(
    service, plan_id, monkeypatch
) -> None:
    _big_above_five(monkeypatch)
    week_cards = [c for c in service.cards(plan_id) if c.level == "week"]
    for card in week_cards[::2]:  # slips in the first lanes and beyond them
        service.move_card(card.id, **service.shift_card(card.id, 1))
    full = load_board(service, plan_id)
    first = load_board(service, plan_id, first_lanes=True, first_rows=1)
    assert not first.complete and first.card_total == 13
    kr1 = next(kr.id for kr in full.krs if kr.code == "KR1")  # 5 cards: a row of 18 columns
    # A downgrade rule reads this card's status.
    ruled = next(c for c in full.cards if c.title.startswith("冻结非油 MVP"))
    assert kr1 not in ruled.kr_ids
    expected = {c.id for c in full.cards if kr1 in c.kr_ids} | {ruled.id}
    assert {c.id for c in first.cards} == expected
    assert set(first.cards) <= set(full.cards)  # the same records, in the same order
    assert [c.id for c in first.cards] == [c.id for c in full.cards if c.id in expected]
    assert first.lines == full.lines and first.krs == full.krs
    assert set(full.slips) - expected  # a card beyond the first lanes slipped...
    # ...and the first read counts the slips of its own cards only (the rest come with them).
    assert first.slips == {i: n for i, n in full.slips.items() if i in expected}
    assert first.slips


def test_a_plan_within_the_limit_is_read_whole_even_when_first_lanes_are_asked(
    service, plan_id, monkeypatch
) -> None:
    full = load_board(service, plan_id)
    assert load_board(service, plan_id, first_lanes=True) == full  # 13 cards: far below
    _big_above_five(monkeypatch)
    # Five KR lanes of a few cards each are a card high each at least: 6 rows need them all.
    assert load_board(service, plan_id, first_lanes=True, first_rows=6) == full


def test_the_first_lanes_stack_at_least_the_rows_asked_however_their_cards_spread(
    service, plan_id, monkeypatch
) -> None:
    """A lane of n cards on a board of 18 columns (the quarter, 3 months, 14 weeks) is at least
    ceil(n / 18) cards high, so whole lanes are taken, in lane order, until those heights add
    up to the rows asked. A sample KR lane has at most 18 cards: a row, or none when empty."""
    _big_above_five(monkeypatch)
    full = load_board(service, plan_id)
    lanes = [kr.id for kr in full.krs]
    counts = [sum(kr in c.kr_ids for c in full.cards) for kr in lanes]
    assert max(counts) <= 18 and counts.count(0) == 1  # KR2 has no card of its own
    ruled = next(c.id for c in full.cards if c.title.startswith("冻结非油 MVP"))
    for rows in (1, 2, 3):
        taken = 0  # lanes up to the rows-th lane with cards; the empty one costs no row
        while sum(n > 0 for n in counts[:taken]) < rows:
            taken += 1
        first = load_board(service, plan_id, first_lanes=True, first_rows=rows)
        expected = {c.id for c in full.cards if set(c.kr_ids) & set(lanes[:taken])} | {ruled}
        assert {c.id for c in first.cards} == expected
        assert len(expected) < 13
