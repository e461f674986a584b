"""kill -9 of `make dev` in the middle of traffic, then a restart: nothing lost, nothing doubled.

Traffic is holds (create-booking), web chat turns and SMS messages pushed by the inbound
subscription (each reply goes out through an outbound task). Whatever the runtime had
acknowledged before the kill must be there after the restart; Pub/Sub redelivers what it
had not acknowledged; queued tasks and pending event deliveries run after the restart; every
SMS gets exactly one reply and exactly one outbound record; a hold whose expiry passed while
the runtime was down is released exactly once.
"""

from __future__ import annotations

import http.client
import json
import threading
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

from scripts.mint_token import local_token
from shared.channels.outbound import OUTBOX
from shared.conversation import store as threads
from shared.platform.audit import COLLECTION as AUDIT
from shared.platform.clock import SystemClock
from shared.platform.docstore import Filter
from shared.platform.docstore.sqlite import SqliteDocumentStore
from shared.platform.events.envelope import push_body
from shared.platform.tasks.local import COLLECTION as TASKS
from tests.support.dev_process import DevProcess, running
from tests.support.waiting import wait_until

pytestmark = pytest.mark.slow

HOLDS, CHATS, TEXTS = 8, 8, 10
KILL_AFTER = 10  # acknowledged requests before the kill; the rest are in flight or unsent
INBOUND_SUB = "projects/local/subscriptions/inbound-messages--handle-inbound-message"


@dataclass
class Request:
    kind: str
    n: int
    method: str
    path: str
    body: dict[str, Any]
    headers: dict[str, str]
    answer: dict[str, Any] | None = None  # set once the runtime acknowledged it (2xx)
    refusal: tuple[int, Any] | None = None  # a non-2xx answer


def _phone(n: int) -> str:
    return f"+1213555{n:04d}"


def _traffic(token: str) -> list[Request]:
    json_headers = {"Content-Type": "application/json"}
    admin = json_headers | {"Authorization": f"Bearer {token}"}
    requests = []
    for n in range(HOLDS):
        body = {
            "adults": 12,
            "customer_zipcode": "90012",
            "event_date": (date.today() + timedelta(days=20 + n)).isoformat(),
            "start_time": "17:00",
            "contact": {"name": f"Host {n}", "phone": _phone(n)},
            "address": "100 Main St, Los Angeles",
        }
        requests.append(Request("hold", n, "POST", "/create-booking", body, json_headers))
    for n in range(CHATS):
        body = {"text": "How much for 20 people on Dec 12 in 90012?", "session_id": f"crash-{n}"}
        requests.append(Request("chat", n, "POST", "/chat", body, json_headers))
    for n in range(TEXTS):
        payload = {
            "channel": "sms",
            "sender": _phone(1000 + n),
            "text": "how much for 20 adults in 90012?",
            "provider_message_id": f"rc-crash-{n}",
        }
        body = push_body(
            message_id=f"9000{n}",
            payload=payload,
            attributes={},
            subscription=INBOUND_SUB,
            publish_time=SystemClock().now(),
        )
        requests.append(Request("sms", n, "POST", "/handle-inbound-message", body, admin))
    # interleave the kinds, so the kill lands in the middle of each
    return sorted(requests, key=lambda r: (r.n, r.kind))


def _send(port: int, request: Request) -> None:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        conn.request(request.method, request.path, json.dumps(request.body), request.headers)
        response = conn.getresponse()
        text = response.read()
        data = json.loads(text) if response.headers.get_content_type().endswith("json") else {}
        if 200 <= response.status < 300:
            request.answer = data
        else:
            request.refusal = (response.status, data)
    except (OSError, http.client.HTTPException) as exc:
        request.refusal = (0, repr(exc))  # killed before it answered: not acknowledged
    finally:
        conn.close()


def _run_until_killed(dev: DevProcess, traffic: list[Request]) -> None:
    queue = list(traffic)
    lock = threading.Lock()
    killed = threading.Event()

    def worker() -> None:
        while not killed.is_set():
            with lock:
                if not queue:
                    return
                request = queue.pop(0)
            _send(dev.port, request)

    workers = [threading.Thread(target=worker) for _ in range(4)]
    for w in workers:
        w.start()
    wait_until(lambda: sum(r.answer is not None for r in traffic) >= KILL_AFTER, timeout_s=120)
    children = dev.children()
    assert len(children) >= 2, "the runtime runs no delivery worker or server replica"
    dev.kill()
    killed.set()
    for w in workers:
        w.join(timeout=60)
    # Its worker and replicas die with it: none is left beside the next start's.
    wait_until(lambda: not any(running(pid) for pid in children), timeout_s=30)


def _expire_while_down(store: SqliteDocumentStore, booking_id: str) -> None:
    """The hold's time runs out while the runtime is down."""
    past = SystemClock().now() - timedelta(minutes=1)
    store.update("bookings", booking_id, {"hold_expires_at": past})
    [task] = store.query(TASKS, [Filter.eq("name", f"release-{booking_id}")])
    store.update(TASKS, task.id, {"run_at": past, "next_attempt_at": past})


def _settled(store: SqliteDocumentStore) -> bool:
    """Every task due now has finished (the other holds' releases are due when they expire)."""
    soon = SystemClock().now() + timedelta(minutes=5)
    tasks = [t.data for t in store.query(TASKS)]
    return all(t["state"] == "done" or t["next_attempt_at"] > soon for t in tasks)


def test_kill_nine_mid_traffic_loses_nothing_and_doubles_nothing(tmp_path: Path) -> None:
    env = {"HIBACHI_RATE_LIMIT_ENABLED": "false", "HIBACHI_DEV_SERVERS": "2"}
    dev = DevProcess(tmp_path, env=env).start()
    traffic = _traffic(local_token(["owner"], hours=1))
    _run_until_killed(dev, traffic)
    acknowledged = [r for r in traffic if r.answer is not None]
    assert KILL_AFTER <= len(acknowledged) < len(traffic)  # the kill came mid-traffic

    holds = [r.answer["id"] for r in acknowledged if r.kind == "hold" and r.answer]
    assert holds, "no hold was acknowledged before the kill"
    store = SqliteDocumentStore(tmp_path / "hibachi.db")
    try:
        _expire_while_down(store, holds[0])
        dev.start()
        for request in traffic:  # Pub/Sub redelivers every push the runtime did not acknowledge
            if request.kind == "sms" and request.answer is None:
                _send(dev.port, request)
                assert request.answer is not None, (request.n, request.refusal)
        wait_until(lambda: _settled(store), timeout_s=120)

        tasks = [t.data for t in store.query(TASKS)]
        assert not [t for t in tasks if t["state"] == "dead"], "a task died"
        for booking_id in holds:  # every acknowledged hold is still held, with its release
            booking = store.get("bookings", booking_id)
            assert booking is not None
            assert booking["status"] == ("expired" if booking_id == holds[0] else "held")
            [release] = [t for t in tasks if t["name"] == f"release-{booking_id}"]
            assert release["state"] == ("done" if booking_id == holds[0] else "pending")
        expiries = store.query(AUDIT, [Filter.eq("entity_id", holds[0])])
        assert [e.data["actor"] for e in expiries].count("system:hold-expiry") == 1

        for request in acknowledged:  # every acknowledged chat turn was stored, once
            if request.kind == "chat" and request.answer:
                history = threads.history(store, request.answer["thread_id"])
                assert [m.author for m in history] == ["customer", "ai"], request.n
        outbox = [d.data for d in store.query(OUTBOX)]
        for request in traffic:  # every SMS: one stored message, one reply, one send
            thread_id = threads.thread_id_for("sms", _phone(1000 + request.n))
            if request.kind != "sms":
                continue
            history = threads.history(store, thread_id)
            assert [m.author for m in history] == ["customer", "ai"], request.n
            sent = [o for o in outbox if o["to"] == _phone(1000 + request.n)]
            assert len(sent) == 1 and sent[0]["text"] == history[1].text, request.n
        assert dev.stop() == 0, dev.output()[-3000:]
    finally:
        store.close()
        if dev.proc is not None and dev.proc.poll() is None:
            dev.kill()
