"""Scheduled 03:30 nightly: tag recent conversations and their losses and objections."""

from functions._app.entry import InternalCall
from shared.analytics.tagging.job import TagRun, run


def handle(call: InternalCall) -> TagRun:
    return run(call.platform)
