"""GET /chat-history?thread_id=&session_id=&after_seq=: new messages for the web widget."""

from shared.conversation.admin import VisitorHistory, VisitorHistoryQuery, visitor_history
from shared.platform.http import HttpCall


def handle(call: HttpCall) -> VisitorHistory:
    return visitor_history(call.platform, call.query(VisitorHistoryQuery))
