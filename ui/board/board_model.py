"""The board's state without Qt: cards, lanes, filter, focus, and the geometry they give.

The scene owns one ``BoardModel``; commands change the database, ``replace_cards`` takes the
re-read cards and re-lays out only the lanes they left or entered. Everything here is plain
Python so tests and benchmarks can build a board from records without a window.
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import insort
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, replace
from operator import attrgetter
from typing import Any

from app.services.board_queries import BoardData, due_outside, is_overdue
from models.calendar import Quarter
from models.gc_pause import gc_paused
from models.lights import Light, worst
from ui.board.layout import (
    BoardGeometry,
    Column,
    ColumnIndex,
    LaneLayout,
    Metrics,
    Segment,
    build_columns,
    layout_lane,
)

LaneKey = tuple[str, int]  # ("kr", id), ("line", id) or ("none", 0)
NO_KR: LaneKey = ("none", 0)
NOT_SET = "none"  # the light filter's value for "no light set"

_ORDER = attrgetter("sort_order", "id")  # display order within a lane
_OWNER_SPLIT = re.compile(r"\s*[+＋、,，/&]\s*")


def owner_tokens(owner_role: str) -> list[str]:
    """The roles in an owner field: "你 + 数据/算法" -> ["你", "数据", "算法"]."""
    return [t for t in _OWNER_SPLIT.split(owner_role.strip()) if t]


@dataclass(frozen=True, slots=True)
class CardFilter:
    """What the filter bar asks for; empty fields match everything."""

    kr_id: int | None = None
    owner: str | None = None
    light: str | None = None  # a Light value, or NOT_SET
    status: str | None = None
    text: str = ""

    @property
    def active(self) -> bool:
        return any((self.kr_id, self.owner, self.light, self.status, self.text.strip()))


@dataclass(frozen=True, slots=True)
class LaneSpec:
    key: LaneKey
    code: str  # KR1, 主线一, or "" for the no-KR lane
    title: str
    light: Light | None = None


@dataclass(frozen=True, slots=True)
class CardFacts:
    """What a card shows besides its own fields."""

    light: Light | None
    overdue: bool
    due_outside: bool
    slips: int
    linked: bool  # shown in more than one lane
    kr_codes: tuple[str, ...]


class BoardModel:
    """Cards, lanes and view options in; ``geometry`` out."""

    def __init__(self, metrics: Metrics | None = None, no_kr_title: str = "No KR") -> None:
        self.metrics = metrics or Metrics()
        self.no_kr_title = no_kr_title
        self.lane_mode = "kr"  # or "line"
        self.filter = CardFilter()
        self.focus: dt.date | None = None
        self.collapsed: set[dt.date] = set()
        self.data: BoardData | None = None
        self.cards: dict[int, Any] = {}
        self.slips: dict[int, int] = {}
        self.kr_code: dict[int, str] = {}
        self.kr_line: dict[int, int] = {}
        self.lanes: list[LaneSpec] = []
        self.lane_index: dict[LaneKey, int] = {}
        self.members: list[list[int]] = []  # per lane, card ids in display order (unfiltered)
        self.columns: list[Column] = []
        self._index: ColumnIndex | None = None
        self.geometry = BoardGeometry([], [], self.metrics)
        self.evaluation: Any = None  # models.rules.Evaluation (BoardPanel.set_evaluation)
        self._facts: dict[int, tuple[Any, ...]] = {}  # see facts()

    # ----- loading -----------------------------------------------------------------------
    @property
    def quarter(self) -> Quarter:
        assert self.data is not None
        return self.data.quarter

    @property
    def today(self) -> dt.date:
        assert self.data is not None
        return self.data.today

    def load(self, data: BoardData) -> None:
        """Take a whole board (opening a plan, or after a change to lanes or the plan)."""
        self.data = data
        self._facts = {}  # the old board's are never asked for again
        self.cards = {card.id: card for card in data.cards}
        self.slips = dict(data.slips)
        self.kr_code = {kr.id: kr.code for kr in data.krs}
        self.kr_line = {kr.id: kr.line_id for kr in data.krs}
        self.rebuild()

    def set_metrics(self, metrics: Metrics) -> None:
        self.metrics = metrics

    def rebuild(self) -> None:
        """Lanes, columns and every lane's layout from scratch (options or lanes changed)."""
        if self.data is None:
            return
        with gc_paused():
            self._rebuild()

    def _rebuild(self) -> None:
        assert self.data is not None
        self.lanes = self._lane_specs()
        self.lane_index = {spec.key: i for i, spec in enumerate(self.lanes)}
        self.members = [[] for _ in self.lanes]
        members, lanes_of = self.members, self._lanes_function()
        for card in sorted(self.cards.values(), key=_ORDER):  # as _sort_key, in one C call
            for lane in lanes_of(card):
                members[lane].append(card.id)
        self.columns = build_columns(
            self.quarter,
            self.today,
            focus=self.focus,
            collapsed=self.collapsed,
            metrics=self.metrics,
        )
        self._index = ColumnIndex(self.quarter, self.columns)
        layouts = [self._layout(i) for i in range(len(self.lanes))]
        self.geometry = BoardGeometry(self.columns, layouts, self.metrics)

    def _lanes_function(self) -> Callable[[Any], list[int]]:
        """``lanes_of`` for a whole rebuild: in KR lanes, a dict lookup per KR of a card."""
        if self.lane_mode != "kr":
            return self.lanes_of
        by_kr = {kr_id: self.lane_index[("kr", kr_id)] for kr_id in self.kr_code}
        no_kr = [self.lane_index[NO_KR]] if NO_KR in self.lane_index else []

        def lanes_of(card: Any) -> list[int]:
            return [by_kr[k] for k in card.kr_ids if k in by_kr] or no_kr

        return lanes_of

    def _lane_specs(self) -> list[LaneSpec]:
        assert self.data is not None
        if self.lane_mode == "kr":
            specs = [
                LaneSpec(("kr", kr.id), kr.code, kr.title, _light(kr.light)) for kr in self.data.krs
            ]
        else:
            specs = [LaneSpec(("line", ln.id), ln.code, ln.title) for ln in self.data.lines]
        known = self.kr_code.keys()  # a card with none of these KRs goes to the no-KR lane
        if any(known.isdisjoint(card.kr_ids) for card in self.cards.values()):
            specs.append(LaneSpec(NO_KR, "", self.no_kr_title))
        return specs

    # ----- incremental updates -----------------------------------------------------------
    def replace_cards(
        self, ids: Iterable[int], records: Iterable[Any], slips: Mapping[int, int]
    ) -> set[int] | None:
        """Swap in re-read cards (absent ones were deleted); returns the lanes re-laid out.

        Returns None when the lane set itself changed (a first card without KR, or the last one
        gone): everything was rebuilt.
        """
        ids = set(ids)
        fresh = {card.id: card for card in records}
        touched: set[int] = set()
        for card_id in ids:
            old = self.cards.pop(card_id, None)
            if old is not None:
                for lane in self.lanes_of(old):
                    self.members[lane].remove(card_id)
                    touched.add(lane)
            self.slips.pop(card_id, None)
        self.slips.update({i: n for i, n in slips.items() if i in ids})
        for card_id, card in fresh.items():
            self.cards[card_id] = card
            if any(key not in self.lane_index for key in self._lane_keys(card) or [NO_KR]):
                self.rebuild()
                return None
            for lane in self.lanes_of(card):
                insort(self.members[lane], card_id, key=self._sort_key)
                touched.add(lane)
        no_kr = self.lane_index.get(NO_KR)
        if no_kr is not None and not self.members[no_kr]:  # the last card without KR left
            self.rebuild()
            return None
        self.relayout(touched)
        return touched

    def relayout(self, lanes: Iterable[int] | None = None) -> None:
        """Re-stack the given lanes (all when None), e.g. after a filter change."""
        targets = range(len(self.lanes)) if lanes is None else sorted(set(lanes))
        with gc_paused():
            for lane in targets:
                self.geometry.replace_lane(lane, self._layout(lane))

    def _layout(self, lane: int) -> LaneLayout:
        cards, place = self.cards, self._place
        if self.filter.active:
            matches = self.matches
            entries = [
                (card_id, *place(cards[card_id]))
                for card_id in self.members[lane]
                if matches(cards[card_id])
            ]
        else:
            entries = [(card_id, *place(cards[card_id])) for card_id in self.members[lane]]
        return layout_lane(lane, entries, self.columns, self.metrics)

    def _place(self, card: Any) -> tuple[list[Segment], int | None]:
        assert self._index is not None  # it places each distinct period once
        return self._index.place(card.level, card.period_start, card.period_end)

    # ----- questions ---------------------------------------------------------------------
    def _sort_key(self, card_id: int) -> tuple[int, int]:
        return (self.cards[card_id].sort_order, card_id)

    def _lane_keys(self, card: Any) -> list[LaneKey]:
        if self.lane_mode == "kr":
            return [("kr", k) for k in card.kr_ids if k in self.kr_code]
        lines = dict.fromkeys(self.kr_line[k] for k in card.kr_ids if k in self.kr_line)
        return [("line", line) for line in lines]

    def lanes_of(self, card: Any) -> list[int]:
        """The lane indexes a card shows in (several for an action serving several KRs)."""
        keys = self._lane_keys(card) or [NO_KR]
        return [self.lane_index[k] for k in keys if k in self.lane_index]

    def light_of(self, card: Any) -> Light | None:
        """The light a card shows: the worse of the one set on it and the one the warning rules
        computed (past due -> red, due within 3 days and not started -> yellow), or none."""
        computed = self.evaluation.light("card", card.id) if self.evaluation is not None else None
        return worst([_light(card.light), computed])

    def matches(self, card: Any) -> bool:
        f = self.filter
        if not f.active:
            return True
        if f.kr_id is not None and f.kr_id not in card.kr_ids:
            return False
        if f.status and card.status != f.status:
            return False
        if f.light:
            light = self.light_of(card)
            if (light.value if light else NOT_SET) != f.light:
                return False
        if f.owner and f.owner not in owner_tokens(card.owner_role):
            return False
        text = f.text.strip().casefold()
        if text:
            codes = " ".join(self.kr_code.get(k, "") for k in card.kr_ids)
            hay = f"{card.title}\n{card.done_criteria}\n{card.owner_role}\n{card.due_text}\n{codes}"
            if text not in hay.casefold():
                return False
        return True

    def facts(self, card_id: int) -> CardFacts:
        """What a card shows beyond its record. Kept per card while what it is made of stays
        the same object (record, evaluation, board data, lane index) and the slip count is
        unchanged: a drag over a dense cell repaints dozens of cards per mouse move."""
        card = self.cards[card_id]
        slips = self.slips.get(card_id, 0)
        kept = self._facts.get(card_id)
        if (
            kept is not None
            and kept[0] is card
            and kept[1] is self.evaluation
            and kept[2] is self.data
            and kept[3] is self.lane_index
            and kept[4] == slips
        ):
            return kept[5]
        facts = CardFacts(
            light=self.light_of(card),
            overdue=is_overdue(card, self.today),
            due_outside=due_outside(card, self.quarter),
            slips=slips,
            linked=len(self.lanes_of(card)) > 1,
            kr_codes=tuple(self.kr_code[k] for k in card.kr_ids if k in self.kr_code),
        )
        self._facts[card_id] = (card, self.evaluation, self.data, self.lane_index, slips, facts)
        return facts

    def owners(self) -> list[str]:
        """Owner roles of every card, most frequent first (the filter's choices)."""
        fields = Counter(card.owner_role for card in self.cards.values())  # a few distinct ones
        counts: dict[str, int] = {}
        for field_text, times in fields.items():
            for token in owner_tokens(field_text):
                counts[token] = counts.get(token, 0) + times
        return sorted(counts, key=lambda t: (-counts[t], t))

    def visible_count(self) -> int:
        if not self.filter.active:  # after every drop: no pass over 20,000 cards
            return len(self.cards)
        return sum(1 for card in self.cards.values() if self.matches(card))

    def with_filter(self, card_filter: CardFilter) -> None:
        self.filter = card_filter
        self.relayout()

    def column_of_key(self, level: str, start: dt.date) -> int | None:
        assert self._index is not None
        return self._index.visible.get((level, start))

    def replaced_filter(self, **changes: Any) -> CardFilter:
        return replace(self.filter, **changes)


def _light(value: str | None) -> Light | None:
    return Light(value) if value else None
