"""Per channel: how review is going, as JSON for the admin front end.

Edit and rejection rates are shares of decided drafts; time to approve runs from the
draft's creation to the decision that sent it (approved as-is or edited), which is how
long the customer waited on review.
"""

from __future__ import annotations

import math
from collections.abc import Iterable

from pydantic import BaseModel, Field

from shared.platform.docstore import DocumentStore
from shared.review import policy
from shared.review.drafts import STATUSES, Draft, all_drafts
from shared.review.policy import ChannelReview, ReviewPolicy


class Timing(BaseModel):
    median_s: float | None = None
    p90_s: float | None = None


class ChannelReport(BaseModel):
    channel: str
    require_review: bool
    first: int | None
    sent_after_review: int = Field(description="Drafts sent after review (counts to `first`)")
    remaining: int | None = Field(description="Approvals before replies go straight out")
    pending: int
    approved: int = Field(description="Sent as the AI wrote them")
    edited: int
    rejected: int
    edit_rate: float = Field(description="Edited / decided")
    rejection_rate: float = Field(description="Rejected / decided")
    time_to_approve: Timing


class ReviewReport(BaseModel):
    policy: ReviewPolicy
    channels: list[ChannelReport]


def percentile(values: Iterable[float], q: float) -> float | None:
    """Nearest-rank percentile (an observed value, never an interpolation); None if empty."""
    ordered = sorted(values)
    if not ordered:
        return None
    return ordered[max(0, math.ceil(q * len(ordered)) - 1)]


def summarize(channel: str, drafts: list[Draft], rule: ChannelReview, sent: int) -> ChannelReport:
    count = {s: sum(1 for d in drafts if d.status == s) for s in STATUSES}
    decided = count["approved"] + count["edited"] + count["rejected"]
    waits = [
        (d.decided_at - d.created_at).total_seconds()
        for d in drafts
        if d.decided_at is not None and d.status in ("approved", "edited")
    ]
    return ChannelReport(
        channel=channel,
        require_review=rule.require_review,
        first=rule.first,
        sent_after_review=sent,
        remaining=policy.remaining(rule, sent),
        pending=count["pending"],
        approved=count["approved"],
        edited=count["edited"],
        rejected=count["rejected"],
        edit_rate=round(count["edited"] / decided, 4) if decided else 0.0,
        rejection_rate=round(count["rejected"] / decided, 4) if decided else 0.0,
        time_to_approve=Timing(median_s=percentile(waits, 0.5), p90_s=percentile(waits, 0.9)),
    )


def build(store: DocumentStore) -> ReviewReport:
    current = policy.current(store)
    by_channel: dict[str, list[Draft]] = {}
    for draft in all_drafts(store):
        by_channel.setdefault(draft.channel, []).append(draft)
    channels = sorted(by_channel.keys() | current.channels.keys())
    return ReviewReport(
        policy=current,
        channels=[
            summarize(c, by_channel.get(c, []), current.of(c), policy.sent_after_review(store, c))
            for c in channels
        ],
    )
