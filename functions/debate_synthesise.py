"""Pub/Sub `debate-synthesis`: the judge's synthesis, checked by the validator, stored."""

from functions._app.entry import EventCall
from shared.ai.debate.records import RoundEvent
from shared.ai.debate.synthesis import synthesise
from shared.platform.http import parse


def handle(call: EventCall) -> None:
    synthesise(call.platform, parse(RoundEvent, call.event.payload, "message.data"))
