"""Scheduled hourly: mirror the Google Business Profile's reviews for staff."""

from functions._app.entry import InternalCall
from shared.growth.google_reviews import SyncReport, sync


def handle(call: InternalCall) -> SyncReport:
    return sync(call.platform)
