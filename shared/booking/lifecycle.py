"""Status changes: held -> confirmed -> completed, or expired. Each change and its audit
entry commit in one transaction, releasing the chef claims when the window is freed."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from shared.booking import analytics, claims
from shared.booking.models import Booking, BookingStatus
from shared.booking.records import BOOKINGS, from_record
from shared.platform import audit
from shared.platform.docstore import Transaction
from shared.platform.errors import Conflict, NotFoundError
from shared.platform.services import Platform


class InvalidTransition(Conflict):
    default_code = "invalid_status"
    title = "The booking cannot make that change in its current status"


def transition(
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
        before = from_record(booking_id, data)
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
        return from_record(booking_id, data | update)

    if tx is not None:
        return attempt(tx)
    result: Booking | None = platform.store.run_transaction(attempt)
    if result is not None:
        analytics.publish(platform, booking_id)
    return result


def release_hold(platform: Platform, booking_id: str) -> bool:
    """The hold-expiry task: an unpaid hold past its expiry frees its window. Idempotent."""
    now = platform.clock.now()
    data = platform.store.get(BOOKINGS, booking_id)
    if data is None or data["status"] != BookingStatus.HELD.value or data["hold_expires_at"] > now:
        return False
    expired = transition(
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
    booking = transition(
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
    booking = transition(
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
