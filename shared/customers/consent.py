"""Marketing consent per customer: what they agreed to, where, when and in which words.

One document `marketing_consents/<customer id>` holds, per channel (`sms`, `email`), the
consent recorded for one handle (the phone or address it was given for) with its source
(web form, booking checkbox, paper sign-up...), time and the exact text the customer
agreed to; and `opted_out_at`, set by a STOP, an unsubscribe link or a staff entry on any
channel. An opt-out withdraws every consent recorded before it at once; only a consent
given after it (a new sign-up, with its text) counts again, and only for its channel.
Every change is appended to `history`, so what was true on a given day can be shown.
Transactional messages about an existing booking do not read this (see README).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, Field

from shared.customers.identity import CUSTOMERS, HANDLES, HandleKind, handle_id
from shared.platform.docstore import DocumentStore, Transaction

CONSENTS = "marketing_consents"
Change = Callable[[dict[str, Any]], dict[str, Any]]  # current document -> fields to set

MarketingChannel = Literal["sms", "email"]


class Consent(BaseModel):
    handle: str = Field(description="The phone (E.164) or email address it was given for")
    source: str = Field(min_length=1, max_length=200, description="Where it was collected")
    text: str = Field(min_length=1, max_length=2000, description="The words agreed to")
    at: datetime


class ConsentRecord(BaseModel):
    customer_id: str
    channels: dict[MarketingChannel, Consent] = Field(default_factory=dict)
    opted_out_at: datetime | None = None
    opt_out_source: str | None = None


def parse(data: dict[str, Any] | None, customer_id: str) -> ConsentRecord:
    """A stored consent document (None: nothing recorded yet) as a record."""
    fields = {k: v for k, v in (data or {}).items() if k != "history"}
    return ConsentRecord.model_validate(fields | {"customer_id": customer_id})


def get(store: DocumentStore, customer_id: str) -> ConsentRecord:
    return parse(store.get(CONSENTS, customer_id), customer_id)


def refusal(record: ConsentRecord, channel: MarketingChannel, handle: str) -> str | None:
    """Why `handle` may not get marketing on `channel` now, or None when it may."""
    consent = record.channels.get(channel)
    if consent is None:
        return "no_consent"
    if consent.handle != handle:
        return "consent_for_another_handle"
    if record.opted_out_at is not None and consent.at <= record.opted_out_at:
        return "opted_out"
    return None


def _write(tx: Transaction, customer_id: str, change: Change, event: dict[str, Any]) -> None:
    """Apply `change(current document)` and append `event` to the history, in `tx`."""
    data = tx.get(CONSENTS, customer_id) or {}
    history = [*data.get("history", []), event]
    tx.set(CONSENTS, customer_id, data | change(data) | {"history": history})


def record(
    store: DocumentStore,
    customer_id: str,
    channel: MarketingChannel,
    consent: Consent,
    *,
    actor: str,
) -> ConsentRecord:
    """Record a consent (replacing the channel's previous one)."""
    given = consent.model_dump()
    event = {"event": "consent", "channel": channel, "actor": actor} | given

    def change(data: dict[str, Any]) -> dict[str, Any]:
        return {"channels": (data.get("channels") or {}) | {channel: given}}

    store.run_transaction(lambda tx: _write(tx, customer_id, change, event))
    return get(store, customer_id)


def opt_out(store: DocumentStore, customer_id: str, *, source: str, now: datetime) -> None:
    """Withdraw every marketing consent of the customer, on every channel."""
    change = {"opted_out_at": now, "opt_out_source": source}
    event = {"event": "opt_out", "source": source, "at": now}
    store.run_transaction(lambda tx: _write(tx, customer_id, lambda _: change, event))


def opt_out_handle(
    store: DocumentStore, kind: HandleKind, value: str, *, source: str, now: datetime
) -> str | None:
    """A STOP from a handle: opt its customer (and the one it was merged into) out of all
    marketing. Returns the customer id, or None for a handle no customer has."""
    link = store.get(HANDLES, handle_id(kind, value))
    if link is None:
        return None
    customer_id: str = link["customer_id"]
    customer = store.get(CUSTOMERS, customer_id) or {}
    survivor = customer.get("merged_into") or customer_id
    opt_out(store, survivor, source=source, now=now)
    return str(survivor)


def merge_plan(
    tx: Transaction, source_id: str, target_id: str, now: datetime
) -> dict[str, Any] | None:
    """Inside a merge's transaction (reads only): the target's consent document once the
    source is merged into it, or None when neither has one. Per channel the later consent
    wins and the later opt-out is kept, so a merge never brings back a withdrawn consent."""
    source_data, target_data = tx.get(CONSENTS, source_id), tx.get(CONSENTS, target_id)
    if source_data is None and target_data is None:
        return None
    source, target = parse(source_data, source_id), parse(target_data, target_id)
    channels = dict(target.channels)
    for channel, consent in source.channels.items():
        if channel not in channels or channels[channel].at < consent.at:
            channels[channel] = consent
    outs = [r for r in (target, source) if r.opted_out_at is not None]
    latest = max(outs, key=lambda r: r.opted_out_at or now) if outs else None
    merge = {"event": "merge", "source": source_id, "at": now}
    history = [*(target_data or {}).get("history", []), merge]
    return {
        "channels": {k: v.model_dump() for k, v in channels.items()},
        "opted_out_at": latest.opted_out_at if latest else None,
        "opt_out_source": latest.opt_out_source if latest else None,
        "history": history,
    }
