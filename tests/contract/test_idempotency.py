"""Duplicate deliveries have one effect, on every store (the `store` fixture's adapters)."""

from __future__ import annotations

import threading
from datetime import UTC, datetime

import pytest

from shared.platform.docstore import DocumentStore, Transaction
from shared.platform.events.envelope import decode_message, push_body
from shared.platform.idempotency import run_once

NOW = datetime(2026, 11, 21, 12, 0, tzinfo=UTC)


def _delivery(message_id: str) -> dict:  # type: ignore[type-arg]
    """The push body Pub/Sub would (re)deliver for one message."""
    return push_body(
        message_id=message_id,
        payload={"booking": "b-1", "amount_cents": 10_000},
        attributes={"type": "deposit.paid"},
        subscription="projects/p/subscriptions/payments--confirm",
        publish_time=NOW,
    )


def _handle(store: DocumentStore, collection: str, body: dict) -> bool:  # type: ignore[type-arg]
    """A subscriber whose effect is a counter increment, made exactly-once by run_once."""
    event = decode_message(body["message"])

    def effect(tx: Transaction) -> int:
        current = tx.get(collection, "counter") or {"n": 0}
        tx.set(collection, "counter", {"n": current["n"] + 1})
        return int(current["n"]) + 1

    return run_once(store, f"confirm:{event.message_id}", effect, now=NOW).applied


def test_redelivered_message_has_one_effect(store, collection) -> None:  # type: ignore[no-untyped-def]
    body = _delivery("1001")
    assert _handle(store, collection, body) is True
    assert _handle(store, collection, body) is False
    assert store.get(collection, "counter") == {"n": 1}
    assert _handle(store, collection, _delivery("1002")) is True  # a new message still applies
    assert store.get(collection, "counter") == {"n": 2}


def test_failed_effect_leaves_no_key_so_the_retry_applies(store, collection) -> None:  # type: ignore[no-untyped-def]
    def failing(tx: Transaction) -> None:
        tx.get(collection, "counter")
        raise RuntimeError("downstream failed")

    with pytest.raises(RuntimeError):
        run_once(store, "confirm:2001", failing, now=NOW)
    assert _handle(store, collection, _delivery("2001")) is True
    assert store.get(collection, "counter") == {"n": 1}


def test_concurrent_duplicates_apply_once(store, collection) -> None:  # type: ignore[no-untyped-def]
    body, results = _delivery("3001"), []
    lock = threading.Lock()

    def deliver() -> None:
        applied = _handle(store, collection, body)
        with lock:
            results.append(applied)

    threads = [threading.Thread(target=deliver) for _ in range(5)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert sorted(results) == [False, False, False, False, True]
    assert store.get(collection, "counter") == {"n": 1}
