"""Customer ratings of AI replies (the web widget's thumbs, an SMS answer to "was this
helpful?", see shared.review.helpful) and staff corrections.

A rating is the customer's own: the web session id that opened the thread proves it, as
for the chat history. One rating per reply (a change of mind replaces it), tallied per
channel group x intent and by who answered (teacher, or the student through an open
gate), so the report shows whether customers notice the difference.

A staff reply that follows an AI reply (a take-over) is stored as a correction of that
reply: the (AI reply, staff reply) pair, linked to the turn and its shadow pair. So is a
reviewed draft staff edited before sending (shared.review).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from shared.conversation import store as threads
from shared.conversation.store import ChatMessage
from shared.learning.policy import ChannelGroup, group_of
from shared.learning.records import gate_key, pair_id
from shared.platform import analytics
from shared.platform.docstore import DocumentStore, Transaction
from shared.platform.errors import NotFoundError
from shared.platform.events import EventBus

RATINGS = "reply_ratings"
RATING_TALLIES = "learning_ratings"
CORRECTIONS = "corrections"

AnsweredBy = Literal["teacher", "student"]


class ReplyRating(BaseModel):
    model_config = ConfigDict(extra="forbid")

    thread_id: str = Field(max_length=64)
    session_id: str = Field(min_length=1, max_length=128, description="The widget's visitor id")
    reply_id: str = Field(max_length=80, description="`reply_id` of the chat answer rated")
    helpful: bool
    comment: str | None = Field(default=None, max_length=500)


class RatingAck(BaseModel):
    reply_id: str
    helpful: bool


def _by_answerer() -> dict[AnsweredBy, int]:
    return {"teacher": 0, "student": 0}


class RatingTally(BaseModel):
    """Ratings of one channel group x intent, by who answered."""

    group: ChannelGroup
    intent: str
    helpful: dict[AnsweredBy, int] = Field(default_factory=_by_answerer)
    unhelpful: dict[AnsweredBy, int] = Field(default_factory=_by_answerer)

    def counted(self, answered_by: AnsweredBy, helpful: bool, by: int) -> RatingTally:
        bucket = dict(self.helpful if helpful else self.unhelpful)
        bucket[answered_by] = bucket.get(answered_by, 0) + by
        return self.model_copy(update={"helpful" if helpful else "unhelpful": bucket})


def _not_found(rating: ReplyRating) -> NotFoundError:
    return NotFoundError("unknown_reply", f"no reply {rating.reply_id!r} in this conversation")


def rate(store: DocumentStore, bus: EventBus, rating: ReplyRating, *, now: datetime) -> RatingAck:
    thread = threads.get_thread(store, rating.thread_id)
    if thread.channel != "web" or thread.handle != rating.session_id:
        raise NotFoundError("unknown_thread", f"no conversation {rating.thread_id!r}")
    stored = store.get(threads.MESSAGES, rating.reply_id)
    if stored is None or stored.get("thread_id") != thread.id or stored.get("author") != "ai":
        raise _not_found(rating)
    return record_rating(
        store, bus, thread, rating.reply_id, stored, rating.helpful, rating.comment, now=now
    )


def record_rating(
    store: DocumentStore,
    bus: EventBus,
    thread: threads.Thread,
    reply_id: str,
    stored: dict[str, Any],
    helpful: bool,
    comment: str | None,
    *,
    now: datetime,
) -> RatingAck:
    """Count a rating of the AI reply `stored` (already checked to be the rater's) and
    publish it as an analytics Rating (1 helpful, 0 not). Its id is the reply's, so the
    analytics keep the first rating of a reply; the tally here follows a change of mind."""
    trace: dict[str, Any] = stored.get("trace") or {}
    intent = str((trace.get("route") or {}).get("agent") or trace.get("agent") or "lead")
    answered_by: AnsweredBy = "student" if trace.get("answered_by") == "student" else "teacher"
    group = group_of(thread.channel)
    key = gate_key(group, intent)

    def attempt(tx: Transaction) -> RatingAck:
        before = tx.get(RATINGS, reply_id)
        tally_data = tx.get(RATING_TALLIES, key)
        tally = (
            RatingTally(group=group, intent=intent)
            if tally_data is None
            else RatingTally.model_validate(tally_data)
        )
        if before is not None:  # a change of mind replaces the earlier rating
            tally = tally.counted(before["answered_by"], bool(before["helpful"]), -1)
        tally = tally.counted(answered_by, helpful, 1)
        tx.set(
            RATINGS,
            reply_id,
            {
                "thread_id": thread.id,
                "channel": thread.channel,
                "intent": intent,
                "answered_by": answered_by,
                "pair_id": pair_id(reply_id),
                "helpful": helpful,
                "comment": comment,
                "at": now,
            },
        )
        tx.set(RATING_TALLIES, key, tally.model_dump())
        return RatingAck(reply_id=reply_id, helpful=helpful)

    ack: RatingAck = store.run_transaction(attempt)
    analytics.emit(
        bus,
        analytics.Rating(
            event_id=analytics.event_id("rating", reply_id),
            occurred_at=now,
            thread_id=thread.id,
            channel=thread.channel,
            customer_id=thread.customer_id,
            agent=intent,
            rating=1 if helpful else 0,
        ),
    )
    return ack


def corrected(messages: list[ChatMessage]) -> tuple[ChatMessage, ChatMessage] | None:
    """(AI reply, staff reply) when the thread's last message is a staff reply correcting
    an AI reply: the latest AI reply with no staff message between them. Customer and
    system messages in between do not matter (staff often answer the customer's next
    message after a poor AI reply)."""
    if not messages or messages[-1].author != "staff":
        return None
    staff = messages[-1]
    for message in reversed(messages[:-1]):
        if message.author == "staff":
            return None  # staff were already talking: this one corrects no AI reply
        if message.author == "ai" and message.text:
            return message, staff
    return None


def record_correction(
    store: DocumentStore, channel: str, messages: list[ChatMessage], *, now: datetime
) -> str | None:
    """Store the correction the last staff message makes, if it makes one; its id."""
    pair = corrected(messages)
    if pair is None:
        return None
    return store_correction(store, channel, *pair, now=now)


CorrectionSource = Literal["take_over", "draft_edit"]


def store_correction(
    store: DocumentStore,
    channel: str,
    ai: ChatMessage,
    staff: ChatMessage,
    *,
    now: datetime,
    source: CorrectionSource = "take_over",
) -> str:
    """Store (AI reply, staff reply) under the staff message's id (a repeat overwrites it)."""
    trace = ai.trace or {}
    store.set(
        CORRECTIONS,
        staff.id,
        {
            "thread_id": staff.thread_id,
            "channel": channel,
            "intent": (trace.get("route") or {}).get("agent") or trace.get("agent"),
            "reply_id": ai.id,
            "pair_id": pair_id(ai.id),
            "ai_reply": ai.text,
            "staff_reply": staff.text,
            "staff": (staff.trace or {}).get("staff"),
            "answered_by": trace.get("answered_by", "teacher"),
            "source": source,
            "at": now,
        },
    )
    return staff.id
