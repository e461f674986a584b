"""Scheduled hourly in the day: event reminders (7 and 1 days) and remembered dates."""

from functions._app.entry import InternalCall
from shared.growth.sweep import ReminderReport, send_reminders


def handle(call: InternalCall) -> ReminderReport:
    return send_reminders(call.platform)
