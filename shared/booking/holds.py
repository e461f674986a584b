"""Creating a hold: price it, claim chef time, take a deposit link, queue its expiry.

Chef time is claimed inside one transaction over deterministic claim documents (see
`claims`), so concurrent requests for the same window produce exactly one hold and 409s
with the next free starts for the rest; the audit entry commits with it.
"""

from __future__ import annotations

from zoneinfo import ZoneInfo

from shared.booking import access, analytics, claims
from shared.booking.availability import chefs_needed
from shared.booking.models import Booking, BookingStatus, BookingView, CreateBookingRequest
from shared.booking.payments_port import BOOKING_PAYMENTS
from shared.booking.policy import HOLD_FOR
from shared.booking.records import BOOKINGS, get, record, view
from shared.booking.slots import requested_slot, slot_taken
from shared.customers import identity
from shared.platform import audit
from shared.platform.docstore import Transaction
from shared.platform.ids import new_id
from shared.platform.services import Platform
from shared.pricing import service as pricing

HOLD_QUEUE = "holds"
RELEASE_FUNCTION = "release-hold"


def create_hold(
    platform: Platform,
    request: CreateBookingRequest,
    *,
    origin_thread_id: str | None = None,
    origin_channel: str | None = None,
) -> BookingView:
    """Hold the slot with a deposit link; a conversation's thread is kept for follow-ups."""
    store, now = platform.store, platform.clock.now()
    quote = pricing.price(platform, request)
    slot = requested_slot(
        platform, quote.market_id, request.event_date, request.start_time, quote.guests
    )
    handles: list[tuple[identity.HandleKind, str]] = []
    if request.contact.phone:
        handles.append(("phone", identity.normalise_phone(request.contact.phone, "contact.phone")))
    if request.contact.email:
        handles.append(("email", identity.normalise_email(request.contact.email, "contact.email")))
    customer_id = identity.resolve(store, handles, now=now, name=request.contact.name)

    booking_id = new_id("bk")
    expires = now + HOLD_FOR
    # The deposit link first: if the payment provider is down, nothing is held (a 503).
    deposit = platform.adapter(BOOKING_PAYMENTS).deposit_link(
        booking_id, quote.deposit_cents, expires, request.contact.email
    )
    start, end = slot.start.astimezone(ZoneInfo("UTC")), slot.end.astimezone(ZoneInfo("UTC"))
    # The release task is queued first: if the hold then fails, the task finds nothing to do;
    # the other order could leave a hold that never expires.
    platform.tasks.enqueue(
        HOLD_QUEUE,
        RELEASE_FUNCTION,
        {"booking_id": booking_id},
        run_at=expires,
        dedup_name=f"release-{booking_id}",
    )
    held = Booking(
        id=booking_id,
        status=BookingStatus.HELD,
        customer_id=customer_id,
        contact=request.contact,
        address=request.address,
        customer_zipcode=request.customer_zipcode,
        market=quote.market_id,
        timezone=str(slot.start.tzinfo),
        chef_ids=[],
        event_date=request.event_date,
        start=start,
        end=end,
        adults=request.adults,
        children=request.children,
        toddlers=request.toddlers,
        protein_selections=dict(request.protein_selections),
        third_protein_portions=request.third_protein_portions,
        addons=list(request.addons),
        dietary_notes=request.dietary_notes,
        quote=quote.model_dump(mode="json"),
        price_book_version=quote.price_book_version,
        total_cents=quote.total_cents,
        deposit_cents=quote.deposit_cents,
        deposit_paid=False,
        hold_expires_at=expires,
        created_at=now,
        updated_at=now,
        deposit_session_id=deposit.session_id,
        deposit_url=deposit.url,
        origin_thread_id=origin_thread_id,
        origin_channel=origin_channel,
        occasion=request.occasion,
        gclid=request.gclid,
    )

    def attempt(tx: Transaction) -> bool:
        chosen = claims.pick_chefs(
            tx, slot.available_chef_ids, start, end, chefs_needed(quote.guests), booking_id
        )
        if chosen is None:
            return False
        claims.write(tx, chosen, start, end, booking_id)
        tx.create(BOOKINGS, booking_id, record(held) | {"chef_ids": chosen})
        audit.record(
            tx,
            actor=f"customer:{customer_id}",
            action="booking.hold",
            entity="booking",
            entity_id=booking_id,
            now=now,
            after={"status": "held", "start": start.isoformat()},
        )
        return True

    if not store.run_transaction(attempt):
        raise slot_taken(platform, quote.market_id, slot.start, quote.guests)
    analytics.publish(platform, booking_id)
    token = access.issue(booking_id, key=platform.secrets.get(access.SECRET), now=now)
    return view(get(store, booking_id), access_token=token)
