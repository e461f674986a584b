"""GET /admin-conversations: threads (escalated first) or one transcript with its traces;
POST: take over, reply as staff, or release back to the AI."""

from shared.channels.staff import apply
from shared.conversation.admin import ConversationAction, ThreadQuery, read
from shared.platform.http import HttpCall


def handle(call: HttpCall) -> object:
    if call.method == "GET":
        return read(call.platform, call.query(ThreadQuery))
    return apply(call.platform, call.body(ConversationAction).root, call.actor)
