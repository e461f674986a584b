"""AI replies held as drafts until staff approve, edit or reject them.

A draft is keyed by the AI message's id, so a redelivered inbound event finds it and holds
nothing twice; once a reply has a draft, only a decision sends it (never the policy). The
stored AI message is marked (`trace.review`) so the admin transcript shows it as a draft,
not as sent. A decision is one transaction: of two racing decisions exactly one wins, and
the same decision repeated is a no-op answering the same draft (its follow-ups are
idempotent: the send is a named task, the staff message is deduplicated).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal, get_args

from pydantic import BaseModel, Field

from shared.channels.outbound import OutboundMessage, queue
from shared.conversation import handoff
from shared.conversation import store as threads
from shared.conversation.store import MESSAGES, Channel, ChatMessage
from shared.learning.feedback import store_correction
from shared.platform import audit
from shared.platform.docstore import Direction, DocumentStore, Filter, Order, Transaction
from shared.platform.errors import Conflict, NotFoundError
from shared.platform.services import Platform
from shared.review import policy
from shared.review.helpful import with_question

DRAFTS = "reply_drafts"

DraftStatus = Literal["pending", "approved", "edited", "rejected"]
STATUSES: tuple[DraftStatus, ...] = get_args(DraftStatus)


class Draft(BaseModel):
    id: str = Field(description="The AI message it holds")
    thread_id: str
    channel: Channel
    to: str
    text: str = Field(description="The AI's reply")
    subject: str | None = None
    status: DraftStatus = "pending"
    created_at: datetime
    decided_at: datetime | None = None
    decided_by: str | None = None
    sent_text: str | None = Field(default=None, description="What the customer got")
    sent_message_id: str | None = Field(default=None, description="The message that sent it")
    reason: str | None = Field(default=None, description="Why it was rejected")


class Decision(BaseModel):
    status: Literal["approved", "edited", "rejected"]
    text: str | None = None  # edited: what staff send instead
    reason: str | None = None  # rejected: why


def _draft(doc_id: str, data: dict[str, Any]) -> Draft:
    return Draft.model_validate(data | {"id": doc_id})


def _mark(tx: Transaction, message: dict[str, Any] | None, draft_id: str, status: str) -> None:
    if message is not None:
        trace = (message.get("trace") or {}) | {"review": {"status": status}}
        tx.update(MESSAGES, draft_id, {"trace": trace})


def dispatch(platform: Platform, message: OutboundMessage) -> None:
    """Queue an AI reply, or hold it when its channel's review policy says so."""
    store = platform.store
    if store.get(DRAFTS, message.message_id) is not None:
        return  # a redelivery: the draft's decision sends it, if anything does
    rule = policy.current(store).of(message.channel)
    if policy.holds(rule, policy.sent_after_review(store, message.channel)):
        hold(store, message, now=platform.clock.now())
    else:
        queue(platform, with_question(platform, message, rule))


def hold(store: DocumentStore, message: OutboundMessage, *, now: datetime) -> None:
    """Store the draft once and mark its message pending."""
    draft = Draft(
        id=message.message_id,
        thread_id=message.thread_id,
        channel=message.channel,
        to=message.to,
        text=message.text,
        subject=message.subject,
        created_at=now,
    )

    def attempt(tx: Transaction) -> None:
        if tx.get(DRAFTS, draft.id) is not None:
            return
        stored = tx.get(MESSAGES, draft.id)
        tx.create(DRAFTS, draft.id, draft.model_dump(exclude={"id"}))
        _mark(tx, stored, draft.id, "pending")

    store.run_transaction(attempt)


def pending(store: DocumentStore, channel: str | None, limit: int) -> list[Draft]:
    """Oldest first: the customer who has waited longest is answered first."""
    filters = [Filter.eq("status", "pending")]
    if channel is not None:
        filters.append(Filter.eq("channel", channel))
    docs = store.query(DRAFTS, filters, order_by=[Order("created_at", Direction.ASC)], limit=limit)
    return [_draft(d.id, d.data) for d in docs]


def all_drafts(store: DocumentStore) -> list[Draft]:
    return [_draft(d.id, d.data) for d in store.query(DRAFTS)]


def _same(draft: Draft, decision: Decision) -> bool:
    if draft.status != decision.status:
        return False
    if decision.status == "edited":
        return draft.sent_text == decision.text
    return decision.status == "approved" or draft.reason == decision.reason


def decide(platform: Platform, draft_id: str, decision: Decision, *, actor: str) -> Draft:
    """Record the decision (once), then send what it says; the decided draft."""
    store, now = platform.store, platform.clock.now()

    def attempt(tx: Transaction) -> Draft:
        data = tx.get(DRAFTS, draft_id)
        if data is None:
            raise NotFoundError("unknown_draft", f"no draft {draft_id!r}")
        draft = _draft(draft_id, data)
        if draft.status != "pending":
            return draft
        stored = tx.get(MESSAGES, draft_id)
        counts = tx.get(*policy.COUNTS)
        sends = decision.status != "rejected"
        decided = draft.model_copy(
            update={
                "status": decision.status,
                "decided_at": now,
                "decided_by": actor,
                "sent_text": (decision.text or draft.text) if sends else None,
                "reason": decision.reason,
            }
        )
        tx.update(DRAFTS, draft_id, decided.model_dump(exclude={"id"}))
        _mark(tx, stored, draft_id, decision.status)
        if sends:
            sent = policy.sent_counts(counts)
            sent[draft.channel] = sent.get(draft.channel, 0) + 1
            tx.set(*policy.COUNTS, {"sent": sent, "at": now})
        audit.record(
            tx,
            actor=actor,
            action=f"draft.{decision.status}",
            entity="reply_draft",
            entity_id=draft_id,
            now=now,
            before={"status": "pending"},
            after={"status": decision.status, "sent_text": decided.sent_text},
            reason=decision.reason,
        )
        return decided

    draft: Draft = store.run_transaction(attempt)
    if not _same(draft, decision):
        raise Conflict(
            "draft_already_decided",
            f"draft {draft_id} was already {draft.status} by {draft.decided_by}",
        )
    return _follow_up(platform, draft, now=now)


def _follow_up(platform: Platform, draft: Draft, *, now: datetime) -> Draft:
    """What the decision sets off; safe to repeat when a retried call gets here again."""
    if draft.status == "rejected":
        handoff.escalate(
            platform.store,
            draft.thread_id,
            reason=f"reply draft rejected: {draft.reason}",
            priority="normal",
            now=now,
        )
        return draft
    message_id = draft.id
    if draft.status == "edited":
        staff = _staff_message(platform.store, draft, now=now)
        ai = platform.store.get(MESSAGES, draft.id)
        if ai is not None:  # the (AI draft, staff text) pair, linked to the turn
            store_correction(
                platform.store,
                draft.channel,
                ChatMessage.model_validate(ai | {"id": draft.id}),
                staff,
                now=now,
                source="draft_edit",
            )
        message_id = staff.id
    queue(
        platform,
        OutboundMessage(
            channel=draft.channel,
            to=draft.to,
            text=draft.sent_text or draft.text,
            thread_id=draft.thread_id,
            message_id=message_id,
            subject=draft.subject,
        ),
    )
    if draft.sent_message_id != message_id:
        platform.store.update(DRAFTS, draft.id, {"sent_message_id": message_id})
    return draft.model_copy(update={"sent_message_id": message_id})


def _staff_message(store: DocumentStore, draft: Draft, *, now: datetime) -> ChatMessage:
    """The thread's record of the edited text, stored once per draft."""
    dedup = f"draft:{draft.id}"
    message = threads.append(
        store,
        draft.thread_id,
        author="staff",
        text=draft.sent_text or draft.text,
        now=now,
        trace={"staff": draft.decided_by, "draft": draft.id},
        provider_message_id=dedup,
    )
    if message is not None:
        return message
    again = threads.redelivered(store, draft.thread_id, dedup)
    assert again is not None  # append found it stored
    return again[0]
