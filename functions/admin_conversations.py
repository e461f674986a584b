"""GET /admin-conversations: threads (escalated first) or one transcript with its traces;
POST: take over, reply as staff (kept as a correction of the AI reply it follows), or
release back to the AI."""

from shared.channels.staff import apply
from shared.conversation.admin import ConversationAction, ThreadQuery, read
from shared.platform.http import HttpCall


def handle(call: HttpCall) -> object:
    if call.method == "GET":
        return read(call.platform, call.query(ThreadQuery))
    action = call.body(ConversationAction).root
    transcript = apply(call.platform, action, call.actor)
    if action.action == "reply":  # a staff reply after an AI reply corrects it
        from shared.learning.feedback import record_correction  # only replies need it

        record_correction(
            call.platform.store,
            transcript.thread.channel,
            transcript.messages,
            now=call.platform.clock.now(),
        )
    return transcript
