"""Turn summaries from stored messages: the question a reply answered, and its trace read."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from shared.conversation import store as threads
from shared.learning.healing.turns import recent
from shared.platform.docstore.sqlite import SqliteDocumentStore

NOW = datetime(2026, 11, 21, 10, 0, tzinfo=UTC)
ROUTE = {"agent": "operations", "confidence": 0.43, "unsure": True}


def put(store: SqliteDocumentStore, author: str, text: str, at: datetime, **trace: Any) -> str:
    thread = threads.open_thread(store, channel="web", handle="v1", customer_id=None, now=at)
    message = threads.append(
        store,
        thread.id,
        author=author,
        text=text,
        now=at,
        trace=trace or None,  # type: ignore[arg-type]
    )
    assert message is not None
    return message.id


def test_replies_pair_with_their_question_and_read_the_trace(tmp_path: Path) -> None:
    store = SqliteDocumentStore(tmp_path / "s.db")
    old = NOW - timedelta(days=40)
    asked = put(store, "customer", "can you come friday", old)  # before the scan
    put(store, "staff", "(internal note)", NOW - timedelta(days=2))
    search = {
        "name": "search_knowledge",
        "result": {"results": [{"score": 0.3}, {"score": 0.41}]},
    }
    reply = put(
        store,
        "ai",
        "Let me check.",
        NOW - timedelta(days=2),
        route=ROUTE,
        agent="lead",
        escalation={"reason": "repeated_clarification"},
        blocked=[{"code": "invented_price"}],
        blocked_again=[{"code": "invented_date"}],
        tool_calls=[search],
        cached=False,
    )
    put(store, "customer", "thanks", NOW - timedelta(days=1))
    put(store, "ai", "Welcome.", NOW - timedelta(days=1))  # no route: not a turn
    put(store, "ai", "Old.", NOW - timedelta(days=50), route=ROUTE)  # outside the scan

    [turn] = recent(store, NOW - timedelta(days=35))
    assert (turn.reply_id, turn.inbound_id, turn.text) == (reply, asked, "can you come friday")
    assert (turn.routed, turn.agent, turn.confidence, turn.unsure) == (
        "operations",
        "lead",
        0.43,
        True,
    )
    assert turn.escalation == "repeated_clarification" and turn.failed and turn.misrouted
    assert turn.blocked == ("invented_price", "invented_date")
    assert turn.kb_best == 0.41
