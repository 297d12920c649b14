"""Bad input from a person or a paste: the Markdown import and the service on arbitrary values.

Either the input is taken whole (and what was saved is valid), or it is refused with our own
error type and the database is exactly as before: never a crash of another kind, never half.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.db import open_database
from app.import_markdown import import_action_table
from app.services.plan_service import KINDS, PlanService
from models import validation as v
from models.calendar import Quarter
from models.errors import NotFoundError, ValidationError
from models.markdown_table import ActionTableError, parse_action_table
from models.schema import metadata
from tests.app.safety_helpers import dump

REFERENCE = (Path(__file__).parents[1] / "data" / "reference_action_table.md").read_text("utf-8")
LINES = REFERENCE.split("\n")
Q4 = Quarter(dt.date(2025, 10, 1), dt.date(2025, 12, 31))
SETTINGS = settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)

# ----- mutations of the reference table ----------------------------------------------------------
NOISE = st.one_of(
    st.text(max_size=12),
    st.sampled_from(["|", "| |", "\n", "---", "KR9", "W60", "13-45", "季度(Q3)", "本周八", "\x00"]),
)


@st.composite
def mutated_tables(draw: st.DrawFn) -> str:
    """The reference table with a few edits a person (or a paste) might make, or worse."""
    lines = list(LINES)
    for _ in range(draw(st.integers(1, 4))):
        op = draw(st.sampled_from(["char", "insert", "delete", "drop", "dup", "swap", "cell"]))
        i = draw(st.integers(0, len(lines) - 1))
        line = lines[i]
        if op == "char" and line:
            at = draw(st.integers(0, len(line) - 1))
            lines[i] = line[:at] + draw(st.characters()) + line[at + 1 :]
        elif op == "insert":
            at = draw(st.integers(0, len(line)))
            lines[i] = line[:at] + draw(NOISE) + line[at:]
        elif op == "delete" and line:
            at = draw(st.integers(0, len(line) - 1))
            lines[i] = line[:at] + line[at + draw(st.integers(1, 10)) :]
        elif op == "drop" and len(lines) > 1:
            del lines[i]
        elif op == "dup":
            lines.insert(i, line)
        elif op == "swap":
            j = draw(st.integers(0, len(lines) - 1))
            lines[i], lines[j] = lines[j], lines[i]
        elif op == "cell" and line.startswith("|"):
            cells = line.split("|")
            c = draw(st.integers(0, len(cells) - 1))
            cells[c] = draw(NOISE)
            lines[i] = "|".join(cells)
    return "\n".join(lines)


TABLES = st.one_of(mutated_tables(), st.text(max_size=300))


@SETTINGS
@given(text=TABLES)
def test_the_parser_only_ever_raises_its_own_error(text: str) -> None:
    try:
        rows = parse_action_table(text, Q4, known_krs={f"KR{i}" for i in range(1, 6)})
    except ActionTableError as err:
        assert err.problems and all(p.line >= 1 for p in err.problems)
    else:
        assert all(Q4.start <= r.period_start <= r.period_end <= Q4.end for r in rows)


def test_the_import_takes_a_table_whole_or_writes_nothing(tmp_path) -> None:
    db = open_database(f"sqlite:///{tmp_path / 'plan.db'}")
    svc = PlanService(db.engine)
    plan_id = svc.first_plan_id()

    @SETTINGS
    @given(text=TABLES)
    def run(text: str) -> None:
        before = dump(db.engine)
        try:
            result = import_action_table(svc, plan_id, text)
        except ActionTableError as err:
            assert err.problems
            assert dump(db.engine) == before  # refused: not a byte written
            return
        after = dump(db.engine)
        assert len(after["actioncard"]) == len(before["actioncard"]) + result.total
        assert {t: rows for t, rows in after.items() if t not in ("actioncard", "cardkr")} == {
            t: rows for t, rows in before.items() if t not in ("actioncard", "cardkr")
        }
        for card_id in result.card_ids:  # every card saved is one the service accepts
            _assert_valid(svc, "card", svc.get("card", card_id))

    run()
    db.close()


def test_rows_refused_inside_a_batch_leave_nothing_behind(tmp_path) -> None:
    """The service-level guarantee an importer relies on: a batch is all rows or none."""
    db = open_database(f"sqlite:///{tmp_path / 'plan.db'}")
    svc = PlanService(db.engine)
    plan_id = svc.first_plan_id()
    codes = svc.kr_codes(plan_id)

    @SETTINGS
    @given(text=mutated_tables())
    def run(text: str) -> None:
        try:
            rows = parse_action_table(text, Q4, known_krs=set(codes))
        except ActionTableError:
            return
        before = dump(db.engine)
        bad = len(rows) // 2  # the middle row gets a title no card may have
        try:
            with svc.batch():
                for n, row in enumerate(rows):
                    svc.create(
                        "card",
                        plan_id=plan_id,
                        level=row.level.value,
                        period_start=row.period_start,
                        period_end=row.period_end,
                        title=" " if n == bad else row.title,
                        kr_ids=[codes[c] for c in row.kr_codes],
                        owner_role=row.owner_role,
                        due=row.due,
                        due_text=row.due_text,
                        done_criteria=row.done_criteria,
                    )
        except ValidationError as err:
            assert (err.entity, err.field) in {("card", "title"), ("card", "owner_role")} or rows
        assert dump(db.engine) == before

    run()
    db.close()


# ----- the service on arbitrary field values -----------------------------------------------------
ANY_VALUE = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**40), max_value=2**40),
    st.sampled_from([0, 1, 2, 3, 10**30, -1]),
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from([0.0, 50.0, 99.5, 100.0, 100.1, -0.1]),
    st.text(max_size=30),
    st.text(min_size=190, max_size=600),
    st.sampled_from(["", "  ", "KR1", "KR7", "kr2 ", "week", "month", "quarter", "todo", "done"]),
    st.sampled_from(["red", "green", "yellow", "yellow_red", "blue", "%", "increase", "{}", "[]"]),
    st.dates(dt.date(1800, 1, 1), dt.date(3100, 1, 1)),
    st.sampled_from([dt.date(2025, 12, 1), dt.date(2025, 12, 8), dt.date(2025, 10, 1)]),
    st.datetimes(),
)
EDITABLE = ["objective", "line", "kr", "metric", "checkin", "work_package", "deliverable", "card"]


def _columns(kind: str) -> list[str]:
    return [c.name for c in KINDS[kind].table.columns if c.name != "id"]


def _plausible(kind: str, name: str) -> st.SearchStrategy[Any]:
    """Values of the column's own type, so that many examples get past the type checks."""
    col = KINDS[kind].table.c[name]
    col_type = col.type.impl if isinstance(col.type, sa.types.TypeDecorator) else col.type
    kind_of = col_type.python_type
    if kind_of is str:
        return st.text(max_size=40)
    if kind_of is bool:
        return st.booleans()
    if kind_of is int:
        return st.integers(0, 20)
    if kind_of is float:
        return st.floats(-10, 120, allow_nan=False)
    if kind_of is dt.date:
        return st.dates(dt.date(2025, 9, 1), dt.date(2026, 1, 31))
    return ANY_VALUE


@st.composite
def field_values(draw: st.DrawFn) -> tuple[str, dict[str, Any]]:
    kind = draw(st.sampled_from(EDITABLE))
    fields: dict[str, Any] = {}
    names = [*_columns(kind), "kr_ids", "bogus"]
    for _ in range(draw(st.integers(0, 4))):
        name = draw(st.sampled_from(names))
        plausible = name in _columns(kind) and draw(st.integers(0, 3)) > 0
        fields[name] = draw(_plausible(kind, name) if plausible else ANY_VALUE)
    if "kr_ids" in fields:
        fields["kr_ids"] = draw(st.lists(st.integers(-2, 12), max_size=3))
    return kind, fields


def _assert_valid(svc: PlanService, kind: str, record: Any) -> None:
    """A saved record passes the same validation again, as a whole."""
    k = KINDS[kind]
    values = {name: getattr(record, name) for name in _columns(kind)}
    cleaned = v.clean_fields(kind, k.table, values, partial=False)
    if kind == "card":
        v.check_card(cleaned)
    elif kind == "metric":
        v.check_metric(cleaned)
    elif kind == "kr":
        v.check_kr_code(cleaned["code"])


def test_the_service_saves_a_valid_record_or_raises_its_validation_error(tmp_path) -> None:
    db = open_database(f"sqlite:///{tmp_path / 'plan.db'}")
    svc = PlanService(db.engine)
    existing = {kind: [r.id for r in svc.list(kind)] for kind in EDITABLE}

    @SETTINGS
    @given(case=field_values(), create=st.booleans(), pick=st.integers(0, 50))
    def run(case: tuple[str, dict[str, Any]], create: bool, pick: int) -> None:
        kind, fields = case
        ids = existing[kind]
        ident = ids[pick % len(ids)]
        before = dump(db.engine)
        try:
            if create:  # a copy of an existing row with the drawn fields on top
                model = svc.get(kind, ident)
                base = {name: getattr(model, name) for name in _columns(kind)}
                if KINDS[kind].link is not None:
                    base["kr_ids"] = list(model.kr_ids)
                record = svc.create(kind, **(base | fields))
            else:
                record, _old = svc.update(kind, ident, **dict(fields))
        except (ValidationError, NotFoundError) as err:
            assert dump(db.engine) == before, err
            return
        _assert_valid(svc, kind, svc.get(kind, record.id))
        for name, value in fields.items():  # saved as given (titles trimmed, codes upper-cased)
            if name == "kr_ids":  # an empty list is accepted (and ignored) for any kind
                assert getattr(record, "kr_ids", ()) == tuple(sorted(dict.fromkeys(value)))
                continue
            expected = value.strip() if name in v.REQUIRED_TEXT else value
            if (kind, name) == ("kr", "code"):
                expected = value.strip().upper()
            assert getattr(record, name) == expected

    run()
    db.close()


def test_the_schema_metadata_is_the_one_the_service_writes() -> None:
    # Guards the test above: every editable kind is a registered table with columns to set.
    for kind in EDITABLE:
        assert KINDS[kind].table.name in metadata.tables
        assert _columns(kind)
