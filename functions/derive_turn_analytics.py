"""Pub/Sub `conversation-turns`: publish the turn's analytics events."""

from functions._app.entry import EventCall
from shared.analytics.turns import publish_turn


def handle(call: EventCall) -> None:
    publish_turn(call.platform, call.event)
