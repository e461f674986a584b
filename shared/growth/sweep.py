"""The lifecycle's scheduled runs: each one idempotent, so overlapping or repeated runs
send nothing twice and a missed run is caught up by the next inside each window."""

from __future__ import annotations

from pydantic import BaseModel

from shared.growth import completed, reminders, reviews
from shared.payments import notices
from shared.platform.services import Platform


class AfterEventReport(BaseModel):
    review_requests: list[str]
    rewarded: list[str]
    notices_queued: int


class ReminderReport(BaseModel):
    event_reminders: list[str]
    date_reminders: list[str]
    notices_queued: int


def after_events(platform: Platform) -> AfterEventReport:
    """Every 15 minutes: review requests for events just ended; rewards for completed ones."""
    now = platform.clock.now()
    asked = reviews.ask_due(platform, now)
    rewarded = [
        b.id
        for b in completed.recently_completed(platform, now)
        if completed.reward(platform, b, now)
    ]
    return AfterEventReport(
        review_requests=asked, rewarded=rewarded, notices_queued=notices.flush(platform)
    )


def send_reminders(platform: Platform) -> ReminderReport:
    now = platform.clock.now()
    events = reminders.remind_events(platform, now)
    dates = reminders.remind_dates(platform, now)
    return ReminderReport(
        event_reminders=events, date_reminders=dates, notices_queued=notices.flush(platform)
    )
