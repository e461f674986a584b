"""What payments tell customers. Texts depend only on the booking's fixed facts, so a
message composed twice (or in another event order) reads the same."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from shared.booking.models import Booking

BRAND = "MyHibachi"


def usd(cents: int) -> str:
    return f"${cents // 100:,}.{cents % 100:02d}"


def when(booking: Booking) -> str:
    local = booking.start.astimezone(ZoneInfo(booking.timezone))
    hour = local.strftime("%I:%M %p").lstrip("0")
    return f"{local:%a, %b} {local.day} at {hour}"


def confirmation(booking: Booking) -> tuple[str, str]:
    balance = booking.total_cents - booking.deposit_cents
    return (
        f"{BRAND}: you're booked! Your hibachi party for {booking.guests} on {when(booking)} is "
        f"confirmed (booking {booking.id}). We received your {usd(booking.deposit_cents)} "
        f"deposit; the {usd(balance)} balance is due after the event.",
        "Your hibachi party is confirmed",
    )


def payment_failed(booking: Booking, hold_until: str) -> tuple[str, str]:
    retry = f" Try again here: {booking.deposit_url}" if booking.deposit_url else ""
    return (
        f"{BRAND}: your deposit payment for {when(booking)} (booking {booking.id}) didn't go "
        f"through. We're holding your time until {hold_until}.{retry} If you've already "
        "paid, please ignore this message.",
        "Your deposit payment didn't go through",
    )


def balance_request(booking: Booking, due_cents: int, url: str) -> tuple[str, str]:
    return (
        f"{BRAND}: thank you for having us on {when(booking)}! The balance for booking "
        f"{booking.id} is {usd(due_cents)}. Pay it here: {url}",
        "Your hibachi party balance",
    )
