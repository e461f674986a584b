"""What a tagger reads (one conversation) and what it answers (a `Reading`).

The families and their tags are a closed set, so an LLM's answer is validated against the
same model the rules produce. Evidence is named by message id, never as free text: the
words kept are always the customer's own message (scrubbed later), whatever a model says.
"""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from shared.analytics.tagging.phrases import OBJECTIONS, Objection
from shared.platform.analytics import Occasion

Family = Literal["intent", "budget", "objections", "party_type", "behaviour", "outcome"]
LossReason = Objection | Literal["no_reply", "other"]
Tagger = Literal["rules", "llm"]

OCCASIONS: tuple[Occasion, ...] = (
    "birthday",
    "anniversary",
    "wedding",
    "graduation",
    "corporate",
    "holiday",
)
TAGS: dict[Family, tuple[str, ...]] = {
    "intent": ("high_intent", "price_shopping", "upgrade_likely", "browsing"),
    "budget": ("budget_sensitive", "budget_stated", "premium"),
    "objections": OBJECTIONS,
    "party_type": (*OCCASIONS, "kids", "large_party", "small_party"),
    "behaviour": ("first_time", "returning", "urgency"),
    "outcome": ("booked", "lost", "pending", "escalated"),
}
# Families read from the facts of the conversation (bookings, status), not from its words.
FACT_FAMILIES: tuple[Family, ...] = ("outcome",)


class Said(BaseModel):
    id: str
    author: str  # customer, ai, staff, system
    text: str
    at: datetime


class Conversation(BaseModel):
    """One thread as a tagger sees it; `lost_at` is set when it quoted and did not book in
    time (the words after it are not read for the loss)."""

    thread_id: str
    messages: list[Said]
    quoted_at: datetime | None = None
    lost_at: datetime | None = None

    def customer(self, before: datetime | None = None) -> list[Said]:
        return [
            m for m in self.messages if m.author == "customer" and (before is None or m.at < before)
        ]


Score = Field(ge=-1.0, le=1.0)
Confidence = Field(ge=0.0, le=1.0)


class Tag(BaseModel):
    model_config = ConfigDict(extra="forbid")

    family: Family
    tag: str
    confidence: float = Confidence

    @model_validator(mode="after")
    def _known(self) -> Tag:
        if self.tag not in TAGS[self.family]:
            raise ValueError(f"{self.tag!r} is not a {self.family} tag")
        return self


class Raised(BaseModel):
    model_config = ConfigDict(extra="forbid")

    message_id: str
    objection: Objection


class LossReading(BaseModel):
    model_config = ConfigDict(extra="forbid")

    reason: LossReason
    evidence_id: str | None = Field(
        default=None, description="The customer message that shows the reason"
    )
    confidence: float = Confidence


class Reading(BaseModel):
    """A tagger's answer about one conversation's words."""

    model_config = ConfigDict(extra="forbid")

    tags: list[Tag] = []
    objections: list[Raised] = []
    loss: LossReading | None = None
    sentiment: float = Score
    tagger: Tagger = "rules"
