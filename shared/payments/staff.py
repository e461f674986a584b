"""Money problems staff must act on: a durable task, plus a handoff on the customer's thread.

The task is written with the change that raised it (same transaction), so it cannot be
lost; the thread handoff is opened afterwards, best effort, to get eyes on it quickly.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from shared.conversation import handoff
from shared.platform.docstore import Transaction
from shared.platform.errors import NotFoundError
from shared.platform.log import get_logger
from shared.platform.services import Platform

STAFF_TASKS = "staff_tasks"
log = get_logger(__name__)


@dataclass(frozen=True)
class Escalation:
    reason: str
    thread_id: str | None


def open_task(
    tx: Transaction,
    task_id: str,
    *,
    kind: str,
    booking_id: str | None,
    reason: str,
    now: datetime,
) -> None:
    """One task per problem: the deterministic id makes a repeated report a no-op."""
    tx.set(
        STAFF_TASKS,
        task_id,
        {
            "kind": kind,
            "booking_id": booking_id,
            "reason": reason,
            "priority": "high",
            "status": "open",
            "created_at": now,
        },
    )


def escalate(platform: Platform, escalation: Escalation) -> None:
    if escalation.thread_id is None:
        return
    try:
        handoff.escalate(
            platform.store,
            escalation.thread_id,
            reason=escalation.reason,
            priority="high",
            now=platform.clock.now(),
        )
    except NotFoundError:
        log.warning("booking's origin thread %s is gone; staff task only", escalation.thread_id)
