"""Build examples from the conversation store: each AI reply with the turns before it,
joined with the thread's bookings, the reply's rating, any staff correction and review.

Read thread by thread, so an export of any size holds one thread in memory at a time; the
scrubber each example gets knows that thread's own customer and booking details.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from shared.booking.records import BOOKINGS
from shared.conversation import store as threads
from shared.conversation.store import ChatMessage, Thread
from shared.customers import identity
from shared.learning.feedback import CORRECTIONS, RATINGS
from shared.learning.training.examples import REVIEWS, Example, Role, Turn
from shared.learning.training.score import Signals, score
from shared.platform.docstore import Direction, DocumentStore, Filter, Order
from shared.platform.scrub import Scrubber

CONTEXT_MESSAGES = 8  # earlier messages kept before the reply taught
THREAD_PAGE = 100
MAX_MESSAGES = 500  # per thread; a longer thread's oldest turns teach nothing new
_PAID = ("confirmed", "completed")


def _held_here(trace: dict[str, Any]) -> bool:
    return any(
        call.get("name") == "create_booking_hold" and "booking_id" in (call.get("result") or {})
        for call in trace.get("tool_calls") or ()
    )


def signals(
    message: ChatMessage,
    bookings: list[dict[str, Any]],
    rating: dict[str, Any] | None,
    corrected: bool,
) -> Signals:
    trace = message.trace or {}
    later = [b for b in bookings if b.get("created_at") and b["created_at"] >= message.at]
    return Signals(
        validator_blocked=bool(trace.get("blocked") or trace.get("blocked_again")),
        escalated=trace.get("escalation") is not None,
        held=_held_here(trace) or bool(later),
        paid=any(b.get("deposit_paid") or b.get("status") in _PAID for b in later),
        helpful=None if rating is None else bool(rating["helpful"]),
        corrected=corrected,
    )


def _turns(earlier: list[ChatMessage], reply: str) -> list[Turn]:
    """Customer -> user, AI and staff -> assistant; same-role runs joined; starts with user."""
    turns: list[Turn] = []
    for m in earlier[-CONTEXT_MESSAGES:]:
        if m.author == "system" or not m.text.strip():
            continue
        role: Role = "user" if m.author == "customer" else "assistant"
        if turns and turns[-1].role == role:
            turns[-1] = Turn(role=role, text=f"{turns[-1].text}\n{m.text}")
        elif turns or role == "user":
            turns.append(Turn(role=role, text=m.text))
    if not turns or turns[-1].role != "user":
        return []  # nothing the customer said for this reply to answer
    return [*turns, Turn(role="assistant", text=reply)]


def scrubber_for(store: DocumentStore, thread: Thread, bookings: list[dict[str, Any]]) -> Scrubber:
    customer = identity.get(store, thread.customer_id) if thread.customer_id else None
    contacts = [b.get("contact") or {} for b in bookings]
    names = [c.get("name") for c in contacts]
    literals = [c.get(k) for c in contacts for k in ("phone", "email")]
    if customer is not None:
        names.append(customer.name)
        literals += [customer.phone, customer.email]
    return Scrubber(
        names=tuple(n for n in names if n),
        addresses=tuple(str(b["address"]) for b in bookings if b.get("address")),
        literals=tuple(v for v in literals if v),
    )


def thread_examples(store: DocumentStore, thread: Thread) -> tuple[list[Example], Scrubber]:
    messages = threads.history(store, thread.id, limit=MAX_MESSAGES)
    bookings = [d.data for d in store.query(BOOKINGS, [Filter.eq("origin_thread_id", thread.id)])]
    corrections, ratings, reviews = (
        {
            d.data.get("reply_id", d.id): d.data
            for d in store.query(c, [Filter.eq("thread_id", thread.id)])
        }
        for c in (CORRECTIONS, RATINGS, REVIEWS)
    )
    found: list[Example] = []
    for i, message in enumerate(messages):
        if message.author != "ai" or not message.text.strip():
            continue
        correction = corrections.get(message.id)
        turns = _turns(messages[:i], correction["staff_reply"] if correction else message.text)
        if not turns:
            continue
        review = reviews.get(message.id)
        trace = message.trace or {}
        found.append(
            Example(
                id=message.id,
                thread_id=thread.id,
                channel=thread.channel,
                intent=str((trace.get("route") or {}).get("agent") or trace.get("agent") or "lead"),
                at=message.at,
                turns=turns,
                score=score(
                    signals(message, bookings, ratings.get(message.id), correction is not None)
                ),
                review=review["decision"] if review else None,
            )
        )
    return found, scrubber_for(store, thread, bookings)


def all_threads(store: DocumentStore) -> Iterator[Thread]:
    """Every thread, a page at a time, oldest first."""
    after = None
    while True:
        page = store.query(
            threads.THREADS,
            order_by=[Order("created_at", Direction.ASC)],
            limit=THREAD_PAGE,
            start_after=after,
        )
        for doc in page:
            yield Thread.model_validate(doc.data | {"id": doc.id})
        if len(page) < THREAD_PAGE:
            return
        after = page[-1]


def examples(store: DocumentStore) -> Iterator[tuple[Example, Scrubber]]:
    for thread in all_threads(store):
        found, scrubber = thread_examples(store, thread)
        for example in found:
            yield example, scrubber
