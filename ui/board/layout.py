"""Pure geometry of the action board: columns, lanes, where each card sits, what is under a point.

No Qt here: the scene paints what this computes, tests check it without a display, and hit
testing during a drag is a couple of bisects and a dict lookup, so the work per mouse move does not
grow with the number of cards.

Coordinates are scene coordinates: x from the left edge of the first column, y from the top of
the first lane. Card rectangles in a ``Placement`` are relative to their lane's top.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

from models.calendar import Bucket, Level, Quarter

ColumnKey = tuple[str, dt.date]  # (level value, bucket start)
_WEEK = dt.timedelta(days=7)
Segment = tuple[int, int]  # first and last column index of a contiguous run


@dataclass(frozen=True, slots=True)
class Metrics:
    """Sizes in scene units; the scene derives ``card_height`` from its fonts."""

    col_width: float = 200.0
    collapsed_width: float = 46.0
    card_height: float = 104.0
    gap: float = 8.0  # between cards stacked in a cell
    pad: float = 8.0  # between a cell's edge and its cards
    min_slots: int = 1  # an empty lane keeps room for one card, so it can take a drop

    @property
    def slot_height(self) -> float:
        return self.card_height + self.gap


@dataclass(frozen=True, slots=True)
class Column:
    """One visible column: a quarter, a month (maybe collapsed) or an ISO week."""

    bucket: Bucket
    x: float
    width: float
    month: dt.date | None = None  # the month a month or week column belongs to
    collapsed: bool = False
    current: bool = False  # contains the plan's today

    @property
    def key(self) -> ColumnKey:
        return (self.bucket.level.value, self.bucket.start)

    @property
    def right(self) -> float:
        return self.x + self.width


def bucket_key(bucket: Bucket) -> ColumnKey:
    return (bucket.level.value, bucket.start)


def build_columns(
    quarter: Quarter,
    today: dt.date,
    *,
    focus: dt.date | None = None,
    collapsed: Iterable[dt.date] = (),
    metrics: Metrics | None = None,
) -> list[Column]:
    """The quarter column, then each month followed by its weeks.

    ``focus`` (a month start) shows only that month and its weeks besides the quarter; a collapsed
    month is a narrow column and its weeks are hidden.
    """
    metrics = metrics or Metrics()
    folded = set(collapsed)
    out: list[Column] = []
    x = 0.0

    def add(bucket: Bucket, month: dt.date | None, is_collapsed: bool = False) -> None:
        nonlocal x
        width = metrics.collapsed_width if is_collapsed else metrics.col_width
        current = bucket.level is not Level.QUARTER and bucket.contains(today)
        out.append(Column(bucket, x, width, month, is_collapsed, current))
        x += width

    add(quarter.bucket, None)
    for month in quarter.months():
        if focus is not None and month.start != focus:
            continue
        fold = focus is None and month.start in folded
        add(month, month.start, fold)
        if not fold:
            for week in quarter.weeks_of_month(month.start):
                add(week, month.start)
    return out


class ColumnIndex:
    """Maps a card's period to the visible columns it covers."""

    MAX_SPAN = 60  # buckets; a longer range is cut (it cannot be shown sensibly anyway)

    def __init__(self, quarter: Quarter, columns: Sequence[Column]) -> None:
        self.columns = columns
        self.visible: dict[ColumnKey, int] = {}
        self.hidden_in: dict[ColumnKey, int] = {}  # bucket hidden inside a collapsed month column
        for i, col in enumerate(columns):
            if col.collapsed:
                self.hidden_in[col.key] = i
                assert col.month is not None
                for week in quarter.weeks_of_month(col.month):
                    self.hidden_in[bucket_key(week)] = i
            else:
                self.visible[col.key] = i
        self.in_quarter = {bucket_key(b) for b in quarter.buckets()}
        self.quarter_column = 0
        # Thousands of cards share a few dozen periods: each is placed once (callers only read
        # the runs they get back).
        self._placed: dict[tuple[str, dt.date, dt.date], tuple[list[Segment], int | None]] = {}

    def keys_of(self, level: str, start: dt.date, end: dt.date) -> list[ColumnKey]:
        """The bucket keys a period covers, first to last."""
        if start == end:  # nearly every card: one bucket
            return [(level, start)]
        out: list[ColumnKey] = []
        day = start
        while day <= end and len(out) < self.MAX_SPAN:
            out.append((level, day))
            if level == "week":
                day += _WEEK
            else:
                months = 3 if level == "quarter" else 1
                index = day.year * 12 + day.month - 1 + months
                day = dt.date(index // 12, index % 12 + 1, 1)
        return out

    def place(self, level: str, start: dt.date, end: dt.date) -> tuple[list[Segment], int | None]:
        """Contiguous runs of visible columns for a period, and the collapsed column hiding it.

        A period wholly outside the quarter sits in the quarter column (and is flagged on the
        card), so no card ever vanishes from the board just because its dates are odd.
        """
        key = (level, start, end)
        found = self._placed.get(key)
        if found is None:
            found = self._placed[key] = self._place(level, start, end)
        return found

    def _place(self, level: str, start: dt.date, end: dt.date) -> tuple[list[Segment], int | None]:
        keys = self.keys_of(level, start, end)
        indexes = [self.visible[k] for k in keys if k in self.visible]
        if not indexes:
            hidden = next((self.hidden_in[k] for k in keys if k in self.hidden_in), None)
            if hidden is None and not any(k in self.in_quarter for k in keys):
                return [(self.quarter_column, self.quarter_column)], None
            return [], hidden
        runs: list[Segment] = []
        first = prev = indexes[0]
        for i in indexes[1:]:
            if i != prev + 1:
                runs.append((first, prev))
                first = i
            prev = i
        runs.append((first, prev))
        return runs, None


class Placement(NamedTuple):
    """One painted card: a card in one lane over one run of columns, at a stacking slot.

    A named tuple: boards create one per card and lane, and a tuple is built several times
    faster than a frozen dataclass.
    """

    card_id: int
    lane: int
    first: int
    last: int
    slot: int
    x: float
    y: float  # relative to the lane's top
    w: float
    h: float


@dataclass(slots=True)
class LaneLayout:
    placements: list[Placement] = field(default_factory=list)
    grid: dict[tuple[int, int], Placement] = field(default_factory=dict)  # (column, slot)
    slots: int = 0
    height: float = 0.0
    hidden: dict[int, set[int]] = field(default_factory=dict)  # collapsed column -> card ids


def layout_lane(
    lane: int,
    entries: Iterable[tuple[int, list[Segment], int | None]],
    columns: Sequence[Column],
    metrics: Metrics,
) -> LaneLayout:
    """Stack a lane's cards (in display order) into the lowest free slot of their columns.

    ``entries`` are (card id, segments, collapsed column hiding it). A range card takes the
    lowest slot free in every column it spans, so it never overlaps another card.
    """
    out = LaneLayout()
    first_free: dict[int, int] = {}
    taken: dict[int, set[int]] = {}
    pad, slot_h, card_h = metrics.pad, metrics.slot_height, metrics.card_height
    lefts = [col.x + pad for col in columns]
    rights = [col.right - pad for col in columns]
    placements, grid = out.placements, out.grid
    slots = 0
    for card_id, segments, hidden in entries:
        if hidden is not None:
            out.hidden.setdefault(hidden, set()).add(card_id)
        for first, last in segments:
            if first == last:  # the common case: the lowest free slot of one column
                slot = first_free.get(first, 0)
                used = taken.get(first)
                if used is None:
                    used = taken[first] = set()
            else:
                span = range(first, last + 1)
                slot = max(first_free.get(c, 0) for c in span)
                while any(slot in taken.get(c, ()) for c in span):
                    slot += 1
            x = lefts[first]
            placement = Placement(
                card_id, lane, first, last, slot, x, pad + slot * slot_h, rights[last] - x, card_h
            )
            placements.append(placement)
            if first == last:
                used.add(slot)
                free = slot + 1
                while free in used:
                    free += 1
                first_free[first] = free
                grid[(first, slot)] = placement
            else:
                for c in range(first, last + 1):
                    used = taken.setdefault(c, set())
                    used.add(slot)
                    free = first_free.get(c, 0)
                    while free in used:
                        free += 1
                    first_free[c] = free
                    grid[(c, slot)] = placement
            if slot >= slots:
                slots = slot + 1
    out.slots = slots
    rows = max(out.slots, metrics.min_slots)
    out.height = 2 * pad + rows * slot_h - metrics.gap
    return out


@dataclass(slots=True)
class BoardGeometry:
    """Columns, lane positions and every placement; answers "what is under this point"."""

    columns: list[Column]
    lanes: list[LaneLayout]
    metrics: Metrics
    lane_y: list[float] = field(default_factory=list)
    by_card: dict[int, list[Placement]] = field(default_factory=dict)
    _lefts: list[float] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._lefts = [col.x for col in self.columns]
        self.restack()
        self.reindex()

    def restack(self) -> None:
        """Recompute each lane's top from the heights above it."""
        y = 0.0
        self.lane_y = []
        for lane in self.lanes:
            self.lane_y.append(y)
            y += lane.height

    def reindex(self) -> None:
        """Rebuild card id -> placements from every lane."""
        self.by_card = {}
        for lane in self.lanes:
            for p in lane.placements:
                self.by_card.setdefault(p.card_id, []).append(p)

    def replace_lane(self, index: int, layout: LaneLayout) -> bool:
        """Swap in a re-laid-out lane; True when its height changed (lanes below must move).

        Work is proportional to the lane, not the board: a drop re-lays out one or two lanes.
        """
        old = self.lanes[index]
        for p in old.placements:
            kept = [q for q in self.by_card.get(p.card_id, ()) if q.lane != index]
            if kept:
                self.by_card[p.card_id] = kept
            else:
                self.by_card.pop(p.card_id, None)
        self.lanes[index] = layout
        for p in layout.placements:
            self.by_card.setdefault(p.card_id, []).append(p)
        if layout.height != old.height:
            self.restack()
            return True
        return False

    @property
    def width(self) -> float:
        return self.columns[-1].right if self.columns else 0.0

    @property
    def height(self) -> float:
        if not self.lanes:
            return 0.0
        return self.lane_y[-1] + self.lanes[-1].height

    def column_at(self, x: float) -> int | None:
        i = bisect_right(self._lefts, x) - 1
        if i < 0 or x >= self.columns[i].right:
            return None
        return i

    def lane_at(self, y: float) -> int | None:
        i = bisect_right(self.lane_y, y) - 1
        if i < 0 or y >= self.lane_y[i] + self.lanes[i].height:
            return None
        return i

    def card_at(self, x: float, y: float) -> Placement | None:
        col, lane = self.column_at(x), self.lane_at(y)
        if col is None or lane is None:
            return None
        local = y - self.lane_y[lane] - self.metrics.pad
        if local < 0:
            return None
        slot, offset = divmod(local, self.metrics.slot_height)
        if offset > self.metrics.card_height:
            return None
        return self.lanes[lane].grid.get((col, int(slot)))

    def cell_rect(self, lane: int, col: int) -> tuple[float, float, float, float]:
        c = self.columns[col]
        return (c.x, self.lane_y[lane], c.width, self.lanes[lane].height)

    def scene_rect(self, p: Placement) -> tuple[float, float, float, float]:
        return (p.x, self.lane_y[p.lane] + p.y, p.w, p.h)

    def hidden_count(self, col: int) -> int:
        ids: set[int] = set()
        for lane in self.lanes:
            ids |= lane.hidden.get(col, set())
        return len(ids)
