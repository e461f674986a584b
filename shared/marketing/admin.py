"""What `admin-campaigns` does: staff draft, preview, approve, send and follow campaigns,
and record customers' consent or opt-out (the only way consent enters besides sign-ups
that call `consent.record`).

Staff roles may create, edit and preview; only `campaigns.APPROVERS` approve, send and
cancel. Every change is in the audit log.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, RootModel, ValidationError

from shared.channels.sms import segments
from shared.customers import consent
from shared.customers.consent import Consent, ConsentRecord, MarketingChannel
from shared.customers.identity import get as get_customer
from shared.marketing import audience, campaigns, drafting, email, sending, templates
from shared.marketing.audience import Segment
from shared.marketing.campaigns import Campaign, CampaignContent
from shared.platform.errors import NotFoundError, ValidationFailed
from shared.platform.http import field_errors
from shared.platform.principal import Principal
from shared.platform.services import Platform
from shared.pricing.markets import market

SAMPLES = 5


class CreateCampaign(BaseModel):
    model_config = ConfigDict(extra="forbid")

    action: Literal["create"]
    name: str = Field(min_length=1, max_length=120)
    channel: MarketingChannel
    segment: Segment = Field(default_factory=Segment)
    text: str | None = Field(default=None, description="Omit to start from the holiday's draft")
    subject: str | None = Field(default=None, max_length=200)
    holiday: str | None = Field(default=None, examples=["mothers_day"])
    brief: str | None = Field(default=None, max_length=500, description="Notes for the LLM draft")
    send_at: AwareDatetime | None = None


class UpdateCampaign(BaseModel):
    model_config = ConfigDict(extra="forbid")

    action: Literal["update"]
    campaign_id: str
    name: str | None = Field(default=None, min_length=1, max_length=120)
    segment: Segment | None = None
    text: str | None = Field(default=None, min_length=1, max_length=5000)
    subject: str | None = Field(default=None, max_length=200)
    send_at: AwareDatetime | None = None


class CampaignAction(BaseModel):
    model_config = ConfigDict(extra="forbid")

    action: Literal["preview", "approve", "send", "cancel"]
    campaign_id: str


class RecordConsent(BaseModel):
    model_config = ConfigDict(extra="forbid")

    action: Literal["record_consent"]
    customer_id: str
    channel: MarketingChannel
    source: str = Field(min_length=1, max_length=200, examples=["web signup form"])
    text: str = Field(min_length=1, max_length=2000, description="The exact words agreed to")
    at: AwareDatetime | None = Field(default=None, description="When given (default now)")


class RecordOptOut(BaseModel):
    model_config = ConfigDict(extra="forbid")

    action: Literal["opt_out"]
    customer_id: str
    source: str = Field(default="staff", max_length=200)


class CampaignRequest(RootModel[
    Annotated[
        CreateCampaign | UpdateCampaign | CampaignAction | RecordConsent | RecordOptOut,
        Field(discriminator="action"),
    ]
]):  # fmt: skip
    pass


class Sample(BaseModel):
    customer_id: str
    text: str
    segments: int
    encoding: str


class Preview(BaseModel):
    """What the campaign would do if sent now: who, who not and why, what each message costs."""

    audience: int = Field(description="Customers in the segment")
    eligible: int = Field(description="Of those, who may be messaged on this channel")
    suppressed: dict[str, int] = Field(description="Customers left out, by reason")
    segments: dict[str, int] = Field(description="SMS: eligible messages by segment count")
    encodings: dict[str, int] = Field(description="SMS: eligible messages by encoding")
    longest_name: Sample = Field(description="The text for the longest name it may carry")
    samples: list[Sample]


class CampaignView(BaseModel):
    campaign: Campaign
    progress: sending.Progress | None = None
    preview: Preview | None = None


class CampaignQuery(BaseModel):
    model_config = ConfigDict(extra="forbid")

    campaign_id: str | None = None


class HolidayInfo(BaseModel):
    key: str
    name: str
    next_date: str
    text: str


class CampaignList(BaseModel):
    campaigns: list[Campaign]
    holidays: list[HolidayInfo] = Field(description="Holiday templates, soonest first")


class CampaignAnswer(RootModel[CampaignView | ConsentRecord]):
    pass


def _content(platform: Platform, fields: dict[str, Any]) -> CampaignContent:
    """The campaign's content from request fields, checked: 422 naming what is wrong."""
    try:
        content = CampaignContent.model_validate(fields)
    except ValidationError as exc:
        raise field_errors(exc) from exc
    if content.segment.market is not None:
        market(platform.store, content.segment.market)  # 422 naming the known markets
    templates.check(content.text)
    if content.channel == "email" and not content.subject:
        raise ValidationFailed.single("subject", "an email campaign needs a subject")
    if content.channel == "sms":
        worst = templates.worst_case(content.text)
        if worst.segments > templates.MAX_SEGMENTS:
            raise ValidationFailed.single(
                "text",
                f"{worst.segments} {worst.encoding} segments for a {templates.MAX_NAME}-letter"
                f" name; at most {templates.MAX_SEGMENTS}",
            )
    return content


def _sample(campaign: Campaign, contact: audience.Contact) -> Sample:
    text = sending.message_text(campaign, contact)
    count = segments.count(text)
    return Sample(
        customer_id=contact.customer_id,
        text=text,
        segments=count.segments,
        encoding=count.encoding,
    )


def preview(platform: Platform, campaign: Campaign) -> Preview:
    today = platform.clock.now().date()
    members = [
        c for c in audience.contacts(platform) if audience.matches(campaign.segment, c, today)
    ]
    suppressed: dict[str, int] = {}
    samples: list[Sample] = []
    for contact in members:
        reason = audience.refusal(platform, contact, campaign.channel)
        if reason is not None:
            suppressed[reason] = suppressed.get(reason, 0) + 1
        else:
            samples.append(_sample(campaign, contact))
    by_segments: dict[str, int] = {}
    by_encoding: dict[str, int] = {}
    if campaign.channel == "sms":
        for s in samples:
            by_segments[str(s.segments)] = by_segments.get(str(s.segments), 0) + 1
            by_encoding[s.encoding] = by_encoding.get(s.encoding, 0) + 1
    longest = audience.Contact(
        customer_id="-", name=templates.LONGEST_NAME, phone=None, email=None, bookings=(),
        consent=ConsentRecord(customer_id="-"),
    )  # fmt: skip
    return Preview(
        audience=len(members),
        eligible=len(samples),
        suppressed=suppressed,
        segments=by_segments,
        encodings=by_encoding,
        longest_name=_sample(campaign, longest),
        samples=samples[:SAMPLES],
    )


def _create(platform: Platform, request: CreateCampaign, actor: str) -> Campaign:
    drafted_by: Literal["staff", "template", "llm"] = "staff"
    text = request.text
    if text is None:
        if request.holiday is None:
            raise ValidationFailed.single("text", "give a text or a holiday to draft from")
        draft = drafting.draft(
            platform, holiday=request.holiday, channel=request.channel, brief=request.brief
        )
        text, drafted_by = draft.text, draft.source
    content = _content(
        platform, request.model_dump(exclude={"action", "brief", "text"}) | {"text": text}
    )
    return campaigns.create(
        platform.store, content, drafted_by=drafted_by, actor=actor,
        now=platform.clock.now(),
    )  # fmt: skip


def _update(platform: Platform, request: UpdateCampaign, actor: str) -> Campaign:
    current = campaigns.get(platform.store, request.campaign_id)
    changes = request.model_dump(exclude={"action", "campaign_id"}, exclude_unset=True)
    content = _content(platform, current.content().model_dump() | changes)
    return campaigns.change(
        platform.store,
        request.campaign_id,
        to=None,
        expect="draft",
        actor=actor,
        now=platform.clock.now(),
        updates=content.model_dump(),
    )


def _act(platform: Platform, request: CampaignAction, principal: Principal) -> CampaignView:
    store, now, actor = platform.store, platform.clock.now(), principal.subject
    roles = list(principal.roles)
    if request.action == "preview":
        campaign = campaigns.get(store, request.campaign_id)
        return CampaignView(campaign=campaign, preview=preview(platform, campaign))
    if request.action == "approve":
        campaign = campaigns.get(store, request.campaign_id)
        if campaign.channel == "email":
            email.postal_address(platform.settings)  # 409 without one
        approved = campaigns.approve(store, request.campaign_id, roles=roles, actor=actor, now=now)
        return CampaignView(campaign=approved)
    if request.action == "send":
        campaign = sending.start(platform, request.campaign_id, roles=roles, actor=actor)
        return CampaignView(campaign=campaign, progress=sending.progress(platform, campaign.id))
    campaigns.require_approver(roles, "cancelling")
    campaign = campaigns.change(store, request.campaign_id, to="cancelled", actor=actor, now=now)
    return CampaignView(campaign=campaign, progress=sending.progress(platform, campaign.id))


def _consent(platform: Platform, request: RecordConsent, actor: str) -> ConsentRecord:
    customer = get_customer(platform.store, request.customer_id)
    if customer is None:
        raise NotFoundError("unknown_customer", f"no customer {request.customer_id!r}")
    handle = customer.phone if request.channel == "sms" else customer.email
    if handle is None:
        raise ValidationFailed.single("channel", f"the customer has no {request.channel} handle")
    return consent.record(
        platform.store,
        request.customer_id,
        request.channel,
        Consent(
            handle=handle,
            source=request.source,
            text=request.text,
            at=request.at or platform.clock.now(),
        ),
        actor=actor,
    )


def post(platform: Platform, body: CampaignRequest, principal: Principal) -> CampaignAnswer:
    request, actor = body.root, principal.subject
    if isinstance(request, CreateCampaign | UpdateCampaign):  # answered with its preview
        if isinstance(request, CreateCampaign):
            made = _create(platform, request, actor)
        else:
            made = _update(platform, request, actor)
        return CampaignAnswer(CampaignView(campaign=made, preview=preview(platform, made)))
    if isinstance(request, CampaignAction):
        return CampaignAnswer(_act(platform, request, principal))
    if isinstance(request, RecordConsent):
        return CampaignAnswer(_consent(platform, request, actor))
    if get_customer(platform.store, request.customer_id) is None:
        raise NotFoundError("unknown_customer", f"no customer {request.customer_id!r}")
    consent.opt_out(
        platform.store, request.customer_id, source=request.source, now=platform.clock.now()
    )
    return CampaignAnswer(consent.get(platform.store, request.customer_id))


def get(platform: Platform, query: CampaignQuery) -> CampaignView | CampaignList:
    if query.campaign_id is not None:
        campaign = campaigns.get(platform.store, query.campaign_id)
        return CampaignView(campaign=campaign, progress=sending.progress(platform, campaign.id))
    today = platform.clock.now().date()
    holidays = [
        HolidayInfo(
            key=h.key, name=h.name, next_date=templates.next_date(h, today).isoformat(), text=h.text
        )
        for h in templates.upcoming(today)
    ]
    return CampaignList(campaigns=campaigns.recent(platform.store), holidays=holidays)
