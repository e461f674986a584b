"""Which channels hold AI replies for review, stored as one audited document.

`first` N: replies on that channel wait for approval until N drafts have been sent after
review (approved as-is or edited; a rejection sent nothing, so it does not count), then go
straight out. No `first`: every reply waits. With no document, nothing is held.

`ask_helpful` (SMS only) is not review: see `shared.review.helpful`.

Web chat cannot be reviewed: the visitor is waiting in the widget for the answer, and a
reply held for minutes reaches nobody. On the web a person steps in by taking the thread
over (admin-conversations), so asking to review web is refused, naming the channel.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from shared.conversation.store import Channel
from shared.platform import audit
from shared.platform.docstore import DocumentStore, Transaction
from shared.platform.errors import ValidationFailed

POLICY = ("_meta", "review_policy")
COUNTS = ("_meta", "review_counts")  # {"sent": {channel: drafts sent after review}}
UNREVIEWABLE: tuple[Channel, ...] = ("web",)
ASKS_HELPFUL: tuple[Channel, ...] = ("sms",)  # a bare "1"/"2" answer is only clear by text


class ChannelReview(BaseModel):
    model_config = ConfigDict(extra="forbid")

    require_review: bool = False
    first: int | None = Field(
        default=None, ge=1, description="Hold only until this many drafts were sent; none: all"
    )
    ask_helpful: bool = Field(
        default=False, description='SMS only: end some replies with "was this helpful?"'
    )


class ReviewPolicy(BaseModel):
    model_config = ConfigDict(extra="forbid")

    channels: dict[Channel, ChannelReview] = Field(
        default_factory=dict, description="Channels not listed send AI replies at once"
    )

    def of(self, channel: str) -> ChannelReview:
        return next((r for c, r in self.channels.items() if c == channel), ChannelReview())


def remaining(rule: ChannelReview, sent_after_review: int) -> int | None:
    """Drafts still to approve before replies go straight out (None: review never ends)."""
    if not rule.require_review:
        return 0
    if rule.first is None:
        return None
    return max(0, rule.first - sent_after_review)


def holds(rule: ChannelReview, sent_after_review: int) -> bool:
    left = remaining(rule, sent_after_review)
    return left is None or left > 0


def current(store: DocumentStore) -> ReviewPolicy:
    data = store.get(*POLICY)
    if data is None:
        return ReviewPolicy()
    return ReviewPolicy.model_validate({"channels": data.get("channels", {})})


def sent_counts(data: dict[str, Any] | None) -> dict[str, int]:
    return {} if data is None else {k: int(v) for k, v in data["sent"].items()}


def sent_after_review(store: DocumentStore, channel: str) -> int:
    """The "first N" count: drafts of `channel` sent after review."""
    return sent_counts(store.get(*COUNTS)).get(channel, 0)


def save(store: DocumentStore, policy: ReviewPolicy, *, actor: str, now: datetime) -> ReviewPolicy:
    """Replace the policy, with its audit entry in the same transaction."""
    for channel in UNREVIEWABLE:
        if policy.of(channel).require_review:
            raise ValidationFailed.single(
                f"channels.{channel}",
                "web chat answers while the visitor waits and cannot hold replies for review;"
                " take the thread over instead",
            )
    for channel, rule in policy.channels.items():
        if rule.ask_helpful and channel not in ASKS_HELPFUL:
            raise ValidationFailed.single(
                f"channels.{channel}.ask_helpful", "only SMS replies ask whether they helped"
            )

    def attempt(tx: Transaction) -> None:
        before = tx.get(*POLICY)
        after = policy.model_dump(mode="json") | {"updated_at": now, "updated_by": actor}
        tx.set(*POLICY, after)
        audit.record(
            tx,
            actor=actor,
            action="review_policy.set",
            entity="review_policy",
            entity_id=POLICY[1],
            now=now,
            before=None if before is None else {"channels": before.get("channels", {})},
            after={"channels": after["channels"]},
        )

    store.run_transaction(attempt)
    return policy
