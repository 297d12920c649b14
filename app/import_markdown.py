"""Import a Markdown action table (作战看板) into a plan as cards: all rows, or none.

The table is read by ``models.markdown_table.parse_action_table`` against the plan's quarter, KR
codes and today's date, then every row is checked by the service exactly as a saved card is
(lengths, level, periods). Problems from either step come back as ``TableProblem`` (line number,
column and cell), so the CLI and the paste dialog show one list the user can fix in the Markdown.
Only a table without a single problem is written, in one ``create_many`` statement inside one
transaction: a failed import never starts a write, so the database file is left untouched.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from app.services.plan_service import PlanService, RowError, RowErrors
from models import schema
from models import validation as v
from models.calendar import period_label
from models.errors import ValidationError
from models.markdown_table import ActionRow, ActionTableError, TableProblem, parse_action_table

NO_KR = "(no KR)"

# Card field -> the column it came from, named as the table reader names columns.
_COLUMN_OF_FIELD = {
    "level": "层级 / Level",
    "period_start": "层级 / Level",
    "period_end": "层级 / Level",
    "title": "行动事项 / Action",
    "kr_ids": "所属 KR / KR",
    "owner_role": "责任角色 / Owner",
    "due": "截止时间 / Due",
    "due_text": "截止时间 / Due",
    "done_criteria": "完成标准 / Done criteria",
}


@dataclass(frozen=True, slots=True)
class ImportPreview:
    """What an import would create, or why it cannot: shown before anything is written."""

    rows: tuple[ActionRow, ...]
    cards: tuple[dict[str, Any], ...]  # fields for PlanService.create_many, one per row
    problems: tuple[TableProblem, ...]

    @property
    def ok(self) -> bool:
        return bool(self.rows) and not self.problems

    def per_kr(self) -> dict[str, int]:
        """Cards per KR code; a card serving KR1/KR3 counts under both."""
        return count_per_kr(self.rows)


@dataclass(frozen=True, slots=True)
class ImportResult:
    """A finished import (or a dry run): the new card ids and how many cards each KR got."""

    card_ids: tuple[int, ...]
    per_kr: dict[str, int]
    total: int
    dry_run: bool


def count_per_kr(rows: Sequence[ActionRow]) -> dict[str, int]:
    """Cards per KR code in KR order (KR2 before KR10), cards without a KR last."""
    counts: dict[str, int] = {}
    for row in rows:
        for code in row.kr_codes or (NO_KR,):
            counts[code] = counts.get(code, 0) + 1
    order = sorted(counts, key=lambda c: (c == NO_KR, len(c), c))
    return {code: counts[code] for code in order}


def read_rows(svc: PlanService, plan_id: int, text: str) -> list[ActionRow]:
    """The table's rows resolved against the plan; ActionTableError lists every problem."""
    rows = parse_action_table(
        text,
        svc.quarter(plan_id),
        known_krs=svc.kr_codes(plan_id),
        today=svc.today(plan_id),
    )
    if not rows:
        message = "the action table has no rows; nothing to import"
        raise ActionTableError([TableProblem(1, "(table)", "", message)])
    return rows


def card_fields(
    rows: Sequence[ActionRow], plan_id: int, kr_ids: Mapping[str, int], first_order: int
) -> list[dict[str, Any]]:
    """The service fields of each row's card, placed after the plan's existing cards."""
    return [
        {
            "plan_id": plan_id,
            "level": row.level.value,
            "period_start": row.period_start,
            "period_end": row.period_end,
            "title": row.title,
            "kr_ids": [kr_ids[code] for code in row.kr_codes],
            "owner_role": row.owner_role,
            "due": row.due,
            "due_text": row.due_text,
            "done_criteria": row.done_criteria,
            "sort_order": first_order + index,
        }
        for index, row in enumerate(rows)
    ]


def preview_import(svc: PlanService, plan_id: int, text: str) -> ImportPreview:
    """Read and check a table without writing anything (the dialog's preview, ``--dry-run``)."""
    try:
        rows = read_rows(svc, plan_id, text)
    except ActionTableError as exc:
        return ImportPreview((), (), tuple(exc.problems))
    cards = card_fields(rows, plan_id, svc.kr_codes(plan_id), _next_sort_order(svc, plan_id))
    problems = row_problems(rows, cards, svc.check_many("card", cards))
    return ImportPreview(tuple(rows), tuple(cards), tuple(problems))


def import_action_table(
    svc: PlanService, plan_id: int, text: str, *, dry_run: bool = False
) -> ImportResult:
    """Create a card per row in one transaction, or raise ActionTableError and write nothing."""
    if dry_run:
        preview = preview_import(svc, plan_id, text)
        if preview.problems:
            raise ActionTableError(preview.problems)
        return ImportResult((), preview.per_kr(), len(preview.rows), dry_run=True)
    rows = read_rows(svc, plan_id, text)
    cards = card_fields(rows, plan_id, svc.kr_codes(plan_id), _next_sort_order(svc, plan_id))
    ids = create_cards(svc, rows, cards)
    return ImportResult(tuple(ids), count_per_kr(rows), len(ids), dry_run=False)


def create_cards(
    svc: PlanService, rows: Sequence[ActionRow], cards: Sequence[Mapping[str, Any]]
) -> list[int]:
    """Insert checked cards in one statement; a row the service refuses becomes a problem."""
    try:
        return svc.create_many("card", cards)
    except RowErrors as exc:
        raise ActionTableError(row_problems(rows, cards, exc.errors)) from exc


def row_problems(
    rows: Sequence[ActionRow], cards: Sequence[Mapping[str, Any]], errors: Sequence[RowError]
) -> list[TableProblem]:
    """Service errors mapped back to the Markdown: the row's line, the column and the cell.

    The service stops at a row's first bad field; a bad row is checked again field by field so
    that a title and a done criteria that are both too long are reported together.
    """
    problems: list[TableProblem] = []
    for error in errors:
        row, card = rows[error.index], cards[error.index]
        found = _field_errors(card) or [error.error]
        problems += [_problem(row, e.field, e.message) for e in found]
    return problems


def _field_errors(card: Mapping[str, Any]) -> list[ValidationError]:
    found = []
    for name, value in card.items():
        if name == "kr_ids":
            continue
        try:
            v.clean_fields("card", schema.actioncard, {name: value}, partial=True)
        except ValidationError as exc:
            found.append(exc)
    return found


def _problem(row: ActionRow, field: str, message: str) -> TableProblem:
    column = _COLUMN_OF_FIELD.get(field, "(row)")
    cells = {
        "层级 / Level": period_label(row.level, row.period_start, row.period_end),
        "行动事项 / Action": row.title,
        "所属 KR / KR": "/".join(row.kr_codes),
        "责任角色 / Owner": row.owner_role,
        "截止时间 / Due": row.due_text,
        "完成标准 / Done criteria": row.done_criteria,
    }
    return TableProblem(row.line, column, cells.get(column, ""), f"{field}: {message}")


def _next_sort_order(svc: PlanService, plan_id: int) -> int:
    """Imported cards go after the plan's existing ones, in table order."""
    return svc.max_sort_order("card", plan_id=plan_id) + 1
