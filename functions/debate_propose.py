"""Pub/Sub `debate-requested`: open the debate and collect the panel's proposals."""

from functions._app.entry import EventCall
from shared.ai.debate.records import DebateRequest
from shared.ai.debate.rounds import open_and_propose
from shared.platform.http import parse


def handle(call: EventCall) -> None:
    open_and_propose(call.platform, parse(DebateRequest, call.event.payload, "message.data"))
