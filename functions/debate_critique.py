"""Pub/Sub `debate-critiques`: one critique round, each panelist answering the others."""

from functions._app.entry import EventCall
from shared.ai.debate.records import RoundEvent
from shared.ai.debate.rounds import critique
from shared.platform.http import parse


def handle(call: EventCall) -> None:
    critique(call.platform, parse(RoundEvent, call.event.payload, "message.data"))
