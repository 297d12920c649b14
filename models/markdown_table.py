"""Read and write the quarter / month / week action table (作战看板) of a Markdown plan.

Plans arrive as Markdown written by people (or chat assistants), so the reader is lenient about
spelling (季度(Q4), Q4, Quarter; 12-31, 12月31日, 本周五) but strict about meaning: every cell
must resolve to one bucket of the plan's quarter and one date. Instead of stopping at the first
bad cell it collects every problem, so a user fixing an import sees the whole list at once, and
it never returns half a table. The writer emits the canonical Chinese form that the reader takes
back unchanged, so an exported table can be edited and imported again.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass
from typing import TypeVar

from models.calendar import Level, Quarter, week_start
from models.errors import PlanError

_T = TypeVar("_T")
_Period = tuple[Level, dt.date, dt.date]  # level, first bucket's start, last bucket's start


@dataclass(frozen=True, slots=True)
class ActionRow:
    """One row of the action table, resolved against the plan's quarter."""

    line: int  # 1-based line number in the input text
    level: Level
    period_start: dt.date  # start of the bucket: quarter's first day, month's first day, Monday
    period_end: dt.date  # start of the last bucket; == period_start unless a range like W51-52
    title: str
    kr_codes: tuple[str, ...]
    owner_role: str
    due: dt.date | None
    due_text: str  # the due cell as written, so "12-10 首版" keeps its note
    done_criteria: str


@dataclass(frozen=True, slots=True)
class TableProblem:
    """Where a table is wrong and why, precise enough for a user to fix the Markdown."""

    line: int
    column: str
    cell: str
    message: str

    def __str__(self) -> str:
        cell = self.cell if len(self.cell) <= 80 else self.cell[:77] + "..."
        return f"line {self.line}, column {self.column} ('{cell}'): {self.message}"


class ActionTableError(PlanError):
    """The table could not be read; ``problems`` holds every problem found, in table order."""

    def __init__(self, problems: Iterable[TableProblem]) -> None:
        self.problems: list[TableProblem] = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))

    def __reduce__(self) -> tuple[type[ActionTableError], tuple[list[TableProblem]]]:
        return (type(self), (self.problems,))


class _CellError(Exception):
    """Raised by the cell readers and caught per cell, so one bad cell never hides another."""


# Column key -> (name shown in problems, accepted header spellings after _header_key folding).
_COLUMNS = {
    "level": ("层级 / Level", "层级 level"),
    "action": ("行动事项 / Action", "行动事项 action actionitem"),
    "kr": ("所属 KR / KR", "所属kr kr krs"),
    "owner": ("责任角色 / Owner", "责任角色 owner ownerrole role"),
    "due": ("截止时间 / Due", "截止时间 due duedate deadline"),
    "done": ("完成标准 / Done criteria", "完成标准 donecriteria done"),
}
_REQUIRED = ("level", "action", "due")
_HEADERS = ("层级", "行动事项", "所属 KR", "责任角色", "截止时间", "完成标准")

_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_CELL_BORDER = re.compile(r"(?<!\\)\|")
_SEPARATOR_CELL = re.compile(r":?-+:?")
_DASH = "[-~–—]"
_LEVEL_WORD = re.compile(r"(季度|quarter|月度|month|周度|week)?(.*)", re.S)
_WORDS = {"季度": Level.QUARTER, "quarter": Level.QUARTER, "月度": Level.MONTH}
_WORDS.update({"month": Level.MONTH, "周度": Level.WEEK, "week": Level.WEEK})
_QUARTER_RE = re.compile(r"(?:(\d{4})-?)?q(\d)", re.A)
_WEEK_RE = re.compile(rf"(?:(\d{{4}})-?)?w(\d{{1,2}})(?:{_DASH}w?(\d{{1,2}}))?", re.A)
_WEEK_BARE_RE = re.compile(rf"(\d{{1,2}})(?:{_DASH}(\d{{1,2}}))?", re.A)
_MONTH_TOKEN = r"(\d{1,2}|[a-z]+\.?)"
_MONTH_RE = re.compile(rf"(?:(\d{{4}})[-/年])?{_MONTH_TOKEN}(?:{_DASH}{_MONTH_TOKEN})?(月)?", re.A)
_MONTHS = (
    "jan january|feb february|mar march|apr april|may|jun june|jul july|aug august"
    "|sep sept september|oct october|nov november|dec december"
)
_MONTH_NAMES = {
    name: number for number, names in enumerate(_MONTHS.split("|"), 1) for name in names.split()
}
# A date must not run on into more digits ("12-3100") or a year ("12/31/2025").
_END = r"(?!\d|[-/.]\d)"
_FULL_DATE = re.compile(
    rf"(\d{{4}})\s*[-/.年]\s*(\d{{1,2}})\s*[-/.月]\s*(\d{{1,2}})\s*日?{_END}", re.A
)
_SHORT_DATE = re.compile(rf"(\d{{1,2}})\s*(?:[-/]|月)\s*(\d{{1,2}})\s*日?{_END}", re.A)
_CN_WEEKDAY = re.compile(r"(?:本周|这周|周|星期|礼拜)([一二三四五六日天])")
_CN_DAYS = {"一": 0, "二": 1, "三": 2, "四": 3, "五": 4, "六": 5, "日": 6, "天": 6}
_EN_WEEKDAY = re.compile(
    r"(?:(?:this|by)\s+)?(monday|mon|tuesday|tues|tue|wednesday|wed|thursday|thurs|thur|thu"
    r"|friday|fri|saturday|sat|sunday|sun)\b",
    re.A,
)
_KR_SPLIT = re.compile(r"[/、,;，；+&\s]+")
_KR_CODE = re.compile(r"kr([0-9]+)", re.A | re.I)
_LEVEL_EXAMPLES = "write e.g. 季度(Q4), 月度(12 月), 周度(W49) or W51-52"
_UNREADABLE_LEVEL = "unreadable level; " + _LEVEL_EXAMPLES
_UNREADABLE_DATE = "unreadable date; write e.g. 12-31, 12月31日, 2025-12-31 or 本周五"


_SHOW = {Level.WEEK: "W{:02d}", Level.MONTH: "month {}"}


def _iso(day: dt.date) -> tuple[int, int]:
    """ISO (week, year) of a date, the way a level cell names a week."""
    return day.isocalendar().week, day.isocalendar().year


def _normalize(cell: str) -> str:
    """Fold full-width forms, case and spaces so that spelling variants compare equal."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", cell).casefold())


def _header_key(cell: str) -> str | None:
    text = re.sub(r"[*_`]", "", _normalize(cell))
    return next((key for key, (_, names) in _COLUMNS.items() if text in names.split()), None)


def _split_row(line: str) -> list[str] | None:
    """Cells of a pipe-table line, or None if it has no pipe; ``\\|`` is a pipe inside a cell."""
    cells = _CELL_BORDER.split(line)
    if len(cells) < 2:
        return None
    if not cells[0].strip():  # leading pipe
        cells.pop(0)
    if cells and not cells[-1].strip():  # trailing pipe
        cells.pop()
    return [cell.replace("\\|", "|").strip() for cell in cells]


_Table = tuple[int, list[str], list[tuple[int, list[str]]]]


def _find_table(lines: list[str]) -> _Table | None:
    """The first table naming every required column, else the first naming any known column."""
    fallback: _Table | None = None
    i = 0
    while i + 1 < len(lines):
        header = _split_row(lines[i])
        separator = _split_row(lines[i + 1])
        if (
            not header
            or separator is None
            or len(separator) != len(header)
            or not all(_SEPARATOR_CELL.fullmatch(c) for c in separator)
        ):
            i += 1
            continue
        rows: list[tuple[int, list[str]]] = []
        j = i + 2
        while j < len(lines) and lines[j].strip() and (cells := _split_row(lines[j])) is not None:
            rows.append((j + 1, cells))
            j += 1
        keys = {_header_key(cell) for cell in header}
        if all(key in keys for key in _REQUIRED):
            return i + 1, header, rows
        if fallback is None and keys - {None}:
            fallback = (i + 1, header, rows)
        i = j  # rows of a skipped table never start another table
    return fallback


class _Reader:
    """Reads cells against one quarter, its KR codes and today's date; one per parse."""

    def __init__(self, quarter: Quarter, known_krs: Collection[str] | None, today: dt.date | None):
        self.quarter = quarter
        self.label = quarter.bucket.label
        # (number, year, start) per bucket; weeks go by ISO number, so in a Q4 W01 is its last week
        self.buckets = {
            Level.WEEK: [(*_iso(wk.start), wk.start) for wk in quarter.weeks()],
            Level.MONTH: [(m.start.month, m.start.year, m.start) for m in quarter.months()],
        }
        self.known = None if known_krs is None else {k.strip().upper() for k in known_krs}
        self.today = today

    def level(self, cell: str) -> _Period:
        text = _normalize(cell)
        if not text:
            raise _CellError("empty level; " + _LEVEL_EXAMPLES)
        found = _LEVEL_WORD.fullmatch(text)
        assert found is not None  # the pattern matches any string
        word = _WORDS.get(found[1] or "")
        rest = found[2]
        if len(rest) >= 2 and rest[0] == "(" and rest[-1] == ")":
            rest = rest[1:-1]
        if not rest and word is Level.QUARTER:
            return Level.QUARTER, self.quarter.start, self.quarter.start
        if word in (None, Level.QUARTER) and (m := _QUARTER_RE.fullmatch(rest)):
            return self._quarter(m[1], int(m[2]))
        if word in (None, Level.WEEK) and (m := _WEEK_RE.fullmatch(rest)):
            return self._span(Level.WEEK, m[1], m[2], m[3])
        if word is Level.WEEK and (m := _WEEK_BARE_RE.fullmatch(rest)):
            return self._span(Level.WEEK, None, m[1], m[2])
        m = _MONTH_RE.fullmatch(rest) if word in (None, Level.MONTH) else None
        if m and (word or m[1] or m[4] or not m[2][0].isdigit()):
            return self._span(Level.MONTH, m[1], m[2], m[3])
        raise _CellError(_UNREADABLE_LEVEL)

    def _quarter(self, year: str | None, number: int) -> _Period:
        ours = (self.quarter.start.month - 1) // 3 + 1
        if number != ours or (year is not None and int(year) != self.quarter.start.year):
            named = f"{year}-Q{number}" if year else f"Q{number}"
            raise _CellError(f"{named} is not this plan's quarter {self.label}")
        return Level.QUARTER, self.quarter.start, self.quarter.start

    def _span(self, level: Level, year: str | None, first: str, last: str | None) -> _Period:
        """A week or month, or a range of them, each of which must lie in the quarter."""
        y = None if year is None else int(year)
        start = self._bucket(level, y, first)
        if last is None:
            return level, start, start
        wraps = y is not None and first.isdigit() and last.isdigit() and int(last) < int(first)
        end = self._bucket(level, None if y is None else y + wraps, last)  # 2025-W52-01
        if end < start:
            raise _CellError(f"the range {first}-{last} ends before it starts")
        return level, start, end

    def _bucket(self, level: Level, year: int | None, token: str) -> dt.date:
        number = int(token) if token.isdigit() else _MONTH_NAMES.get(token.rstrip("."))
        if number is None:
            raise _CellError(_UNREADABLE_LEVEL)
        buckets = self.buckets[level]
        for bucket_number, bucket_year, start in buckets:
            if bucket_number == number and year in (None, bucket_year):
                return start
        show = _SHOW[level].format
        named = show(number) if year is None else f"{year}-{show(number)}"
        span = f"{show(buckets[0][0])} to {show(buckets[-1][0])}"
        raise _CellError(f"{named} is not in {self.label} ({span})")

    def krs(self, cell: str) -> tuple[str, ...]:
        text = re.sub(r"(?i)kr\s+(?=[0-9])", "KR", unicodedata.normalize("NFKC", cell))
        codes: list[str] = []
        bad: list[str] = []
        for token in filter(None, _KR_SPLIT.split(text)):
            m = _KR_CODE.fullmatch(token)
            if m is None:
                bad.append(token)
            elif (code := "KR" + m[1]) not in codes:
                codes.append(code)
        if bad:
            raise _CellError(f"{', '.join(bad)}: not a KR code; write KR<number>, e.g. KR1/KR3")
        unknown = [code for code in codes if self.known is not None and code not in self.known]
        if unknown and self.known is not None:
            has = ", ".join(sorted(self.known, key=lambda c: (len(c), c))) or "no KRs"
            raise _CellError(f"unknown KR {', '.join(unknown)}; the plan has {has}")
        return tuple(codes)

    def due(self, cell: str) -> dt.date | int | None:
        """A date, a weekday (0 = Monday) still to be placed in a week, or None if empty."""
        text = unicodedata.normalize("NFKC", cell).casefold().strip()
        if not text:
            return None
        try:
            if m := _FULL_DATE.match(text):
                return dt.date(int(m[1]), int(m[2]), int(m[3]))
            if m := _SHORT_DATE.match(text):
                month, day = int(m[1]), int(m[2])
                year = self.quarter.start.year + (month < self.quarter.start.month)
                return dt.date(year, month, day)
        except ValueError as exc:
            raise _CellError(_UNREADABLE_DATE) from exc
        if m := _CN_WEEKDAY.match(text):
            return _CN_DAYS[m[1]]
        if m := _EN_WEEKDAY.match(text):
            return ("mon", "tue", "wed", "thu", "fri", "sat", "sun").index(m[1][:3])
        raise _CellError(_UNREADABLE_DATE)

    def weekday(self, weekday: int, level: Level, last_start: dt.date) -> dt.date:
        """Place 本周五 / Friday: in the card's (last) week, or for wider cards in today's week."""
        if level is Level.WEEK:
            monday = last_start
        elif self.today is None:
            raise _CellError("a weekday due on a month or quarter row needs today's date")
        else:
            monday = week_start(self.today)
        try:
            return monday + dt.timedelta(days=weekday)
        except OverflowError as exc:
            raise _CellError(_UNREADABLE_DATE) from exc

    def row(self, line: int, cells: dict[str, str], found: dict[str, str]) -> ActionRow | None:
        """One row from its cells by column key, or None after putting its problems in ``found``."""

        def attempt(key: str, read: Callable[[str], _T]) -> _T | None:
            try:
                return read(cells.get(key, ""))
            except _CellError as exc:
                found[key] = str(exc)
                return None

        period = attempt("level", self.level)
        krs = attempt("kr", self.krs)
        due = attempt("due", self.due)
        if not cells["action"]:
            found["action"] = "empty action; every row needs a title"
        if isinstance(due, int) and period is not None:
            due = attempt("due", lambda _cell: self.weekday(due, period[0], period[2]))
        if found or period is None or isinstance(due, int):
            return None
        return ActionRow(
            line=line,
            level=period[0],
            period_start=period[1],
            period_end=period[2],
            title=cells["action"],
            kr_codes=krs or (),
            owner_role=cells.get("owner", ""),
            due=due,
            due_text=cells["due"],
            done_criteria=cells.get("done", ""),
        )


def parse_action_table(
    text: str,
    quarter: Quarter,
    *,
    known_krs: Collection[str] | None = None,
    today: dt.date | None = None,
) -> list[ActionRow]:
    """Rows of the first action table in ``text``, or ActionTableError listing every problem.

    ``known_krs`` turns a KR code the plan does not have into a problem; ``today`` places a
    weekday due ("本周五") on a month or quarter row, whose own period has no single week.
    """
    table = _find_table(_LINE_BREAK.split(text))
    if table is None:
        names = ", ".join(_COLUMNS[key][0] for key in _REQUIRED)
        message = f"no action table with the columns {names} was found"
        raise ActionTableError([TableProblem(1, "(table)", "", message)])
    header_line, header, rows = table
    columns: dict[str, int] = {}
    for index, cell in enumerate(header):
        key = _header_key(cell)
        if key is not None and key not in columns:
            columns[key] = index
    missing = [key for key in _REQUIRED if key not in columns]
    if missing:  # without these columns no row can be read, so rows are not checked
        raise ActionTableError(
            TableProblem(header_line, _COLUMNS[key][0], "", "required column is missing")
            for key in missing
        )
    reader = _Reader(quarter, known_krs, today)
    problems: list[TableProblem] = []
    result: list[ActionRow] = []
    for line, cells in rows:
        if len(cells) != len(header):
            message = f"the row has {len(cells)} cells; the header has {len(header)}"
            problems.append(TableProblem(line, "(row)", " | ".join(cells), message))
            continue
        named = {key: cells[index] for key, index in columns.items()}
        found: dict[str, str] = {}
        row = reader.row(line, named, found)
        for key in sorted(found, key=columns.__getitem__):  # header order
            problems.append(TableProblem(line, header[columns[key]], named[key], found[key]))
        if row is not None:
            result.append(row)
    if problems:
        raise ActionTableError(problems)
    return result


def _escape(text: str) -> str:
    return _LINE_BREAK.sub(" ", text).replace("|", r"\|")


def _format_level(row: ActionRow) -> str:
    start, end = row.period_start, row.period_end
    if row.level is Level.QUARTER:
        return f"季度(Q{(start.month - 1) // 3 + 1})"
    if row.level is Level.MONTH:
        span = str(start.month) if end == start else f"{start.month}-{end.month}"
        return f"月度({span} 月)"
    first, last = start.isocalendar().week, end.isocalendar().week
    return f"周度(W{first:02d})" if end == start else f"周度(W{first:02d}-{last:02d})"


def _format_due(row: ActionRow, quarter: Quarter) -> str:
    if row.due_text.strip() or row.due is None:
        return row.due_text
    inferred = quarter.start.year + (row.due.month < quarter.start.month)
    # MM-DD reads back with an inferred year; spell the year out when that would change it.
    return f"{row.due:%m-%d}" if row.due.year == inferred else row.due.isoformat()


def format_action_table(rows: Iterable[ActionRow], quarter: Quarter) -> str:
    """The canonical Chinese table; parse_action_table reads it back to the same rows."""
    lines = ["| " + " | ".join(_HEADERS) + " |", "| " + " | ".join("---" for _ in _HEADERS) + " |"]
    for row in rows:
        cells = (
            _format_level(row),
            row.title,
            "/".join(row.kr_codes),
            row.owner_role,
            _format_due(row, quarter),
            row.done_criteria,
        )
        lines.append("| " + " | ".join(_escape(c) for c in cells) + " |")
    return "\n".join(lines) + "\n"
