"""POST /ringcentral-webhook: verified RingCentral SMS and call notifications."""

from shared.channels.sms.webhook import RingCentralAck, receive
from shared.platform.http import HttpCall, Reply


def handle(call: HttpCall) -> Reply | RingCentralAck:
    return receive(call)
