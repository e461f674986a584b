"""Sending a campaign: one fan-out task, then one named task per recipient.

- `start`: approved -> sending, and the fan-out task (named after the campaign).
- `fan_out`: each recipient of the segment gets a send record `campaign_sends/<campaign>:<customer>`
  (created once) and a task named `cmp-<campaign>-<customer>` due at the first moment
  their quiet hours allow (at or after the campaign's `send_at`); one who may not be
  messaged is recorded as suppressed, with the reason, and gets no task.
- `send`: everything is checked again at the moment of sending (the campaign is sendable,
  the consent holds, the window is open, the frequency cap has room); a send outside the
  window waits for the next opening under a new task name. The send is claimed in a
  transaction that also counts it against the cap, so a redelivered or retried task finds
  the claim and never sends twice: a finished send returns its outcome; one whose provider
  call failed is resumed (SMS parts already sent are skipped by the SMS sender's own record).
Locally nothing leaves the machine: the send is marked sent as `recorded` and an email is
written to `<data_dir>/mail/`.
"""

from __future__ import annotations

import contextlib
from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any, Literal

from pydantic import BaseModel, Field

from shared.channels.email import secret as email_secret
from shared.channels.email import smtp
from shared.channels.outbound import OutboundMessage
from shared.channels.sms import sender as sms_sender
from shared.marketing import audience, campaigns, email, quiet_hours, templates, unsubscribe
from shared.marketing.audience import Contact
from shared.marketing.campaigns import Campaign
from shared.marketing.locale import places_of
from shared.platform.docstore import AlreadyExists, Filter, Op, Transaction
from shared.platform.errors import Conflict, Unavailable
from shared.platform.log import get_logger
from shared.platform.services import Platform
from shared.pricing.markets import markets

QUEUE = "campaigns"
FANOUT = "campaign-fanout"
SEND = "campaign-send"
SENDS = "campaign_sends"
LEDGER = "marketing_contacts"  # per customer: when marketing last reached them (the cap)
FREQUENCY_CAP = 4  # marketing messages per customer, all channels together ...
CAP_WINDOW = timedelta(days=30)  # ... in any window this long
CLAIM_LEASE = timedelta(minutes=2)  # a claim older than this belongs to a crashed attempt
PENDING = ("queued", "waiting", "sending")
log = get_logger(__name__)

SendStatus = Literal["queued", "waiting", "sending", "sent", "suppressed", "failed"]


class CampaignRef(BaseModel):
    campaign_id: str


class SendTask(BaseModel):
    campaign_id: str
    customer_id: str


class SendOutcome(BaseModel):
    campaign_id: str
    customer_id: str
    status: SendStatus
    reason: str | None = None
    next_at: datetime | None = Field(default=None, description="When a waiting send goes")


class FanOutResult(BaseModel):
    campaign_id: str
    queued: int
    suppressed: int


def send_id(campaign_id: str, customer_id: str) -> str:
    return f"{campaign_id}:{customer_id}"


def start(platform: Platform, campaign_id: str, *, roles: Sequence[str], actor: str) -> Campaign:
    """An approver starts an approved campaign: its fan-out runs at `send_at` (or now)."""
    campaigns.require_approver(roles, "sending")
    now = platform.clock.now()
    campaign = campaigns.change(
        platform.store, campaign_id, to="sending", actor=actor, now=now, updates={"started_at": now}
    )
    platform.tasks.enqueue(
        QUEUE,
        FANOUT,
        CampaignRef(campaign_id=campaign_id).model_dump(),
        run_at=campaign.send_at if campaign.send_at and campaign.send_at > now else None,
        dedup_name=f"cmp-fanout-{campaign_id}",
    )
    return campaign


def _fallback_zones(platform: Platform) -> list[str]:
    return [m.timezone for m in markets(platform.store)]


def _opening(platform: Platform, contact: Contact, after: datetime) -> datetime:
    places = places_of(
        phone=contact.phone, zipcode=contact.zipcode, fallback_zones=_fallback_zones(platform)
    )
    return quiet_hours.next_opening(after, places)


def _task_name(task: SendTask, due: datetime | None = None) -> str:
    base = f"cmp-{task.campaign_id}-{task.customer_id}"
    return base if due is None else f"{base}-{due:%Y%m%dT%H%M}"


def fan_out(platform: Platform, campaign_id: str) -> FanOutResult:
    """Record and enqueue one send per recipient (a rerun adds nothing twice)."""
    store, now = platform.store, platform.clock.now()
    campaign = campaigns.get(store, campaign_id)
    if not campaign.sendable():
        log.warning("campaign %s is %s, not sendable: no fan-out", campaign_id, campaign.state)
        return FanOutResult(campaign_id=campaign_id, queued=0, suppressed=0)
    start_at = max(now, campaign.send_at or now)
    queued = suppressed = 0
    for contact in audience.contacts(platform):
        if not audience.matches(campaign.segment, contact, start_at.date()):
            continue
        task = SendTask(campaign_id=campaign_id, customer_id=contact.customer_id)
        reason = audience.refusal(platform, contact, campaign.channel)
        record = {
            "campaign_id": campaign_id,
            "customer_id": contact.customer_id,
            "channel": campaign.channel,
            "status": "queued" if reason is None else "suppressed",
            "reason": reason,
            "queued_at": now,
        }
        # On a rerun of the fan-out the record exists and its (named) task is enqueued again
        # as a no-op.
        with contextlib.suppress(AlreadyExists):
            store.create(SENDS, send_id(campaign_id, contact.customer_id), record)
        if reason is not None:
            suppressed += 1
            continue
        due = _opening(platform, contact, start_at)
        platform.tasks.enqueue(
            QUEUE, SEND, task.model_dump(), run_at=due if due > now else None,
            dedup_name=_task_name(task),
        )  # fmt: skip
        queued += 1
    store.update(campaigns.CAMPAIGNS, campaign_id, {"fanned_out_at": now})
    _finish_if_done(platform, campaign_id)
    return FanOutResult(campaign_id=campaign_id, queued=queued, suppressed=suppressed)


def _outcome(task: SendTask, data: dict[str, Any]) -> SendOutcome:
    return SendOutcome(
        campaign_id=task.campaign_id,
        customer_id=task.customer_id,
        status=data["status"],
        reason=data.get("reason"),
        next_at=data.get("next_at"),
    )


def _settle(platform: Platform, task: SendTask, status: SendStatus, **fields: Any) -> SendOutcome:
    doc_id = send_id(task.campaign_id, task.customer_id)
    change = {"status": status, "at": platform.clock.now()} | fields
    platform.store.update(SENDS, doc_id, change)
    if status in ("sent", "suppressed", "failed"):
        _finish_if_done(platform, task.campaign_id)
    return _outcome(task, change)


def _claim(platform: Platform, task: SendTask, now: datetime) -> str | None:
    """Take the send (counting it against the cap): None, or why it may not go now."""
    doc_id = send_id(task.campaign_id, task.customer_id)

    def attempt(tx: Transaction) -> str | None:
        record = tx.get(SENDS, doc_id) or {}
        ledger = tx.get(LEDGER, task.customer_id) or {}
        if record.get("status") in ("sent", "suppressed", "failed"):
            return "finished"
        if record.get("status") == "sending":
            claimed = record.get("claimed_at")
            if claimed is not None and now - claimed < CLAIM_LEASE:
                return "in_progress"
            tx.update(SENDS, doc_id, {"claimed_at": now})
            return None  # resumed: already counted against the cap
        recent = [t for t in ledger.get("sent_at", []) if now - t < CAP_WINDOW]
        if len(recent) >= FREQUENCY_CAP:
            return "frequency_cap"
        tx.set(LEDGER, task.customer_id, {"sent_at": [*recent, now], "last_sent_at": now})
        tx.update(SENDS, doc_id, {"status": "sending", "claimed_at": now})
        return None

    result: str | None = platform.store.run_transaction(attempt)
    return result


def send(platform: Platform, task: SendTask, *, last_attempt: bool) -> SendOutcome:
    """Deliver one campaign message to one customer, at most once (see module docstring)."""
    store, now = platform.store, platform.clock.now()
    record = store.get(SENDS, send_id(task.campaign_id, task.customer_id))
    if record is None:
        return SendOutcome(**task.model_dump(), status="suppressed", reason="not_fanned_out")
    if record["status"] in ("sent", "suppressed", "failed"):
        return _outcome(task, record)
    campaign = campaigns.get(store, task.campaign_id)
    if not campaign.sendable():
        state = "not_approved" if campaign.state == "sending" else campaign.state
        return _settle(platform, task, "suppressed", reason=f"campaign_{state}")
    contact = audience.contact(platform, task.customer_id)
    if contact is None:
        return _settle(platform, task, "suppressed", reason="customer_gone")
    reason = audience.refusal(platform, contact, campaign.channel)
    if reason is not None:
        return _settle(platform, task, "suppressed", reason=reason)
    due = _opening(platform, contact, now)
    if due > now:  # outside the window (a retry, or a clock that moved): wait for it
        platform.tasks.enqueue(
            QUEUE, SEND, task.model_dump(), run_at=due, dedup_name=_task_name(task, due)
        )
        return _settle(platform, task, "waiting", next_at=due)
    refused = _claim(platform, task, now)
    if refused == "in_progress":
        raise Unavailable("send_in_progress", "another attempt holds this send; retry later")
    if refused == "finished":
        return _outcome(task, store.get(SENDS, send_id(task.campaign_id, task.customer_id)) or {})
    if refused is not None:
        return _settle(platform, task, "suppressed", reason=refused)
    try:
        provider_id = _deliver(platform, campaign, contact, task)
    except Exception as exc:
        if last_attempt:
            _settle(platform, task, "failed", reason=str(exc)[:500], claimed_at=None)
        else:
            store.update(SENDS, send_id(task.campaign_id, task.customer_id), {"claimed_at": None})
        raise
    return _settle(platform, task, "sent", provider_id=provider_id, claimed_at=None)


def message_text(campaign: Campaign, contact: Contact) -> str:
    if campaign.channel == "sms":
        return templates.sms_text(campaign.text, contact.name)
    return templates.render(campaign.text, contact.name)


def _deliver(platform: Platform, campaign: Campaign, contact: Contact, task: SendTask) -> str:
    doc_id = send_id(task.campaign_id, task.customer_id)
    text = message_text(campaign, contact)
    if campaign.channel == "sms":
        assert contact.phone is not None  # refusal() checked the handle
        if not platform.settings.is_prod:
            return "recorded"
        message = OutboundMessage(
            channel="sms", to=contact.phone, text=text, thread_id="", message_id=f"cmp-{doc_id}"
        )
        return sms_sender.send(platform, message, [text])
    assert contact.email is not None
    link = unsubscribe.url(
        platform.settings,
        unsubscribe.token(
            contact.customer_id, campaign.id, key=platform.secrets.get(unsubscribe.SECRET)
        ),
    )
    mail = email.build(
        platform.settings,
        to=contact.email,
        subject=campaign.subject or campaign.name,
        body=text,
        unsubscribe_url=link,
        send_id=f"cmp-{doc_id.replace(':', '-')}",
        now=platform.clock.now(),
    )
    if not platform.settings.is_prod:
        path = platform.settings.data_dir / "mail" / f"cmp-{doc_id.replace(':', '-')}.eml"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(mail.as_bytes())
        return "recorded"
    password = (
        email_secret(platform.secrets, "smtp-password") if platform.settings.smtp_username else None
    )
    smtp.deliver(platform.settings, password, mail)
    return str(mail["Message-ID"])


class Progress(BaseModel):
    queued: int = Field(description="Waiting for their window or being sent")
    sent: int
    suppressed: int
    failed: int
    reasons: dict[str, int] = Field(description="Suppressed and failed sends by reason")


def progress(platform: Platform, campaign_id: str) -> Progress:
    docs = platform.store.query(SENDS, [Filter.eq("campaign_id", campaign_id)])
    counts = {"queued": 0, "sent": 0, "suppressed": 0, "failed": 0}
    reasons: dict[str, int] = {}
    for doc in docs:
        status = doc.data["status"]
        counts["queued" if status in PENDING else status] += 1
        if status in ("suppressed", "failed"):
            key = str(doc.data.get("reason") if status == "suppressed" else "provider_error")
            reasons[key] = reasons.get(key, 0) + 1
    return Progress(**counts, reasons=reasons)


def _finish_if_done(platform: Platform, campaign_id: str) -> None:
    """The campaign is done once its fan-out finished and no send of it is pending; its
    totals are kept with it."""
    pending = platform.store.query(
        SENDS,
        [Filter.eq("campaign_id", campaign_id), Filter("status", Op.IN, list(PENDING))],
        limit=1,
    )
    if pending:
        return
    campaign = campaigns.get(platform.store, campaign_id)
    if campaign.state != "sending" or campaign.fanned_out_at is None:
        return  # a fan-out cut short and retried may still add sends
    totals = progress(platform, campaign_id).model_dump(exclude={"reasons"})
    with contextlib.suppress(Conflict):  # another send finished it (or staff cancelled it)
        campaigns.change(
            platform.store,
            campaign_id,
            to="done",
            actor="system",
            now=platform.clock.now(),
            updates={"finished_at": platform.clock.now(), "totals": totals},
        )
