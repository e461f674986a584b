"""The vector index port and its embedded adapter (exact brute force on numpy).

Contract every adapter honours:
- a score is the cosine similarity of the query and the stored vector (adapters normalise);
- `query` answers at most `k` matches, best score first, ties by id;
- `where` keeps items whose metadata equals every given value (a missing key never matches);
- metadata values are JSON scalars (str, int, float, bool), returned as stored;
- namespaces are isolated: the same id may live in two namespaces, and a query or delete in
  one never sees the other; upserting an existing id replaces its vector and metadata.

numpy is imported when an index is first written or read, not with this module.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol, TypeAlias

if TYPE_CHECKING:
    import numpy as np
    from numpy.typing import NDArray

Scalar: TypeAlias = str | int | float | bool
Metadata: TypeAlias = Mapping[str, Scalar]
VectorLike: TypeAlias = "Sequence[float] | NDArray[Any]"
Item: TypeAlias = "tuple[str, VectorLike, Metadata]"


class VectorIndexError(Exception):
    """The index could not be read or written (the adapter's cause is chained)."""


@dataclass(frozen=True)
class Match:
    id: str
    score: float
    metadata: dict[str, Scalar] = field(default_factory=dict)


class VectorIndex(Protocol):
    def upsert(self, namespace: str, items: Iterable[Item]) -> None: ...

    def delete(self, namespace: str, ids: Iterable[str]) -> None: ...

    def query(
        self, namespace: str, vector: VectorLike, k: int, where: Metadata | None = None
    ) -> list[Match]: ...


def check_metadata(metadata: Metadata) -> dict[str, Scalar]:
    """A copy of `metadata`, refusing values an adapter could not store and filter on."""
    for key, value in metadata.items():
        if not isinstance(value, str | int | float | bool):
            raise ValueError(f"metadata {key!r} must be str, int, float or bool")
    return dict(metadata)


def rank(ids: Sequence[str], scores: Sequence[float], k: int) -> list[tuple[str, float]]:
    """The top `k` (id, score), best first, ties broken by id so results are stable."""
    return sorted(zip(ids, scores, strict=True), key=lambda pair: (-pair[1], pair[0]))[:k]


def metadata_matches(metadata: Metadata, where: Metadata) -> bool:
    """Every `where` entry is in `metadata`, equal and of the same type."""
    # type() as well as ==, so True does not match 1 (JSON-backed adapters tell them apart).
    return all(
        key in metadata and type(metadata[key]) is type(value) and metadata[key] == value
        for key, value in where.items()
    )


class _Namespace:
    """One namespace's rows: a matrix that grows by doubling, and a slot per id."""

    def __init__(self, dim: int) -> None:
        import numpy as np

        self.matrix: NDArray[np.float32] = np.zeros((8, dim), dtype=np.float32)
        self.slots: dict[str, int] = {}
        self.ids: list[str] = []
        self.metadata: list[dict[str, Scalar]] = []

    def put(self, item_id: str, row: NDArray[np.float32], metadata: dict[str, Scalar]) -> None:
        import numpy as np

        slot = self.slots.get(item_id)
        if slot is None:
            slot = len(self.ids)
            if slot == len(self.matrix):
                self.matrix = np.concatenate([self.matrix, np.zeros_like(self.matrix)])
            self.slots[item_id] = slot
            self.ids.append(item_id)
            self.metadata.append(metadata)
        self.matrix[slot] = row
        self.metadata[slot] = metadata

    def remove(self, item_id: str) -> None:
        """Move the last row into the freed slot, so rows stay contiguous."""
        slot = self.slots.pop(item_id, None)
        if slot is None:
            return
        last = len(self.ids) - 1
        if slot != last:
            moved = self.ids[last]
            self.matrix[slot] = self.matrix[last]
            self.ids[slot], self.metadata[slot] = moved, self.metadata[last]
            self.slots[moved] = slot
        self.ids.pop()
        self.metadata.pop()


class NumpyVectorIndex:
    """Exact cosine search over in-memory rows; the local and test adapter."""

    def __init__(self) -> None:
        self._namespaces: dict[str, _Namespace] = {}
        self._lock = threading.Lock()

    def upsert(self, namespace: str, items: Iterable[Item]) -> None:
        rows = [(item_id, unit(vector), check_metadata(meta)) for item_id, vector, meta in items]
        with self._lock:
            for item_id, row, metadata in rows:
                space = self._namespaces.get(namespace)
                if space is None:
                    space = self._namespaces[namespace] = _Namespace(len(row))
                if len(row) != space.matrix.shape[1]:
                    raise ValueError(
                        f"vector has {len(row)} dims, index has {space.matrix.shape[1]}"
                    )
                space.put(item_id, row, metadata)

    def delete(self, namespace: str, ids: Iterable[str]) -> None:
        with self._lock:
            space = self._namespaces.get(namespace)
            if space is not None:
                for item_id in ids:
                    space.remove(item_id)

    def query(
        self, namespace: str, vector: VectorLike, k: int, where: Metadata | None = None
    ) -> list[Match]:
        q = unit(vector)
        with self._lock:
            space = self._namespaces.get(namespace)
            if space is None or not space.ids or k <= 0:
                return []
            keep = [
                slot
                for slot, meta in enumerate(space.metadata)
                if where is None or metadata_matches(meta, where)
            ]
            scores = space.matrix[keep] @ q
            ids = [space.ids[slot] for slot in keep]
            metadata = {space.ids[slot]: dict(space.metadata[slot]) for slot in keep}
        return [Match(i, float(s), metadata[i]) for i, s in rank(ids, scores.tolist(), k)]


def unit(vector: VectorLike) -> NDArray[np.float32]:
    """`vector` as float32 with unit length, so a dot product is the cosine."""
    import numpy as np

    row = np.asarray(vector, dtype=np.float32).reshape(-1)
    norm = float(np.linalg.norm(row))
    if norm == 0.0 or not np.isfinite(norm):
        raise ValueError("vector must be finite and non-zero")
    result: NDArray[np.float32] = row / norm
    return result
