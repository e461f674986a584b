"""Staff accept or reject an example for the reviewed dataset; each decision is audited."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from shared.conversation.store import MESSAGES
from shared.learning.training.examples import REVIEWS, Decision
from shared.platform import audit
from shared.platform.docstore import DocumentStore, Transaction
from shared.platform.errors import NotFoundError


class Review(BaseModel):
    model_config = ConfigDict(extra="forbid")

    action: Literal["review"]
    example_id: str = Field(min_length=1, max_length=80, description="The AI reply's message id")
    decision: Decision
    note: str | None = Field(default=None, max_length=500, description="Kept in the audit log")


class ReviewRecord(BaseModel):
    example_id: str
    decision: Decision
    by: str
    at: datetime


def review(store: DocumentStore, request: Review, *, actor: str, now: datetime) -> ReviewRecord:
    def attempt(tx: Transaction) -> ReviewRecord:
        message = tx.get(MESSAGES, request.example_id)
        if message is None or message.get("author") != "ai":
            raise NotFoundError("unknown_example", f"no AI reply {request.example_id!r}")
        before = tx.get(REVIEWS, request.example_id)
        record = ReviewRecord(
            example_id=request.example_id, decision=request.decision, by=actor, at=now
        )
        tx.set(
            REVIEWS,
            request.example_id,
            record.model_dump() | {"thread_id": message["thread_id"], "note": request.note},
        )
        audit.record(
            tx,
            actor=actor,
            action=f"training_example.{request.decision.removesuffix('ed')}",
            entity="training_example",
            entity_id=request.example_id,
            now=now,
            before={"decision": before["decision"]} if before else None,
            after={"decision": request.decision},
            reason=request.note,
        )
        return record

    result: ReviewRecord = store.run_transaction(attempt)
    return result
