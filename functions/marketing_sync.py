"""Scheduled nightly: upload paid deposits as ad conversions, snapshot Google Ads, Search
Console and GA4, propose changes for staff to approve."""

from functions._app.entry import InternalCall
from shared.ads.sync import SyncRun, sync


def handle(call: InternalCall) -> SyncRun:
    return sync(call.platform)
