"""Task `outbound`: deliver one reply on its channel (retried with backoff, deduplicated)."""

from functions._app.entry import InternalCall
from shared.channels.outbound import OutboundMessage, OutboundResult, deliver
from shared.platform.http import parse


def handle(call: InternalCall) -> OutboundResult:
    return deliver(call.platform, parse(OutboundMessage, call.payload))
