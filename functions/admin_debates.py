"""GET /admin-debates: debates (?thread_id, or ?id with every entry); POST {action:
"request", message_id | question}: ask for one; POST {action: "approve", ...}: approve a
synthesis into the knowledge base or the FAQ cache (audited)."""

from shared.ai.debate.admin import DebateAction, DebateList, DebateQuery, read, request
from shared.ai.debate.approval import Approve, approve
from shared.ai.debate.records import Debate
from shared.platform.http import HttpCall, Reply


def handle(call: HttpCall) -> Debate | DebateList | Reply:
    platform = call.platform
    if call.method == "GET":
        return read(platform, call.query(DebateQuery))
    action = call.body(DebateAction).root
    if isinstance(action, Approve):
        return approve(platform, action, call.actor)
    return Reply(request(platform, action, call.actor), status=202)
