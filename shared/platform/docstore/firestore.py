"""The production document store on Cloud Firestore (google-cloud-firestore).

The client library is imported when a store is built, not with this module, to keep cold
starts light. Errors become the port's exceptions, datetimes come back as plain UTC
datetimes, and each query is sent with its full normalised ordering (values.py), so
tie-breaks and start_after cursors are the same as the embedded store's.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import datetime
from typing import TYPE_CHECKING, Any, TypeVar

from shared.platform.docstore.port import (
    AlreadyExists,
    Data,
    Direction,
    Document,
    Filter,
    NotFound,
    Order,
    Transaction,
    TransactionFailed,
)
from shared.platform.docstore.values import (
    DOC_ID,
    cursor_values,
    normalized_orders,
    to_utc,
    validate_filters,
)

if TYPE_CHECKING:
    from google.cloud.firestore import Client, DocumentReference
    from google.cloud.firestore import Transaction as ClientTransaction
    from google.cloud.firestore import WriteBatch as ClientBatch

T = TypeVar("T")

_MAX_RETRY_DELAY_S = 30.0  # well inside Firestore's 60 s limit on an idle transaction


class _Backoff:
    """A jittered, doubling pause before each retry, scaled by what the failed attempt cost.

    The client retries an aborted commit at once, and instant retries collide again. An abort
    in production is quick, so the pause stays short; the emulator aborts a commit only after
    waiting ~2 s for a lock (and the waiting blocks others), so there it must back off further.
    """

    def __init__(self) -> None:
        self._started: float | None = None
        self._retries = 0

    def before_attempt(self) -> None:
        if self._started is not None:
            cost = time.monotonic() - self._started
            self._retries += 1
            time.sleep(random.uniform(0, min(_MAX_RETRY_DELAY_S, cost * 2**self._retries)))
        self._started = time.monotonic()


@contextmanager
def _port_errors() -> Iterator[None]:
    from google.api_core import exceptions as api
    from google.cloud.firestore import ReadAfterWriteError

    try:
        yield
    except ReadAfterWriteError as exc:
        raise ValueError("a transaction must do all its reads before its writes") from exc
    except api.AlreadyExists as exc:  # not Conflict: Aborted is a Conflict too
        raise AlreadyExists(exc.message) from exc
    except api.NotFound as exc:
        raise NotFound(exc.message) from exc
    except api.InvalidArgument as exc:  # a query shape Firestore refuses
        raise ValueError(exc.message) from exc


def _field(path: str) -> str:
    """A dotted path as Firestore field path syntax, quoting segments that need it."""
    from google.cloud.firestore_v1.field_path import FieldPath

    return path if path == DOC_ID else FieldPath(*path.split(".")).to_api_repr()


def _plain(value: Any) -> Any:
    """Client values as the port's: DatetimeWithNanoseconds becomes a plain UTC datetime."""
    if isinstance(value, datetime):
        return to_utc(value)
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


class _Writes:
    """The port's write calls on a client batch or transaction (both buffer until commit)."""

    def __init__(self, client: Client, writer: ClientBatch | ClientTransaction) -> None:
        self._client = client
        self._writer = writer

    def _ref(self, collection: str, doc_id: str) -> DocumentReference:
        return self._client.collection(collection).document(doc_id)

    def create(self, collection: str, doc_id: str, data: Mapping[str, Any]) -> None:
        self._writer.create(self._ref(collection, doc_id), dict(data))

    def set(self, collection: str, doc_id: str, data: Mapping[str, Any]) -> None:
        self._writer.set(self._ref(collection, doc_id), dict(data))

    def update(self, collection: str, doc_id: str, fields: Mapping[str, Any]) -> None:
        paths = {_field(path): value for path, value in fields.items()}
        self._writer.update(self._ref(collection, doc_id), paths)

    def delete(self, collection: str, doc_id: str) -> None:
        self._writer.delete(self._ref(collection, doc_id))


class _Batch(_Writes):
    def commit(self) -> None:
        with _port_errors():
            self._writer.commit()


class _Transaction(_Writes):
    def __init__(self, client: Client, transaction: ClientTransaction) -> None:
        super().__init__(client, transaction)
        self._transaction = transaction

    def get(self, collection: str, doc_id: str) -> Data | None:
        with _port_errors():
            snapshot = self._ref(collection, doc_id).get(transaction=self._transaction)
        return _plain(snapshot.to_dict()) if snapshot.exists else None


class FirestoreDocumentStore:
    """DocumentStore on Firestore; talks to the emulator when FIRESTORE_EMULATOR_HOST is set."""

    def __init__(self, project: str, database: str = "(default)", client: Client | None = None):
        from google.cloud import firestore

        self._client = client or firestore.Client(project=project, database=database)

    def get(self, collection: str, doc_id: str) -> Data | None:
        snapshot = self._client.collection(collection).document(doc_id).get()
        return _plain(snapshot.to_dict()) if snapshot.exists else None

    # Single writes are batches of one, which is also how the client sends them.
    def create(self, collection: str, doc_id: str, data: Mapping[str, Any]) -> None:
        self._one(lambda batch: batch.create(collection, doc_id, data))

    def set(self, collection: str, doc_id: str, data: Mapping[str, Any]) -> None:
        self._one(lambda batch: batch.set(collection, doc_id, data))

    def update(self, collection: str, doc_id: str, fields: Mapping[str, Any]) -> None:
        self._one(lambda batch: batch.update(collection, doc_id, fields))

    def delete(self, collection: str, doc_id: str) -> None:
        self._one(lambda batch: batch.delete(collection, doc_id))

    def _one(self, write: Callable[[_Batch], None]) -> None:
        batch = self.batch()
        write(batch)
        batch.commit()

    def query(
        self,
        collection: str,
        filters: Sequence[Filter] = (),
        order_by: Sequence[Order] = (),
        limit: int | None = None,
        start_after: Document | None = None,
    ) -> list[Document]:
        from google.cloud.firestore import Query
        from google.cloud.firestore_v1 import FieldFilter

        validate_filters(filters)  # the same errors as the embedded store, before any call
        orders = normalized_orders(filters, order_by)
        query: Any = self._client.collection(collection)
        for f in filters:
            query = query.where(filter=FieldFilter(_field(f.field), f.op.value, f.value))
        for o in orders:
            desc = o.direction is Direction.DESC
            query = query.order_by(
                _field(o.field), direction=Query.DESCENDING if desc else Query.ASCENDING
            )
        if start_after is not None:
            query = query.start_after(cursor_values(start_after, orders))
        if limit is not None:
            query = query.limit(limit)
        with _port_errors():
            return [Document(collection, s.id, _plain(s.to_dict())) for s in query.stream()]

    def batch(self) -> _Batch:
        return _Batch(self._client, self._client.batch())

    def run_transaction(self, fn: Callable[[Transaction], T], max_attempts: int = 30) -> T:
        from google.api_core.exceptions import Aborted
        from google.cloud import firestore

        backoff = _Backoff()

        @firestore.transactional
        def attempt(transaction: ClientTransaction) -> T:
            backoff.before_attempt()  # begun, but it holds no locks until it reads
            return fn(_Transaction(self._client, transaction))

        try:
            with _port_errors():
                result: T = attempt(self._client.transaction(max_attempts=max_attempts))
                return result
        except ValueError as exc:
            if isinstance(exc.__cause__, Aborted):  # the client gave up after max_attempts
                raise TransactionFailed(str(exc)) from exc
            raise

    def close(self) -> None:
        self._client.close()
