"""Inbound email from the mail provider's webhook (JSON, or SendGrid Inbound Parse form
fields), authenticated by a shared token and accepted into the sender's thread."""

from typing import Any

from shared.channels.email import auth
from shared.channels.email.inbound import receive
from shared.channels.email.models import EmailAck, InboundEmail
from shared.platform.http import HttpCall, parse

_FORMS = ("multipart/form-data", "application/x-www-form-urlencoded")


def handle(call: HttpCall) -> EmailAck:
    auth.check(call.platform.secrets, call.request.headers.get("Authorization"))
    return receive(call.platform, parse(InboundEmail, _fields(call)))


def _fields(call: HttpCall) -> Any:
    if call.request.mimetype in _FORMS:
        return call.form()
    return call.json()
