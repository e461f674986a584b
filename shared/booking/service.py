"""The booking lifecycle: hold -> confirmed -> completed, or cancelled / expired.

Chef time is claimed inside one transaction over deterministic claim documents (see
`claims`), so concurrent requests for the same window produce exactly one hold and 409s
with the next free starts for the rest. Every change writes its audit entry in the same
transaction.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from shared.booking import access, catalog, claims
from shared.booking.availability import (
    Busy,
    NoChefFree,
    Rejection,
    Slot,
    blocked_cells,
    check_start,
    chefs_needed,
    event_duration,
    free_slots,
    local_instant,
    next_free_starts,
)
from shared.booking.models import (
    ACTIVE,
    AvailabilityRequest,
    AvailabilityResponse,
    Booking,
    BookingStatus,
    BookingView,
    CreateBookingRequest,
    StartOption,
)
from shared.customers import identity
from shared.payments import service as payments
from shared.platform import audit
from shared.platform.docstore import DocumentStore, Filter, Op, Transaction
from shared.platform.errors import AppError, Conflict, NotFoundError, ValidationFailed
from shared.platform.ids import new_id
from shared.platform.services import Platform
from shared.pricing import service as pricing
from shared.pricing import store as price_books
from shared.pricing.engine import quote as price_with
from shared.pricing.engine import serving_route
from shared.pricing.models import Quote

BOOKINGS = "bookings"
HOLD_FOR = timedelta(minutes=30)
HOLD_QUEUE = "holds"
RELEASE_FUNCTION = "release-hold"
TOKEN_SECRET = "jwt-signing-key"
SUGGESTIONS = 5


class SlotTaken(Conflict):
    default_code = "slot_taken"
    title = "That time was just taken"


class InvalidTransition(Conflict):
    default_code = "invalid_status"
    title = "The booking cannot make that change in its current status"


# -- reading -----------------------------------------------------------------------------


def _booking(doc_id: str, data: dict[str, Any]) -> Booking:
    return Booking.model_validate(data | {"id": doc_id})


def get(store: DocumentStore, booking_id: str) -> Booking:
    data = store.get(BOOKINGS, booking_id)
    if data is None:
        raise NotFoundError("unknown_booking", f"no booking {booking_id!r}")
    return _booking(booking_id, data)


def view(booking: Booking, access_token: str | None = None) -> BookingView:
    zone = ZoneInfo(booking.timezone)
    return BookingView(
        id=booking.id,
        status=booking.status,
        market=booking.market,
        timezone=booking.timezone,
        start=booking.start.astimezone(zone),
        end=booking.end.astimezone(zone),
        guests=booking.guests,
        chefs=len(booking.chef_ids),
        address=booking.address,
        quote=Quote.model_validate(booking.quote),
        total_cents=booking.total_cents,
        deposit_cents=booking.deposit_cents,
        deposit_paid=booking.deposit_paid,
        hold_expires_at=booking.hold_expires_at,
        cancellation=booking.cancellation,
        deposit_url=booking.deposit_url if booking.status is BookingStatus.HELD else None,
        access_token=access_token,
    )


def _busy(store: DocumentStore, market: str, day: date, exclude: str | None = None) -> list[Busy]:
    """Active bookings of the market within a day either side of `day` (enough for buffers)."""
    lo = datetime.combine(day - timedelta(days=2), time(), ZoneInfo("UTC"))
    hi = datetime.combine(day + timedelta(days=2), time(), ZoneInfo("UTC"))
    docs = store.query(
        BOOKINGS,
        [Filter.eq("market", market), Filter("start", Op.GE, lo), Filter("start", Op.LT, hi)],
    )
    return [
        Busy(chef_id, d.data["start"], d.data["end"])
        for d in docs
        if d.data["status"] in ACTIVE and d.id != exclude
        for chef_id in d.data["chef_ids"]
    ]


def _inputs(
    store: DocumentStore, market: str, day: date, exclude: str | None = None
) -> dict[str, Any]:
    return {
        "tz": catalog.market(store, market).timezone,
        "chefs": [c.schedule() for c in catalog.chefs(store, market)],
        "busy": _busy(store, market, day, exclude),
        "market_blackouts": catalog.market_blackouts(store, market),
    }


def _nearest_market(platform: Platform, zipcode: str) -> str:
    store = platform.store
    book = price_books.current(store)
    return serving_route(
        zipcode, catalog.markets(store), pricing.distance_for(platform), book
    ).market.id


def availability(platform: Platform, request: AvailabilityRequest) -> AvailabilityResponse:
    market = request.market or _nearest_market(platform, request.customer_zipcode or "")
    inputs = _inputs(platform.store, market, request.date)
    slots = free_slots(day=request.date, guests=request.guests, now=platform.clock.now(), **inputs)
    return AvailabilityResponse(
        market=market,
        timezone=inputs["tz"],
        date=request.date,
        guests=request.guests,
        duration_minutes=int(event_duration(request.guests).total_seconds() // 60),
        chefs_needed=chefs_needed(request.guests),
        starts=[_option(s) for s in slots],
    )


def _option(slot: Slot) -> StartOption:
    return StartOption(
        start=slot.start,
        end=slot.end,
        local_time=slot.start.strftime("%H:%M"),
        chefs_free=len(slot.available_chef_ids),
    )


def _suggestions(
    platform: Platform, market: str, after: datetime, guests: int
) -> list[dict[str, str]]:
    inputs = _inputs(platform.store, market, after.date())
    slots = next_free_starts(
        after=after, count=SUGGESTIONS, guests=guests, now=platform.clock.now(), **inputs
    )
    return [_option(s).model_dump(mode="json") for s in slots]


def _slot_taken(platform: Platform, market: str, start: datetime, guests: int) -> SlotTaken:
    return SlotTaken(
        detail="no chef is free at that time; here are the next free starts",
        extra={"next_starts": _suggestions(platform, market, start, guests)},
    )


def _requested_slot(
    platform: Platform,
    market: str,
    day: date,
    start_time: time,
    guests: int,
    exclude: str | None = None,
) -> Slot:
    inputs = _inputs(platform.store, market, day, exclude)
    start = local_instant(inputs["tz"], day, start_time)
    if start is None:
        raise ValidationFailed.single("start_time", "that local time does not exist on that date")
    checked = check_start(start=start, guests=guests, now=platform.clock.now(), **inputs)
    if isinstance(checked, Rejection):
        if isinstance(checked.error(), NoChefFree):
            raise _slot_taken(platform, market, start, guests)
        raise checked.error()
    return checked


# -- creating a hold ----------------------------------------------------------------------


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
    slot = _requested_slot(
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
    deposit = payments.deposit_link(
        platform, booking_id, quote.deposit_cents, expires, request.contact.email
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
    record = {
        "status": BookingStatus.HELD.value,
        "customer_id": customer_id,
        "contact": request.contact.model_dump(),
        "address": request.address,
        "customer_zipcode": request.customer_zipcode,
        "market": quote.market_id,
        "timezone": str(slot.start.tzinfo),
        "event_date": request.event_date.isoformat(),
        "start": start,
        "end": end,
        "adults": request.adults,
        "children": request.children,
        "toddlers": request.toddlers,
        "protein_selections": dict(request.protein_selections),
        "third_protein_portions": request.third_protein_portions,
        "addons": list(request.addons),
        "dietary_notes": request.dietary_notes,
        "quote": quote.model_dump(mode="json"),
        "price_book_version": quote.price_book_version,
        "total_cents": quote.total_cents,
        "deposit_cents": quote.deposit_cents,
        "deposit_paid": False,
        "hold_expires_at": expires,
        "created_at": now,
        "updated_at": now,
        "cancellation": None,
        "deposit_session_id": deposit.session_id,
        "deposit_url": deposit.url,
        "origin_thread_id": origin_thread_id,
        "origin_channel": origin_channel,
    }

    def attempt(tx: Transaction) -> bool:
        chosen = claims.pick_chefs(
            tx, slot.available_chef_ids, start, end, chefs_needed(quote.guests), booking_id
        )
        if chosen is None:
            return False
        claims.write(tx, chosen, start, end, booking_id)
        tx.create(BOOKINGS, booking_id, record | {"chef_ids": chosen})
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
        raise _slot_taken(platform, quote.market_id, slot.start, quote.guests)
    token = access.issue(booking_id, key=platform.secrets.get(TOKEN_SECRET), now=now)
    return view(get(store, booking_id), access_token=token)


# -- state changes --------------------------------------------------------------------------


def _transition(
    platform: Platform,
    booking_id: str,
    *,
    allowed_from: tuple[BookingStatus, ...],
    to: BookingStatus,
    actor: str,
    changes: dict[str, Any] | None = None,
    release_claims: bool = False,
    reason: str | None = None,
    quiet_if_not_allowed: bool = False,
    tx: Transaction | None = None,
) -> Booking | None:
    """Move a booking between statuses in one transaction (claims released if asked); inside
    the caller's `tx` when given, so other writes (a webhook's dedup key) commit with it."""
    now = platform.clock.now()

    def attempt(tx: Transaction) -> Booking | None:
        data = tx.get(BOOKINGS, booking_id)
        if data is None:
            raise NotFoundError("unknown_booking", f"no booking {booking_id!r}")
        before = _booking(booking_id, data)
        if before.status not in allowed_from:
            if quiet_if_not_allowed:
                return None
            raise InvalidTransition(
                detail=f"booking is {before.status.value}; cannot become {to.value}"
            )
        held = (
            claims.owned(tx, before.chef_ids, before.start, before.end, booking_id)
            if release_claims
            else []
        )
        update = {"status": to.value, "updated_at": now} | (changes or {})
        tx.update(BOOKINGS, booking_id, update)
        claims.release(tx, held)
        audit.record(
            tx,
            actor=actor,
            action=f"booking.{to.value}",
            entity="booking",
            entity_id=booking_id,
            now=now,
            before={"status": before.status.value},
            after={k: (v.isoformat() if isinstance(v, datetime) else v) for k, v in update.items()},
            reason=reason,
        )
        return _booking(booking_id, data | update)

    if tx is not None:
        return attempt(tx)
    result: Booking | None = platform.store.run_transaction(attempt)
    return result


def release_hold(platform: Platform, booking_id: str) -> bool:
    """The hold-expiry task: an unpaid hold past its expiry frees its window. Idempotent."""
    now = platform.clock.now()
    data = platform.store.get(BOOKINGS, booking_id)
    if data is None or data["status"] != BookingStatus.HELD.value or data["hold_expires_at"] > now:
        return False
    expired = _transition(
        platform,
        booking_id,
        allowed_from=(BookingStatus.HELD,),
        to=BookingStatus.EXPIRED,
        actor="system:hold-expiry",
        changes={"hold_expires_at": None},
        release_claims=True,
        quiet_if_not_allowed=True,
    )
    return expired is not None


def confirm(
    platform: Platform,
    booking_id: str,
    *,
    actor: str,
    reason: str | None = None,
    changes: dict[str, Any] | None = None,
    tx: Transaction | None = None,
) -> Booking:
    """Deposit paid (or staff confirmed manually): the hold becomes a booking."""
    booking = _transition(
        platform,
        booking_id,
        allowed_from=(BookingStatus.HELD,),
        to=BookingStatus.CONFIRMED,
        actor=actor,
        changes={"deposit_paid": True, "hold_expires_at": None} | (changes or {}),
        reason=reason,
        tx=tx,
    )
    assert booking is not None
    return booking


def complete(
    platform: Platform,
    booking_id: str,
    *,
    actor: str,
    changes: dict[str, Any] | None = None,
    tx: Transaction | None = None,
) -> Booking:
    booking = _transition(
        platform,
        booking_id,
        allowed_from=(BookingStatus.CONFIRMED,),
        to=BookingStatus.COMPLETED,
        actor=actor,
        changes=changes,
        tx=tx,
    )
    assert booking is not None
    return booking


def refund_decision(booking: Booking, now: datetime, book_refund_days: int) -> dict[str, Any]:
    """Deposit policy: full refund at least N days before the event, none after."""
    if not booking.deposit_paid:
        return {"refund_cents": 0, "rule": "no deposit paid"}
    if booking.start - now >= timedelta(days=book_refund_days):
        return {"refund_cents": booking.deposit_cents, "rule": f">= {book_refund_days} days before"}
    return {"refund_cents": 0, "rule": f"< {book_refund_days} days before: deposit kept"}


def cancel(
    platform: Platform,
    booking_id: str,
    *,
    actor: str,
    reason: str | None = None,
    refund_override_cents: int | None = None,
) -> Booking:
    """Cancel and free the window; the refund follows the policy unless staff override it."""
    booking = get(platform.store, booking_id)
    book = price_books.get(platform.store, booking.price_book_version)
    decision = refund_decision(booking, platform.clock.now(), book.deposit.refundable_days_before)
    if refund_override_cents is not None:
        if not 0 <= refund_override_cents <= booking.deposit_cents:
            raise ValidationFailed.single("refund_cents", "must be between 0 and the deposit")
        decision = {
            "refund_cents": refund_override_cents,
            "rule": "staff override",
            "policy": decision,
        }
    refund = payments.refund_deposit(platform, booking, decision["refund_cents"])
    cancelled = _transition(
        platform,
        booking_id,
        allowed_from=ACTIVE,
        to=BookingStatus.CANCELLED,
        actor=actor,
        changes={
            "cancellation": decision | refund | {"reason": reason, "by": actor},
            "hold_expires_at": None,
        },
        release_claims=True,
        reason=reason,
    )
    assert cancelled is not None
    return cancelled


def reschedule(
    platform: Platform, booking_id: str, new_date: date, new_time: time, *, actor: str
) -> Booking:
    """Move the claim atomically: the old window is freed only if the new one is won."""
    store, now = platform.store, platform.clock.now()
    booking = get(store, booking_id)
    if booking.status not in ACTIVE:
        raise InvalidTransition(detail=f"booking is {booking.status.value}; cannot reschedule")
    slot = _requested_slot(
        platform, booking.market, new_date, new_time, booking.guests, exclude=booking_id
    )
    book = price_books.get(store, booking.price_book_version)
    quote = price_with(
        booking.quote_request(new_date),
        book,
        catalog.markets(store),
        pricing.distance_for(platform),
    )
    start, end = slot.start.astimezone(ZoneInfo("UTC")), slot.end.astimezone(ZoneInfo("UTC"))
    # Prefer the chefs the customer already has, then anyone free.
    candidates = [
        *booking.chef_ids,
        *(c for c in slot.available_chef_ids if c not in booking.chef_ids),
    ]

    def attempt(tx: Transaction) -> Booking | None:
        current = _booking(booking_id, tx.get(BOOKINGS, booking_id) or {})
        if current.status not in ACTIVE:
            raise InvalidTransition(detail=f"booking is {current.status.value}; cannot reschedule")
        old = claims.owned(tx, current.chef_ids, current.start, current.end, booking_id)
        chosen = claims.pick_chefs(tx, candidates, start, end, len(current.chef_ids), booking_id)
        if chosen is None:
            return None
        new_ids = {claims.claim_id(c, cell) for c in chosen for cell in blocked_cells(start, end)}
        claims.release(tx, [i for i in old if i not in new_ids])
        claims.write(tx, chosen, start, end, booking_id)
        update = {
            "event_date": new_date.isoformat(),
            "start": start,
            "end": end,
            "chef_ids": chosen,
            "quote": quote.model_dump(mode="json"),
            "total_cents": quote.total_cents,
            "updated_at": now,
        }
        tx.update(BOOKINGS, booking_id, update)
        audit.record(
            tx,
            actor=actor,
            action="booking.reschedule",
            entity="booking",
            entity_id=booking_id,
            now=now,
            before={"start": current.start.isoformat(), "chef_ids": current.chef_ids},
            after={
                "start": start.isoformat(),
                "chef_ids": chosen,
                "total_cents": quote.total_cents,
            },
        )
        return current.model_copy(update=update | {"event_date": new_date})

    moved = store.run_transaction(attempt)
    if moved is None:
        raise _slot_taken(platform, booking.market, slot.start, booking.guests)
    return moved


# -- questions the conversation engine asks before it books ----------------------------------


def start_rejection(
    platform: Platform, market: str, day: date, start_time: time, guests: int
) -> str | None:
    """Why a start cannot be booked (a `Reason` value), or None when it is free."""
    try:
        _requested_slot(platform, market, day, start_time, guests)
    except SlotTaken:
        return "no_chef_free"
    except AppError as err:
        return err.code
    return None


def nearest_starts(
    platform: Platform, market: str, after: datetime, guests: int
) -> list[dict[str, str]]:
    """The next free starts at or after `after` (across days), as offered after a refusal."""
    return _suggestions(platform, market, after, guests)
