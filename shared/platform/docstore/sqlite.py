"""The embedded document store: one SQLite file with Firestore's semantics.

Documents are JSON rows keyed by (collection, id). Every write takes SQLite's write lock
(BEGIN IMMEDIATE), so transactions serialize instead of failing late; a transaction that
cannot get the lock within the busy timeout is retried, then reported as TransactionFailed.
Queries narrow rows in SQL where that is exact enough and decide everything in Python with
the same rules the Firestore adapter gets from the server (see values.py).

Connections come from a small fixed pool, lent for one operation at a time, so the number
of open files does not grow with the number of threads that ever touched the store (the dev
server starts a thread per request).
"""

from __future__ import annotations

import fcntl
import hashlib
import math
import os
import sqlite3
import threading
import time
from collections import deque
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from enum import Enum
from functools import partial
from itertools import takewhile
from os import PathLike
from pathlib import Path
from typing import Any, NamedTuple, TypeVar

from shared.platform.docstore.port import (
    AlreadyExists,
    Data,
    Direction,
    Document,
    Filter,
    NotFound,
    Op,
    Order,
    StoreError,
    Transaction,
    TransactionFailed,
)
from shared.platform.docstore.values import (
    DOC_ID,
    MISSING,
    TIME_TAG,
    cursor_values,
    decode,
    decode_value,
    encode,
    escape_key,
    get_path,
    matches,
    normalized_orders,
    set_path,
    sort_key,
    time_text,
    validate_filters,
)

T = TypeVar("T")

_SCHEMA = """
CREATE TABLE IF NOT EXISTS docs (
    collection TEXT NOT NULL,
    id TEXT NOT NULL,
    data TEXT NOT NULL,
    PRIMARY KEY (collection, id)
) WITHOUT ROWID
"""
_WRITE_ATTEMPTS = 30
_RANGES = (Op.LT, Op.LE, Op.GT, Op.GE)  # their values double as SQL operators


class _Kind(Enum):
    CREATE = "create"
    SET = "set"
    UPDATE = "update"
    DELETE = "delete"


@dataclass(frozen=True)
class _Write:
    kind: _Kind
    collection: str
    doc_id: str
    payload: str  # encoded document, or encoded {dotted path: value} for updates


class _WriteBuffer:
    """Writes are encoded when made (bad values fail at the call) and applied at commit."""

    def __init__(self) -> None:
        self.writes: list[_Write] = []

    def _add(self, kind: _Kind, collection: str, doc_id: str, data: Mapping[str, Any]) -> None:
        self.writes.append(_Write(kind, collection, doc_id, encode(data)))

    def create(self, collection: str, doc_id: str, data: Mapping[str, Any]) -> None:
        self._add(_Kind.CREATE, collection, doc_id, data)

    def set(self, collection: str, doc_id: str, data: Mapping[str, Any]) -> None:
        self._add(_Kind.SET, collection, doc_id, data)

    def update(self, collection: str, doc_id: str, fields: Mapping[str, Any]) -> None:
        self._add(_Kind.UPDATE, collection, doc_id, fields)

    def delete(self, collection: str, doc_id: str) -> None:
        self._add(_Kind.DELETE, collection, doc_id, {})


class _SqliteTransaction(_WriteBuffer):
    """Reads run inside the write-locked SQLite transaction, so they see committed data."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        super().__init__()
        self._conn = conn

    def get(self, collection: str, doc_id: str) -> Data | None:
        if self.writes:
            raise ValueError("a transaction must do all its reads before its writes")
        return _read(self._conn, collection, doc_id)


class _SqliteBatch(_WriteBuffer):
    def __init__(self, store: SqliteDocumentStore) -> None:
        super().__init__()
        self._store = store

    def commit(self) -> None:
        self._store._commit(self.writes)


class _FairLock:
    """A re-entrant lock handed to waiters in arrival order, one woken per release.

    An ordinary lock lets whichever thread runs first win, so under load one writer could
    lose round after round (chat's p99); waking every waiter instead costs a GIL hand-off
    each. Here each waiter sleeps on its own gate and the release opens only the first.
    """

    _HANDED_OVER = -1  # owner while the next waiter wakes up: no newcomer may barge in

    def __init__(self) -> None:
        self._mutex = threading.Lock()
        self._waiters: deque[threading.Lock] = deque()
        self._owner: int | None = None
        self._depth = 0

    def acquire(self, timeout: float) -> bool:
        me = threading.get_ident()
        with self._mutex:
            if self._owner == me:
                self._depth += 1
                return True
            if self._owner is None:
                self._owner, self._depth = me, 1
                return True
            gate = threading.Lock()
            gate.acquire()
            self._waiters.append(gate)
        if not gate.acquire(timeout=timeout):
            with self._mutex:
                if gate in self._waiters:
                    self._waiters.remove(gate)
                    return False
            # handed over just as the wait timed out: the lock is ours after all
        with self._mutex:
            self._owner, self._depth = me, 1
        return True

    @contextmanager
    def held(self) -> Iterator[None]:
        while not self.acquire(timeout=60):
            pass
        try:
            yield
        finally:
            self.release()

    def held_here(self) -> bool:
        """This thread owns the lock already (a nested write)."""
        return self._owner == threading.get_ident()

    def release(self) -> None:
        with self._mutex:
            self._depth -= 1
            if self._depth:
                return
            if self._waiters:
                self._owner = self._HANDED_OVER
                self._waiters.popleft().release()
            else:
                self._owner = None


class _ConnectionPool:
    """At most `size` connections, each lent to one thread at a time.

    A thread that already holds a connection gets the same one again (a plain read inside a
    transaction's function), so nesting never waits on a second connection and a full pool
    cannot deadlock on itself.
    """

    def __init__(self, connect: Callable[[], sqlite3.Connection], size: int, wait_s: float) -> None:
        self._connect = connect
        self._size = size
        self._wait_s = wait_s
        self._idle: list[sqlite3.Connection] = []
        self._opened = 0
        self._closed = False
        self._available = threading.Condition(threading.Lock())
        self._held = threading.local()  # (connection, depth) only while this thread borrows

    @contextmanager
    def borrow(self) -> Iterator[sqlite3.Connection]:
        held: tuple[sqlite3.Connection, int] | None = getattr(self._held, "conn", None)
        if held is not None:
            conn, depth = held
            self._held.conn = (conn, depth + 1)
            try:
                yield conn
            finally:
                self._held.conn = (conn, depth)
            return
        conn = self._take()
        self._held.conn = (conn, 1)
        try:
            yield conn
        finally:
            self._held.conn = None
            self._give_back(conn)

    def _take(self) -> sqlite3.Connection:
        deadline = time.monotonic() + self._wait_s
        with self._available:
            while True:
                if self._closed:
                    raise StoreError("the document store is closed")
                if self._idle:
                    return self._idle.pop()
                if self._opened < self._size:
                    self._opened += 1
                    break
                remaining = deadline - time.monotonic()
                if remaining <= 0 or not self._available.wait(remaining):
                    raise TransactionFailed(f"no free connection within {self._wait_s} s")
        try:
            return self._connect()
        except BaseException:
            with self._available:
                self._opened -= 1
                self._available.notify()
            raise

    def _give_back(self, conn: sqlite3.Connection) -> None:
        with self._available:
            if self._closed:
                self._opened -= 1
                conn.close()
            else:
                self._idle.append(conn)
            self._available.notify()

    @property
    def opened(self) -> int:
        return self._opened

    def close(self) -> None:
        """Close idle connections now and lent ones as they come back; refuse new loans."""
        with self._available:
            self._closed = True
            for conn in self._idle:
                conn.close()
            self._opened -= len(self._idle)
            self._idle.clear()
            self._available.notify_all()


class SqliteDocumentStore:
    """DocumentStore on a SQLite file (WAL, a fixed pool of connections); survives restarts.

    A write waits up to busy_timeout_s for the write lock per attempt (first this process's,
    then the file's), much as the Firestore emulator waits 2 s for a document lock before
    aborting a commit. Readers run in parallel on pooled connections (WAL readers never block
    the writer).
    """

    def __init__(
        self,
        path: str | PathLike[str],
        busy_timeout_s: float = 2.0,
        pool_size: int = 8,
        *,
        background: bool = False,
    ) -> None:
        """`background`: this process's writes wait while another process's foreground
        writes wait or run (the dev runtime's delivery worker beside its servers)."""
        self._path = Path(path)
        self._path.parent.mkdir(parents=True, exist_ok=True)
        self._busy_timeout_s = busy_timeout_s
        # Writers of this process queue here, where a release wakes the next one at once,
        # instead of in SQLite's busy handler, which polls with sleeps of up to 100 ms (that
        # polling was most of chat's p99 under 50 clients). Taken before a connection is
        # borrowed, so a queued writer holds none; re-entrant, so a nested write still gets
        # SQLite's own "transaction within a transaction" error, not a deadlock.
        self._writer = _FairLock()
        # Then writers of every process on this file (the dev runtime's delivery worker)
        # queue on an advisory file lock: flock blocks in the kernel and wakes the next
        # process at once, where SQLite's own lock would have it poll. Correctness stays
        # with SQLite's lock; this only orders the waiters. Foreground writers hold the
        # priority file shared while they wait and write; a background writer takes it
        # exclusive, so it gets in only between them.
        self._process_lock = _lock_file(f"{self._path}.writer")
        self._priority_lock = _lock_file(f"{self._path}.priority")
        self._priority = fcntl.LOCK_EX if background else fcntl.LOCK_SH
        self._indexed: set[str] = set()  # paths known to have an index in this file
        # A borrower waits for a connection at most as long as every attempt of a write.
        self._pool = _ConnectionPool(self._connect, pool_size, busy_timeout_s * _WRITE_ATTEMPTS)
        with self._pool.borrow() as conn:
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute(_SCHEMA)

    def _connect(self) -> sqlite3.Connection:
        conn = sqlite3.connect(
            self._path,
            timeout=self._busy_timeout_s,
            isolation_level=None,  # we issue BEGIN/COMMIT ourselves
            check_same_thread=False,  # a pooled connection serves one thread at a time
        )
        conn.execute("PRAGMA synchronous=NORMAL")
        return conn

    @property
    def open_connections(self) -> int:
        """How many connections the pool holds open (bounded by pool_size)."""
        return self._pool.opened

    def get(self, collection: str, doc_id: str) -> Data | None:
        with self._pool.borrow() as conn:
            return _read(conn, collection, doc_id)

    def create(self, collection: str, doc_id: str, data: Mapping[str, Any]) -> None:
        self._write_one(_Kind.CREATE, collection, doc_id, data)

    def set(self, collection: str, doc_id: str, data: Mapping[str, Any]) -> None:
        self._write_one(_Kind.SET, collection, doc_id, data)

    def update(self, collection: str, doc_id: str, fields: Mapping[str, Any]) -> None:
        self._write_one(_Kind.UPDATE, collection, doc_id, fields)

    def delete(self, collection: str, doc_id: str) -> None:
        self._write_one(_Kind.DELETE, collection, doc_id, {})

    def _write_one(
        self, kind: _Kind, collection: str, doc_id: str, data: Mapping[str, Any]
    ) -> None:
        self._commit([_Write(kind, collection, doc_id, encode(data))])

    def query(
        self,
        collection: str,
        filters: Sequence[Filter] = (),
        order_by: Sequence[Order] = (),
        limit: int | None = None,
        start_after: Document | None = None,
    ) -> list[Document]:
        validate_filters(filters)
        orders = normalized_orders(filters, order_by)
        fields = [f.field for f in filters] + [o.field for o in orders if o.field != DOC_ID]
        columns = {field: _column(field) for field in fields}
        sql, params = self._statement(collection, columns, filters, orders, limit, start_after)
        with self._pool.borrow() as conn:
            rows = conn.execute(sql, params).fetchall()
        ranked: list[_Ranked] = []
        for doc_id, text, *raw in rows:
            found = {DOC_ID: doc_id}
            for i, (field, column) in enumerate(columns.items()):
                found[field] = _field_value(raw[2 * i], raw[2 * i + 1], column.rest)
            if not all(matches(found[f.field], f.op, f.value) for f in filters):
                continue
            values = [found[o.field] for o in orders]
            if all(v is not MISSING for v in values):  # ordering by a field requires it
                ranked.append(_Ranked([sort_key(v) for v in values], doc_id, text))
        for i in reversed(range(len(orders))):  # stable sorts, least significant order first
            descending = orders[i].direction is Direction.DESC
            ranked.sort(key=partial(_nth_key, i), reverse=descending)
        if start_after is not None:
            cursor = [sort_key(v) for v in cursor_values(start_after, orders)]
            ranked = [item for item in ranked if _is_after(item.keys, cursor, orders)]
        page = ranked if limit is None else ranked[:limit]
        return [Document(collection, item.doc_id, decode(item.text)) for item in page]

    def _statement(
        self,
        collection: str,
        columns: Mapping[str, _Column],
        filters: Sequence[Filter],
        orders: Sequence[Order],
        limit: int | None,
        start_after: Document | None,
    ) -> tuple[str, list[Any]]:
        sql, params = _select(collection, columns, filters)
        self._ensure_indexes(_equality_paths(columns, filters))
        ordered = None if start_after is not None else _sql_order(columns, filters, orders)
        if ordered is not None:
            # SQLite sorts exactly as Python would and no row can fail Python's checks, so
            # it may also stop at the page's end: a due-task query reads `limit` rows from
            # an index instead of every pending task (a backlog of thousands under load).
            terms, by = ordered
            if by != ("id",):  # ordered by a field: one index serves equality, then order
                self._ensure_index(_equality_exprs(columns, filters) + by)
            sql += " ORDER BY " + ", ".join(terms)
            if limit is not None:
                sql += f" LIMIT {int(limit)}"
        return sql, params

    def _ensure_indexes(self, paths: Sequence[str]) -> None:
        """An index per field ever filtered by equality, made on first use (Firestore indexes
        every single field itself): without it, a thread's history scanned every message."""
        for path in paths:
            self._ensure_index((_indexed_expr(path),), name_of=path)

    def _ensure_index(self, exprs: tuple[str, ...], name_of: str | None = None) -> None:
        """An index on these expressions (a composite one serves equality, then order)."""
        key = name_of if name_of is not None else "\x00".join(exprs)
        if key in self._indexed or not exprs:
            return
        name = "ix_" + hashlib.sha256(key.encode()).hexdigest()[:16]
        ddl = f"CREATE INDEX IF NOT EXISTS {name} ON docs ({', '.join(exprs)})"
        self._locked(partial(_execute, ddl), _WRITE_ATTEMPTS)
        self._indexed.add(key)

    def _plan(
        self,
        collection: str,
        filters: Sequence[Filter],
        order_by: Sequence[Order] = (),
        limit: int | None = None,
    ) -> str:
        """SQLite's query plan for a query (how tests see that an index is used)."""
        orders = normalized_orders(filters, order_by)
        fields = [f.field for f in filters] + [o.field for o in orders if o.field != DOC_ID]
        columns = {field: _column(field) for field in fields}
        sql, params = self._statement(collection, columns, filters, orders, limit, None)
        with self._pool.borrow() as conn:
            return " ".join(row[-1] for row in conn.execute("EXPLAIN QUERY PLAN " + sql, params))

    def batch(self) -> _SqliteBatch:
        return _SqliteBatch(self)

    def run_transaction(self, fn: Callable[[Transaction], T], max_attempts: int = 30) -> T:
        def attempt(conn: sqlite3.Connection) -> T:
            tx = _SqliteTransaction(conn)
            result = fn(tx)
            _apply(conn, tx.writes)
            return result

        return self._locked(attempt, max_attempts)

    def _commit(self, writes: Sequence[_Write]) -> None:
        self._locked(lambda conn: _apply(conn, writes), _WRITE_ATTEMPTS)

    def _locked(self, work: Callable[[sqlite3.Connection], T], max_attempts: int) -> T:
        """Run work under the write lock, all or nothing, retrying while the file is busy."""
        for _ in range(max_attempts):
            outermost = not self._writer.held_here()
            if not self._writer.acquire(timeout=self._busy_timeout_s):
                continue  # another thread of this process held the write lock all along
            try:
                with (
                    self._pool.borrow() as conn,
                    self._other_processes_wait(outermost),
                    _immediate(conn),
                ):
                    return work(conn)
            except sqlite3.OperationalError as exc:
                code = exc.sqlite_errorcode & 0xFF
                if code not in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED):
                    raise
            finally:
                self._writer.release()
        raise TransactionFailed(f"{self._path} stayed locked for {max_attempts} attempts")

    @contextmanager
    def _other_processes_wait(self, outermost: bool) -> Iterator[None]:
        if not outermost:  # the outer write holds the file lock already
            yield
            return
        fcntl.flock(self._priority_lock, self._priority)  # each blocks without the GIL
        try:
            fcntl.flock(self._process_lock, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(self._process_lock, fcntl.LOCK_UN)
        finally:
            fcntl.flock(self._priority_lock, fcntl.LOCK_UN)

    def close(self) -> None:
        """Close every connection (idempotent); later calls raise StoreError."""
        self._pool.close()
        with self._writer.held():  # no write is between its flock calls
            if self._process_lock >= 0:
                os.close(self._process_lock)
                os.close(self._priority_lock)
                self._process_lock = self._priority_lock = -1


def _lock_file(path: str) -> int:
    return os.open(path, os.O_RDWR | os.O_CREAT, 0o600)


@contextmanager
def _immediate(conn: sqlite3.Connection) -> Iterator[None]:
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise


def _execute(sql: str, conn: sqlite3.Connection) -> None:
    conn.execute(sql)


def _read(conn: sqlite3.Connection, collection: str, doc_id: str) -> Data | None:
    row = conn.execute(
        "SELECT data FROM docs WHERE collection = ? AND id = ?", (collection, doc_id)
    ).fetchone()
    return None if row is None else decode(row[0])


def _check_repeats(writes: Sequence[_Write]) -> None:
    """Refuse the repeated writes to one document that Firestore refuses in one commit."""
    last: dict[tuple[str, str], _Kind] = {}
    for w in writes:
        before = last.get((w.collection, w.doc_id))
        if (w.kind is _Kind.CREATE and before not in (None, _Kind.DELETE)) or (
            w.kind is _Kind.UPDATE and before is _Kind.DELETE
        ):
            raise ValueError(f"Firestore refuses this {w.kind.value} of {w.collection}/{w.doc_id}")
        last[w.collection, w.doc_id] = w.kind


def _apply(conn: sqlite3.Connection, writes: Sequence[_Write]) -> None:
    _check_repeats(writes)
    for w in writes:
        key = (w.collection, w.doc_id)
        if w.kind is _Kind.CREATE:
            try:
                conn.execute("INSERT INTO docs VALUES (?, ?, ?)", (*key, w.payload))
            except sqlite3.IntegrityError as exc:
                raise AlreadyExists(f"{w.collection}/{w.doc_id}") from exc
        elif w.kind is _Kind.SET:
            conn.execute(
                "INSERT INTO docs VALUES (?, ?, ?)"
                " ON CONFLICT (collection, id) DO UPDATE SET data = excluded.data",
                (*key, w.payload),
            )
        elif w.kind is _Kind.UPDATE:
            data = _read(conn, *key)
            if data is None:
                raise NotFound(f"{w.collection}/{w.doc_id}")
            for path, value in decode(w.payload).items():
                set_path(data, path, value)
            conn.execute(
                "UPDATE docs SET data = ? WHERE collection = ? AND id = ?", (encode(data), *key)
            )
        else:
            conn.execute("DELETE FROM docs WHERE collection = ? AND id = ?", key)


# ---- queries ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Column:
    """Where SQL finds a field: a JSON path, plus any rest it cannot quote (read in Python)."""

    path: str
    rest: str | None


class _Ranked(NamedTuple):
    keys: list[tuple[Any, ...]]
    doc_id: str
    text: str  # decoded only if the document makes the page


def _column(field: str) -> _Column:
    parts = field.split(".")
    quotable = list(takewhile(lambda part: '"' not in part, parts))
    path = "$" + "".join(f'."{escape_key(part)}"' for part in quotable)
    return _Column(path, ".".join(parts[len(quotable) :]) or None)


def _field_value(json_type: str | None, raw: Any, rest: str | None) -> Any:
    """A field's value from SQLite's json_type/json_extract pair, exactly as decoded."""
    if json_type is None:
        return MISSING
    if json_type in ("true", "false"):
        value = json_type == "true"
    elif json_type in ("object", "array"):
        value = decode_value(raw)
    else:
        value = raw
    if rest is None:
        return value
    return get_path(value, rest) if isinstance(value, dict) else MISSING


def _sql_exact(value: Any) -> bool:
    """Values SQLite compares like Firestore, give or take booleans (re-checked in Python)."""
    if isinstance(value, bool):
        return False
    return isinstance(value, str) or (isinstance(value, int | float) and math.isfinite(value))


def _select(
    collection: str, columns: Mapping[str, _Column], filters: Sequence[Filter]
) -> tuple[str, list[Any]]:
    """Rows with the fields a query needs extracted. Filters SQLite can judge (== and `in` on
    strings and numbers, ranges on strings and datetimes) narrow the scan; Python decides."""
    extract = "".join(", json_type(data, ?), json_extract(data, ?)" for _ in columns)
    # With an equality on a field, `+collection` keeps SQLite from preferring the primary
    # key (every document of the collection) over that field's index.
    by_field = _equality_paths(columns, filters)
    sql = f"SELECT id, data{extract} FROM docs WHERE {'+' if by_field else ''}collection = ?"
    params: list[Any] = [path for c in columns.values() for path in (c.path, c.path)]
    params.append(collection)
    for f in filters:
        column = columns[f.field]
        if column.rest is not None:
            continue
        if f.op is Op.EQ and _sql_exact(f.value):
            sql += f" AND {_indexed_expr(column.path)} = ?"
            params.append(f.value)
            if isinstance(f.value, str):  # not a map or list whose JSON text is the same
                sql += f" AND {_is_text(column.path)}"
        elif f.op is Op.IN and all(_sql_exact(v) for v in f.value):
            sql += f" AND {_indexed_expr(column.path)} IN ({', '.join('?' * len(f.value))})"
            params += list(f.value)
            if all(isinstance(v, str) for v in f.value):
                sql += f" AND {_is_text(column.path)}"
        elif f.op in _RANGES and isinstance(f.value, datetime):
            sql += f" AND {_indexed_expr(_time_path(column.path))} {f.op.value} ?"
            params.append(time_text(f.value))
        elif f.op in _RANGES and isinstance(f.value, str):
            sql += f" AND {_is_text(column.path)} AND {_indexed_expr(column.path)} {f.op.value} ?"
            params.append(f.value)
    return sql, params


def _is_text(path: str) -> str:
    return "json_type(data, '" + path.replace("'", "''") + "') = 'text'"


def _time_path(path: str) -> str:
    """Where a datetime field keeps its sortable text (only datetimes have this key)."""
    return f'{path}."{TIME_TAG}"'


def _decided_in_sql(column: _Column, f: Filter) -> bool:
    """_select's SQL condition for `f` is exactly Python's `matches` (strings compare alike;
    numbers do not: SQLite reads JSON true as 1)."""
    if column.rest is not None:
        return False
    if f.op is Op.EQ:
        return isinstance(f.value, str)
    if f.op is Op.IN:
        return all(isinstance(v, str) for v in f.value)
    return f.op in _RANGES and isinstance(f.value, datetime | str)


def _sql_order(
    columns: Mapping[str, _Column], filters: Sequence[Filter], orders: Sequence[Order]
) -> tuple[list[str], tuple[str, ...]] | None:
    """ORDER BY terms that sort as sort_key does, and the expressions an index needs for
    them; None unless every filter is decided in SQL and every ordered field's type is known
    (a datetime or string range on it) or fixed (an equality on it)."""
    if not all(_decided_in_sql(columns[f.field], f) for f in filters):
        return None
    fixed = {f.field for f in filters if f.op is Op.EQ}
    typed = {f.field: f.value for f in filters if f.op in _RANGES}
    terms: list[str] = []
    exprs: list[str] = []
    for order in orders:
        direction = "DESC" if order.direction is Direction.DESC else "ASC"
        if order.field == DOC_ID:
            terms.append(f"id {direction}")
            exprs.append("id")
            continue
        if order.field in fixed:
            continue
        bound = typed.get(order.field)
        path = columns[order.field].path
        if isinstance(bound, datetime):
            expr = _indexed_expr(_time_path(path))
        elif isinstance(bound, str):
            expr = _indexed_expr(path)
        else:
            return None
        terms.append(f"{expr} {direction}")
        exprs.append(expr)
    return terms, tuple(exprs)


def _equality_exprs(columns: Mapping[str, _Column], filters: Sequence[Filter]) -> tuple[str, ...]:
    return tuple(_indexed_expr(path) for path in _equality_paths(columns, filters))


def _indexed_expr(path: str) -> str:
    """The field's expression with its path inlined: SQLite uses an expression index only
    for the very same expression, never for one with a bound parameter."""
    return "json_extract(data, '" + path.replace("'", "''") + "')"


def _equality_paths(columns: Mapping[str, _Column], filters: Sequence[Filter]) -> list[str]:
    """Paths _select compares in SQL with == or `in`: the ones worth an index."""
    return [
        columns[f.field].path
        for f in filters
        if columns[f.field].rest is None
        and (
            (f.op is Op.EQ and _sql_exact(f.value))
            or (f.op is Op.IN and all(_sql_exact(v) for v in f.value))
        )
    ]


def _nth_key(i: int, item: _Ranked) -> tuple[Any, ...]:
    return item.keys[i]


def _is_after(
    keys: Sequence[tuple[Any, ...]], cursor: Sequence[tuple[Any, ...]], orders: Sequence[Order]
) -> bool:
    for key, bound, order in zip(keys, cursor, orders, strict=True):
        if key != bound:
            return (key > bound) != (order.direction is Direction.DESC)
    return False
