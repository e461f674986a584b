"""The document store contract: every test runs on the embedded SQLite store and on Firestore
(the official emulator), and the query tests also check both give the same answer."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest

from shared.platform.docstore import (
    AlreadyExists,
    Direction,
    Document,
    DocumentStore,
    Filter,
    NotFound,
    Op,
    Order,
    StoreError,
    Transaction,
    TransactionFailed,
)
from shared.platform.docstore.sqlite import SqliteDocumentStore
from tests.contract.conftest import in_threads, open_store

T0 = datetime(2025, 3, 1, 12, 0, tzinfo=UTC)


# ---- documents -----------------------------------------------------------------------------


def test_values_round_trip_with_their_types(store: DocumentStore, collection: str) -> None:
    plus5 = timezone(timedelta(hours=5))
    data = {
        "int": 7,
        "float": 7.0,
        "neg": -0.5,
        "inf": float("-inf"),
        "big": 2**53 + 1,
        "bool": False,
        "none": None,
        "text": 'Émile 🍤 "quoted" $5',
        "at": datetime(2025, 6, 1, 17, 30, 0, 123456, tzinfo=plus5),
        "list": [1, "two", None, {"four": [4]}],
        "map": {"nested": {"deep": T0}, "$dollar": 1, "$t": "not a tag"},
        "empty": {},
    }
    store.create(collection, "doc", data)
    got = store.get(collection, "doc")

    assert got == data
    assert type(got["int"]) is int and type(got["float"]) is float and got["big"] == 2**53 + 1
    assert type(got["at"]) is datetime and got["at"].tzinfo == UTC
    assert got["at"] == datetime(2025, 6, 1, 12, 30, 0, 123456, tzinfo=UTC)
    assert type(got["map"]["nested"]["deep"]) is datetime
    assert store.get(collection, "absent") is None


def test_arrays_cannot_hold_arrays(store: DocumentStore, collection: str) -> None:
    with pytest.raises(ValueError):
        store.set(collection, "a", {"grid": [[1, 2], [3, 4]]})
    assert store.get(collection, "a") is None


def test_create_refuses_an_existing_document(store: DocumentStore, collection: str) -> None:
    store.create(collection, "a", {"v": 1})
    with pytest.raises(AlreadyExists):
        store.create(collection, "a", {"v": 2})
    assert store.get(collection, "a") == {"v": 1}


def test_set_replaces_the_whole_document(store: DocumentStore, collection: str) -> None:
    store.set(collection, "a", {"keep": 1, "drop": 2})
    store.set(collection, "a", {"keep": 3})
    assert store.get(collection, "a") == {"keep": 3}


def test_update_merges_dotted_paths(store: DocumentStore, collection: str) -> None:
    store.create(collection, "a", {"top": 1, "m": {"x": 1, "y": 2}, "s": "scalar"})
    store.update(collection, "a", {"m.x": 10, "m.z.deep": True, "s.now": "map", "top": [1]})
    assert store.get(collection, "a") == {
        "top": [1],
        "m": {"x": 10, "y": 2, "z": {"deep": True}},
        "s": {"now": "map"},
    }


def test_update_of_a_missing_document_fails(store: DocumentStore, collection: str) -> None:
    with pytest.raises(NotFound):
        store.update(collection, "ghost", {"v": 1})
    assert store.get(collection, "ghost") is None


def test_delete_is_idempotent(store: DocumentStore, collection: str) -> None:
    store.set(collection, "a", {"v": 1})
    store.delete(collection, "a")
    store.delete(collection, "a")
    assert store.get(collection, "a") is None


def test_nested_collections_are_separate(store: DocumentStore, collection: str) -> None:
    store.set(f"{collection}/c1/claims", "slot", {"chef": "c1"})
    store.set(f"{collection}/c2/claims", "slot", {"chef": "c2"})
    store.set(collection, "slot", {"chef": "parent"})

    docs = store.query(f"{collection}/c1/claims")
    assert docs == [Document(f"{collection}/c1/claims", "slot", {"chef": "c1"})]
    assert store.get(f"{collection}/c2/claims", "slot") == {"chef": "c2"}


# ---- batches and transactions ----------------------------------------------------------------


def test_batch_commits_all_or_nothing(store: DocumentStore, collection: str) -> None:
    store.set(collection, "taken", {"v": 0})
    store.set(collection, "other", {"v": 0})
    failing = store.batch()
    failing.set(collection, "new", {"v": 1})
    failing.update(collection, "other", {"v": 1})
    failing.create(collection, "taken", {"v": 2})
    with pytest.raises(AlreadyExists):
        failing.commit()
    assert store.get(collection, "new") is None
    assert store.get(collection, "other") == {"v": 0}
    assert store.get(collection, "taken") == {"v": 0}

    ok = store.batch()
    ok.create(collection, "new", {"v": 1})
    ok.update(collection, "taken", {"v": 5})
    ok.delete(collection, "other")
    ok.delete(collection, "never")
    ok.commit()
    assert store.get(collection, "new") == {"v": 1}
    assert store.get(collection, "taken") == {"v": 5}
    assert store.get(collection, "other") is None


@pytest.mark.parametrize(
    ("first", "then"), [("set", "create"), ("update", "create"), ("delete", "update")]
)
def test_refused_repeat_writes_in_one_batch(
    store: DocumentStore, collection: str, first: str, then: str
) -> None:
    store.set(collection, "doc", {"v": 0})
    batch = store.batch()
    batch.set(collection, "side", {"v": 1})
    for op in (first, then):
        if op == "delete":
            batch.delete(collection, "doc")
        else:
            getattr(batch, op)(collection, "doc", {"v": 1})
    with pytest.raises(ValueError):
        batch.commit()
    assert store.get(collection, "doc") == {"v": 0}
    assert store.get(collection, "side") is None


def test_transaction_reads_committed_data_and_returns_fn_result(
    store: DocumentStore, collection: str
) -> None:
    store.set(collection, "acct", {"balance": 100})

    def move(tx: Transaction) -> int:
        acct = tx.get(collection, "acct")
        assert acct == {"balance": 100}
        assert tx.get(collection, "missing") is None
        tx.update(collection, "acct", {"balance": acct["balance"] - 30})
        tx.create(collection, "receipt", {"amount": 30})
        return 70

    assert store.run_transaction(move) == 70
    assert store.get(collection, "acct") == {"balance": 70}
    assert store.get(collection, "receipt") == {"amount": 30}


def test_transaction_cannot_read_after_writing(store: DocumentStore, collection: str) -> None:
    store.set(collection, "a", {"v": 0})

    def read_after_write(tx: Transaction) -> None:
        tx.set(collection, "a", {"v": 1})
        tx.get(collection, "a")

    with pytest.raises(ValueError):
        store.run_transaction(read_after_write)
    assert store.get(collection, "a") == {"v": 0}


def test_transaction_that_raises_writes_nothing(store: DocumentStore, collection: str) -> None:
    store.set(collection, "acct", {"balance": 100})

    class Refused(Exception):
        pass

    def refuse(tx: Transaction) -> None:
        tx.get(collection, "acct")
        tx.set(collection, "acct", {"balance": 0})
        tx.create(collection, "other", {"v": 1})
        raise Refused

    with pytest.raises(Refused):
        store.run_transaction(refuse)
    assert store.get(collection, "acct") == {"balance": 100}
    assert store.get(collection, "other") is None


def test_transaction_write_conflicts_surface_and_roll_back(
    store: DocumentStore, collection: str
) -> None:
    store.set(collection, "taken", {"v": 0})

    def create_taken(tx: Transaction) -> None:
        tx.get(collection, "taken")
        tx.set(collection, "side", {"v": 1})
        tx.create(collection, "taken", {"v": 1})

    def update_missing(tx: Transaction) -> None:
        tx.get(collection, "ghost")
        tx.set(collection, "side", {"v": 1})
        tx.update(collection, "ghost", {"v": 1})

    with pytest.raises(AlreadyExists):
        store.run_transaction(create_taken)
    with pytest.raises(NotFound):
        store.run_transaction(update_missing)
    assert store.get(collection, "side") is None
    assert store.get(collection, "taken") == {"v": 0}


def test_concurrent_increments_all_land(store: DocumentStore, collection: str) -> None:
    store.set(collection, "counter", {"n": 0})

    def increment(tx: Transaction) -> int:
        current = tx.get(collection, "counter")
        assert current is not None
        n = int(current["n"]) + 1
        tx.update(collection, "counter", {"n": n})
        return n

    results = in_threads(20, lambda _: store.run_transaction(increment))

    assert sorted(results) == list(range(1, 21))  # each fn result is its committed value
    assert store.get(collection, "counter") == {"n": 20}


def test_contention_past_max_attempts_fails_the_transaction(
    store: DocumentStore, collection: str
) -> None:
    store.set(collection, "doc", {"n": 0})
    holding, release = threading.Event(), threading.Event()

    def hold(tx: Transaction) -> None:
        tx.get(collection, "doc")
        holding.set()
        release.wait(timeout=60)
        tx.update(collection, "doc", {"n": 1})

    def bump(tx: Transaction) -> None:
        tx.get(collection, "doc")
        tx.update(collection, "doc", {"n": 2})

    holder = threading.Thread(target=store.run_transaction, args=(hold, 1))
    holder.start()
    try:
        assert holding.wait(timeout=60)
        with pytest.raises(TransactionFailed):
            store.run_transaction(bump, max_attempts=1)
    finally:
        release.set()
        holder.join(timeout=60)
    assert store.get(collection, "doc") == {"n": 1}  # the holder still committed


def test_concurrent_creates_have_one_winner(store: DocumentStore, collection: str) -> None:
    results = in_threads(10, lambda _: store.create(collection, "slot", {"by": "someone"}))

    assert results.count(None) == 1
    assert sum(isinstance(r, AlreadyExists) for r in results) == 9


# ---- queries ---------------------------------------------------------------------------------

SEED: dict[str, dict[str, Any]] = {
    "a": {"n": 3, "s": "pear", "t": T0, "tags": ["x", "y"], "meta": {"rank": 2}, "ok": True},
    "b": {"n": 1.5, "s": "apple", "t": T0 + timedelta(hours=1), "tags": ["y"], "meta": {"rank": 1}},
    "c": {
        "n": 3.0,
        "s": "Zebra",
        "t": (T0 - timedelta(days=1)).astimezone(timezone(timedelta(hours=5))),
        "tags": [],
        "meta": {"rank": 2},
        "ok": False,
    },
    "d": {"n": None, "s": "apple", "tags": ["x"], "meta": {}},
    "e": {"n": "3", "s": "kiwi", "t": "2025-03-01", "tags": "x", "meta": {"rank": 3}, "ok": True},
    "f": {"n": -2, "s": "apple", "t": T0, "tags": ["z", "x"], "meta": {"rank": 1.0}, "ok": True},
    "g": {"s": "fig", "tags": ["y", 1], "meta": {"rank": 1}},
    "h": {"n": 10, "s": "", "t": T0 + timedelta(days=2), "tags": [1.0], "meta": {"rank": None}},
    "i": {"n": 3, "s": "pear", "t": T0, "meta": {"rank": 2}, "ok": True},
    "j": {"n": True, "s": "Émile", "tags": [{"x": 1}], "meta": {"rank": [1]}},
    "k": {"n": 2, "s": "apple", "t": T0 + timedelta(hours=1), "tags": ["x", "x"], "ok": False},
    "m": {"n": float("inf"), "s": "mango", "meta": {"rank": 3}},
}


@dataclass(frozen=True)
class Case:
    expected: list[str]  # written by hand, so a bug both stores share still fails
    filters: tuple[Filter, ...] = ()
    order_by: tuple[Order, ...] = ()
    limit: int | None = None


def _desc(name: str) -> Order:
    return Order(name, Direction.DESC)


CASES: dict[str, Case] = {
    "all, by id": Case(list(SEED)),
    "== int also matches the float": Case(["a", "c", "i"], (Filter.eq("n", 3),)),
    "== string": Case(["b", "d", "f", "k"], (Filter.eq("s", "apple"),)),
    "== nested, int and float": Case(["b", "f", "g"], (Filter.eq("meta.rank", 1),)),
    "== null": Case(["d"], (Filter.eq("n", None),)),
    "== bool": Case(["a", "e", "f", "i"], (Filter.eq("ok", True),)),
    "> stays within numbers": Case(["k", "a", "c", "i", "h", "m"], (Filter("n", Op.GT, 1.5),)),
    "<= ordered desc, ties by id desc": Case(
        ["i", "c", "a", "k", "b", "f"], (Filter("n", Op.LE, 3),), (_desc("n"),)
    ),
    "!= skips null and missing": Case(
        ["j", "f", "b", "k", "h", "m", "e"], (Filter("n", Op.NE, 3),)
    ),
    "!= string": Case(["h", "c", "g", "e", "m", "a", "i", "j"], (Filter("s", Op.NE, "apple"),)),
    "in strings": Case(["a", "g", "i"], (Filter("s", Op.IN, ["pear", "fig", "nope"]),)),
    "in mixed, null never matches": Case(
        ["h", "j", "k"], (Filter("n", Op.IN, [2, 10.0, True, None]),)
    ),
    "array_contains string": Case(["a", "d", "f", "k"], (Filter("tags", Op.ARRAY_CONTAINS, "x"),)),
    "array_contains number": Case(["g", "h"], (Filter("tags", Op.ARRAY_CONTAINS, 1),)),
    "datetime range": Case(["a", "f", "i", "b", "k", "h"], (Filter("t", Op.GE, T0),)),
    "datetime between, desc": Case(
        ["k", "b", "i", "f", "a", "c"],
        (Filter("t", Op.GT, T0 - timedelta(days=2)), Filter("t", Op.LT, T0 + timedelta(days=1))),
        (_desc("t"),),
    ),
    "two orders; missing order field excluded": Case(
        ["h", "c", "k", "b", "f", "d", "e", "m", "i", "a", "j"],
        order_by=(Order("s"), _desc("n")),
    ),
    "order across types": Case(
        ["d", "j", "f", "b", "k", "a", "c", "i", "h", "m", "e"], order_by=(Order("n"),)
    ),
    "order nested desc with limit": Case(
        ["j", "m", "e", "i"], order_by=(_desc("meta.rank"),), limit=4
    ),
    "== and range on other fields": Case(
        ["b", "k"], (Filter.eq("s", "apple"), Filter("n", Op.GT, 0))
    ),
    "ranges on two fields": Case(
        ["k", "c", "a", "i"], (Filter("n", Op.GE, 2), Filter("t", Op.LT, T0 + timedelta(days=1)))
    ),
    "range then explicit order elsewhere": Case(
        ["i", "a", "m", "k", "b", "c", "h"], (Filter("n", Op.GT, 1),), (_desc("s"),)
    ),
    "in with !=": Case(
        ["f", "b", "a", "i"], (Filter("s", Op.IN, ["apple", "pear"]), Filter("n", Op.NE, 2))
    ),
    "array_contains with order and limit": Case(
        ["a", "g"], (Filter("tags", Op.ARRAY_CONTAINS, "y"),), (_desc("s"),), limit=2
    ),
}
PAGED = [
    "all, by id",
    "<= ordered desc, ties by id desc",
    "two orders; missing order field excluded",
    "order across types",
    "ranges on two fields",
    "range then explicit order elsewhere",
]


def _seed(store: DocumentStore, collection: str) -> None:
    batch = store.batch()
    for doc_id, data in SEED.items():
        batch.set(collection, doc_id, data)
    batch.commit()


def _run(store: DocumentStore, collection: str, case: Case) -> list[Document]:
    return store.query(collection, case.filters, case.order_by, case.limit)


@pytest.mark.parametrize("name", list(CASES))
def test_query_answers(store: DocumentStore, collection: str, name: str) -> None:
    _seed(store, collection)
    docs = _run(store, collection, CASES[name])
    assert [d.id for d in docs] == CASES[name].expected
    assert all(d.collection == collection and d.data == SEED[d.id] for d in docs)


@pytest.fixture
def both(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[list[DocumentStore]]:
    stores = [open_store(kind, request, tmp_path) for kind in ("sqlite", "firestore")]
    yield stores
    for s in stores:
        s.close()


@pytest.mark.emulator
@pytest.mark.parametrize("name", list(CASES))
def test_both_stores_give_the_same_answer(
    both: list[DocumentStore], collection: str, name: str
) -> None:
    embedded, firestore = both
    for s in both:
        _seed(s, collection)
    assert _run(embedded, collection, CASES[name]) == _run(firestore, collection, CASES[name])


@pytest.mark.parametrize("name", PAGED)
def test_start_after_pages_through_every_result(
    store: DocumentStore, collection: str, name: str
) -> None:
    case = CASES[name]
    _seed(store, collection)
    pages: list[str] = []
    cursor: Document | None = None
    for _ in range(len(SEED)):  # bounded, in case a cursor failed to advance
        page = store.query(collection, case.filters, case.order_by, 2, cursor)
        if not page:
            break
        pages += [d.id for d in page]
        cursor = page[-1]
    assert pages == case.expected


INVALID = {
    "two !=": [Filter("n", Op.NE, 1), Filter("s", Op.NE, "x")],
    "two array_contains": [Filter("tags", Op.ARRAY_CONTAINS, 1), Filter("x", Op.ARRAY_CONTAINS, 1)],
    "empty in": [Filter("n", Op.IN, [])],
    "in over 30": [Filter("n", Op.IN, list(range(31)))],
    "range on null": [Filter("n", Op.GT, None)],
    "array_contains null": [Filter("tags", Op.ARRAY_CONTAINS, None)],
}


@pytest.mark.parametrize("name", list(INVALID))
def test_queries_firestore_refuses_fail_everywhere(
    store: DocumentStore, collection: str, name: str
) -> None:
    store.set(collection, "a", {"n": 1})
    with pytest.raises(ValueError):
        store.query(collection, INVALID[name])


def test_start_after_needs_the_ordered_fields(store: DocumentStore, collection: str) -> None:
    store.set(collection, "a", {"n": 1})
    with pytest.raises(ValueError):
        store.query(collection, order_by=[Order("n")], start_after=Document(collection, "x", {}))


# ---- the embedded store ------------------------------------------------------------------------


def test_sqlite_data_survives_reopening(tmp_path: Path) -> None:
    path = tmp_path / "nested" / "dir" / "hibachi.db"
    first = SqliteDocumentStore(path)
    first.set("bookings", "b1", {"at": T0, "guests": 12})
    first.close()

    second = SqliteDocumentStore(path)
    assert second.get("bookings", "b1") == {"at": T0, "guests": 12}
    assert [d.id for d in second.query("bookings", [Filter.eq("guests", 12)])] == ["b1"]
    second.close()


def _open_files(path: Path) -> int:
    """Descriptors this process holds on the database file or its WAL/shm companions."""
    fd_dir = Path("/proc/self/fd")
    names = []
    for fd in fd_dir.iterdir():
        try:
            names.append(str(fd.readlink()))
        except OSError:  # closed between listing and reading
            continue
    return sum(1 for name in names if name.startswith(str(path)))


def test_sqlite_connections_stay_bounded_across_many_threads(tmp_path: Path) -> None:
    path = tmp_path / "hibachi.db"
    store = SqliteDocumentStore(path, pool_size=4)
    store.set("c", "doc", {"n": 0})

    def short_lived_thread(i: int) -> None:
        thread = threading.Thread(target=lambda: store.set("c", f"d{i}", {"n": i}))
        thread.start()
        thread.join(timeout=60)

    for i in range(200):  # the dev server's pattern: a new thread per request
        short_lived_thread(i)
    in_threads(16, lambda i: [store.get("c", f"d{j}") for j in range(50)])

    assert store.open_connections <= 4
    # each connection: the db and its WAL; one shm; the two write-queue lock files
    assert _open_files(path) <= 4 * 2 + 1 + 2
    assert len(store.query("c")) == 201
    store.close()
    assert _open_files(path) == 0


def test_sqlite_reads_inside_a_transaction_share_its_connection(tmp_path: Path) -> None:
    """With every pooled connection busy in a transaction, a plain read inside one still runs."""
    store = SqliteDocumentStore(tmp_path / "hibachi.db", pool_size=2)
    store.set("c", "counter", {"n": 0})

    def increment(tx: Transaction) -> int:
        seen = store.get("c", "counter")  # not through tx: reuses this thread's connection
        current = tx.get("c", "counter")
        assert seen is not None and current is not None
        tx.update("c", "counter", {"n": int(current["n"]) + 1})
        return int(current["n"]) + 1

    results = in_threads(6, lambda _: store.run_transaction(increment))
    assert sorted(results) == [1, 2, 3, 4, 5, 6]
    store.close()


def test_sqlite_close_is_idempotent_and_refuses_later_use(tmp_path: Path) -> None:
    store = SqliteDocumentStore(tmp_path / "hibachi.db")
    store.set("c", "doc", {"n": 1})
    store.close()
    store.close()
    with pytest.raises(StoreError):
        store.get("c", "doc")
    with pytest.raises(StoreError):
        store.set("c", "doc", {"n": 2})


def test_sqlite_equality_filters_search_an_index_not_the_collection(tmp_path: Path) -> None:
    """A thread's history must not scan every message ever stored."""
    store = SqliteDocumentStore(tmp_path / "hibachi.db")
    batch = store.batch()
    for i in range(300):
        batch.set("messages", f"m{i}", {"thread_id": f"t{i % 30}", "seq": i})
    batch.commit()
    found = store.query("messages", [Filter.eq("thread_id", "t3")], order_by=[Order("seq")])
    assert [d.data["seq"] for d in found] == list(range(3, 300, 30))

    indexes = store._plan("messages", [Filter.eq("thread_id", "t3")])
    assert "USING INDEX" in indexes and "PRIMARY KEY" not in indexes
    store.close()


def test_sqlite_a_due_query_reads_its_page_off_one_index(tmp_path: Path) -> None:
    """The task runner's "pending and due, earliest first" must not read every pending task
    and sort them in Python: under load the backlog is thousands long."""
    store = SqliteDocumentStore(tmp_path / "hibachi.db")
    base = datetime(2026, 12, 1, tzinfo=UTC)
    batch = store.batch()
    for i in range(200):
        state = "done" if i % 4 == 0 else "pending"
        at = base + timedelta(seconds=(i * 37) % 200)
        batch.set("tasks", f"t{i:03}", {"state": state, "due": at, "n": i})
    batch.set("tasks", "odd", {"state": "pending", "due": "not a time"})
    batch.commit()
    filters = [Filter.eq("state", "pending"), Filter("due", Op.LE, base + timedelta(seconds=150))]
    page = store.query("tasks", filters, order_by=[Order("due")], limit=5)
    everything = store.query("tasks", filters, order_by=[Order("due")])
    assert [d.id for d in page] == [d.id for d in everything[:5]]
    assert [d.data["due"] for d in everything] == sorted(d.data["due"] for d in everything)
    assert all(d.data["state"] == "pending" for d in everything) and len(everything) > 5

    plan = store._plan("tasks", filters, order_by=[Order("due")], limit=5)
    assert "USING INDEX" in plan and "TEMP B-TREE" not in plan
    # An order SQLite cannot match exactly (a field of unknown type) stays in Python.
    loose = store.query("tasks", [Filter.eq("state", "pending")], order_by=[Order("due")])
    assert loose[-1].id == "odd"  # strings sort after times, as in Firestore
    store.close()
