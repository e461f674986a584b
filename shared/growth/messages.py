"""What the lifecycle tells customers. The review request is one text for everyone: it
takes only the links, never the booking's history, so nothing known about a customer's
sentiment can change what they are asked (FTC 16 CFR 465, Google's review policy)."""

from __future__ import annotations

from datetime import date

from shared.booking.models import Booking
from shared.payments.messages import BRAND, usd, when


def review_request(feedback_url: str, google_url: str | None) -> tuple[str, str]:
    google = f" or review us on Google: {google_url}" if google_url else ""
    return (
        f"{BRAND}: thank you for having us today! How did we do? Tell us here: "
        f"{feedback_url}{google}. We read every review, good or bad.",
        "How was your hibachi party?",
    )


def event_reminder(
    booking: Booking, days: int, balance_url: str | None, due_cents: int
) -> tuple[str, str]:
    ahead = "tomorrow" if days == 1 else f"in {days} days"
    pay = f" The {usd(due_cents)} balance can be paid here: {balance_url}" if balance_url else ""
    return (
        f"{BRAND}: your hibachi party for {booking.guests} is {ahead}, {when(booking)} "
        f"(booking {booking.id}). Reply here with any changes.{pay}",
        f"Your hibachi party is {ahead}",
    )


def date_reminder(occasion: str, day: date, referral_code: str) -> tuple[str, str]:
    label = occasion.replace("_", " ")
    return (
        f"{BRAND}: your {label} is coming up on {day:%b} {day.day}. Celebrate with a hibachi "
        f"party again? Reply here to book. Friends you refer with code {referral_code} get "
        "a credit on their first party, and so do you.",
        f"Your {label} is coming up",
    )
