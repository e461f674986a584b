"""Reminders: the event at 7 days and 1 day before (with the balance link), and a
customer's birthday or anniversary 14 days ahead ("book again?").

The sweep runs hourly in the day; each reminder has a window, not an instant: it fires on
the first run inside its window and never again (`reminders_sent`, created in the
transaction that stages the message). A booking that did not exist when its window opened
gets no late reminder for it: a party booked 3 days out hears nothing "7 days" before. A
date reminder may still go up to `DATE_WINDOW` days late (8 days ahead at the latest).
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from shared.booking.models import Booking, BookingStatus
from shared.booking.records import BOOKINGS, BY_DATE, from_record
from shared.customers import consent, memory
from shared.customers.identity import CUSTOMERS
from shared.growth import messages, referrals
from shared.payments import notices
from shared.payments.balance import due_cents
from shared.payments.models import CheckoutRequest
from shared.payments.port import PAYMENTS
from shared.platform.docstore import Filter, Op, Transaction
from shared.platform.ids import stable_id
from shared.platform.services import Platform

SENT = "reminders_sent"
EVENT_DAYS = (7, 1)  # days before the event, each fired once
DATE_DAYS = 14  # days before a remembered date
DATE_WINDOW = 7  # a date reminder is still worth sending this many days late


def _local_today(booking: Booking, now: datetime) -> date:
    return now.astimezone(ZoneInfo(booking.timezone)).date()


def event_due(booking: Booking, now: datetime) -> int | None:
    """Which event reminder (7 or 1) is due now, if any."""
    today = _local_today(booking, now)
    days = (booking.event_date - today).days
    created = booking.created_at.astimezone(ZoneInfo(booking.timezone)).date()
    for ahead, until in ((1, 0), (7, 1)):
        opened = booking.event_date - timedelta(days=ahead)
        if until < days <= ahead and created <= opened:
            return ahead
    return None


def _upcoming(platform: Platform, now: datetime) -> list[Booking]:
    lower = now.date().isoformat()
    upper = (now + timedelta(days=max(EVENT_DAYS) + 1)).date().isoformat()
    docs = platform.store.query(
        BOOKINGS,
        [Filter.eq("status", BookingStatus.CONFIRMED.value), Filter("event_date", Op.GE, lower),
         Filter("event_date", Op.LE, upper)],
        order_by=BY_DATE,  # the (status, event_date, start) index
    )  # fmt: skip
    return [from_record(d.id, d.data) for d in docs]


def _balance_url(platform: Platform, booking: Booking) -> str | None:
    """The balance link (a Stripe Payment Link does not expire; the same link the balance
    request sends later, by its idempotency key)."""
    owed = due_cents(booking)
    if not owed:
        return None
    link = platform.adapter(PAYMENTS).balance_link(
        CheckoutRequest(
            booking_id=booking.id,
            purpose="balance",
            amount_cents=owed,
            label=f"Balance for booking {booking.id}",
            email=booking.contact.email,
        )
    )
    return link.url


def _stage_once(
    platform: Platform,
    sent_id: str,
    booking: Booking,
    kind: str,
    text: tuple[str, str],
    now: datetime,
    *,
    marketing_to: str | None = None,
) -> bool:
    """`marketing_to`: the customer a marketing message is for; it goes only where they
    gave a consent still standing (an event's reminders are about their booking)."""

    def attempt(tx: Transaction) -> bool:
        if tx.get(SENT, sent_id) is not None:
            return False
        thread = notices.origin_thread(tx, booking)
        if marketing_to is not None and not _consented(tx, marketing_to, booking, thread):
            return False
        tx.create(SENT, sent_id, {"booking_id": booking.id, "kind": kind, "at": now})
        notices.stage(tx, booking, thread, kind, text, now)
        return True

    staged: bool = platform.store.run_transaction(attempt)
    return staged


def _consented(
    tx: Transaction, customer_id: str, booking: Booking, thread: dict[str, Any] | None
) -> bool:
    to = notices.recipient(booking, thread)
    if to is None or to.channel not in ("sms", "email"):  # no consent is recorded elsewhere
        return False
    record = consent.parse(tx.get(consent.CONSENTS, customer_id), customer_id)
    return consent.refusal(record, to.channel, to.to) is None


def remind_events(platform: Platform, now: datetime) -> list[str]:
    sent = []
    for booking in _upcoming(platform, now):
        ahead = event_due(booking, now)
        if ahead is None or platform.store.get(SENT, f"event{ahead}-{booking.id}"):
            continue
        url = _balance_url(platform, booking)
        text = messages.event_reminder(booking, ahead, url, due_cents(booking))
        if _stage_once(
            platform, f"event{ahead}-{booking.id}", booking, f"remind{ahead}", text, now
        ):
            sent.append(f"event{ahead}-{booking.id}")
    return sent


def next_occurrence(day: date, today: date) -> date:
    """The date's next anniversary on or after today (Feb 29 falls on Feb 28)."""
    for year in (today.year, today.year + 1):
        try:
            candidate = day.replace(year=year)
        except ValueError:
            candidate = date(year, 2, 28)
        if candidate >= today:
            return candidate
    raise AssertionError("unreachable")


def date_due(day: date, today: date) -> date | None:
    """The occurrence a reminder is due for: 14 days ahead, or up to a week late."""
    upcoming = next_occurrence(day, today)
    days = (upcoming - today).days
    return upcoming if DATE_DAYS - DATE_WINDOW < days <= DATE_DAYS else None


def _last_booking(platform: Platform, customer_id: str) -> Booking | None:
    docs = platform.store.query(
        BOOKINGS,
        [Filter.eq("customer_id", customer_id), Filter.eq("status", BookingStatus.COMPLETED.value)],
    )
    done = sorted((from_record(d.id, d.data) for d in docs), key=lambda b: b.end)
    return done[-1] if done else None


def remind_dates(platform: Platform, now: datetime) -> list[str]:
    """Past customers' remembered dates, on the channel of their last completed booking,
    to those who agreed to marketing there (a "book again?" is marketing)."""
    sent = []
    for doc in platform.store.query(CUSTOMERS):
        remembered = memory.Memory.model_validate(doc.data.get("memory") or {})
        booking = _last_booking(platform, doc.id) if remembered.important_dates else None
        if booking is None:
            continue
        for occasion, day in remembered.important_dates.items():
            upcoming = date_due(day, _local_today(booking, now))
            if upcoming is None:
                continue
            sent_id = stable_id("date", doc.id, occasion, upcoming.isoformat())
            if platform.store.get(SENT, sent_id):
                continue
            code = referrals.code_for(platform.store, doc.id, now)
            text = messages.date_reminder(occasion, upcoming, code)
            kind = f"date-{sent_id[:12]}"
            if _stage_once(platform, sent_id, booking, kind, text, now, marketing_to=doc.id):
                sent.append(sent_id)
    return sent
