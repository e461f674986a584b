"""POST /stripe-webhook: Stripe events, verified on the raw body and applied once each."""

from shared.payments.webhook import WebhookAck, receive
from shared.platform.http import HttpCall


def handle(call: HttpCall) -> WebhookAck:
    return receive(call.platform, call.raw(), call.request.headers.get("Stripe-Signature"))
