"""import-md, report, export-md and export-csv on the command line: output, exit codes, files."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from app.cli import main
from app.db import open_database
from app.services.plan_service import PlanService

DATA = Path(__file__).parents[1] / "data"
REFERENCE = DATA / "reference_action_table.md"


@pytest.fixture
def plan_file(tmp_path) -> Path:
    """A closed sample-plan file (WAL checkpointed, no -wal or -shm beside it)."""
    target = tmp_path / "plan.db"
    assert main(["demo", "--db", str(target)]) == 0
    return target


@pytest.fixture
def empty_plan_file(plan_file) -> Path:
    """The sample plan's KRs without its cards, closed again."""
    db = open_database(f"sqlite:///{plan_file}")
    svc = PlanService(db.engine)
    svc.delete_many("card", [c.id for c in svc.cards(svc.first_plan_id())])
    db.close()
    return plan_file


def cards_of(path: Path) -> list:
    db = open_database(f"sqlite:///{path}")
    try:
        svc = PlanService(db.engine)
        return svc.cards(svc.first_plan_id())
    finally:
        db.close()


def siblings(path: Path) -> list[str]:
    return sorted(p.name for p in path.parent.iterdir() if p.name.startswith(path.name))


def test_import_md_prints_cards_per_kr(empty_plan_file, capsys) -> None:
    assert main(["import-md", str(REFERENCE), "--db", str(empty_plan_file)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out == [
        "Created 13 cards in plan “Q4 双轮驱动冲刺”:",
        "  KR1: 5",
        "  KR3: 3",
        "  KR4: 4",
        "  KR5: 4",
    ]
    assert len(cards_of(empty_plan_file)) == 13


def test_a_bad_row_exits_non_zero_names_the_line_and_leaves_the_file_alone(
    plan_file, tmp_path, capsys
) -> None:
    bad = tmp_path / "bad.md"
    text = REFERENCE.read_text("utf-8")
    text = text.replace("| KR3 | 你+算法 | 12-20 |", "| KR7 | 你+算法 | 12-20 |")
    bad.write_text(text, encoding="utf-8")
    before, files = plan_file.read_bytes(), siblings(plan_file)
    assert main(["import-md", str(bad), "--db", str(plan_file)]) == 1
    err = capsys.readouterr().err.splitlines()
    assert err[0] == f"{bad}: 1 problem; nothing was imported"
    assert err[1].startswith("  line 11, column 所属 KR ('KR7'): unknown KR KR7")
    assert plan_file.read_bytes() == before
    assert siblings(plan_file) == files  # no -wal or -shm left behind either


def test_dry_run_reports_and_writes_nothing(plan_file, capsys) -> None:
    before = plan_file.read_bytes()
    assert main(["import-md", str(REFERENCE), "--db", str(plan_file), "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "Would create 13 cards" in out and "Dry run: nothing was written." in out
    assert plan_file.read_bytes() == before


def test_export_md_then_import_md_gives_the_same_cards(tmp_path, capsys) -> None:
    source, target = tmp_path / "a.db", tmp_path / "b.db"
    assert main(["demo", "--db", str(source)]) == 0
    assert main(["demo", "--db", str(target)]) == 0
    table = tmp_path / "actions.md"
    assert main(["export-md", "--db", str(source), "--out", str(table)]) == 0
    db = open_database(f"sqlite:///{target}")
    svc = PlanService(db.engine)
    svc.delete_many("card", [c.id for c in svc.cards(svc.first_plan_id())])
    db.close()
    assert main(["import-md", str(table), "--db", str(target)]) == 0

    def shape(cards: list) -> list[tuple]:
        return sorted(
            (c.level, c.period_start, c.period_end, c.title, c.kr_ids, c.due, c.due_text)
            for c in cards
        )

    assert shape(cards_of(target)) == shape(cards_of(source))


def test_report_writes_the_week_to_a_file(plan_file, tmp_path, capsys) -> None:
    out = tmp_path / "report_w49.md"
    before = plan_file.read_bytes()
    assert main(["report", "--db", str(plan_file), "--week", "2025-W49", "--out", str(out)]) == 0
    text = out.read_text("utf-8")
    assert text.startswith("# 周报 · Q4 双轮驱动冲刺 · 2025-W49")
    for code in ("KR1", "KR2", "KR3", "KR4", "KR5"):
        assert f"**{code}：" in text
    assert f"Report written to {out}" in capsys.readouterr().err
    assert plan_file.read_bytes() == before


def test_report_defaults_to_this_week_on_stdout(plan_file, capsys) -> None:
    assert main(["report", "--db", str(plan_file)]) == 0
    assert "2025-W49（12-01 ~ 12-07）" in capsys.readouterr().out.splitlines()[0]


@pytest.mark.parametrize("week", ["2025-W60", "next", "2024-W50"])
def test_a_bad_week_is_one_line(plan_file, capsys, week: str) -> None:
    assert main(["report", "--db", str(plan_file), "--week", week]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("okr-planner: --week:") and week in err[0]


def test_export_csv_has_a_bom_and_chinese(plan_file, tmp_path) -> None:
    out = tmp_path / "actions.csv"
    assert main(["export-csv", "--db", str(plan_file), "--out", str(out)]) == 0
    data = out.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    assert rows[0][0] == "层级" and len(rows) == 14
    assert rows[13][:3] == ["周度(W51-52)", "跑完 MVP 实验 + 复盘", "KR5"]


def test_export_md_to_stdout_is_the_reference_table(plan_file, capsys) -> None:
    assert main(["export-md", "--db", str(plan_file)]) == 0
    out = capsys.readouterr().out
    reference = [line for line in REFERENCE.read_text("utf-8").splitlines() if line[:1] == "|"]
    assert out.splitlines() == reference


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["import-md", "{missing}.md", "--db", "{db}"], "no such file"),
        (["import-md", "{dir}", "--db", "{db}"], "is a folder"),
        (["import-md", "{latin1}", "--db", "{db}"], "not UTF-8 text"),
        (["report", "--db", "{missing}.db"], "no such plan file"),
        (["import-md", "{ref}", "--db", "{missing}.db"], "no such plan file"),
        (["export-md", "--db", "{db}", "--out", "{missing}/x.md"], "folder does not exist"),
    ],
)
def test_unreadable_or_missing_files_are_one_line(
    plan_file, tmp_path, capsys, args: list[str], words: str
) -> None:
    latin1 = tmp_path / "latin1.md"
    latin1.write_bytes("| 层级 |".encode("gb18030"))
    values = {
        "db": str(plan_file),
        "missing": str(tmp_path / "missing"),
        "dir": str(tmp_path),
        "latin1": str(latin1),
        "ref": str(REFERENCE),
    }
    assert main([a.format(**values) for a in args]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and words in err[0], err
    assert not (tmp_path / "missing.db").exists()  # a missing plan is never created


def test_the_commands_need_a_database(capsys) -> None:
    with pytest.raises(SystemExit) as info:
        main(["report"])
    assert info.value.code == 2
    assert "needs --db" in capsys.readouterr().err
