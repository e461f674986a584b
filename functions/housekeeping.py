"""Scheduled 03:00 daily: purge what every retention rule says has expired."""

from shared.platform.entry import InternalCall
from shared.platform.housekeeping import HousekeepingReport, run


def handle(call: InternalCall) -> HousekeepingReport:
    from shared.retention import RULES

    return run(call.platform, RULES)
