"""Escalation to staff: a handoff in the review queue, and the AI silent until released."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import BaseModel

from shared.conversation.store import THREADS, ThreadStatus
from shared.platform import audit
from shared.platform.docstore import DocumentStore, Filter, Transaction
from shared.platform.errors import Conflict, NotFoundError

HANDOFFS = "handoffs"
Priority = Literal["low", "normal", "high"]


class Handoff(BaseModel):
    thread_id: str
    reason: str
    priority: Priority
    status: Literal["open", "taken", "released"]
    created_at: datetime
    taken_by: str | None = None


def escalate(
    store: DocumentStore, thread_id: str, *, reason: str, priority: Priority, now: datetime
) -> bool:
    """Open a handoff (once per escalation); False when the thread already waits for staff."""

    def attempt(tx: Transaction) -> bool:
        thread = tx.get(THREADS, thread_id)
        if thread is None:
            raise NotFoundError("unknown_thread", f"no conversation {thread_id!r}")
        if thread["status"] != ThreadStatus.AI.value:
            return False
        tx.update(
            THREADS,
            thread_id,
            {
                "status": ThreadStatus.ESCALATED.value,
                "escalation_reason": reason,
                "priority": priority,
            },
        )
        tx.set(
            HANDOFFS,
            thread_id,
            Handoff(
                thread_id=thread_id, reason=reason, priority=priority, status="open", created_at=now
            ).model_dump(),
        )
        return True

    opened: bool = store.run_transaction(attempt)
    return opened


def _staff_change(
    store: DocumentStore,
    thread_id: str,
    *,
    actor: str,
    now: datetime,
    status: ThreadStatus,
    handoff_status: str,
    allowed: tuple[ThreadStatus, ...],
) -> None:
    def attempt(tx: Transaction) -> None:
        thread = tx.get(THREADS, thread_id)
        if thread is None:
            raise NotFoundError("unknown_thread", f"no conversation {thread_id!r}")
        handoff = tx.get(HANDOFFS, thread_id)
        if ThreadStatus(thread["status"]) not in allowed:
            raise Conflict("invalid_thread_status", f"thread is {thread['status']}")
        changes: dict[str, object] = {
            "status": status.value,
            "assigned_to": actor if status is ThreadStatus.STAFF else None,
        }
        if status is ThreadStatus.AI:
            changes |= {"escalation_reason": None, "clarifications": 0, "priority": "normal"}
        tx.update(THREADS, thread_id, changes)
        if handoff is not None:
            tx.update(HANDOFFS, thread_id, {"status": handoff_status, "taken_by": actor})
        audit.record(
            tx,
            actor=actor,
            action=f"thread.{handoff_status}",
            entity="thread",
            entity_id=thread_id,
            now=now,
            before={"status": thread["status"]},
            after={"status": status.value},
        )

    store.run_transaction(attempt)


def take_over(store: DocumentStore, thread_id: str, *, actor: str, now: datetime) -> None:
    _staff_change(
        store,
        thread_id,
        actor=actor,
        now=now,
        status=ThreadStatus.STAFF,
        handoff_status="taken",
        allowed=(ThreadStatus.AI, ThreadStatus.ESCALATED),
    )


def release(store: DocumentStore, thread_id: str, *, actor: str, now: datetime) -> None:
    """Give the thread back to the AI."""
    _staff_change(
        store,
        thread_id,
        actor=actor,
        now=now,
        status=ThreadStatus.AI,
        handoff_status="released",
        allowed=(ThreadStatus.ESCALATED, ThreadStatus.STAFF),
    )


def open_handoffs(store: DocumentStore) -> list[Handoff]:
    docs = store.query(HANDOFFS, [Filter.eq("status", "open")])
    return sorted(
        (Handoff.model_validate(d.data) for d in docs),
        key=lambda h: ({"high": 0, "normal": 1, "low": 2}[h.priority], h.created_at),
    )
