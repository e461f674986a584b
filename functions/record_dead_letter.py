"""Pub/Sub `dead-letters`: store each dead-lettered message for staff."""

from functions._app.entry import EventCall
from shared.platform.deadletters import record_forwarded


def handle(call: EventCall) -> None:
    record_forwarded(call.platform.store, call.event, now=call.platform.clock.now())
