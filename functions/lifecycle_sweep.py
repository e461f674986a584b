"""Scheduled every 15 minutes: review requests after events, rewards after completion."""

from functions._app.entry import InternalCall
from shared.growth.sweep import AfterEventReport, after_events


def handle(call: InternalCall) -> AfterEventReport:
    return after_events(call.platform)
