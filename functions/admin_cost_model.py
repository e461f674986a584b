"""GET /admin-cost-model: the current cost model and its versions; POST {costs, note}:
publish a new version (201); POST {version}: roll back to it (200)."""

from shared.analytics.cost_admin import CostModelState, RollbackRequest, apply, change_of, state
from shared.platform.http import HttpCall, Reply


def handle(call: HttpCall) -> CostModelState | Reply:
    store = call.platform.store
    if call.method == "GET":
        return state(store)
    change = change_of(call.json())
    answer = apply(store, change, actor=call.actor, now=call.platform.clock.now())
    return Reply(answer, status=200 if isinstance(change, RollbackRequest) else 201)
