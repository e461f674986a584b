"""Scheduled 03:00 daily: purge what every retention rule says has expired."""

from functions._app.entry import InternalCall
from shared.platform.housekeeping import HousekeepingReport, run


def handle(call: InternalCall) -> HousekeepingReport:
    from functions._app.retention import RULES

    return run(call.platform, RULES)
