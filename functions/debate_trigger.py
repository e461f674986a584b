"""Pub/Sub `conversation-turns`: ask for a debate when the turn's knowledge search was
unsure or the validator blocked its reply."""

from functions._app.entry import EventCall
from shared.ai.debate.trigger import consider


def handle(call: EventCall) -> None:
    consider(call.platform, call.event)
