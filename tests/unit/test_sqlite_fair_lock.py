"""The store's writer lock: granted in arrival order, re-entrant, and a wait can time out."""

from __future__ import annotations

import threading

from shared.platform.docstore.sqlite import _FairLock
from tests.support.waiting import wait_until


def test_waiters_get_the_lock_in_the_order_they_asked() -> None:
    lock = _FairLock()
    assert lock.acquire(timeout=1)
    order: list[int] = []

    def writer(n: int) -> None:
        assert lock.acquire(timeout=30)
        order.append(n)
        lock.release()

    threads = []
    for n in range(6):
        t = threading.Thread(target=writer, args=(n,))
        t.start()
        threads.append(t)
        wait_until(lambda n=n: len(lock._waiters) == n + 1, timeout_s=10)  # queued in turn
    lock.release()
    for t in threads:
        t.join(timeout=30)
    assert order == [0, 1, 2, 3, 4, 5]


def test_reentrant_for_its_owner_and_timed_out_for_others() -> None:
    lock = _FairLock()
    assert lock.acquire(timeout=1) and lock.acquire(timeout=1)
    other: list[bool] = []
    t = threading.Thread(target=lambda: other.append(lock.acquire(timeout=0.05)))
    t.start()
    t.join(timeout=10)
    assert other == [False] and not lock._waiters
    lock.release()
    lock.release()
    t = threading.Thread(target=lambda: other.append(lock.acquire(timeout=1)))
    t.start()
    t.join(timeout=10)
    assert other == [False, True]
