"""Firestore value semantics in pure code: ordering, filter matching, paths and the JSON form."""

from __future__ import annotations

import math
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from shared.platform.docstore import Direction, Filter, Op, Order
from shared.platform.docstore.values import (
    DOC_ID,
    MISSING,
    compare,
    decode,
    encode,
    get_path,
    matches,
    normalized_orders,
    set_path,
    validate_filters,
)

T0 = datetime(2025, 1, 1, tzinfo=UTC)

# One value per rung of Firestore's ladder, each below the next.
LADDER: list[Any] = [
    None,
    False,
    True,
    float("nan"),
    float("-inf"),
    -1,
    0.5,
    1,
    float("inf"),
    T0,
    T0 + timedelta(microseconds=1),
    "",
    "Z",
    "a",
    "é",
    [],
    [1],
    [1, 2],
    [2],
    {},
    {"a": 1},
    {"a": 2},
    {"a": 2, "b": 0},
    {"b": 0},
]


def test_the_type_ladder_is_a_strict_order() -> None:
    for i, low in enumerate(LADDER):
        for high in LADDER[i + 1 :]:
            assert compare(low, high) == -1, (low, high)
            assert compare(high, low) == 1, (high, low)


def test_numbers_and_instants_compare_by_value() -> None:
    assert compare(1, 1.0) == 0
    assert compare(T0, T0.astimezone(timezone(timedelta(hours=-7)))) == 0


@pytest.mark.parametrize(
    ("value", "op", "operand", "expected"),
    [
        (MISSING, Op.NE, 1, False),
        (None, Op.NE, 1, False),
        ("1", Op.NE, 1, True),
        (None, Op.EQ, None, True),
        (float("nan"), Op.EQ, float("nan"), True),
        (True, Op.EQ, 1, False),
        (1.0, Op.EQ, 1, True),
        ("b", Op.GT, 1, False),
        (float("nan"), Op.LT, 1, False),
        (float("-inf"), Op.LT, 1, True),
        (T0, Op.GE, T0, True),
        (None, Op.IN, [None], False),
        (float("nan"), Op.IN, [float("nan")], False),
        (2.0, Op.IN, ["x", 2], True),
        (["a", 1.0], Op.ARRAY_CONTAINS, 1, True),
        ("a", Op.ARRAY_CONTAINS, "a", False),
    ],
)
def test_filter_matching(value: Any, op: Op, operand: Any, expected: bool) -> None:
    assert matches(value, op, operand) is expected


def test_normalized_orders_add_inequality_fields_then_id_in_the_last_direction() -> None:
    filters = [Filter("z", Op.GT, 1), Filter("a.b", Op.NE, 2), Filter.eq("e", 3)]
    assert normalized_orders(filters, [Order("s", Direction.DESC)]) == [
        Order("s", Direction.DESC),
        Order("a.b", Direction.DESC),
        Order("z", Direction.DESC),
        Order(DOC_ID, Direction.DESC),
    ]
    assert normalized_orders([], []) == [Order(DOC_ID)]


@pytest.mark.parametrize(
    "filters",
    [
        [Filter("a", Op.NE, 1), Filter("b", Op.NE, 1)],
        [Filter("a", Op.IN, [])],
        [Filter("a", Op.IN, "ab")],
        [Filter("a", Op.LE, float("nan"))],
    ],
)
def test_refused_filters(filters: list[Filter]) -> None:
    with pytest.raises(ValueError):
        validate_filters(filters)


def test_paths() -> None:
    data: dict[str, Any] = {"a": {"b": 1}, "s": "x"}
    set_path(data, "a.c.d", 2)
    set_path(data, "s.t", 3)
    assert data == {"a": {"b": 1, "c": {"d": 2}}, "s": {"t": 3}}
    assert get_path(data, "a.c.d") == 2
    assert get_path(data, "a.b.x") is MISSING


def test_json_form_keeps_tags_apart_from_data() -> None:
    data = {"$t": "2025", "$$f": {"$t": T0}, "at": T0, "x": float("inf"), "l": [{"$f": 1}]}
    assert decode(encode(data)) == data
    assert isinstance(decode(encode(data))["at"], datetime)


values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-(2**63), 2**63 - 1)
    | st.floats(allow_nan=False)
    | st.text()
    | st.datetimes(timezones=st.just(UTC)),
    lambda inner: (
        st.lists(inner.filter(lambda v: not isinstance(v, list)), max_size=4)
        | st.dictionaries(st.text(max_size=5), inner, max_size=4)
    ),
    max_leaves=12,
)


@given(st.dictionaries(st.text(max_size=5), values, max_size=5))
def test_json_form_round_trips(data: dict[str, Any]) -> None:
    again = decode(encode(data))
    assert again == data
    assert _types(again) == _types(data)


@given(values, values, values)
def test_compare_is_a_total_order(a: Any, b: Any, c: Any) -> None:
    assert compare(a, b) == -compare(b, a)
    if compare(a, b) <= 0 and compare(b, c) <= 0:
        assert compare(a, c) <= 0


def _types(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _types(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_types(v) for v in value]
    return type(value)


def test_nan_survives_the_json_form() -> None:
    assert math.isnan(decode(encode({"n": float("nan")}))["n"])
