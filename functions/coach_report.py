"""Scheduled 02:00 daily: yesterday's AI coach report, stored and sent to the owner."""

from functions._app.entry import InternalCall
from shared.learning.coach.daily import CoachRun, run


def handle(call: InternalCall) -> CoachRun:
    return run(call.platform)
