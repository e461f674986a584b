"""Pub/Sub `conversation-turns`: re-run the turn on the other model and store the pair."""

from functions._app.entry import EventCall
from shared.learning.shadow import embedding_similarity, score


def handle(call: EventCall) -> None:
    score(call.platform, call.event, embedding_similarity())
