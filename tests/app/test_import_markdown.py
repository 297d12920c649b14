"""Importing a Markdown action table: all rows as cards in one go, or nothing and every problem."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from app.commands import ImportCards
from app.import_markdown import import_action_table, preview_import
from app.sample_plan import sample_plan_data
from app.services.plan_service import RowErrors
from models.markdown_table import ActionTableError

REFERENCE = (Path(__file__).parents[1] / "data" / "reference_action_table.md").read_text("utf-8")
HEADER = "| 层级 | 行动事项 | 所属 KR | 责任角色 | 截止时间 | 完成标准 |\n| --- | --- | --- | --- | --- | --- |\n"


def table(*rows: str) -> str:
    return HEADER + "".join(row + "\n" for row in rows)


def essentials(svc, plan_id) -> list[tuple]:
    """What a user sees of each card, KRs by code, in the plan's order."""
    codes = {ident: code for code, ident in svc.kr_codes(plan_id).items()}
    return [
        (
            c.level,
            c.period_start,
            c.period_end,
            c.title,
            tuple(sorted(codes[i] for i in c.kr_ids)),
            c.owner_role,
            c.due,
            c.due_text,
            c.done_criteria,
        )
        for c in svc.cards(plan_id)
    ]


def expected_from_sample() -> list[tuple]:
    """The sample plan's actions, written from the same reference table."""
    out = []
    for a in sample_plan_data()["actions"]:
        start = dt.date.fromisoformat(a["period"])
        end = dt.date.fromisoformat(a["period_end"]) if a.get("period_end") else start
        out.append(
            (
                a["level"],
                start,
                end,
                a["title"],
                tuple(sorted(a["krs"])),
                a["owner_role"],
                dt.date.fromisoformat(a["due"]),
                a["due_text"],
                a["done_criteria"],
            )
        )
    return out


@pytest.fixture
def empty_plan(service, plan_id) -> int:
    """The sample plan with its five KRs and no cards."""
    service.delete_many("card", [c.id for c in service.cards(plan_id)])
    assert service.cards(plan_id) == []
    return plan_id


def test_reference_table_creates_its_13_cards(service, empty_plan) -> None:
    result = import_action_table(service, empty_plan, REFERENCE)
    assert result.total == 13 and len(result.card_ids) == 13 and not result.dry_run
    assert result.per_kr == {"KR1": 5, "KR3": 3, "KR4": 4, "KR5": 4}
    assert essentials(service, empty_plan) == expected_from_sample()
    week_cards = [c for c in service.cards(empty_plan) if c.level == "week"]
    friday = [c for c in week_cards if c.due_text == "本周五"]
    assert [c.due for c in friday] == [dt.date(2025, 12, 5)] * 2  # Friday of W49
    span = [c for c in week_cards if c.period_end != c.period_start]
    assert [(c.period_start, c.period_end) for c in span] == [
        (dt.date(2025, 12, 15), dt.date(2025, 12, 22))  # W51-52
    ]


def test_imported_cards_go_after_the_plans_own(service, plan_id) -> None:
    before = service.cards(plan_id)
    result = import_action_table(service, plan_id, REFERENCE)
    after = service.cards(plan_id)
    assert [c.id for c in after[: len(before)]] == [c.id for c in before]
    assert [c.id for c in after[len(before) :]] == list(result.card_ids)
    assert [c.sort_order for c in after[len(before) :]] == list(range(13, 26))


def test_a_bad_table_writes_nothing_and_lists_every_problem(service, plan_id) -> None:
    before = essentials(service, plan_id)
    text = table(
        "| 周度(W49) | 好的一行 | KR1 | 你 | 本周五 | ok |",
        "| 周度(W49) | 未知 KR | KR9 | 你 | 本周五 | x |",
        "| 月度(13 月) | 坏层级 | KR1 | 你 | 12-99 | x |",
    )
    with pytest.raises(ActionTableError) as info:
        import_action_table(service, plan_id, text)
    found = [(p.line, p.column, p.cell) for p in info.value.problems]
    assert found == [
        (4, "所属 KR", "KR9"),
        (5, "层级", "月度(13 月)"),
        (5, "截止时间", "12-99"),
    ]
    assert "the plan has KR1, KR2, KR3, KR4, KR5" in info.value.problems[0].message
    assert essentials(service, plan_id) == before


def test_a_row_the_service_refuses_is_named_by_line_and_cell(service, plan_id) -> None:
    before = essentials(service, plan_id)
    long_title, long_done = "长" * 501, "完" * 2001
    text = table(
        "| 周度(W50) | 正常 | KR1 | 你 | 12-10 | ok |",
        f"| 周度(W50) | {long_title} | KR1 | 你 | 12-10 | {long_done} |",
    )
    with pytest.raises(ActionTableError) as info:
        import_action_table(service, plan_id, text)
    problems = info.value.problems
    assert [(p.line, p.column) for p in problems] == [
        (4, "行动事项 / Action"),
        (4, "完成标准 / Done criteria"),
    ]
    assert problems[0].cell == long_title and "at most 500" in problems[0].message
    assert "line 4" in str(problems[1]) and "at most 2000" in problems[1].message
    assert essentials(service, plan_id) == before
    preview = preview_import(service, plan_id, text)  # the dialog shows the same problems
    assert [(p.line, p.column) for p in preview.problems] == [(p.line, p.column) for p in problems]
    assert not preview.ok


def test_dry_run_and_preview_write_nothing(service, empty_plan) -> None:
    result = import_action_table(service, empty_plan, REFERENCE, dry_run=True)
    assert result.dry_run and result.total == 13 and result.card_ids == ()
    assert result.per_kr == {"KR1": 5, "KR3": 3, "KR4": 4, "KR5": 4}
    preview = preview_import(service, empty_plan, REFERENCE)
    assert preview.ok and len(preview.rows) == len(preview.cards) == 13
    assert preview.cards[0]["title"].startswith("完成商户画像")
    assert service.cards(empty_plan) == []


def test_a_table_without_rows_or_columns_is_a_problem(service, plan_id) -> None:
    for text, words in ((HEADER, "no rows"), ("just some text", "no action table")):
        with pytest.raises(ActionTableError) as info:
            import_action_table(service, plan_id, text)
        assert words in info.value.problems[0].message


def test_english_headers_in_any_order_with_extra_columns(service, empty_plan) -> None:
    text = (
        "| KR | Due | Level | Notes | Action |\n|---|---|---|---|---|\n"
        "| KR2 | Fri | W50 | ignored | Train the regions |\n"
    )
    result = import_action_table(service, empty_plan, text)
    assert result.per_kr == {"KR2": 1}
    [card] = service.cards(empty_plan)
    assert (card.title, card.level, card.due) == (
        "Train the regions",
        "week",
        dt.date(2025, 12, 12),
    )


def test_import_command_is_one_undo_step(service, empty_plan) -> None:
    preview = preview_import(service, empty_plan, REFERENCE)
    command = ImportCards(list(preview.cards), name="Import 13 cards")
    changes = command.apply(service)
    after = essentials(service, empty_plan)
    assert after == expected_from_sample()
    assert changes[0].kind == "card" and len(changes[0].ids) == 13
    command.revert(service)
    assert service.cards(empty_plan) == []
    command.apply(service)  # redo: the same cards, with the same ids and KR links
    assert essentials(service, empty_plan) == after
    assert [c.id for c in service.cards(empty_plan)] == list(command.created_ids)


def test_create_many_refuses_the_whole_batch(service, plan_id) -> None:
    before = essentials(service, plan_id)
    good = {
        "plan_id": plan_id,
        "level": "week",
        "period_start": dt.date(2025, 12, 8),
        "period_end": dt.date(2025, 12, 8),
        "title": "ok",
    }
    rows = [good, {**good, "kr_ids": [99999]}, {**good, "period_start": dt.date(2025, 12, 9)}]
    with pytest.raises(RowErrors) as info:
        service.create_many("card", rows)
    assert [(e.index, e.error.field) for e in info.value.errors] == [
        (1, "kr_ids"),
        (2, "period_start"),
    ]
    assert [(e.index, e.error.field) for e in service.check_many("card", rows)] == [
        (1, "kr_ids"),
        (2, "period_start"),
    ]
    assert essentials(service, plan_id) == before
