"""Match a parsed payment to bookings, keep the proposal for staff, apply their choice.

A proposal names the bookings the payment could be for: any whose id the memo gives, and
unpaid holds (deposit) or confirmed bookings (balance) owing exactly that amount whose
contact's name matches the payer's. Applying it confirms the hold (or records the balance)
in one audited transaction with the proposal's closing, so it can apply only once.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, RootModel

from shared.booking import analytics as booking_analytics
from shared.booking.lifecycle import confirm
from shared.booking.models import Booking, BookingStatus
from shared.booking.records import BOOKINGS, from_record
from shared.payments import messages, notices
from shared.payments.alternative.parse import PaymentNotice, parse
from shared.payments.balance import due_cents
from shared.payments.models import Purpose
from shared.platform import audit
from shared.platform.docstore import DocumentStore, Filter, Op, Order, Transaction
from shared.platform.errors import Conflict, NotFoundError, ValidationFailed
from shared.platform.ids import new_id
from shared.platform.services import Platform

PROPOSALS = "payment_proposals"
# Completed parties whose balance may still arrive by Zelle or Venmo.
BALANCE_LOOKBACK = timedelta(days=90)


class ProposeAction(BaseModel):
    model_config = ConfigDict(extra="forbid")

    action: Literal["propose"]
    text: str = Field(min_length=1, max_length=50_000, description="The pasted email (or HTML)")


class ConfirmAction(BaseModel):
    model_config = ConfigDict(extra="forbid")

    action: Literal["confirm"]
    proposal_id: str
    booking_id: str


class DismissAction(BaseModel):
    model_config = ConfigDict(extra="forbid")

    action: Literal["dismiss"]
    proposal_id: str
    reason: str | None = Field(default=None, max_length=500)


class PaymentActionRequest(
    RootModel[
        Annotated[ProposeAction | ConfirmAction | DismissAction, Field(discriminator="action")]
    ]
):
    """Propose matches for a pasted payment email, then confirm (or dismiss) one."""


class Candidate(BaseModel):
    booking_id: str
    purpose: Purpose
    owed_cents: int
    contact_name: str
    start: datetime
    why: str


class PaymentProposal(BaseModel):
    id: str
    status: Literal["open", "applied", "dismissed"]
    notice: PaymentNotice
    candidates: list[Candidate]
    created_by: str
    created_at: datetime
    closed_by: str | None = None
    applied_to: str | None = Field(default=None, description="The booking it was applied to")


class ProposalList(BaseModel):
    proposals: list[PaymentProposal]


def _tokens(name: str) -> set[str]:
    return set(re.findall(r"[a-z]+", name.casefold()))


def names_match(payer: str | None, contact: str) -> bool:
    """Same person if one name's words all appear in the other's ("JO HOST" ~ "Jo Host")."""
    a, b = _tokens(payer or ""), _tokens(contact)
    return bool(a and b) and (a <= b or b <= a)


def owed(booking: Booking) -> tuple[Purpose, int] | None:
    """What the booking still waits for: its deposit (a hold) or its balance."""
    if booking.status is BookingStatus.HELD and not booking.deposit_paid:
        return "deposit", booking.deposit_cents
    if booking.status in (BookingStatus.CONFIRMED, BookingStatus.COMPLETED) and due_cents(booking):
        return "balance", due_cents(booking)
    return None


def _bookings(store: DocumentStore, filters: list[Filter], ordered: bool) -> list[Booking]:
    # Ordered queries use the (status, event_date, start) index; the holds' query needs none.
    order = [Order("event_date"), Order("start")] if ordered else []
    docs = store.query(BOOKINGS, filters, order_by=order)
    return [from_record(d.id, d.data) for d in docs]


def _status(status: BookingStatus) -> Filter:
    return Filter.eq("status", status.value)


def _candidates(store: DocumentStore, notice: PaymentNotice, now: datetime) -> list[Candidate]:
    found: dict[str, Candidate] = {}

    def consider(booking: Booking, why: str) -> None:
        wanted = owed(booking)
        if wanted is not None and booking.id not in found:
            found[booking.id] = Candidate(
                booking_id=booking.id,
                purpose=wanted[0],
                owed_cents=wanted[1],
                contact_name=booking.contact.name,
                start=booking.start,
                why=why,
            )

    for booking_id in notice.booking_ids:
        data = store.get(BOOKINGS, booking_id)
        if data is not None:
            consider(from_record(booking_id, data), "the memo names it")
    amount = notice.amount_cents
    since = (now - BALANCE_LOOKBACK).date().isoformat()
    holds = _bookings(
        store, [_status(BookingStatus.HELD), Filter.eq("deposit_cents", amount)], False
    )
    confirmed = _bookings(store, [_status(BookingStatus.CONFIRMED)], True)
    completed = _bookings(
        store, [_status(BookingStatus.COMPLETED), Filter("event_date", Op.GE, since)], True
    )
    for booking in holds + confirmed + completed:
        wanted = owed(booking)
        if wanted and wanted[1] == amount and names_match(notice.payer, booking.contact.name):
            consider(booking, f"owes exactly this {wanted[0]} and the names match")
    return list(found.values())


def propose(platform: Platform, text: str, actor: str) -> PaymentProposal:
    notice = parse(text)
    if notice.amount_cents is None:
        raise ValidationFailed.single("text", "no payment amount found in the text")
    proposal = PaymentProposal(
        id=new_id("pp"),
        status="open",
        notice=notice,
        candidates=_candidates(platform.store, notice, platform.clock.now()),
        created_by=actor,
        created_at=platform.clock.now(),
    )
    platform.store.create(PROPOSALS, proposal.id, proposal.model_dump(exclude={"id"}))
    return proposal


def open_proposals(platform: Platform) -> ProposalList:
    docs = platform.store.query(PROPOSALS, [Filter.eq("status", "open")])
    proposals = [PaymentProposal.model_validate(d.data | {"id": d.id}) for d in docs]
    return ProposalList(proposals=sorted(proposals, key=lambda p: p.created_at, reverse=True))


def _open_proposal(tx: Transaction, proposal_id: str) -> PaymentProposal:
    data = tx.get(PROPOSALS, proposal_id)
    if data is None:
        raise NotFoundError("unknown_proposal", f"no payment proposal {proposal_id!r}")
    proposal = PaymentProposal.model_validate(data | {"id": proposal_id})
    if proposal.status != "open":
        raise Conflict("proposal_closed", f"the proposal was already {proposal.status}")
    return proposal


def _record_payment(
    tx: Transaction,
    platform: Platform,
    booking: Booking,
    notice: PaymentNotice,
    actor: str,
    now: datetime,
) -> None:
    wanted = owed(booking)
    if wanted is None:
        raise Conflict("nothing_owed", f"booking {booking.id} owes nothing now")
    amount = notice.amount_cents or 0
    purpose, owed_cents = wanted
    if purpose == "balance":
        paid = booking.payment.balance_paid_cents + amount
        tx.update(BOOKINGS, booking.id, {"payment.balance_paid_cents": paid})
        return
    if amount < owed_cents:
        raise ValidationFailed.single("booking_id", "the payment is less than the deposit")
    thread = notices.origin_thread(tx, booking)
    confirm(
        platform,
        booking.id,
        actor=actor,
        reason=f"{notice.provider} payment of {messages.usd(amount)} from {notice.payer}",
        changes={"payment.method": notice.provider, "payment.deposit_paid_cents": amount},
        tx=tx,
    )
    notices.stage(tx, booking, thread, "confirm", messages.confirmation(booking), now)


def apply(platform: Platform, action: ConfirmAction, actor: str) -> PaymentProposal:
    now = platform.clock.now()

    def attempt(tx: Transaction) -> PaymentProposal:
        proposal = _open_proposal(tx, action.proposal_id)
        if action.booking_id not in {c.booking_id for c in proposal.candidates}:
            raise ValidationFailed.single("booking_id", "not one of this proposal's bookings")
        data = tx.get(BOOKINGS, action.booking_id)
        if data is None:
            raise NotFoundError("unknown_booking", f"no booking {action.booking_id!r}")
        booking = from_record(action.booking_id, data)
        _record_payment(tx, platform, booking, proposal.notice, actor, now)
        closed = {"status": "applied", "closed_by": actor, "applied_to": booking.id}
        tx.update(PROPOSALS, proposal.id, closed)
        audit.record(
            tx,
            actor=actor,
            action="payment.alternative_applied",
            entity="payment_proposal",
            entity_id=proposal.id,
            now=now,
            before={"status": "open"},
            after=closed | {"amount_cents": proposal.notice.amount_cents},
        )
        return proposal.model_copy(update=closed)

    applied: PaymentProposal = platform.store.run_transaction(attempt)
    notices.flush(platform, action.booking_id)
    booking_analytics.publish(platform, action.booking_id)
    return applied


def dismiss(platform: Platform, action: DismissAction, actor: str) -> PaymentProposal:
    now = platform.clock.now()

    def attempt(tx: Transaction) -> PaymentProposal:
        proposal = _open_proposal(tx, action.proposal_id)
        closed = {"status": "dismissed", "closed_by": actor}
        tx.update(PROPOSALS, proposal.id, closed)
        audit.record(
            tx,
            actor=actor,
            action="payment.alternative_dismissed",
            entity="payment_proposal",
            entity_id=proposal.id,
            now=now,
            before={"status": "open"},
            after=closed,
            reason=action.reason,
        )
        return proposal.model_copy(update=closed)

    dismissed: PaymentProposal = platform.store.run_transaction(attempt)
    return dismissed
