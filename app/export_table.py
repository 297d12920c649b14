"""Export a plan's actions as the reference Markdown table (作战看板) or as CSV for Excel.

The Markdown is what ``import-md`` reads back to the same cards, so a user can edit a plan's
actions in any text editor (or a chat) and import them into another plan. The CSV has the same
six columns, in UTF-8 with a byte order mark and CRLF line ends, which is what makes Excel open
Chinese text correctly on a double click.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import replace
from typing import Any

from app.services.plan_service import PlanService
from models.calendar import Level, Quarter
from models.markdown_table import (
    ActionRow,
    ActionTableError,
    format_action_table,
    parse_action_table,
)

HEADERS = ("层级", "行动事项", "所属 KR", "责任角色", "截止时间", "完成标准")
_LEVEL_ORDER = {Level.QUARTER: 0, Level.MONTH: 1, Level.WEEK: 2}
# A cell starting with one of these is a formula to Excel ("=HYPERLINK(...)"); a leading
# apostrophe makes it text (OWASP's advice for CSV injection).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def action_rows(svc: PlanService, plan_id: int) -> list[ActionRow]:
    """The plan's cards as table rows: quarter, then month, then week cards, each by period.

    A due text that no longer reads back as the card's due date (the card was moved on the
    board, or "本周五" sits on a month card) is dropped so the date itself is written.
    """
    quarter = svc.quarter(plan_id)
    codes = {ident: code for code, ident in svc.kr_codes(plan_id).items()}
    cards = sorted(
        svc.cards(plan_id),
        key=lambda c: (_LEVEL_ORDER[Level(c.level)], c.period_start, c.sort_order, c.id),
    )
    rows = [_row(card, codes, line) for line, card in enumerate(cards, start=3)]
    return _fix_due_texts(rows, quarter, svc.today(plan_id))


def export_markdown(svc: PlanService, plan_id: int) -> str:
    """The actions as a Markdown table in the reference plan's format."""
    return format_action_table(action_rows(svc, plan_id), svc.quarter(plan_id))


def export_csv(svc: PlanService, plan_id: int) -> bytes:
    """The actions as CSV bytes: UTF-8 with BOM, CRLF, the Markdown table's columns and cells."""
    markdown = parse_cells(export_markdown(svc, plan_id))
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(HEADERS)
    for cells in markdown:
        writer.writerow([_excel_safe(cell) for cell in cells])
    return buffer.getvalue().encode("utf-8-sig")


def parse_cells(table: str) -> list[list[str]]:
    """The body cells of a table written by ``format_action_table`` (pipes unescaped)."""
    out = []
    for line in table.splitlines()[2:]:
        inner = line[2:-2]  # "| a | b |" -> "a | b"
        cells, current, i = [], [], 0
        while i < len(inner):
            if inner.startswith("\\|", i):
                current.append("|")
                i += 2
            elif inner.startswith(" | ", i):
                cells.append("".join(current))
                current, i = [], i + 3
            else:
                current.append(inner[i])
                i += 1
        cells.append("".join(current))
        out.append(cells)
    return out


def _row(card: Any, codes: dict[int, str], line: int) -> ActionRow:
    kr_codes = tuple(codes[i] for i in card.kr_ids if i in codes)
    return ActionRow(
        line=line,
        level=Level(card.level),
        period_start=card.period_start,
        period_end=card.period_end,
        title=card.title,
        kr_codes=tuple(sorted(kr_codes, key=lambda c: (len(c), c))),
        owner_role=card.owner_role,
        due=card.due,
        due_text=card.due_text,
        done_criteria=card.done_criteria,
    )


def _fix_due_texts(rows: list[ActionRow], quarter: Quarter, today: dt.date) -> list[ActionRow]:
    """Rows whose due text reads back as another date (or not at all) get the date instead."""
    stale: set[int] = set()
    try:
        back = parse_action_table(format_action_table(rows, quarter), quarter, today=today)
        stale = {i for i, (a, b) in enumerate(zip(rows, back, strict=True)) if a.due != b.due}
    except ActionTableError as exc:
        lines = {p.line for p in exc.problems if p.column == HEADERS[4]}
        stale = {i for i, row in enumerate(rows) if row.line in lines}
    return [_with_date(row) if i in stale else row for i, row in enumerate(rows)]


def _with_date(row: ActionRow) -> ActionRow:
    return replace(row, due_text="")


def _excel_safe(cell: str) -> str:
    return "'" + cell if cell.startswith(_FORMULA_START) else cell
