"""The document store contract every adapter honours.

Semantics follow Firestore so the embedded store can stand in for it:
- documents are JSON-like dicts (str, int, float, bool, None, aware datetime, list, dict);
- an equality or range filter on a field excludes documents that lack the field;
- results are ordered by the explicit orders, then by any range-filtered field not already
  ordered (ascending, by field name), then by document id in the direction of the last order;
- values of different types order by type: null < bool < number < datetime < string < list < map;
- a transaction reads before it writes and is retried as a whole on contention.
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
