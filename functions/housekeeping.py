"""Scheduled 03:00 daily: purge expired idempotency keys, buckets and finished tasks."""

from shared.platform.entry import InternalCall
from shared.platform.housekeeping import HousekeepingReport, run


def handle(call: InternalCall) -> HousekeepingReport:
    return run(call.platform)
