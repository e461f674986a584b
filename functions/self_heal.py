"""Scheduled 02:00 daily: find what went wrong in recent turns and propose replayed fixes."""

from functions._app.entry import InternalCall
from shared.learning.healing.records import Run
from shared.learning.healing.run import heal


def handle(call: InternalCall) -> Run:
    return heal(call.platform)
