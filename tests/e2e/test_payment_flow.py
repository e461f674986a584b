"""`make dev` with no keys takes a booking end to end: chat -> hold with a deposit link ->
the local pay page -> a signed webhook -> confirmed -> the confirmation in the outbox."""

from __future__ import annotations

import json
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from shared.booking.records import BOOKINGS
from shared.channels.outbound import OUTBOX
from shared.platform.docstore.sqlite import SqliteDocumentStore
from tests.e2e.test_dev_runtime import DevServer, dev_server
from tests.support.waiting import wait_until

pytestmark = pytest.mark.slow

TURNS = (
    "How much for 20 people on Dec 5 in 90012?",
    "yes please",
    "6pm works",
    "I'm Jo Host, 213-555-0100, 100 Main St, Los Angeles",
    "yes, hold it",  # the summary is confirmed before anything is held
)


def request(url: str, body: dict[str, Any] | None = None, method: str = "GET") -> tuple[int, str]:
    data = json.dumps(body).encode() if body is not None else None
    headers = {"Content-Type": "application/json"} if body is not None else {}
    sent = urllib.request.Request(url, data=data, headers=headers, method=method)
    with urllib.request.urlopen(sent, timeout=30) as response:
        return response.status, response.read().decode()


@pytest.fixture
def server(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[DevServer]:
    for name in ("STRIPE_SECRET_KEY", "STRIPE_WEBHOOK_SECRET", "HIBACHI_PAYMENTS_PROVIDER"):
        monkeypatch.delenv(name, raising=False)  # no keys: the offline flow
    with dev_server(tmp_path) as running:
        yield running


def test_chat_hold_pay_confirm_offline(server: DevServer) -> None:
    thread_id = None
    for text in TURNS:
        status, raw = request(
            f"{server.url}/chat",
            {"text": text, "session_id": "e2e-visitor", "thread_id": thread_id},
            method="POST",
        )
        reply = json.loads(raw)
        assert status == 200, reply
        thread_id = reply["thread_id"]
    assert "tool_calls" not in reply and reply["manage_link"]  # traces stay internal
    reader = SqliteDocumentStore(server.data_dir / "hibachi.db")
    try:
        [held] = [
            d.data | {"booking_id": d.id}
            for d in reader.query(BOOKINGS, [])
            if d.data["origin_thread_id"] == thread_id
        ]
    finally:
        reader.close()
    assert held["status"] == "held" and held["booking_id"] in reply["manage_link"]
    pay_url = held["deposit_url"]
    assert pay_url in reply["reply"]
    assert pay_url.startswith(f"{server.url}/_dev/pay/cs_local_")

    status, page = request(pay_url)
    assert status == 200 and "Pay $100.00 deposit" in page and "<button" in page
    status, page = request(pay_url, method="POST")
    assert status == 200 and "Payment received" in page

    store = SqliteDocumentStore(server.data_dir / "hibachi.db")
    try:
        booking = wait_until(
            lambda: (b := store.get(BOOKINGS, held["booking_id"])) and b["deposit_paid"] and b
        )
        assert booking["status"] == "confirmed"
        assert booking["origin_thread_id"] == thread_id and booking["origin_channel"] == "web"
        sent = wait_until(lambda: store.get(OUTBOX, f"confirm-{held['booking_id']}"))
        # Web chat has no way back: the confirmation goes by text to the host's phone.
        assert sent["channel"] == "sms" and sent["to"] == "+12135550100"
        assert "confirmed" in sent["text"] and "$100.00" in sent["text"]
    finally:
        store.close()
