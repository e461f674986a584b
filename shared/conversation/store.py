"""Threads and messages in the document store.

A message is written before any AI work starts, in a transaction that also bumps the
thread's sequence, so messages keep their order and none is lost if the AI path fails.
Message ids are `<thread>-<seq>`, so reading a thread is one ordered query.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from enum import StrEnum
from typing import Any, Literal

from pydantic import BaseModel, Field

from shared.platform.docstore import Direction, DocumentStore, Filter, Order, Transaction
from shared.platform.errors import NotFoundError
from shared.platform.ids import new_id, stable_id

THREADS = "threads"
MESSAGES = "messages"
SEEN = "inbound_seen"  # provider message ids already stored (redeliveries are dropped)

Channel = Literal["web", "sms", "whatsapp", "messenger", "instagram", "email", "voice"]
Author = Literal["customer", "ai", "staff", "system"]


class ThreadStatus(StrEnum):
    AI = "ai"  # the AI answers
    ESCALATED = "escalated"  # waiting for staff; the AI does not auto-reply
    STAFF = "staff"  # a staff member took it over


class Thread(BaseModel):
    id: str
    channel: Channel
    customer_id: str | None = None
    handle: str | None = Field(default=None, description="Session id, phone, email or social id")
    status: ThreadStatus = ThreadStatus.AI
    priority: Literal["low", "normal", "high"] = "normal"
    escalation_reason: str | None = None
    assigned_to: str | None = None
    clarifications: int = 0
    last_agent: str | None = None
    next_seq: int = 1
    created_at: datetime
    last_message_at: datetime


class ChatMessage(BaseModel):
    id: str
    thread_id: str
    seq: int
    author: Author
    text: str
    at: datetime
    trace: dict[str, Any] | None = None
    provider_message_id: str | None = None

    @property
    def reached_customer(self) -> bool:
        """False for an AI reply held for review (shared.review marks it in the trace) that
        is still waiting, was rejected, or went out as staff's edit instead."""
        review = (self.trace or {}).get("review") or {}
        return review.get("status") in (None, "approved")


def thread_id_for(channel: Channel, handle: str | None) -> str:
    """Deterministic per (channel, handle): the same sender always lands in one thread."""
    return f"th_{stable_id(channel, handle)[:24]}" if handle else new_id("th")


def open_thread(
    store: DocumentStore,
    *,
    channel: Channel,
    handle: str | None,
    customer_id: str | None,
    now: datetime,
    thread_id: str | None = None,
) -> Thread:
    """The existing thread (by id, or by channel + handle) or a new one."""
    doc_id = thread_id or thread_id_for(channel, handle)

    def attempt(tx: Transaction) -> Thread:
        thread, changes = _opened(
            tx.get(THREADS, doc_id), doc_id, channel, handle, customer_id, now
        )
        _write_thread(tx, thread, changes)
        return thread

    found: Thread = store.run_transaction(attempt)
    return found


def receive(
    store: DocumentStore,
    *,
    channel: Channel,
    handle: str | None,
    customer_id: str | None,
    author: Author,
    text: str,
    now: datetime,
    thread_id: str | None = None,
    provider_message_id: str | None = None,
) -> tuple[Thread, ChatMessage | None]:
    """`open_thread` and `append` in one transaction (every inbound message does both, so
    one commit instead of two): the thread as it stands after, and the stored message
    (None for a redelivery, as `append` says)."""
    doc_id = thread_id or thread_id_for(channel, handle)
    seen_id = _seen_id(doc_id, provider_message_id)

    def attempt(tx: Transaction) -> tuple[Thread, ChatMessage | None]:
        data = tx.get(THREADS, doc_id)
        seen = seen_id is not None and data is not None and tx.get(SEEN, seen_id) is not None
        thread, changes = _opened(data, doc_id, channel, handle, customer_id, now)
        if seen:
            _write_thread(tx, thread, changes)
            return thread, None
        message = _new_message(
            thread.id, thread.next_seq, author, text, now, None, provider_message_id
        )
        thread = thread.model_copy(update=_advanced(message, None))
        if changes is not None:
            changes |= _advanced(message, None)
        _write_thread(tx, thread, changes)
        _write_message(tx, message, seen_id)
        return thread, message

    received: tuple[Thread, ChatMessage | None] = store.run_transaction(attempt)
    return received


def _opened(
    data: dict[str, Any] | None,
    doc_id: str,
    channel: Channel,
    handle: str | None,
    customer_id: str | None,
    now: datetime,
) -> tuple[Thread, dict[str, Any] | None]:
    """The thread to write and the changes to an existing one (None: a new thread)."""
    if data is None:
        thread = Thread(
            id=doc_id,
            channel=channel,
            customer_id=customer_id,
            handle=handle,
            created_at=now,
            last_message_at=now,
        )
        return thread, None
    thread = Thread.model_validate(data | {"id": doc_id})
    if customer_id and not thread.customer_id:  # first time we know who this is
        return thread.model_copy(update={"customer_id": customer_id}), {"customer_id": customer_id}
    return thread, {}


def _write_thread(tx: Transaction, thread: Thread, changes: dict[str, Any] | None) -> None:
    if changes is None:
        tx.create(THREADS, thread.id, thread.model_dump(exclude={"id"}))
    elif changes:
        tx.update(THREADS, thread.id, changes)


def _seen_id(thread_id: str, provider_message_id: str | None) -> str | None:
    return stable_id(thread_id, provider_message_id) if provider_message_id else None


def _new_message(
    thread_id: str,
    seq: int,
    author: Author,
    text: str,
    now: datetime,
    trace: dict[str, Any] | None,
    provider_message_id: str | None,
) -> ChatMessage:
    return ChatMessage(
        id=f"{thread_id}-{seq:06d}",
        thread_id=thread_id,
        seq=seq,
        author=author,
        text=text,
        at=now,
        trace=trace,
        provider_message_id=provider_message_id,
    )


def _advanced(message: ChatMessage, thread_changes: dict[str, Any] | None) -> dict[str, Any]:
    return {"next_seq": message.seq + 1, "last_message_at": message.at} | (thread_changes or {})


def _write_message(tx: Transaction, message: ChatMessage, seen_id: str | None) -> None:
    tx.create(MESSAGES, message.id, message.model_dump(exclude={"id"}))
    if seen_id is not None:
        tx.create(SEEN, seen_id, {"message_id": message.id, "at": message.at})


def get_thread(store: DocumentStore, thread_id: str) -> Thread:
    data = store.get(THREADS, thread_id)
    if data is None:
        raise NotFoundError("unknown_thread", f"no conversation {thread_id!r}")
    return Thread.model_validate(data | {"id": thread_id})


def append(
    store: DocumentStore,
    thread_id: str,
    *,
    author: Author,
    text: str,
    now: datetime,
    trace: dict[str, Any] | None = None,
    provider_message_id: str | None = None,
    thread_changes: dict[str, Any] | None = None,
    also: Callable[[Transaction], None] | None = None,
) -> ChatMessage | None:
    """Add a message at the thread's next sequence number (and apply thread changes).

    With a `provider_message_id`, a message already stored under that id is not stored
    again: None tells the caller this is a redelivery. `also` writes more in the same
    transaction (the dialogue state saved with the reply).
    """
    seen_id = _seen_id(thread_id, provider_message_id)

    def attempt(tx: Transaction) -> ChatMessage | None:
        data = tx.get(THREADS, thread_id)
        if data is None:
            raise NotFoundError("unknown_thread", f"no conversation {thread_id!r}")
        if seen_id is not None and tx.get(SEEN, seen_id) is not None:
            return None
        seq = int(data["next_seq"])
        message = _new_message(thread_id, seq, author, text, now, trace, provider_message_id)
        _write_message(tx, message, seen_id)
        tx.update(THREADS, thread_id, _advanced(message, thread_changes))
        if also is not None:
            also(tx)
        return message

    appended: ChatMessage | None = store.run_transaction(attempt)
    return appended


def redelivered(
    store: DocumentStore, thread_id: str, provider_message_id: str
) -> tuple[ChatMessage, ChatMessage | None] | None:
    """The stored message a redelivery carries, and the reply that followed it (None when
    nothing followed it: a crash between storing and answering, so it must be answered)."""
    seen = store.get(SEEN, stable_id(thread_id, provider_message_id))
    if seen is None:
        return None
    message_id = str(seen["message_id"])
    stored = store.get(MESSAGES, message_id)
    if stored is None:
        return None
    message = ChatMessage.model_validate(dict(stored) | {"id": message_id})
    reply_id = f"{thread_id}-{message.seq + 1:06d}"
    following = store.get(MESSAGES, reply_id)
    if following is None:
        return message, None
    return message, ChatMessage.model_validate(dict(following) | {"id": reply_id})


def update_thread(store: DocumentStore, thread_id: str, changes: dict[str, Any]) -> None:
    store.update(THREADS, thread_id, changes)


def history(store: DocumentStore, thread_id: str, limit: int = 20) -> list[ChatMessage]:
    """The last `limit` messages, oldest first."""
    docs = store.query(
        MESSAGES,
        [Filter.eq("thread_id", thread_id)],
        order_by=[Order("seq", Direction.DESC)],
        limit=limit,
    )
    return [ChatMessage.model_validate(d.data | {"id": d.id}) for d in reversed(docs)]


def list_threads(
    store: DocumentStore, *, status: ThreadStatus | None = None, limit: int = 50
) -> list[Thread]:
    """Escalated threads first, then the most recently active."""
    filters = [Filter.eq("status", status.value)] if status else []
    docs = store.query(
        THREADS, filters, order_by=[Order("last_message_at", Direction.DESC)], limit=limit * 4
    )
    threads = [Thread.model_validate(d.data | {"id": d.id}) for d in docs]
    rank = {ThreadStatus.ESCALATED: 0, ThreadStatus.STAFF: 1, ThreadStatus.AI: 2}
    threads.sort(key=lambda t: (rank[t.status], -t.last_message_at.timestamp()))
    return threads[:limit]
