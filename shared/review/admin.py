"""What `admin-drafts` takes and answers: pending drafts or the review report; a decision
on a draft (approve, edit, reject); the per-channel review policy (managers and up)."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, RootModel

from shared.conversation.store import Channel
from shared.platform.errors import Forbidden
from shared.platform.principal import Principal
from shared.platform.services import Platform
from shared.review import drafts, policy, report
from shared.review.drafts import Decision, Draft
from shared.review.policy import ChannelReview, ReviewPolicy

POLICY_ROLES = ("owner", "admin", "manager")


class DraftQuery(BaseModel):
    model_config = ConfigDict(extra="forbid")

    view: Literal["pending", "report"] = "pending"
    channel: Channel | None = Field(default=None, description="Pending drafts of one channel")
    limit: int = Field(default=50, ge=1, le=200)


class DraftList(BaseModel):
    drafts: list[Draft] = Field(description="Pending, oldest first")


class _OnDraft(BaseModel):
    model_config = ConfigDict(extra="forbid")

    draft_id: str = Field(max_length=80, description="The held AI message's id")


class Approve(_OnDraft):
    action: Literal["approve"]


class Edit(_OnDraft):
    action: Literal["edit"]
    text: str = Field(min_length=1, max_length=4000, description="Sent instead of the draft")


class Reject(_OnDraft):
    action: Literal["reject"]
    reason: str = Field(min_length=1, max_length=500, description="Kept with the handoff")


class SetPolicy(BaseModel):
    model_config = ConfigDict(extra="forbid")

    action: Literal["set_policy"]
    channels: dict[Channel, ChannelReview]


class DraftAction(
    RootModel[Annotated[Approve | Edit | Reject | SetPolicy, Field(discriminator="action")]]
):
    """One of the actions, chosen by its `action` field."""


class DraftResult(RootModel[Draft | report.ReviewReport]):
    """The decided draft, or (after set_policy) the review report under the new policy."""


def read(platform: Platform, query: DraftQuery) -> DraftList | report.ReviewReport:
    if query.view == "report":
        return report.build(platform.store)
    return DraftList(drafts=drafts.pending(platform.store, query.channel, query.limit))


def _decision(action: Approve | Edit | Reject) -> Decision:
    if isinstance(action, Edit):
        return Decision(status="edited", text=action.text)
    if isinstance(action, Reject):
        return Decision(status="rejected", reason=action.reason)
    return Decision(status="approved")


def act(
    platform: Platform, action: Approve | Edit | Reject | SetPolicy, principal: Principal
) -> Draft | report.ReviewReport:
    if isinstance(action, SetPolicy):
        if not principal.has_any(POLICY_ROLES):
            raise Forbidden("policy_needs_manager", "a manager, admin or owner sets review")
        policy.save(
            platform.store,
            ReviewPolicy(channels=action.channels),
            actor=principal.subject,
            now=platform.clock.now(),
        )
        return report.build(platform.store)
    return drafts.decide(platform, action.draft_id, _decision(action), actor=principal.subject)
