"""GET /admin-outbox?thread_id=&channel=&to=: outbound messages and what became of them."""

from shared.channels.outbox import OutboxPage, OutboxQuery, read
from shared.platform.http import HttpCall


def handle(call: HttpCall) -> OutboxPage:
    return read(call.platform.store, call.query(OutboxQuery))
