"""What `admin-debates` takes and answers: staff read debates (a thread's, for the
conversation view), ask for one on a message, and approve a synthesis."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, RootModel, model_validator

from shared.ai.debate import store as debates
from shared.ai.debate.approval import Approve
from shared.ai.debate.records import DEBATES, REQUESTED_TOPIC, Debate, DebateRequest, debate_id
from shared.conversation import store as threads
from shared.platform import audit
from shared.platform.docstore import Transaction
from shared.platform.errors import NotFoundError, ValidationFailed
from shared.platform.services import Platform


class DebateQuery(BaseModel):
    id: str | None = Field(default=None, max_length=64, description="One debate, entries included")
    thread_id: str | None = Field(default=None, max_length=64)
    limit: int = Field(default=50, ge=1, le=200)


class DebateList(BaseModel):
    debates: list[Debate]


class RequestDebate(BaseModel):
    """Staff ask for a debate on a customer's message (or a question of their own)."""

    model_config = ConfigDict(extra="forbid")

    action: Literal["request"] = "request"
    thread_id: str | None = Field(default=None, max_length=64)
    message_id: str | None = Field(default=None, max_length=64)
    question: str | None = Field(default=None, min_length=3, max_length=2000)

    @model_validator(mode="after")
    def _one_source(self) -> RequestDebate:
        if (self.message_id is None) == (self.question is None):
            raise ValueError("give either message_id or question")
        return self


class DebateAction(RootModel[Annotated[RequestDebate | Approve, Field(discriminator="action")]]):
    """The POST body: ask for a debate, or approve one's synthesis (by its `action`)."""


class Requested(BaseModel):
    debate_id: str
    status: Literal["requested", "exists"]


class DebateOutcome(RootModel[Debate | Requested]):
    """What POST answers: the approved debate (200), or the request's receipt (202)."""


def read(platform: Platform, query: DebateQuery) -> Debate | DebateList:
    if query.id:
        return debates.get(platform.store, query.id, with_entries=True)
    return DebateList(
        debates=debates.recent(platform.store, thread_id=query.thread_id, limit=query.limit)
    )


def request(platform: Platform, asked: RequestDebate, actor: str) -> Requested:
    question, thread_id = asked.question, asked.thread_id
    if asked.message_id is not None:
        message = platform.store.get(threads.MESSAGES, asked.message_id)
        if message is None:
            raise NotFoundError("unknown_message", f"no message {asked.message_id!r}")
        if message.get("author") != "customer":
            raise ValidationFailed.single("message_id", "debate a customer's message")
        question, thread_id = str(message.get("text") or ""), message.get("thread_id")
    assert question is not None
    found = debate_id(question)
    if platform.store.get(DEBATES, found) is not None:
        return Requested(debate_id=found, status="exists")
    payload = DebateRequest(
        question=question,
        trigger="staff",
        thread_id=thread_id,
        message_id=asked.message_id,
        requested_by=actor,
    )

    def record(tx: Transaction) -> None:
        audit.record(
            tx,
            actor=actor,
            action="debate.request",
            entity="debate",
            entity_id=found,
            now=platform.clock.now(),
            after={"question": question[:300], "thread_id": thread_id},
        )

    platform.store.run_transaction(record)
    platform.bus.publish(REQUESTED_TOPIC, payload.model_dump(mode="json"))
    return Requested(debate_id=found, status="requested")
