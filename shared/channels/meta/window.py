"""Meta's 24-hour customer-service window.

WhatsApp (and Messenger and Instagram standard messaging) accept a free-form reply only
within 24 hours of the customer's last message; the time is read from the thread, where the
inbound message was stored before the AI answered it.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from shared.conversation import store as threads
from shared.platform.docstore import DocumentStore
from shared.platform.services import Platform

WINDOW = timedelta(hours=24)
_SCAN = 50  # messages read back to find the customer's last one


def last_customer_message_at(store: DocumentStore, thread_id: str) -> datetime | None:
    for message in reversed(threads.history(store, thread_id, limit=_SCAN)):
        if message.author == "customer":
            return message.at
    return None


def is_open(platform: Platform, thread_id: str) -> bool:
    last = last_customer_message_at(platform.store, thread_id)
    return last is not None and platform.clock.now() - last < WINDOW
