"""GET /admin-ai-config: the current AI configuration and its versions, or ?diff=a,b;
POST {config, note}: publish a new version (201); POST {version}: roll back to it (200)."""

from shared.ai.config.admin import (
    AIConfigQuery,
    AIConfigState,
    RollbackRequest,
    apply,
    change_of,
    read,
)
from shared.ai.config.diff import ConfigDiff
from shared.platform.http import HttpCall, Reply


def handle(call: HttpCall) -> AIConfigState | ConfigDiff | Reply:
    store = call.platform.store
    if call.method == "GET":
        return read(store, call.query(AIConfigQuery))
    change = change_of(call.json())
    answer = apply(store, change, actor=call.actor, now=call.platform.clock.now())
    return Reply(answer, status=200 if isinstance(change, RollbackRequest) else 201)
