"""Task `campaigns`: send one campaign message to one recipient, at most once."""

from functions._app.entry import InternalCall
from functions.manifest import QUEUES_BY_NAME
from shared.marketing.sending import QUEUE, SendOutcome, SendTask, send
from shared.platform.http import parse


def handle(call: InternalCall) -> SendOutcome:
    last = call.retry_count + 1 >= QUEUES_BY_NAME[QUEUE].max_attempts
    return send(call.platform, parse(SendTask, call.payload), last_attempt=last)
