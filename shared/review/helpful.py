"""SMS "was this helpful?": a question on some AI replies, and the customer's bare answer.

Only where it cannot misfire on a normal message:
- asked only when the channel's policy turns it on (`ask_helpful`, SMS only), on a reply
  that goes straight out (a held draft is staff's to word), that asks the customer nothing
  itself (no "?": otherwise "1" or "2" could answer the AI's own question), and at most
  once in the thread's recent history;
- an answer is only a message that is exactly "1" or "2", and only while the thread's last
  message is the reply that asked. "yes"/"no"/"sí" are not taken: customers send them to
  the AI all the time, and swallowing one would leave a real question unanswered.
An answer is stored in the thread (marked, so a redelivery is dropped, not answered by
the AI) and counted as a rating of that reply; nothing is sent back (a thank-you text
would cost a message to say nothing).
"""

from __future__ import annotations

from typing import Any

from shared.ai.inbound import InboundEvent
from shared.channels.outbound import OutboundMessage
from shared.conversation import store as threads
from shared.conversation.store import MESSAGES, ChatMessage
from shared.learning.feedback import record_rating
from shared.platform.services import Platform
from shared.review.policy import ChannelReview

QUESTION = "Was this helpful? Reply 1 for yes, 2 for no."
ANSWERS = {"1": True, "2": False}
LOOKBACK = 20  # messages searched for an earlier question (asked at most once in them)


def _asked(message: ChatMessage) -> bool:
    return message.author == "ai" and bool((message.trace or {}).get("helpful_question"))


def with_question(
    platform: Platform, message: OutboundMessage, rule: ChannelReview
) -> OutboundMessage:
    """The reply as sent: with the question when it may be asked (and marked as asked)."""
    if not rule.ask_helpful or message.channel != "sms" or "?" in message.text:
        return message
    recent = threads.history(platform.store, message.thread_id, limit=LOOKBACK)
    if not recent or recent[-1].id != message.message_id or any(map(_asked, recent)):
        return message  # not the thread's latest reply (a redelivery), or asked already
    trace: dict[str, Any] = (recent[-1].trace or {}) | {"helpful_question": True}
    platform.store.update(MESSAGES, message.message_id, {"trace": trace})
    return message.model_copy(update={"text": f"{message.text}\n\n{QUESTION}"})


def answered(platform: Platform, event: InboundEvent) -> bool:
    """True when `event` is an answer to the question (now counted): no AI turn for it."""
    helpful = ANSWERS.get(event.text.strip())
    if event.channel != "sms" or helpful is None:
        return False
    store = platform.store
    thread_id = threads.thread_id_for("sms", event.sender)
    earlier = threads.redelivered(store, thread_id, event.provider_message_id)
    if earlier is not None:  # a redelivery: dropped if it was an answer, else the AI's
        return bool((earlier[0].trace or {}).get("helpful_answer"))
    recent = threads.history(store, thread_id, limit=1)  # none for a new sender
    if not recent or not _asked(recent[-1]):
        return False
    reply = recent[-1]
    stored = threads.append(
        store,
        thread_id,
        author="customer",
        text=event.text,
        now=platform.clock.now(),
        trace={"helpful_answer": reply.id},
        provider_message_id=event.provider_message_id,
    )
    if stored is None:
        return True  # a concurrent delivery of the same answer stored it first
    record_rating(
        store,
        platform.bus,
        threads.get_thread(store, thread_id),
        reply.id,
        reply.model_dump(exclude={"id"}),
        helpful,
        None,
        now=platform.clock.now(),
    )
    return True
