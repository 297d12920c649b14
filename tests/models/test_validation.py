"""Field validation: what a dialog or an import may save, and how a refusal reads."""

from __future__ import annotations

import datetime as dt
import json
import math
from typing import Any

import pytest
import sqlalchemy as sa
from hypothesis import given
from hypothesis import strategies as st

from models import schema
from models import validation as v
from models.errors import ValidationError

D = dt.date


def _refused(fn: Any, *args: Any, **kwargs: Any) -> ValidationError:
    with pytest.raises(ValidationError) as err:
        fn(*args, **kwargs)
    return err.value


# ----- clean_fields ------------------------------------------------------------------------------
@pytest.mark.parametrize("title", ["", "   ", "\t\n"])
def test_a_blank_title_is_refused_naming_entity_and_field(title: str) -> None:
    err = _refused(v.clean_fields, "objective", schema.objective, {"title": title}, partial=True)
    assert (err.entity, err.field) == ("objective", "title")
    assert str(err).startswith("objective.title:")
    assert "empty" in err.message


def test_titles_are_stripped_and_other_text_is_kept_as_typed() -> None:
    out = v.clean_fields(
        "kr", schema.keyresult, {"title": "  质量  ", "bottleneck": "  a\n"}, partial=True
    )
    assert out == {"title": "质量", "bottleneck": "  a\n"}


def test_an_over_long_title_is_refused_with_the_limit() -> None:
    err = _refused(
        v.clean_fields, "objective", schema.objective, {"title": "x" * 501}, partial=True
    )
    assert (err.entity, err.field) == ("objective", "title")
    assert "500" in err.message
    assert "501" in err.message
    ok = v.clean_fields("objective", schema.objective, {"title": "x" * 500}, partial=True)
    assert ok == {"title": "x" * 500}


@pytest.mark.parametrize(
    ("entity", "table", "fields", "field"),
    [
        ("metric", schema.metric, {"current": "65"}, "current"),
        ("metric", schema.metric, {"floor": True}, "floor"),
        ("metric", schema.metric, {"stretch": float("nan")}, "stretch"),
        ("metric", schema.metric, {"target": float("inf")}, "target"),
        ("metric", schema.metric, {"baseline": float("-inf")}, "baseline"),
        ("metric", schema.metric, {"current": 10**400}, "current"),
        ("metric", schema.metric, {"current": 1e13}, "current"),
        ("objective", schema.objective, {"sort_order": True}, "sort_order"),
        ("objective", schema.objective, {"sort_order": 1.0}, "sort_order"),
        ("objective", schema.objective, {"sort_order": "1"}, "sort_order"),
        ("objective", schema.objective, {"sort_order": 2**31}, "sort_order"),
        ("checkin", schema.checkin, {"date": dt.datetime(2025, 12, 3, 9, 0)}, "date"),
        ("checkin", schema.checkin, {"date": "2025-12-03"}, "date"),
        ("checkin", schema.checkin, {"date": D(1899, 12, 31)}, "date"),
        ("deliverable", schema.deliverable, {"done": 1}, "done"),
        ("deliverable", schema.deliverable, {"title": 7}, "title"),
        ("objective", schema.objective, {"title": None}, "title"),
    ],
)
def test_wrong_types_are_refused(
    entity: str, table: sa.Table, fields: dict[str, Any], field: str
) -> None:
    err = _refused(v.clean_fields, entity, table, fields, partial=True)
    assert (err.entity, err.field) == (entity, field)


def test_right_types_are_normalised() -> None:
    out = v.clean_fields("metric", schema.metric, {"current": 65, "floor": 80.5}, partial=True)
    assert out == {"current": 65.0, "floor": 80.5}
    assert isinstance(out["current"], float)
    out = v.clean_fields(
        "checkin", schema.checkin, {"date": D(2025, 12, 3), "value": 0}, partial=True
    )
    assert out == {"date": D(2025, 12, 3), "value": 0.0}
    assert v.clean_fields("deliverable", schema.deliverable, {"due": None}, partial=True) == {
        "due": None
    }


@pytest.mark.parametrize("name", ["colour", "id", "kr_ids"])
def test_unknown_or_unsettable_fields_are_refused(name: str) -> None:
    err = _refused(v.clean_fields, "kr", schema.keyresult, {name: 1}, partial=True)
    assert (err.entity, err.field) == ("kr", name)


def test_creation_fills_defaults_and_requires_the_rest() -> None:
    out = v.clean_fields("objective", schema.objective, {"plan_id": 1, "title": "O"}, partial=False)
    assert out == {"plan_id": 1, "title": "O", "sort_order": 0}
    err = _refused(v.clean_fields, "objective", schema.objective, {"plan_id": 1}, partial=False)
    assert (err.entity, err.field) == ("objective", "title")
    assert "required" in err.message
    card = v.clean_fields(
        "card",
        schema.actioncard,
        {"plan_id": 1, "level": "week", "period_start": D(2025, 12, 1)}
        | {"period_end": D(2025, 12, 1), "title": "t"},
        partial=False,
    )
    assert card["status"] == "todo"
    assert card["light"] is None


# ----- metrics -------------------------------------------------------------------------------------
def _metric(**changes: Any) -> dict[str, Any]:
    base = {"unit": "%", "direction": "increase", "baseline": 30.0, "current": 65.0}
    return base | {"floor": 80.0, "stretch": 90.0, "target": 90.0} | changes


def test_the_sample_coverage_metric_is_fine() -> None:
    v.check_metric(_metric())


@pytest.mark.parametrize("field", ["baseline", "current", "floor", "stretch", "target"])
def test_a_percentage_above_100_is_refused_naming_the_field(field: str) -> None:
    values = _metric(**{field: 140.0})
    if field == "floor":
        values["stretch"] = 150.0  # keep floor <= stretch so the percentage is what fails
    err = _refused(v.check_metric, values)
    assert (err.entity, err.field) == ("metric", field)
    assert "140" in err.message
    assert "0-100" in err.message


def test_a_negative_percentage_is_refused_but_other_units_may_exceed_100() -> None:
    err = _refused(v.check_metric, _metric(current=-1.0))
    assert err.field == "current"
    v.check_metric(_metric(unit="单", current=140.0, floor=10.0, stretch=300.0, target=300.0))


def test_floor_above_stretch_is_refused_for_an_increasing_metric() -> None:
    err = _refused(v.check_metric, _metric(floor=95.0, stretch=90.0))
    assert (err.entity, err.field) == ("metric", "floor")
    assert "95" in err.message
    assert "90" in err.message


def test_floor_below_stretch_is_refused_for_a_decreasing_metric() -> None:
    err = _refused(v.check_metric, _metric(direction="decrease", floor=5.0, stretch=10.0))
    assert (err.entity, err.field) == ("metric", "floor")
    v.check_metric(_metric(direction="decrease", floor=10.0, stretch=5.0))


@pytest.mark.parametrize("direction", ["increase", "decrease"])
def test_equal_floor_and_stretch_are_fine(direction: str) -> None:
    v.check_metric(_metric(direction=direction, floor=90.0, stretch=90.0))


def test_missing_floor_or_stretch_is_fine_and_an_unknown_direction_is_not() -> None:
    v.check_metric(_metric(floor=None))
    v.check_metric(_metric(stretch=None))
    err = _refused(v.check_metric, _metric(direction="up"))
    assert (err.entity, err.field) == ("metric", "direction")


# ----- KR codes ------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("typed", "saved"), [("kr7", "KR7"), ("KR1", "KR1"), (" Kr12 ", "KR12"), ("kr100", "KR100")]
)
def test_kr_codes_are_normalised(typed: str, saved: str) -> None:
    assert v.check_kr_code(typed) == saved


@pytest.mark.parametrize("code", ["K1", "KR", "KR1a", "", "KR 1", "1", "KR1000", "OKR1"])
def test_malformed_kr_codes_are_refused(code: str) -> None:
    err = _refused(v.check_kr_code, code)
    assert (err.entity, err.field) == ("kr", "code")
    assert "KR1" in err.message


# ----- cards ---------------------------------------------------------------------------------------
def _card(**changes: Any) -> dict[str, Any]:
    base = {"level": "week", "status": "todo", "light": None}
    return base | {"period_start": D(2025, 12, 15), "period_end": D(2025, 12, 22)} | changes


def test_well_formed_cards_pass() -> None:
    v.check_card(_card())
    v.check_card(_card(light="yellow_red", status="done"))
    v.check_card(_card(level="month", period_start=D(2025, 12, 1), period_end=D(2025, 12, 1)))
    v.check_card(_card(level="quarter", period_start=D(2025, 10, 1), period_end=D(2025, 10, 1)))


def test_a_week_card_must_start_on_a_monday() -> None:
    err = _refused(v.check_card, _card(period_start=D(2025, 12, 3)))  # a Wednesday
    assert (err.entity, err.field) == ("card", "period_start")
    assert "2025-12-03" in err.message
    err = _refused(v.check_card, _card(period_end=D(2025, 12, 21)))  # a Sunday
    assert err.field == "period_end"


def test_a_month_card_must_start_on_the_first() -> None:
    err = _refused(v.check_card, _card(level="month", period_start=D(2025, 12, 8)))
    assert err.field == "period_start"


def test_a_card_cannot_end_before_it_starts() -> None:
    err = _refused(v.check_card, _card(period_start=D(2025, 12, 22), period_end=D(2025, 12, 15)))
    assert (err.entity, err.field) == ("card", "period_end")
    assert "before" in err.message


@pytest.mark.parametrize(
    ("field", "value"), [("level", "day"), ("status", "blocked"), ("light", "amber")]
)
def test_unknown_level_status_or_light_is_refused(field: str, value: str) -> None:
    err = _refused(v.check_card, _card(**{field: value}))
    assert (err.entity, err.field) == ("card", field)
    assert repr(value) in err.message


def test_lights_accept_the_four_levels_only() -> None:
    for light in ("green", "yellow", "yellow_red", "red", None):
        v.check_light("kr", "light", light)
    err = _refused(v.check_light, "kr", "light", "黄")
    assert "green" in err.message
    _refused(v.check_light, "rule", "light", None, nullable=False)


# ----- rules ---------------------------------------------------------------------------------------
def _rule(**changes: Any) -> dict[str, Any]:
    params = json.dumps({"metric_id": 1, "min_gain": 1.0, "weeks": 2})
    return {"kind": "gain_below", "light": "red", "params": params} | changes


def test_a_well_formed_rule_passes() -> None:
    v.check_rule(_rule())
    milestone = json.dumps({"deliverable_id": 3, "date": "2025-12-20"})
    v.check_rule(_rule(kind="milestone_by_date", params=milestone))


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"params": "{metric: 1"}, "params"),
        ({"params": "[1, 2]"}, "params"),
        ({"params": '"text"'}, "params"),
        ({"params": "null"}, "params"),
        ({"kind": "gain_above"}, "kind"),
        ({"light": None}, "light"),
        # The parameters are checked as the rule's kind reads them (models.rule_params).
        ({"params": ""}, "params.metric_id"),  # gain_below needs its metric
        ({"params": '{"metric_id": 1, "min_gain": -1, "weeks": 2}'}, "params.min_gain"),
        ({"params": '{"metric_id": 1, "min_gain": 1, "weeks": 0}'}, "params.weeks"),
        ({"params": '{"metric_id": 1, "min_gain": 1, "weeks": 2, "x": 1}'}, "params.x"),
        ({"kind": "milestone_by_date"}, "params.metric_id"),  # another kind's parameters
        (
            {"kind": "milestone_by_date", "params": '{"deliverable_id": 1, "date": "12/20"}'},
            "params.date",
        ),
    ],
)
def test_malformed_rules_are_refused(changes: dict[str, Any], field: str) -> None:
    err = _refused(v.check_rule, _rule(**changes))
    assert (err.entity, err.field) == ("rule", field)


# ----- property: clean_fields only ever answers with a dict or a ValidationError -----------------
TABLES: list[tuple[str, sa.Table]] = [
    ("plan", schema.plan),
    ("objective", schema.objective),
    ("kr", schema.keyresult),
    ("metric", schema.metric),
    ("checkin", schema.checkin),
    ("work_package", schema.workpackage),
    ("deliverable", schema.deliverable),
    ("card", schema.actioncard),
    ("rule", schema.warningrule),
]
ANY_VALUE = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.integers(min_value=-(10**500), max_value=10**500),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=600),
    st.dates(),
    st.datetimes(),
)


@st.composite
def field_dicts(draw: st.DrawFn) -> tuple[str, sa.Table, dict[str, Any]]:
    entity, table = draw(st.sampled_from(TABLES))
    columns = [col.name for col in table.columns]
    names = st.one_of(st.sampled_from(columns), st.text(max_size=10))
    return entity, table, draw(st.dictionaries(names, ANY_VALUE, max_size=6))


@given(field_dicts(), st.booleans())
def test_clean_fields_returns_a_dict_or_raises_validation_error(
    case: tuple[str, sa.Table, dict[str, Any]], partial: bool
) -> None:
    entity, table, fields = case
    try:
        out = v.clean_fields(entity, table, fields, partial=partial)
    except ValidationError as err:
        columns = {col.name for col in table.columns}
        assert err.entity == entity
        assert err.field in set(fields) | columns
        return
    assert isinstance(out, dict)
    assert set(fields) <= set(out)
    for value in out.values():
        if isinstance(value, float):
            assert math.isfinite(value)
