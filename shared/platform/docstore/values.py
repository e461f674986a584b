"""Firestore's value semantics in pure code, so the embedded store answers queries alike.

Covers type-then-value ordering, filter matching (as the Firestore emulator answers),
the normalised query ordering, dotted field paths and a JSON form that round-trips
aware datetimes.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from typing import Any, Final

from shared.platform.docstore.port import Data, Direction, Document, Filter, Op, Order

DOC_ID: Final = "__name__"  # the field path Firestore uses for the document id
MAX_IN_VALUES: Final = 30


class _Missing:
    def __repr__(self) -> str:
        return "MISSING"


MISSING: Final[Any] = _Missing()  # a field path that leads nowhere (not the same as None)


def to_utc(value: datetime) -> datetime:
    """A plain aware UTC datetime; naive input is taken as UTC, as Firestore's client does."""
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    value = value.astimezone(UTC)
    return datetime(
        value.year,
        value.month,
        value.day,
        value.hour,
        value.minute,
        value.second,
        value.microsecond,
        tzinfo=UTC,
    )


# ---- field paths -------------------------------------------------------------------------


def get_path(data: Mapping[str, Any], path: str) -> Any:
    """The value at a dotted path, or MISSING."""
    value: Any = data
    for part in path.split("."):
        if not isinstance(value, Mapping) or part not in value:
            return MISSING
        value = value[part]
    return value


def set_path(data: dict[str, Any], path: str, value: Any) -> None:
    """Set a dotted path, creating (or replacing non-map) intermediate maps like update()."""
    *parents, leaf = path.split(".")
    node = data
    for part in parents:
        child = node.get(part)
        if not isinstance(child, dict):
            child = node[part] = {}
        node = child
    node[leaf] = value


# ---- ordering ----------------------------------------------------------------------------


def sort_key(value: Any) -> tuple[Any, ...]:
    """A key whose natural order is Firestore's: null < bool < number < time < str < list < map.

    NaN sorts before every other number; lists compare element-wise then by length; maps
    compare key, value, key, value... in sorted key order, then by size.
    """
    if value is None:
        return (0,)
    if isinstance(value, bool):
        return (1, value)
    if isinstance(value, int | float):
        return (2, (0,) if value != value else (1, value))
    if isinstance(value, datetime):
        return (3, value if value.tzinfo else value.replace(tzinfo=UTC))
    if isinstance(value, str):
        return (4, value)  # code point order equals Firestore's UTF-8 byte order
    if isinstance(value, list | tuple):
        return (5, tuple(sort_key(item) for item in value))
    if isinstance(value, Mapping):
        return (6, tuple((key, sort_key(value[key])) for key in sorted(value)))
    raise TypeError(f"unsupported document value: {type(value).__name__}")


def compare(left: Any, right: Any) -> int:
    a, b = sort_key(left), sort_key(right)
    return (a > b) - (a < b)


def _is_nan(value: Any) -> bool:
    return isinstance(value, float) and math.isnan(value)


def _equal(value: Any, operand: Any) -> bool:
    return sort_key(value) == sort_key(operand)


def matches(value: Any, op: Op, operand: Any) -> bool:
    """Whether a field value (possibly MISSING) passes a filter, as Firestore decides.

    Missing fields never match; != also rejects null; range filters only match values of
    the operand's type; `in` never matches on a null or NaN entry; NaN never satisfies a range.
    """
    if value is MISSING:
        return False
    if op is Op.EQ:
        return _equal(value, operand)
    if op is Op.NE:
        return value is not None and not _equal(value, operand)
    if op is Op.IN:
        return any(
            item is not None and not _is_nan(item) and _equal(value, item) for item in operand
        )
    if op is Op.ARRAY_CONTAINS:
        return isinstance(value, list) and any(_equal(item, operand) for item in value)
    key, bound = sort_key(value), sort_key(operand)
    if key[0] != bound[0] or _is_nan(value):
        return False
    if op is Op.LT:
        return key < bound
    if op is Op.LE:
        return key <= bound
    if op is Op.GT:
        return key > bound
    return key >= bound


def validate_filters(filters: Sequence[Filter]) -> None:
    """Reject what Firestore rejects, so local code cannot rely on a query prod refuses."""
    for f in filters:
        if (f.value is None or _is_nan(f.value)) and f.op not in (Op.EQ, Op.NE):
            raise ValueError(f"{f.field}: only == and != accept None or NaN")
        if f.op is Op.IN and not (
            isinstance(f.value, list | tuple) and 0 < len(f.value) <= MAX_IN_VALUES
        ):
            raise ValueError(f"{f.field}: 'in' needs a list of 1 to {MAX_IN_VALUES} values")
    for op in (Op.NE, Op.ARRAY_CONTAINS):
        if sum(f.op is op for f in filters) > 1:
            raise ValueError(f"at most one {op.value!r} filter per query")


def normalized_orders(filters: Sequence[Filter], order_by: Sequence[Order]) -> list[Order]:
    """The full ordering Firestore applies: explicit orders, then inequality-filtered fields
    (by field path), then the document id, all added in the direction of the last explicit one.
    """
    orders = list(order_by)
    direction = orders[-1].direction if orders else Direction.ASC
    ordered = {o.field for o in orders}
    inequalities = {f.field for f in filters if f.op.is_range} - ordered
    orders += [Order(name, direction) for name in sorted(inequalities, key=lambda p: p.split("."))]
    if DOC_ID not in ordered:
        orders.append(Order(DOC_ID, direction))
    return orders


def order_values(doc: Document, orders: Sequence[Order]) -> list[Any]:
    """The values a document takes in each order (MISSING where it lacks the field)."""
    return [doc.id if o.field == DOC_ID else get_path(doc.data, o.field) for o in orders]


def cursor_values(doc: Document, orders: Sequence[Order]) -> list[Any]:
    """A start_after position; a document lacking an ordered field cannot be one."""
    values = order_values(doc, orders)
    missing = [o.field for o, v in zip(orders, values, strict=True) if v is MISSING]
    if missing:
        raise ValueError(f"start_after document {doc.id} lacks ordered fields {missing}")
    return values


# ---- JSON form -----------------------------------------------------------------------------
# Datetimes become {"$t": iso}; a user key starting with "$" gets one more "$", so tags can
# never collide with data and dotted paths still map one-to-one onto JSON paths.

TIME_TAG: Final = "$t"
_FLOAT_TAG: Final = "$f"  # NaN and infinities, which JSON cannot spell


def time_text(value: datetime) -> str:
    """The stored form of a datetime; it sorts as text exactly as the instants do."""
    return to_utc(value).isoformat(timespec="microseconds")


def escape_key(key: str) -> str:
    return "$" + key if key.startswith("$") else key


def _to_json(value: Any) -> Any:
    # Exact types first (a type lookup is far cheaper than isinstance against the ABCs, and
    # a turn encodes a few hundred values); subclasses and mappings take the general path.
    kind = type(value)
    if kind in _PLAIN:
        return value
    if kind is dict:
        return {("$" + k if k[:1] == "$" else k): _to_json(v) for k, v in value.items()}
    if kind is list or kind is tuple:
        return _array(value)
    if kind is float:
        return value if math.isfinite(value) else {_FLOAT_TAG: repr(value)}
    if kind is datetime:
        return {TIME_TAG: time_text(value)}
    return _general_to_json(value)


_PLAIN: Final = frozenset({str, int, bool, type(None)})


def _array(value: list[Any] | tuple[Any, ...]) -> list[Any]:
    if any(isinstance(v, list | tuple) for v in value):
        raise ValueError("Firestore arrays cannot directly contain arrays")
    return [_to_json(v) for v in value]


def _general_to_json(value: Any) -> Any:
    if isinstance(value, Mapping):
        return {escape_key(k): _to_json(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return _array(value)
    if isinstance(value, datetime):
        return {TIME_TAG: time_text(value)}
    if isinstance(value, float) and not math.isfinite(value):
        return {_FLOAT_TAG: repr(value)}
    if value is None or isinstance(value, str | int | float):
        return value
    raise TypeError(f"unsupported document value: {type(value).__name__}")


def _from_json_object(obj: dict[str, Any]) -> Any:
    if len(obj) == 1:
        if TIME_TAG in obj:
            return datetime.fromisoformat(obj[TIME_TAG])
        if _FLOAT_TAG in obj:
            return float(obj[_FLOAT_TAG])
    for key in obj:
        if key[:1] == "$":
            return {k[1:] if k[:1] == "$" else k: v for k, v in obj.items()}
    return obj  # no escaped key: as parsed


def encode(data: Mapping[str, Any]) -> str:
    return json.dumps(_to_json(data), ensure_ascii=False, separators=(",", ":"), allow_nan=False)


_TAGGED = json.JSONDecoder(object_hook=_from_json_object)


def decode_value(text: str) -> Any:
    if '"$' not in text:  # no tags and no escaped keys: the fast path
        return json.loads(text)
    return _TAGGED.decode(text)


def decode(text: str) -> Data:
    data: Data = decode_value(text)
    return data
