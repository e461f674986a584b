"""Pub/Sub `dead-letters`: store each dead-lettered message for staff."""

from shared.platform.deadletters import record_forwarded
from shared.platform.entry import EventCall


def handle(call: EventCall) -> None:
    record_forwarded(call.platform.store, call.event, now=call.platform.clock.now())
