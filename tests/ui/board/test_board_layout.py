"""The board's pure geometry: columns of the quarter, stacking without overlaps, hit testing."""

from __future__ import annotations

import datetime as dt
from itertools import pairwise

from hypothesis import given, settings
from hypothesis import strategies as st

from app.services import records as rec
from app.services.board_queries import BoardData
from models.calendar import Quarter
from ui.board.board_model import BoardModel, CardFilter, owner_tokens
from ui.board.layout import Metrics, build_columns

Q4 = Quarter(dt.date(2025, 10, 1), dt.date(2025, 12, 31))
TODAY = dt.date(2025, 12, 3)
WEEKS = [w.start for w in Q4.weeks()]
MONTHS = [m.start for m in Q4.months()]


def _plan() -> object:
    return rec.PlanRecord(id=1, name="p", quarter_start=Q4.start, quarter_end=Q4.end, as_of=TODAY)


def _kr(ident: int) -> object:
    return rec.KRRecord(
        id=ident,
        line_id=1 + ident % 2,
        code=f"KR{ident}",
        title=f"关键结果 {ident}",
        target_text="",
        current_text="",
        light=None,
        light_reason="",
        key_projects="",
        bottleneck="",
        sort_order=ident,
    )


def _card(ident: int, level: str, start: dt.date, end: dt.date, krs: tuple[int, ...]) -> object:
    return rec.CardRecord(
        id=ident,
        plan_id=1,
        level=level,
        period_start=start,
        period_end=end,
        title=f"卡片 {ident}",
        owner_role="你+数据",
        due=None,
        due_text="",
        done_criteria="",
        status="todo",
        light=None,
        sort_order=ident,
        kr_ids=krs,
    )


def _data(cards: list) -> BoardData:
    lines = tuple(
        rec.LineRecord(id=i, objective_id=1, code=f"主线{i}", title=f"线 {i}", sort_order=i)
        for i in (1, 2)
    )
    return BoardData(_plan(), TODAY, lines, tuple(_kr(i) for i in range(1, 5)), tuple(cards), {})


def test_columns_of_q4_2025() -> None:
    labels = [c.bucket.label for c in build_columns(Q4, TODAY)]
    assert labels[:8] == ["2025-Q4", "2025-10", "W40", "W41", "W42", "W43", "W44", "2025-11"]
    assert labels[-6:] == ["2025-12", "W49", "W50", "W51", "W52", "W01"]
    focused = build_columns(Q4, TODAY, focus=dt.date(2025, 12, 1))
    assert [c.bucket.label for c in focused] == [
        "2025-Q4",
        "2025-12",
        "W49",
        "W50",
        "W51",
        "W52",
        "W01",
    ]
    folded = build_columns(Q4, TODAY, collapsed=[dt.date(2025, 10, 1)], metrics=Metrics())
    assert [c.bucket.label for c in folded][:3] == ["2025-Q4", "2025-10", "2025-11"]
    assert folded[1].collapsed and folded[1].width < folded[0].width
    xs = [c.x for c in folded]
    assert xs == sorted(xs) and all(a.right == b.x for a, b in pairwise(folded))


def test_owner_roles_split_into_single_roles() -> None:
    assert owner_tokens("你 + 数据/算法") == ["你", "数据", "算法"]
    assert owner_tokens("你+运营+区域") == ["你", "运营", "区域"]
    assert owner_tokens("") == []


def test_cards_outside_the_quarter_stay_visible_in_the_quarter_column() -> None:
    model = BoardModel()
    model.load(_data([_card(1, "week", dt.date(2026, 1, 12), dt.date(2026, 1, 12), (1,))]))
    (placement,) = model.geometry.by_card[1]
    assert model.columns[placement.first].bucket.label == "2025-Q4"


def test_hidden_month_counts_its_cards() -> None:
    model = BoardModel()
    model.collapsed = {dt.date(2025, 10, 1)}
    model.load(
        _data(
            [
                _card(1, "week", WEEKS[1], WEEKS[1], (1,)),
                _card(2, "month", MONTHS[0], MONTHS[0], (1, 2)),
                _card(3, "week", WEEKS[10], WEEKS[10], (2,)),
            ]
        )
    )
    october = next(i for i, c in enumerate(model.columns) if c.bucket.label == "2025-10")
    assert model.geometry.hidden_count(october) == 2
    assert set(model.geometry.by_card) == {3}


period = st.one_of(
    st.tuples(st.just("week"), st.integers(0, len(WEEKS) - 1), st.integers(0, 2)),
    st.tuples(st.just("month"), st.integers(0, 2), st.just(0)),
    st.tuples(st.just("quarter"), st.just(0), st.just(0)),
)
card_specs = st.lists(
    st.tuples(period, st.sets(st.integers(1, 4), max_size=2)), min_size=0, max_size=40
)


def _cards_from(specs) -> list:
    cards = []
    for ident, ((level, index, span), krs) in enumerate(specs, start=1):
        if level == "week":
            start = WEEKS[index]
            end = WEEKS[min(index + span, len(WEEKS) - 1)]
        elif level == "month":
            start = end = MONTHS[index]
        else:
            start = end = Q4.start
        cards.append(_card(ident, level, start, end, tuple(sorted(krs))))
    return cards


@settings(max_examples=60, deadline=None)
@given(card_specs, st.sampled_from(["kr", "line"]), st.sampled_from([None, dt.date(2025, 12, 1)]))
def test_layout_places_every_card_in_each_of_its_lanes_without_overlaps(specs, mode, focus) -> None:
    cards = _cards_from(specs)
    model = BoardModel()
    model.lane_mode = mode
    model.focus = focus
    model.load(_data(cards))
    g = model.geometry
    for card in cards:
        places = g.by_card.get(card.id, [])
        assert {p.lane for p in places} <= set(model.lanes_of(card))
        if focus is None:  # nothing hidden: every card shows in every lane it belongs to
            assert {p.lane for p in places} == set(model.lanes_of(card))
    for lane in g.lanes:
        rects = [(p.x, p.y, p.x + p.w, p.y + p.h) for p in lane.placements]
        for i, a in enumerate(rects):
            assert a[3] <= lane.height
            for b in rects[i + 1 :]:
                assert a[2] <= b[0] or b[2] <= a[0] or a[3] <= b[1] or b[3] <= a[1], (a, b)
    for placement in (p for lane in g.lanes for p in lane.placements):
        x, y, w, h = g.scene_rect(placement)
        assert g.card_at(x + w / 2, y + h / 2) == placement
    assert g.lane_y == sorted(g.lane_y)


@settings(max_examples=30, deadline=None)
@given(card_specs, st.data())
def test_incremental_updates_give_the_same_layout_as_a_rebuild(specs, data) -> None:
    cards = _cards_from(specs)
    if not cards:
        return
    model = BoardModel()
    model.load(_data(cards))
    moved = data.draw(st.sampled_from(cards))
    week = data.draw(st.sampled_from(WEEKS))
    krs = data.draw(st.sets(st.integers(1, 4), min_size=1, max_size=2))
    new = _card(moved.id, "week", week, week, tuple(sorted(krs)))
    model.replace_cards([moved.id], [new], {})
    fresh = BoardModel()
    fresh.load(_data([new if c.id == moved.id else c for c in cards]))

    def placed(m):
        return {card: sorted(places) for card, places in m.geometry.by_card.items()}

    assert placed(model) == placed(fresh)
    assert model.geometry.lane_y == fresh.geometry.lane_y


def test_filter_relayout_compacts_the_lanes() -> None:
    cards = [_card(i, "week", WEEKS[9], WEEKS[9], (1,)) for i in range(1, 6)]
    model = BoardModel()
    model.load(_data(cards))
    tall = model.geometry.lanes[0].height
    model.with_filter(CardFilter(text="卡片 3"))
    assert list(model.geometry.by_card) == [3]
    assert model.geometry.lanes[0].height < tall
    assert model.geometry.by_card[3][0].slot == 0


def test_card_facts_follow_every_change_they_are_made_of() -> None:
    """A card's facts are kept between paints, and made again when its record, the rules'
    evaluation, the lanes or its slip count change."""
    from dataclasses import replace

    from models.lights import Light
    from models.rules import Evaluation

    model = BoardModel()
    card = _card(1, "week", WEEKS[9], WEEKS[9], (1, 2))
    model.load(_data([card]))
    first = model.facts(1)
    assert model.facts(1) is first  # kept
    assert (first.light, first.slips, first.linked, first.kr_codes) == (
        None,
        0,
        True,
        ("KR1", "KR2"),
    )

    model.evaluation = Evaluation(TODAY, lights={("card", 1): Light.RED})
    assert model.facts(1).light is Light.RED

    model.replace_cards([1], [replace(card, kr_ids=(1,), light="yellow")], {1: 2})
    now = model.facts(1)
    assert (now.light, now.slips, now.linked, now.kr_codes) == (Light.RED, 2, False, ("KR1",))

    model.evaluation = None
    assert model.facts(1).light is Light.YELLOW

    model.lane_mode = "line"  # KR1 and KR3 are on line 2, KR2 and KR4 on line 1
    model.replace_cards([1], [replace(card, kr_ids=(1, 3))], {})
    model.rebuild()
    assert not model.facts(1).linked  # one line
    model.lane_mode = "kr"
    model.rebuild()
    assert model.facts(1).linked  # two KRs
