"""Exporting the actions: the reference Markdown table, a round trip, and CSV that Excel reads."""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path

import pytest

from app.export_table import export_csv, export_markdown, parse_cells
from app.file_output import write_atomic
from app.import_markdown import import_action_table
from tests.app.test_import_markdown import essentials

REFERENCE = (Path(__file__).parents[1] / "data" / "reference_action_table.md").read_text("utf-8")


def table_lines(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.startswith("|")]


def test_sample_actions_export_as_the_reference_table(service, plan_id) -> None:
    assert table_lines(export_markdown(service, plan_id)) == table_lines(REFERENCE)


def test_round_trip_into_an_empty_plan_gives_the_same_cards(service, plan_id) -> None:
    service.update("card", service.cards(plan_id)[4].id, owner_role="你 | 算法")  # a pipe
    exported = export_markdown(service, plan_id)
    before = essentials(service, plan_id)
    service.delete_many("card", [c.id for c in service.cards(plan_id)])
    result = import_action_table(service, plan_id, exported)
    assert result.total == 13
    assert sorted(essentials(service, plan_id)) == sorted(before)


def test_a_stale_due_text_gives_way_to_the_date(service, plan_id) -> None:
    """A moved card keeps its due text; the export writes the date when the text is wrong."""
    first, second = [c for c in service.cards(plan_id) if c.due_text == "本周五"]
    w50 = dt.date(2025, 12, 8)
    for card, due in ((first, dt.date(2025, 12, 11)), (second, dt.date(2025, 12, 12))):
        service.move_card(card.id, level="week", period_start=w50, period_end=w50, due=due)
    lines = table_lines(export_markdown(service, plan_id))
    moved = next(line for line in lines if first.title in line)
    assert "| 周度(W50) |" in moved and "| 12-11 |" in moved and "本周五" not in moved
    still_friday = next(line for line in lines if second.title in line)
    assert "| 本周五 |" in still_friday  # Friday of W50 is still what 本周五 says


def test_csv_has_a_bom_crlf_and_the_same_cells(service, plan_id) -> None:
    data = export_csv(service, plan_id)
    assert data.startswith(b"\xef\xbb\xbf")
    text = data.decode("utf-8-sig")
    assert "\r\n" in text
    rows = list(csv.reader(io.StringIO(text, newline="")))
    assert rows[0] == ["层级", "行动事项", "所属 KR", "责任角色", "截止时间", "完成标准"]
    assert rows[1:] == parse_cells(export_markdown(service, plan_id))
    assert rows[1][1] == "完成商户画像「80% 覆盖+89% 准确率+1 新标签上线」"
    assert rows[8][4] == "本周五"


def test_csv_cells_that_excel_would_run_as_formulas_are_quoted(service, plan_id) -> None:
    card = service.cards(plan_id)[0]
    service.update("card", card.id, title='=HYPERLINK("http://x")', owner_role="@me")
    rows = list(csv.reader(io.StringIO(export_csv(service, plan_id).decode("utf-8-sig"))))
    assert rows[1][1] == '\'=HYPERLINK("http://x")' and rows[1][3] == "'@me"


def test_write_atomic_replaces_whole_files_only(tmp_path) -> None:
    target = tmp_path / "out.md"
    write_atomic(target, b"first")
    write_atomic(target, "第二".encode())
    assert target.read_text("utf-8") == "第二"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.md"]  # no temporary left
    with pytest.raises(OSError, match="folder does not exist"):
        write_atomic(tmp_path / "missing" / "x.md", b"x")
    with pytest.raises(OSError, match="is a folder"):
        write_atomic(tmp_path, b"x")
