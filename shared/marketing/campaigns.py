"""Campaigns as stored records, and the one state machine every change goes through.

    draft -> approved -> sending -> done
      \\________\\__________\\-> cancelled

Only a draft is edited. Approval needs an approver role (`APPROVERS`) and pins a digest of
the content; a send goes out only while the campaign is `sending`, carries an approver, and
its content still has the approved digest (`sendable`), so nothing unapproved is ever sent,
whichever path (a bug, a stale task, a direct store write) leads to the send. Every
transition is written with its audit entry in one transaction.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any, Literal

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field

from shared.customers.consent import MarketingChannel
from shared.marketing.audience import Segment
from shared.platform import audit
from shared.platform.docstore import Direction, DocumentStore, Order, Transaction
from shared.platform.errors import Conflict, Forbidden, NotFoundError
from shared.platform.ids import new_id, stable_id

CAMPAIGNS = "campaigns"
State = Literal["draft", "approved", "sending", "done", "cancelled"]
TRANSITIONS: dict[State, frozenset[State]] = {
    "draft": frozenset({"approved", "cancelled"}),
    "approved": frozenset({"sending", "cancelled"}),
    "sending": frozenset({"done", "cancelled"}),
    "done": frozenset(),
    "cancelled": frozenset(),
}
APPROVERS = ("owner", "admin", "manager")  # staff may draft and preview, not approve or send


class CampaignContent(BaseModel):
    """What staff write: what is sent, to whom, on which channel, from when."""

    model_config = ConfigDict(extra="forbid")

    name: str = Field(min_length=1, max_length=120)
    channel: MarketingChannel
    segment: Segment = Field(default_factory=Segment)
    text: str = Field(
        min_length=1, max_length=5000, description="SMS text or email body; may use {first_name}"
    )
    subject: str | None = Field(default=None, max_length=200, description="Email subject")
    holiday: str | None = Field(default=None, description="The holiday template it came from")
    send_at: AwareDatetime | None = Field(
        default=None, description="Not before this instant (each recipient's window still applies)"
    )

    def digest(self) -> str:
        return stable_id(self.model_dump_json())


class Campaign(CampaignContent):
    id: str
    state: State
    drafted_by: Literal["staff", "template", "llm"] = "staff"
    created_by: str
    created_at: datetime
    updated_at: datetime
    approved_by: str | None = None
    approved_at: datetime | None = None
    approved_digest: str | None = None
    started_at: datetime | None = None
    fanned_out_at: datetime | None = Field(
        default=None, description="Every recipient's send recorded (only then can it be done)"
    )
    finished_at: datetime | None = None
    totals: dict[str, int] | None = Field(default=None, description="Final counts, once done")

    def content(self) -> CampaignContent:
        fields = set(CampaignContent.model_fields)
        return CampaignContent.model_validate(self.model_dump(include=fields))

    def sendable(self) -> bool:
        """Sending, approved by someone, and the content is exactly what they approved."""
        return (
            self.state == "sending"
            and self.approved_by is not None
            and self.approved_digest == self.content().digest()
        )


def _from(doc_id: str, data: dict[str, Any]) -> Campaign:
    return Campaign.model_validate(data | {"id": doc_id})


def get(store: DocumentStore, campaign_id: str) -> Campaign:
    data = store.get(CAMPAIGNS, campaign_id)
    if data is None:
        raise NotFoundError("unknown_campaign", f"no campaign {campaign_id!r}")
    return _from(campaign_id, data)


def recent(store: DocumentStore, limit: int = 50) -> list[Campaign]:
    docs = store.query(CAMPAIGNS, order_by=[Order("created_at", Direction.DESC)], limit=limit)
    return [_from(d.id, d.data) for d in docs]


def _record(campaign: Campaign) -> dict[str, Any]:
    return campaign.model_dump(exclude={"id"})


def create(
    store: DocumentStore,
    content: CampaignContent,
    *,
    drafted_by: Literal["staff", "template", "llm"],
    actor: str,
    now: datetime,
) -> Campaign:
    campaign = Campaign(
        **content.model_dump(),
        id=new_id("cmp"),
        state="draft",
        drafted_by=drafted_by,
        created_by=actor,
        created_at=now,
        updated_at=now,
    )

    def attempt(tx: Transaction) -> Campaign:
        tx.create(CAMPAIGNS, campaign.id, _record(campaign))
        audit.record(
            tx,
            actor=actor,
            action="campaign.create",
            entity="campaign",
            entity_id=campaign.id,
            now=now,
            after=content.model_dump(mode="json"),
        )
        return campaign

    result: Campaign = store.run_transaction(attempt)
    return result


def change(
    store: DocumentStore,
    campaign_id: str,
    *,
    to: State | None,
    actor: str,
    now: datetime,
    updates: dict[str, Any] | None = None,
    expect: State | None = None,
) -> Campaign:
    """Apply a transition (or, with `to=None`, an edit of a campaign in state `expect`) and
    its audit entry; 409 when the campaign's state does not allow it."""

    def attempt(tx: Transaction) -> Campaign:
        data = tx.get(CAMPAIGNS, campaign_id)
        if data is None:
            raise NotFoundError("unknown_campaign", f"no campaign {campaign_id!r}")
        before = _from(campaign_id, data)
        if to is not None and to not in TRANSITIONS[before.state]:
            raise Conflict("bad_campaign_state", f"a {before.state} campaign cannot become {to}")
        if expect is not None and before.state != expect:
            raise Conflict("bad_campaign_state", f"only a {expect} campaign can do this")
        pinned = {"approved_digest": before.content().digest()} if to == "approved" else {}
        after = before.model_copy(
            update=(updates or {}) | pinned | {"updated_at": now} | ({"state": to} if to else {})
        )
        after = Campaign.model_validate(after.model_dump())  # re-validate edited content
        tx.set(CAMPAIGNS, campaign_id, _record(after))
        audit.record(
            tx,
            actor=actor,
            action=f"campaign.{to or 'update'}",
            entity="campaign",
            entity_id=campaign_id,
            now=now,
            before={"state": before.state, "digest": before.content().digest()},
            after={"state": after.state, "digest": after.content().digest()}
            | ({"content": after.content().model_dump(mode="json")} if to is None else {}),
        )
        return after

    result: Campaign = store.run_transaction(attempt)
    return result


def require_approver(roles: Sequence[str], doing: str) -> None:
    if not any(r in APPROVERS for r in roles):
        raise Forbidden("approver_role_required", f"{doing} needs one of {', '.join(APPROVERS)}")


def approve(
    store: DocumentStore, campaign_id: str, *, roles: Sequence[str], actor: str, now: datetime
) -> Campaign:
    require_approver(roles, "approving")
    return change(
        store,
        campaign_id,
        to="approved",
        actor=actor,
        now=now,
        updates={"approved_by": actor, "approved_at": now},
    )
