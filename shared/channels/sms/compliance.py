"""Business-SMS keywords (CTIA): STOP opts a number out, START opts it back in, HELP informs.

A keyword counts only as the whole message (case-insensitive, surrounding punctuation
ignored), so "please stop by at 6" is a normal message for the AI. A keyword message is
stored in the sender's thread but never reaches the AI; its answer is stored as a `system`
message and queued like any reply (so the local outbox shows it too).

Opt-outs live in `sms_opt_outs/<E.164>`. A STOP also withdraws the customer's marketing
consent on every channel (`shared.customers.consent`), as does a STOP word sent alone on
WhatsApp, Messenger, Instagram or email (`shared.channels.inbound`). While a number is
opted out nothing is texted to it except the answers to its own keywords: STOP's single
confirmation, and HELP's answer (CTIA requires HELP to work whatever the opt-in state).
A repeated STOP gets no second reply.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from shared.ai.inbound import InboundEvent
from shared.channels.outbound import OutboundMessage, queue
from shared.conversation import store as threads
from shared.customers import consent
from shared.platform.services import Platform

OPT_OUTS = "sms_opt_outs"
TRACE_KEY = "sms_keyword"  # on the stored answer: the sender lets these through

Action = Literal["stop", "start", "help"]
KEYWORDS: dict[str, Action] = {
    **dict.fromkeys(("STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT"), "stop"),
    **dict.fromkeys(("START", "UNSTOP"), "start"),
    **dict.fromkeys(("HELP", "INFO"), "help"),
}
RESUBSCRIBE_ONLY_WHEN_OPTED_OUT = "YES"  # otherwise "yes" answers the AI's question

STOP_REPLY = "You're unsubscribed from MyHibachi texts. Reply START to resubscribe."
START_REPLY = "You're resubscribed to MyHibachi texts. Reply HELP for help, STOP to unsubscribe."
HELP_REPLY = (
    "MyHibachi: private hibachi chefs at your home. Text us your question anytime. "
    "Msg & data rates may apply. Reply STOP to unsubscribe, START to resubscribe."
)
REPLIES: dict[Action, str] = {"stop": STOP_REPLY, "start": START_REPLY, "help": HELP_REPLY}


@dataclass(frozen=True)
class KeywordResult:
    action: Action
    replied: bool  # False for a redelivery or a repeated STOP


def is_opted_out(platform: Platform, phone: str) -> bool:
    record = platform.store.get(OPT_OUTS, phone)
    return bool(record and record.get("opted_out"))


def is_stop(text: str) -> bool:
    """Is the whole message a STOP word (on any channel)?"""
    return KEYWORDS.get(text.strip().strip(".!").strip().upper()) == "stop"


def keyword_of(platform: Platform, phone: str, text: str) -> Action | None:
    """The compliance action this whole message asks for, if it is a keyword."""
    word = text.strip().strip(".!").strip().upper()
    if word == RESUBSCRIBE_ONLY_WHEN_OPTED_OUT:
        return "start" if is_opted_out(platform, phone) else None
    return KEYWORDS.get(word)


def handle(platform: Platform, event: InboundEvent, action: Action) -> KeywordResult:
    """Store the keyword message, apply it and queue its answer (once per provider id)."""
    store, now = platform.store, platform.clock.now()
    thread, stored = threads.receive(
        store,
        channel="sms",
        handle=event.sender,
        customer_id=None,
        author="customer",
        text=event.text,
        now=now,
        provider_message_id=event.provider_message_id,
    )
    if stored is None:  # the provider redelivered it: handled the first time
        return KeywordResult(action, replied=False)
    if action == "stop":
        consent.opt_out_handle(store, "phone", event.sender, source="sms:stop", now=now)
    was_opted_out = is_opted_out(platform, event.sender)
    if action == "stop" and was_opted_out:
        return KeywordResult(action, replied=False)
    if action != "help":
        store.set(
            OPT_OUTS,
            event.sender,
            {"opted_out": action == "stop", "keyword": event.text.strip()[:20], "at": now},
        )
    text = REPLIES[action]
    answer = threads.append(
        store, thread.id, author="system", text=text, now=now, trace={TRACE_KEY: action}
    )
    assert answer is not None  # no provider id: never a duplicate
    queue(
        platform,
        OutboundMessage(
            channel="sms", to=event.sender, text=text, thread_id=thread.id, message_id=answer.id
        ),
    )
    return KeywordResult(action, replied=True)


def is_keyword_answer(platform: Platform, message_id: str) -> bool:
    """Was this stored message the answer to a customer's own keyword?"""
    stored = platform.store.get(threads.MESSAGES, message_id)
    return bool(stored and (stored.get("trace") or {}).get(TRACE_KEY))
