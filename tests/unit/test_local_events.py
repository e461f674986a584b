"""The embedded bus persists every delivery before publish returns, in one commit."""

from __future__ import annotations

from pathlib import Path

import pytest

from functions._app.topology import TOPOLOGY
from functions.manifest import subscribers
from shared.platform.clock import ManualClock
from shared.platform.docstore import StoreError
from shared.platform.docstore.sqlite import SqliteDocumentStore
from shared.platform.events.local import LocalEventBus
from shared.platform.tasks.local import COLLECTION, LocalTaskQueue

TOPIC = "inbound-messages"


def test_publish_returns_after_each_subscriber_has_a_pending_delivery(tmp_path: Path) -> None:
    store = SqliteDocumentStore(tmp_path / "bus.db")
    bus = LocalEventBus(LocalTaskQueue(store, ManualClock(), TOPOLOGY), ManualClock())
    message_id = bus.publish(TOPIC, {"text": "hi"})
    deliveries = [d.data for d in store.query(COLLECTION)]
    assert sorted(d["target"] for d in deliveries) == sorted(f.name for f in subscribers(TOPIC))
    assert {(d["name"], d["state"], d["kind"]) for d in deliveries} == {
        (message_id, "pending", "event")
    }
    store.close()


def test_a_failed_commit_publishes_nothing_and_says_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = SqliteDocumentStore(tmp_path / "bus.db")
    bus = LocalEventBus(LocalTaskQueue(store, ManualClock(), TOPOLOGY), ManualClock())
    real_batch = store.batch

    def failing_batch():  # type: ignore[no-untyped-def]
        batch = real_batch()
        batch.commit = lambda: (_ for _ in ()).throw(StoreError("disk full"))  # type: ignore[method-assign]
        return batch

    monkeypatch.setattr(store, "batch", failing_batch)
    with pytest.raises(StoreError):
        bus.publish(TOPIC, {"text": "hi"})
    assert store.query(COLLECTION) == []
    store.close()
