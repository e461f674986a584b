"""The document store contract every adapter honours.

Semantics follow Firestore (as its emulator answers) so the embedded store can stand in for it;
tests/contract/test_docstore.py checks both adapters against each other:
- documents are JSON-like dicts (str, int, float, bool, None, aware datetime, list, dict); an
  array may not directly hold an array (ValueError); datetimes come back as aware UTC with
  microsecond precision (naive ones are taken as UTC); ints and floats keep their type;
- values of different types order by type: null < bool < number < datetime < string < list < map;
  ints and floats compare numerically (== 1 matches 1.0), NaN sorts before other numbers;
- a filter on a field excludes documents that lack the field; range filters match only values
  of the operand's type (> 1 never matches a string); != also excludes null; `in` takes 1 to 30
  values and a None or NaN among them matches nothing; None and NaN are only allowed with ==
  and !=; at most one != and one array_contains per query. Queries Firestore refuses raise
  ValueError on every adapter;
- ordering by a field excludes documents that lack it. Results are ordered by the explicit
  orders, then by any range-filtered (or !=) field not already ordered (by field path), then by
  document id, the added ones in the direction of the last explicit order (ascending if none);
- start_after takes a Document and continues after its position in that ordering (its data must
  hold the ordered fields, else ValueError);
- a transaction reads before it writes (a read after a write raises ValueError); reads see
  committed data; writes commit atomically when fn returns (nothing is written if fn raises). It is
  retried as a whole on contention, then fails with TransactionFailed; do not call the store
  itself from inside fn;
- within one batch or transaction, a document may not be created after another write to it,
  nor updated after its delete (ValueError; Firestore refuses these commits).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, Protocol, TypeVar

T = TypeVar("T")

Data = dict[str, Any]


class StoreError(Exception):
    """Base class for document store failures."""


class NotFound(StoreError):
    """The document does not exist (update of a missing document)."""


class AlreadyExists(StoreError):
    """create() found a document already at that id."""


class TransactionFailed(StoreError):
    """A transaction could not commit within its attempts (persistent contention)."""


class Op(StrEnum):
    EQ = "=="
    NE = "!="
    LT = "<"
    LE = "<="
    GT = ">"
    GE = ">="
    IN = "in"
    ARRAY_CONTAINS = "array_contains"

    @property
    def is_range(self) -> bool:
        return self in (Op.LT, Op.LE, Op.GT, Op.GE, Op.NE)


class Direction(StrEnum):
    ASC = "asc"
    DESC = "desc"


@dataclass(frozen=True)
class Filter:
    """A where clause on a dotted field path."""

    field: str
    op: Op
    value: Any

    @classmethod
    def eq(cls, field: str, value: Any) -> Filter:
        return cls(field, Op.EQ, value)


@dataclass(frozen=True)
class Order:
    field: str
    direction: Direction = Direction.ASC


@dataclass(frozen=True)
class Document:
    """A stored document: its id within the collection and its data."""

    collection: str
    id: str
    data: Data = field(default_factory=dict)


class Transaction(Protocol):
    """Reads first, then writes; all writes commit atomically or not at all."""

    def get(self, collection: str, doc_id: str) -> Data | None: ...

    def create(self, collection: str, doc_id: str, data: Mapping[str, Any]) -> None: ...

    def set(self, collection: str, doc_id: str, data: Mapping[str, Any]) -> None: ...

    def update(self, collection: str, doc_id: str, fields: Mapping[str, Any]) -> None: ...

    def delete(self, collection: str, doc_id: str) -> None: ...


class WriteBatch(Protocol):
    """Writes collected and committed atomically (at most 500)."""

    def create(self, collection: str, doc_id: str, data: Mapping[str, Any]) -> None: ...

    def set(self, collection: str, doc_id: str, data: Mapping[str, Any]) -> None: ...

    def update(self, collection: str, doc_id: str, fields: Mapping[str, Any]) -> None: ...

    def delete(self, collection: str, doc_id: str) -> None: ...

    def commit(self) -> None: ...


class DocumentStore(Protocol):
    """Port for Firestore-shaped document storage.

    Collections may be nested paths ("chefs/c1/claims"). update() takes dotted field paths
    and fails with NotFound on a missing document; set() replaces the whole document.
    """

    def get(self, collection: str, doc_id: str) -> Data | None: ...

    def create(self, collection: str, doc_id: str, data: Mapping[str, Any]) -> None: ...

    def set(self, collection: str, doc_id: str, data: Mapping[str, Any]) -> None: ...

    def update(self, collection: str, doc_id: str, fields: Mapping[str, Any]) -> None: ...

    def delete(self, collection: str, doc_id: str) -> None: ...

    def query(
        self,
        collection: str,
        filters: Sequence[Filter] = (),
        order_by: Sequence[Order] = (),
        limit: int | None = None,
        start_after: Document | None = None,
    ) -> list[Document]: ...

    def batch(self) -> WriteBatch: ...

    def run_transaction(self, fn: Callable[[Transaction], T], max_attempts: int = 30) -> T: ...

    def close(self) -> None: ...
