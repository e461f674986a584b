"""The mail headers each inbound email brings, kept so our reply threads under it.

One conversation per sender address (the thread's handle) keeps the AI's context whatever
the subject. The mail client's threading (subject, In-Reply-To, References) is per email:
every inbound email's normalised subject and Message-ID chain is stored by its Message-ID,
and a reply answers the customer message it follows, under that email's subject.
"""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, Field

from shared.conversation import store as threads
from shared.platform.docstore import DocumentStore
from shared.platform.ids import stable_id

EMAIL_HEADERS = "email_headers"
_SCAN = 50  # messages read back to find the one a reply answers


class MailHeaders(BaseModel):
    address: str
    subject: str = Field(description="Normalised: no Re:/Fwd: or [tags]")
    message_id: str
    references: list[str] = Field(default_factory=list)
    to: str = ""
    received_at: datetime


def _doc_id(address: str, message_id: str) -> str:
    return stable_id(address, message_id)


def save(store: DocumentStore, headers: MailHeaders) -> None:
    store.set(EMAIL_HEADERS, _doc_id(headers.address, headers.message_id), headers.model_dump())


def answered(
    store: DocumentStore, thread_id: str, reply_id: str, address: str
) -> MailHeaders | None:
    """The headers of the customer email that reply `reply_id` answers (the latest before it)."""
    history = threads.history(store, thread_id, limit=_SCAN)
    reply_seq = next((m.seq for m in history if m.id == reply_id), None)
    for message in reversed(history):
        if reply_seq is not None and message.seq >= reply_seq:
            continue
        if message.author == "customer" and message.provider_message_id:
            data = store.get(EMAIL_HEADERS, _doc_id(address, message.provider_message_id))
            return None if data is None else MailHeaders.model_validate(data)
    return None
