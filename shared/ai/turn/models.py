"""The chat turn's public shapes: what a widget or channel sends, and what it gets back.

The response carries only what a customer-facing client needs; tool traces, tokens and
argument names stay in the stored trace (admin-conversations).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from pydantic import BaseModel, Field

from shared.conversation.store import Channel
from shared.customers import identity


class ContactDetails(BaseModel):
    name: str | None = Field(default=None, max_length=120)
    phone: str | None = Field(default=None, max_length=40)
    email: str | None = Field(default=None, max_length=254)


class ChatRequest(BaseModel):
    text: str = Field(min_length=1, max_length=4000)
    thread_id: str | None = Field(default=None, max_length=64)
    session_id: str | None = Field(default=None, max_length=128, description="Web visitor id")
    contact: ContactDetails | None = None


class ChatResponse(BaseModel):
    thread_id: str
    reply: str = Field(description="What to show the customer (never empty for a new message)")
    agent: str | None = Field(default=None, description="Which assistant answered")
    escalated: bool = Field(description="A person on the team has (or will take) the thread")
    quick_replies: list[str] = Field(
        default_factory=list, description="Suggested answers to the question just asked"
    )
    manage_link: str | None = Field(
        default=None, description="The customer's own page for the booking made in this chat"
    )
    duplicate: bool = Field(default=False, description="A redelivered message; no new reply")
    reply_id: str | None = Field(default=None, description="Stored id of the reply message")


class ThreadBefore(BaseModel):
    last_agent: str | None = None
    clarifications: int = 0


class TurnEvent(BaseModel):
    """A finished turn, published to `conversation-turns` for the async work (shadow
    scoring first). It carries what a re-run needs that the store no longer has: the
    dialogue state and thread fields from before the turn changed them."""

    thread_id: str
    channel: Channel
    inbound_id: str
    inbound_seq: int
    reply_id: str
    agent: str = Field(description="The assistant that answered")
    intent: str = Field(description="The routed agent, which readiness gates key on")
    provider: str | None = None
    answered_by: Literal["teacher", "student"] = "teacher"
    escalated: bool
    cached: bool = False
    config_version: str | None = Field(
        default=None, description="The AI configuration version the turn ran under"
    )
    state_before: dict[str, Any] = Field(default_factory=dict)
    thread_before: ThreadBefore = Field(default_factory=ThreadBefore)


@dataclass
class Inbound:
    """A customer message from any channel, before it is stored."""

    channel: Channel
    text: str
    handle: str | None = None  # session id, phone, email or social id
    thread_id: str | None = None
    contact: ContactDetails | None = None
    provider_message_id: str | None = None
    handle_kind: identity.HandleKind | None = None
