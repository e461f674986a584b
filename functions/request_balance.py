"""Scheduled daily: complete yesterday's events and send each customer a balance link."""

from shared.payments.balance import BalanceReport, request_balances
from shared.platform.entry import InternalCall


def handle(call: InternalCall) -> BalanceReport:
    return request_balances(call.platform)
