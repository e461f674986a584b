"""Scheduled daily: complete yesterday's events and send each customer a balance link."""

from functions._app.entry import InternalCall
from shared.payments.balance import BalanceReport, request_balances


def handle(call: InternalCall) -> BalanceReport:
    return request_balances(call.platform)
