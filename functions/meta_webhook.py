"""Meta webhook for WhatsApp, Messenger and Instagram: the verify handshake (GET) and
signed deliveries (POST), each customer message stored once and published for the AI."""

from shared.channels.meta import signature
from shared.channels.meta.inbound import receive
from shared.channels.meta.payload import Handshake, MetaWebhook, WebhookAck
from shared.platform.http import HttpCall, Reply, parse


def handle(call: HttpCall) -> Reply | WebhookAck:
    secrets = call.platform.secrets
    if call.method == "GET":
        handshake = call.query(Handshake).model_dump(by_alias=True)
        challenge = signature.challenge(secrets, handshake)
        # Meta compares the echoed challenge byte for byte: plain text, not JSON.
        return Reply(challenge, headers={"Content-Type": "text/plain; charset=utf-8"})
    body = call.raw()
    signature.verify(secrets, body, call.request.headers.get(signature.SIGNATURE_HEADER))
    return receive(call.platform, parse(MetaWebhook, call.json()))
