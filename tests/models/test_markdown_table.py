"""Tests of the action-table reader and writer against the seed plan's section 四 and fuzzed input."""

from __future__ import annotations

import datetime as dt
import pickle
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from models.calendar import Level, Quarter
from models.markdown_table import (
    ActionRow,
    ActionTableError,
    TableProblem,
    format_action_table,
    parse_action_table,
)

Q4 = Quarter.of(dt.date(2025, 12, 3))
REFERENCE = (Path(__file__).parents[1] / "data" / "reference_action_table.md").read_text("utf-8")
D = dt.date
HEADER = "| 层级 | 行动事项 | 所属 KR | 责任角色 | 截止时间 | 完成标准 |\n| --- | --- | --- | --- | --- | --- |\n"

# level, period_start, period_end, KR codes, owner role, due, due text, done criteria
EXPECTED = [
    (Level.QUARTER, D(2025, 10, 1), D(2025, 10, 1), ("KR1", "KR3"), "你 + 数据/算法",
     D(2025, 12, 31), "12-31", "指标达标 + 有质量报告 & 新标签上线记录"),
    (Level.QUARTER, D(2025, 10, 1), D(2025, 10, 1), ("KR4", "KR5"), "你 + 产研 + 区域",
     D(2025, 12, 31), "12-31", "最小链路可用 + 实验卡片 & 复盘文档"),
    (Level.MONTH, D(2025, 12, 1), D(2025, 12, 1), ("KR1",), "你+数据同学",
     D(2025, 12, 10), "12-10", "报告中明确 TOP 问题 & 城市/标签切片"),
    (Level.MONTH, D(2025, 12, 1), D(2025, 12, 1), ("KR1",), "你",
     D(2025, 12, 10), "12-10 首版", "每周有更新、有完成率"),
    (Level.MONTH, D(2025, 12, 1), D(2025, 12, 1), ("KR3",), "你+算法",
     D(2025, 12, 20), "12-20", "PRD 通过评审 + Golden Data ≥85% + 上线确认"),
    (Level.MONTH, D(2025, 12, 1), D(2025, 12, 1), ("KR4", "KR5"), "你+区域",
     D(2025, 12, 10), "12-10", "有冻结说明文档 + 影子运营表格"),
    (Level.MONTH, D(2025, 12, 1), D(2025, 12, 1), ("KR5",), "你+运营+区域",
     D(2025, 12, 29), "12-29", "实验卡片归档 + 看板有数据（订单、转化、履约）"),
    (Level.WEEK, D(2025, 12, 1), D(2025, 12, 1), ("KR1",), "你+数据",
     D(2025, 12, 5), "本周五", "拿得出一版诊断草稿"),
    (Level.WEEK, D(2025, 12, 1), D(2025, 12, 1), ("KR4",), "你+产研",
     D(2025, 12, 5), "本周五", "评审纪要里写清范围和排期"),
    (Level.WEEK, D(2025, 12, 8), D(2025, 12, 8), ("KR3",), "你+算法",
     D(2025, 12, 13), "12-13", "样本准确率≥85%"),
    (Level.WEEK, D(2025, 12, 8), D(2025, 12, 8), ("KR4",), "你+研发",
     D(2025, 12, 13), "12-13", "关键用例全部通过"),
    (Level.WEEK, D(2025, 12, 15), D(2025, 12, 15), ("KR1",), "你+区域+铁橙",
     D(2025, 12, 20), "12-20", "重点城市覆盖率达 80%+"),
    (Level.WEEK, D(2025, 12, 15), D(2025, 12, 22), ("KR5",), "你+运营",
     D(2025, 12, 29), "12-29", "有复盘 PPT/文档"),
]  # fmt: skip


def table(*rows: str) -> str:
    return HEADER + "".join(row + "\n" for row in rows)


def one(row: str, **kwargs: object) -> ActionRow:
    [parsed] = parse_action_table(table(row), Q4, **kwargs)  # type: ignore[arg-type]
    return parsed


def problems_of(text: str, **kwargs: object) -> list[TableProblem]:
    with pytest.raises(ActionTableError) as info:
        parse_action_table(text, Q4, **kwargs)  # type: ignore[arg-type]
    return info.value.problems


def essentials(row: ActionRow) -> tuple[object, ...]:
    """The fields a round trip must keep (line numbers and due_text may legitimately differ)."""
    return (
        row.level,
        row.period_start,
        row.period_end,
        row.title,
        row.kr_codes,
        row.owner_role,
        row.due,
        row.done_criteria,
    )


# --- the reference table ------------------------------------------------------------------------


def test_reference_table_gives_the_thirteen_rows_of_the_plan() -> None:
    rows = parse_action_table(REFERENCE, Q4)
    got = [
        (r.level, r.period_start, r.period_end, r.kr_codes, r.owner_role, r.due, r.due_text,
         r.done_criteria)
        for r in rows
    ]  # fmt: skip
    assert got == EXPECTED
    assert [r.line for r in rows] == list(range(7, 20))
    assert rows[0].title == "完成商户画像「80% 覆盖+89% 准确率+1 新标签上线」"
    assert rows[5].title == "非油 MVP 范围冻结 + 影子运营 3–5 天"
    assert rows[-1].title == "跑完 MVP 实验 + 复盘"


def test_reference_table_with_known_krs_and_today() -> None:
    rows = parse_action_table(
        REFERENCE, Q4, known_krs=["KR1", "KR2", "KR3", "KR4", "KR5"], today=D(2025, 12, 3)
    )
    assert len(rows) == 13


def test_reference_fixture_is_section_four_of_the_seed_plan_verbatim() -> None:
    seed = Path("/work/shared/seed/q4-plan.md")
    if not seed.exists():
        pytest.skip("seed plan not available")
    assert REFERENCE in seed.read_text("utf-8")


# --- table shape --------------------------------------------------------------------------------


def test_english_headers_any_order_extra_column_and_no_outer_pipes() -> None:
    text = (
        "Some prose | with a pipe but no separator.\n"
        "\n"
        "Owner | Due | Notes | Level | Action | KR | Done criteria\n"
        ":--- | ---: | --- | :---: | --- | --- | ---\n"
        "PM | Fri | ignored | Week 50 | Ship \\| test | kr2, KR4 | shipped\n"
        "Data | 2025-12-31 | | Quarter | Close the quarter | | report out\n"
        "This line ends the table.\n"
        "| 层级 | 行动事项 | 截止时间 |\n"
    )
    first, second = parse_action_table(text, Q4)
    assert (first.line, first.level, first.period_start) == (5, Level.WEEK, D(2025, 12, 8))
    assert first.title == "Ship | test"
    assert first.kr_codes == ("KR2", "KR4")
    assert (first.owner_role, first.due, first.due_text) == ("PM", D(2025, 12, 12), "Fri")
    assert first.done_criteria == "shipped"
    assert (second.level, second.period_start, second.kr_codes) == (Level.QUARTER, Q4.start, ())
    assert second.due == D(2025, 12, 31)


def test_optional_columns_may_be_absent_and_header_spelling_is_loose() -> None:
    text = "|  LEVEL |action|截止 时间|所属KR|\n|-|-|-|-|\n| W49 | Go | 12/5 | kr1 |\n"
    [row] = parse_action_table(text, Q4)
    assert (row.owner_role, row.done_criteria, row.kr_codes) == ("", "", ("KR1",))
    assert row.due == D(2025, 12, 5)


def test_first_table_with_the_required_headers_wins() -> None:
    other = "| a | b |\n| --- | --- |\n| 1 | 2 |\n\n"
    text = (
        other
        + table("| W50 | First | KR1 | 你 | 12-12 | ok |")
        + "\n"
        + table("| W51 | Second | KR1 | 你 | 12-19 | ok |")
    )
    [row] = parse_action_table(text, Q4)
    assert (row.title, row.line) == ("First", 7)


def test_empty_table_gives_no_rows() -> None:
    assert parse_action_table(HEADER, Q4) == []


def test_windows_line_endings() -> None:
    rows = parse_action_table(REFERENCE.replace("\n", "\r\n"), Q4)
    assert [essentials(r) for r in rows] == [
        essentials(r) for r in parse_action_table(REFERENCE, Q4)
    ]


# --- cell formats -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("cell", "level", "start", "end"),
    [
        ("季度(Q4)", Level.QUARTER, D(2025, 10, 1), D(2025, 10, 1)),
        ("季度（Q4）", Level.QUARTER, D(2025, 10, 1), D(2025, 10, 1)),
        ("Q4", Level.QUARTER, D(2025, 10, 1), D(2025, 10, 1)),
        ("Quarter", Level.QUARTER, D(2025, 10, 1), D(2025, 10, 1)),
        ("2025-Q4", Level.QUARTER, D(2025, 10, 1), D(2025, 10, 1)),
        ("月度(12 月)", Level.MONTH, D(2025, 12, 1), D(2025, 12, 1)),
        ("月度(12月)", Level.MONTH, D(2025, 12, 1), D(2025, 12, 1)),
        ("月度（11 月）", Level.MONTH, D(2025, 11, 1), D(2025, 11, 1)),
        ("12月", Level.MONTH, D(2025, 12, 1), D(2025, 12, 1)),
        ("Month 10", Level.MONTH, D(2025, 10, 1), D(2025, 10, 1)),
        ("Month (Dec)", Level.MONTH, D(2025, 12, 1), D(2025, 12, 1)),
        ("Dec", Level.MONTH, D(2025, 12, 1), D(2025, 12, 1)),
        ("november", Level.MONTH, D(2025, 11, 1), D(2025, 11, 1)),
        ("月度(11-12 月)", Level.MONTH, D(2025, 11, 1), D(2025, 12, 1)),
        ("周度(W49)", Level.WEEK, D(2025, 12, 1), D(2025, 12, 1)),
        ("W49", Level.WEEK, D(2025, 12, 1), D(2025, 12, 1)),
        ("w40", Level.WEEK, D(2025, 9, 29), D(2025, 9, 29)),
        ("Week 49", Level.WEEK, D(2025, 12, 1), D(2025, 12, 1)),
        ("周度(W51-52)", Level.WEEK, D(2025, 12, 15), D(2025, 12, 22)),
        ("W51-52", Level.WEEK, D(2025, 12, 15), D(2025, 12, 22)),
        ("W51-W52", Level.WEEK, D(2025, 12, 15), D(2025, 12, 22)),
        ("W51–52", Level.WEEK, D(2025, 12, 15), D(2025, 12, 22)),
        ("2025-W50", Level.WEEK, D(2025, 12, 8), D(2025, 12, 8)),
        ("W01", Level.WEEK, D(2025, 12, 29), D(2025, 12, 29)),
        ("2026-W01", Level.WEEK, D(2025, 12, 29), D(2025, 12, 29)),
        ("W52-01", Level.WEEK, D(2025, 12, 22), D(2025, 12, 29)),
        ("ＷＥＥＫ　４９", Level.WEEK, D(2025, 12, 1), D(2025, 12, 1)),
    ],
)
def test_level_cells(cell: str, level: Level, start: dt.date, end: dt.date) -> None:
    row = one(f"| {cell} | Do it | KR1 | 你 | 12-31 | ok |")
    assert (row.level, row.period_start, row.period_end) == (level, start, end)


@pytest.mark.parametrize(
    ("cell", "level", "due"),
    [
        ("12-31", "W49", D(2025, 12, 31)),
        ("12-10 首版", "W49", D(2025, 12, 10)),
        ("12/31", "W49", D(2025, 12, 31)),
        ("12月31日", "W49", D(2025, 12, 31)),
        ("12 月 5 日前", "W49", D(2025, 12, 5)),
        ("2025-12-31", "W49", D(2025, 12, 31)),
        ("2026/01/15", "W49", D(2026, 1, 15)),
        ("01-05", "W49", D(2026, 1, 5)),  # a month before October is next year's
        ("１２－３１", "W49", D(2025, 12, 31)),
        ("本周五", "W49", D(2025, 12, 5)),
        ("周五", "W50", D(2025, 12, 12)),
        ("本周一", "W49", D(2025, 12, 1)),
        ("本周日", "W49", D(2025, 12, 7)),
        ("星期三", "W01", D(2025, 12, 31)),
        ("Fri", "W49", D(2025, 12, 5)),
        ("Friday EOD", "W51", D(2025, 12, 19)),
        ("本周五", "W51-52", D(2025, 12, 26)),  # a range is due in its last week
        ("", "W49", None),
    ],
)
def test_due_cells(cell: str, level: str, due: dt.date | None) -> None:
    row = one(f"| {level} | Do it | KR1 | 你 | {cell} | ok |")
    assert (row.due, row.due_text) == (due, cell)


def test_weekday_due_on_a_month_or_quarter_row_uses_todays_week() -> None:
    row = one("| 月度(12 月) | Do it | KR1 | 你 | 本周五 | ok |", today=D(2025, 12, 10))
    assert row.due == D(2025, 12, 12)
    row = one("| Q4 | Do it | KR1 | 你 | Monday | ok |", today=D(2025, 12, 3))
    assert row.due == D(2025, 12, 1)


@pytest.mark.parametrize(
    ("cell", "codes"),
    [
        ("KR1/KR3", ("KR1", "KR3")),
        ("KR1、KR3", ("KR1", "KR3")),
        ("KR1, KR3", ("KR1", "KR3")),
        ("KR3，KR1；KR3", ("KR3", "KR1")),
        ("kr2", ("KR2",)),
        ("KR 2", ("KR2",)),
        ("", ()),
    ],
)
def test_kr_cells(cell: str, codes: tuple[str, ...]) -> None:
    assert one(f"| W49 | Do it | {cell} | 你 | 12-31 | ok |").kr_codes == codes


# --- problems -----------------------------------------------------------------------------------


def test_no_table_is_one_problem() -> None:
    for text in ["", "just prose\n", "| a | b |\n| --- | --- |\n| 1 | 2 |\n", "| 层级 |\n"]:
        [problem] = problems_of(text)
        assert problem.line == 1
        assert "no action table" in problem.message


def test_missing_required_column_is_reported_on_the_header_line() -> None:
    problems = problems_of("intro\n\n| 层级 | 所属 KR |\n| --- | --- |\n| W49 | KR1 |\n")
    assert [(p.line, p.column) for p in problems] == [
        (3, "行动事项 / Action"),
        (3, "截止时间 / Due"),
    ]
    assert all("missing" in p.message for p in problems)


@pytest.mark.parametrize(
    ("row", "column", "cell", "words"),
    [
        ("| Yearly | a | KR1 | x | 12-31 | y |", "层级", "Yearly", "unreadable level"),
        ("|  | a | KR1 | x | 12-31 | y |", "层级", "", "empty level"),
        (
            "| 月度(3 月) | a | KR1 | x | 12-31 | y |",
            "层级",
            "月度(3 月)",
            "month 3 is not in 2025-Q4",
        ),
        ("| W10 | a | KR1 | x | 12-31 | y |", "层级", "W10", "W10 is not in 2025-Q4 (W40 to W01)"),
        (
            "| 2025-W01 | a | KR1 | x | 12-31 | y |",
            "层级",
            "2025-W01",
            "2025-W01 is not in 2025-Q4",
        ),
        ("| 季度(Q3) | a | KR1 | x | 12-31 | y |", "层级", "季度(Q3)", "Q3 is not this plan's"),
        ("| W52-49 | a | KR1 | x | 12-31 | y |", "层级", "W52-49", "ends before it starts"),
        ("| W49 |  | KR1 | x | 12-31 | y |", "行动事项", "", "empty action"),
        ("| W49 | a | KR1/OKR | x | 12-31 | y |", "所属 KR", "KR1/OKR", "OKR: not a KR code"),
        ("| W49 | a | KR1 | x | 02-30 | y |", "截止时间", "02-30", "unreadable date"),
        ("| W49 | a | KR1 | x | 13-01 | y |", "截止时间", "13-01", "unreadable date"),
        ("| W49 | a | KR1 | x | soon | y |", "截止时间", "soon", "unreadable date"),
        ("| W49 | a | KR1 | x | 12/31/2025 | y |", "截止时间", "12/31/2025", "unreadable date"),
        ("| 12月 | a | KR1 | x | 本周五 | y |", "截止时间", "本周五", "needs today's date"),
        ("| W49 | a | KR1 | x | 12-31 |", "(row)", "W49 | a | KR1 | x | 12-31", "5 cells"),
    ],
)
def test_each_problem_names_its_line_column_and_cell(
    row: str, column: str, cell: str, words: str
) -> None:
    [problem] = problems_of("prose\n\n" + table(row))
    assert (problem.line, problem.column, problem.cell) == (5, column, cell)
    assert words in problem.message


def test_unknown_kr_names_the_plans_krs() -> None:
    [problem] = problems_of(table("| W49 | a | KR9 | x | 12-31 | y |"), known_krs={"KR2", "KR1"})
    assert problem.message == "unknown KR KR9; the plan has KR1, KR2"


def test_all_problems_are_reported_together_in_table_order() -> None:
    text = table(
        "| W49 | fine | KR1 | x | 12-31 | y |",
        "| W99 |  | KR1 | x | 12-31 | y |",
        "| W50 | b | KR1 | x | 12-31 |",
        "| W50 | c | KX | x | later | y |",
    )
    with pytest.raises(ActionTableError) as info:
        parse_action_table(text, Q4)
    got = [(p.line, p.column) for p in info.value.problems]
    assert got == [(4, "层级"), (4, "行动事项"), (5, "(row)"), (6, "所属 KR"), (6, "截止时间")]
    lines = str(info.value).splitlines()
    assert len(lines) == 5
    assert lines[0] == "line 4, column 层级 ('W99'): W99 is not in 2025-Q4 (W40 to W01)"
    assert all(re.match(r"line \d+, column .+ \('.*'\): .+", line) for line in lines)


def test_error_is_a_plan_error_and_pickles() -> None:
    from models.errors import PlanError

    with pytest.raises(PlanError) as info:
        parse_action_table("nothing", Q4)
    again = pickle.loads(pickle.dumps(info.value))
    assert isinstance(again, ActionTableError)
    assert again.problems == info.value.problems


# --- writing ------------------------------------------------------------------------------------


def test_format_writes_the_canonical_chinese_table() -> None:
    rows = parse_action_table(REFERENCE, Q4)
    text = format_action_table(rows, Q4)
    lines = text.splitlines()
    assert lines[0] == "| 层级 | 行动事项 | 所属 KR | 责任角色 | 截止时间 | 完成标准 |"
    assert lines[2].startswith("| 季度(Q4) | ")
    assert lines[4].startswith("| 月度(12 月) | ")
    assert lines[9].startswith("| 周度(W49) | ")
    assert lines[-1].startswith("| 周度(W51-52) | ")
    assert "| 12-10 首版 |" in lines[5]
    # the seed table is already canonical, so writing it gives it back
    start = REFERENCE.index("| 层级")
    assert REFERENCE[start:].startswith(text)


def test_format_escapes_pipes_replaces_newlines_and_spells_out_odd_years() -> None:
    row = ActionRow(1, Level.WEEK, D(2025, 12, 29), D(2025, 12, 29), "a|b\nc", ("KR1",),
                    "own\\", D(2024, 3, 1), "", "x \\| y")  # fmt: skip
    text = format_action_table([row], Q4)
    assert "| 周度(W01) | a\\|b c | KR1 | own\\ | 2024-03-01 | x \\\\| y |" in text
    [back] = parse_action_table(text, Q4)
    assert essentials(back) == (*essentials(row)[:3], "a|b c", *essentials(row)[4:])


def test_round_trip_of_the_reference_table() -> None:
    rows = parse_action_table(REFERENCE, Q4)
    again = parse_action_table(format_action_table(rows, Q4), Q4)
    assert [essentials(r) for r in again] == [essentials(r) for r in rows]
    assert [r.due_text for r in again] == [r.due_text for r in rows]


# --- property-based -----------------------------------------------------------------------------

TABLEISH = st.text(alphabet="|-:\\ \n季度月周本五()QWKRkrw0123456789/、，日Fri", max_size=200)
SAFE_TEXT = st.text(
    st.characters(blacklist_categories=("Cs",), blacklist_characters="\r\n"), max_size=30
).map(str.strip)


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(
    text=st.one_of(st.text(), TABLEISH, st.builds(lambda a, b: a + HEADER + b, st.text(), TABLEISH))
)
def test_arbitrary_text_only_ever_raises_action_table_error(text: str) -> None:
    try:
        rows = parse_action_table(text, Q4, today=D(2025, 12, 3))
    except ActionTableError as err:
        assert err.problems
    else:
        assert all(isinstance(r, ActionRow) for r in rows)


REFERENCE_LINES = REFERENCE.split("\n")
DATA_LINES = range(6, 19)  # 0-based indexes of the 13 data rows


@settings(max_examples=300)
@given(
    index=st.sampled_from(DATA_LINES),
    column=st.integers(0, 5),
    cell=st.one_of(st.text(), SAFE_TEXT, st.sampled_from(["W01", "Q3", "本周日", "02-30", "KR0"])),
)
def test_single_cell_mutations_either_parse_or_raise(index: int, column: int, cell: str) -> None:
    cells = REFERENCE_LINES[index].strip().strip("|").split(" | ")
    cells[column] = cell
    lines = [*REFERENCE_LINES]
    lines[index] = "| " + " | ".join(c.strip() for c in cells) + " |"
    try:
        rows = parse_action_table("\n".join(lines), Q4)
    except ActionTableError as err:
        if not re.search(r"[|\r\n]", cell):  # the table's shape is intact: only this row is wrong
            assert {p.line for p in err.problems} == {index + 1}
        return
    if not re.search(r"[|\r\n]", cell):
        original = parse_action_table(REFERENCE, Q4)
        assert len(rows) == 13
        others = [essentials(r) for i, r in enumerate(rows) if r.line != index + 1]
        assert others == [essentials(r) for r in original if r.line != index + 1]


@st.composite
def action_rows(draw: st.DrawFn) -> ActionRow:
    level = draw(st.sampled_from(list(Level)))
    if level is Level.QUARTER:
        start = end = Q4.start
    else:
        starts = [b.start for b in (Q4.weeks() if level is Level.WEEK else Q4.months())]
        i = draw(st.integers(0, len(starts) - 1))
        start, end = starts[i], starts[draw(st.integers(i, len(starts) - 1))]
    due = draw(st.none() | st.dates(D(2025, 10, 1), D(2026, 9, 30)) | st.dates())
    due_text = ""
    if due is not None and D(2025, 10, 1) <= due <= D(2026, 9, 30) and draw(st.booleans()):
        due_text = f"{due:%m-%d} {draw(SAFE_TEXT)}".strip()
    return ActionRow(
        line=0,
        level=level,
        period_start=start,
        period_end=end,
        title=draw(SAFE_TEXT.filter(bool)),
        kr_codes=tuple(draw(st.lists(st.integers(1, 12).map("KR{}".format), unique=True))),
        owner_role=draw(SAFE_TEXT),
        due=due,
        due_text=due_text,
        done_criteria=draw(SAFE_TEXT),
    )


@settings(max_examples=300)
@given(rows=st.lists(action_rows(), max_size=6))
def test_format_then_parse_gives_the_rows_back(rows: list[ActionRow]) -> None:
    back = parse_action_table(format_action_table(rows, Q4), Q4)
    assert [essentials(r) for r in back] == [essentials(r) for r in rows]
    assert all(b.due_text == r.due_text for b, r in zip(back, rows, strict=True) if r.due_text)
